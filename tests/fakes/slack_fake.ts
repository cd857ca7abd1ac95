/**
 * A local stand-in for Slack's Web API, speaking its wire protocol: POST
 * `/api/{method}` with a bearer bot token (or HTTP basic client credentials
 * for `oauth.v2.access`), arguments as JSON or form-encoded, answers
 * `{ ok: true, ... }` or `{ ok: false, error }` with status 200. It records
 * every call and keeps the messages it was sent, so tests read what a Slack
 * channel would show. Point `SLACK_API_URL` at `url`.
 *
 * History as Slack serves it: `conversations.history` lists a channel's top-level messages newest first,
 * `conversations.replies` a thread (its parent first, then the replies in order); both take `oldest` /
 * `latest` (exclusive unless `inclusive`), `limit` and `cursor` (`response_metadata.next_cursor`, with
 * `has_more`), and show a message's `metadata` (`event_type`, `event_payload`) only with
 * `include_all_metadata`. A message's `ts` is the time it was posted (seconds, six decimals, increasing).
 *
 * @module
 */

/** One call as the fake received it. */
export interface SlackCall {
  method: string;
  token: string | null;
  args: Record<string, unknown>;
}

/** A message as the channel holds it. */
export interface SlackMessage {
  channel: string;
  ts: string;
  text: string;
  blocks?: Array<Record<string, unknown>>;
  thread_ts?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  edits: number;
}

/** The fake's handle. */
export interface SlackFake {
  /** The Web API base URL (`SLACK_API_URL`). */
  url: string;
  calls: SlackCall[];
  messages: SlackMessage[];
  /** Slack users: id -> email. */
  users: Map<string, string>;
  readonly botToken: string;
  readonly botUserId: string;
  readonly teamId: string;
  /**
   * Called with each message posted, once Slack holds it and before the poster has its answer: a test kills
   * the poster there (a post whose answer a crash lost). The answer waits for the returned promise.
   */
  onPost: ((m: SlackMessage) => Promise<void> | void) | null;
  /** Answers the next calls of `method` with `{ ok: false, error }`. */
  failNext(method: string, error: string, times?: number): void;
  close(): Promise<void>;
}

/** Starts the fake on 127.0.0.1 and a free port. */
export function startSlackFake(opts: { clientId?: string; clientSecret?: string; code?: string } = {}): SlackFake {
  const calls: SlackCall[] = [];
  const messages: SlackMessage[] = [];
  const users = new Map<string, string>();
  const failures = new Map<string, { error: string; times: number }>();
  const botToken = "xoxb-1111-2222-fake";
  const oauthToken = "xoxb-3333-4444-oauth";
  const botUserId = "UBOT00001";
  const teamId = "T0FAKE001";
  const channels = [
    { id: "C0SUPPORT", name: "support", is_private: false },
    { id: "G0PRIVATE", name: "vip-support", is_private: true },
  ];
  // Microseconds since the epoch, strictly increasing: two posts in the same microsecond still differ.
  let lastMicros = 0;
  const nextTs = () => {
    lastMicros = Math.max(lastMicros + 1, Date.now() * 1000);
    return (lastMicros / 1e6).toFixed(6);
  };
  const bool = (v: unknown) => v === true || v === "true" || v === "1" || v === 1;
  // Only the bot posts through the Web API here, so every message is the bot's.
  const shown = (m: SlackMessage, withMetadata: boolean) => ({
    type: "message",
    user: botUserId,
    bot_id: "B0FAKE001",
    ts: m.ts,
    text: m.text,
    ...(m.blocks ? { blocks: m.blocks } : {}),
    ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
    ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
  });
  /** One page of a history method: `list` in the order Slack serves it, filtered by time, then paged. */
  const page = (list: SlackMessage[], args: Record<string, unknown>) => {
    const inclusive = bool(args.inclusive);
    const oldest = args.oldest !== undefined ? Number(args.oldest) : -Infinity;
    const latest = args.latest !== undefined ? Number(args.latest) : Infinity;
    const inRange = list.filter((m) => {
      const t = Number(m.ts);
      return (inclusive ? t >= oldest : t > oldest) && (inclusive ? t <= latest : t < latest);
    });
    const limit = Math.min(Math.max(Number(args.limit ?? 100) || 100, 1), 999);
    const start = args.cursor ? Number(atob(String(args.cursor)).replace(/^next:/, "")) : 0;
    if (!Number.isInteger(start) || start < 0) return null;
    const items = inRange.slice(start, start + limit);
    const more = start + limit < inRange.length;
    return {
      messages: items.map((m) => shown(m, bool(args.include_all_metadata))),
      has_more: more,
      response_metadata: { next_cursor: more ? btoa(`next:${start + limit}`) : "" },
    };
  };
  const ok = (body: Record<string, unknown>) => Response.json({ ok: true, ...body });
  const err = (error: string) => Response.json({ ok: false, error });

  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, async (req) => {
    const method = new URL(req.url).pathname.replace(/^\/api\//, "");
    const type = req.headers.get("content-type") ?? "";
    const text = await req.text();
    const args: Record<string, unknown> = type.startsWith("application/json")
      ? JSON.parse(text || "{}")
      : Object.fromEntries(new URLSearchParams(text));
    const auth = req.headers.get("authorization") ?? "";
    const token = auth.startsWith("Bearer ") ? auth.slice(7) : null;
    calls.push({ method, token, args });
    const failure = failures.get(method);
    if (typeof args.metadata === "string") args.metadata = JSON.parse(args.metadata); // form-encoded: a JSON string
    if (failure && failure.times > 0) {
      failure.times--;
      return err(failure.error);
    }
    if (method === "oauth.v2.access") {
      const [id, secret] = atob(auth.replace(/^Basic /, "")).split(":");
      if (id !== opts.clientId || secret !== opts.clientSecret) return err("invalid_client_id");
      if (args.code !== (opts.code ?? "good-code")) return err("invalid_code");
      return ok({
        access_token: oauthToken,
        token_type: "bot",
        scope: "chat:write",
        bot_user_id: botUserId,
        app_id: "A0FAKE",
        team: { id: teamId, name: "Fake Team" },
        authed_user: { id: "U0ADA0001" },
      });
    }
    if (token !== botToken && token !== oauthToken) return err(token ? "invalid_auth" : "not_authed");
    switch (method) {
      case "auth.test":
        return ok({
          url: "https://fake.slack.com/",
          team: "Fake Team",
          user: "frontdesk",
          team_id: teamId,
          user_id: botUserId,
          bot_id: "B0FAKE001",
        });
      case "conversations.list":
        return ok({ channels, response_metadata: { next_cursor: "" } });
      case "users.info": {
        const email = users.get(String(args.user));
        if (!email) return err("user_not_found");
        return ok({ user: { id: args.user, profile: { email } } });
      }
      case "chat.postMessage": {
        const channel = String(args.channel);
        if (!channels.some((c) => c.id === channel)) return err("channel_not_found");
        const m: SlackMessage = {
          channel,
          ts: nextTs(),
          text: String(args.text ?? ""),
          blocks: args.blocks as SlackMessage["blocks"],
          ...(args.thread_ts ? { thread_ts: String(args.thread_ts) } : {}),
          ...(args.metadata ? { metadata: args.metadata as SlackMessage["metadata"] } : {}),
          edits: 0,
        };
        messages.push(m);
        await fake.onPost?.(m);
        return ok({ channel, ts: m.ts, message: shown(m, true) });
      }
      case "conversations.history": {
        const channel = String(args.channel);
        if (!channels.some((c) => c.id === channel)) return err("channel_not_found");
        const top = messages.filter((m) => m.channel === channel && (!m.thread_ts || m.thread_ts === m.ts)).reverse();
        const out = page(top, args);
        return out ? ok({ ...out, pin_count: 0 }) : err("invalid_cursor");
      }
      case "conversations.replies": {
        const channel = String(args.channel);
        if (!channels.some((c) => c.id === channel)) return err("channel_not_found");
        const parent = messages.find((m) => m.channel === channel && m.ts === args.ts);
        if (!parent) return err("thread_not_found");
        const thread = [parent, ...messages.filter((m) => m.channel === channel && m.thread_ts === parent.ts)];
        const out = page(thread, args);
        return out ? ok(out) : err("invalid_cursor");
      }
      case "chat.update": {
        const m = messages.find((x) => x.channel === args.channel && x.ts === args.ts);
        if (!m) return err("message_not_found");
        m.text = String(args.text ?? m.text);
        m.blocks = (args.blocks as SlackMessage["blocks"]) ?? m.blocks;
        m.edits++;
        return ok({ channel: m.channel, ts: m.ts, text: m.text });
      }
      default:
        return err("unknown_method");
    }
  });
  const fake: SlackFake = {
    url: `http://127.0.0.1:${server.addr.port}/api`,
    onPost: null,
    calls,
    messages,
    users,
    botToken,
    botUserId,
    teamId,
    failNext(method, error, times = 1) {
      failures.set(method, { error, times });
    },
    close: () => server.shutdown(),
  };
  return fake;
}
