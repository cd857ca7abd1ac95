/**
 * A local stand-in for Slack's Web API, speaking its wire protocol: POST
 * `/api/{method}` with a bearer bot token (or HTTP basic client credentials
 * for `oauth.v2.access`), arguments as JSON or form-encoded, answers
 * `{ ok: true, ... }` or `{ ok: false, error }` with status 200. It records
 * every call and keeps the messages it was sent, so tests read what a Slack
 * channel would show. Point `SLACK_API_URL` at `url`.
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
  let clock = 1_767_225_600;
  const nextTs = () => `${++clock}.000100`;
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
          edits: 0,
        };
        messages.push(m);
        return ok({ channel, ts: m.ts, message: { text: m.text, ts: m.ts } });
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
  return {
    url: `http://127.0.0.1:${server.addr.port}/api`,
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
}
