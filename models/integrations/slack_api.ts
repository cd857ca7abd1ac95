/**
 * A small client of Slack's Web API: the handful of methods Frontdesk calls.
 *
 * Why not `@slack/web-api`: it sends through axios and Node's http agent, so its requests cannot go through
 * `lib/safe_fetch.ts` (every outgoing URL is checked, the Slack base URL is configurable for tests), and it
 * brings a retry queue we do not want under the listener runner's own retries. The protocol is plain: a POST
 * to `{SLACK_API_URL}/{method}` with `Authorization: Bearer <bot token>`, JSON (write methods) or form-encoded
 * arguments, and an answer `{ ok: true, ... }` or `{ ok: false, error: "<code>" }` with status 200;
 * rate limits answer 429 with `Retry-After`.
 *
 * @module
 */
import { safeFetch } from "../../lib/safe_fetch.ts";
import type { Config } from "../../lib/config.ts";

/** A Slack method that answered `ok: false` (its `error` code), or the call failed. */
export class SlackApiError extends Error {
  constructor(readonly code: string, message = `Slack answered "${code}".`) {
    super(message);
    this.name = "SlackApiError";
  }
}

/** A Block Kit block (only the shapes we build). */
export type Block = Record<string, unknown>;

/**
 * A message's `metadata` (Slack's message metadata: an `event_type` and a free-form `event_payload`). Not shown
 * to people; read back with `include_all_metadata`. We mark what we post with it so a post whose answer a crash
 * lost can be found in the channel instead of being posted again (Slack's Web API has no idempotency key).
 */
export interface SlackMetadata {
  event_type: string;
  event_payload: Record<string, string | number | boolean>;
}

/** A Slack `ts` for a time (seconds with six decimals): the bound of a history search. */
export function slackTs(at: Date): string {
  return (at.getTime() / 1000).toFixed(6);
}

/** One channel of `conversations.list`. */
export interface SlackChannel {
  id: string;
  name: string;
  isPrivate: boolean;
}

// Methods whose arguments Slack takes as JSON; the rest are form-encoded, which every method accepts.
const JSON_METHODS = new Set(["chat.postMessage", "chat.update"]);

/** Calls Slack's Web API as one bot. */
export class SlackApi {
  constructor(private config: Config, private token?: string) {}

  /** Calls `method`; throws {@linkcode SlackApiError} unless Slack says `ok`. */
  async call<T = Record<string, unknown>>(
    method: string,
    args: Record<string, unknown>,
    auth?: { basic: string },
  ): Promise<T & { ok: true }> {
    const url = `${this.config.slack.apiUrl}/${method}`;
    const headers: Record<string, string> = {};
    if (auth) headers.authorization = `Basic ${auth.basic}`;
    else if (this.token) headers.authorization = `Bearer ${this.token}`;
    let body: string;
    if (JSON_METHODS.has(method)) {
      headers["content-type"] = "application/json; charset=utf-8";
      body = JSON.stringify(args);
    } else {
      headers["content-type"] = "application/x-www-form-urlencoded";
      const form = new URLSearchParams();
      for (const [k, v] of Object.entries(args)) {
        if (v !== undefined) form.set(k, typeof v === "string" ? v : JSON.stringify(v));
      }
      body = form.toString();
    }
    let res: Response;
    try {
      ({ response: res } = await safeFetch(url, { method: "POST", headers, body, redirect: "error" }, {
        allowLoopback: this.config.fetchAllowLoopback,
        timeoutMs: 10_000,
      }));
    } catch (err) {
      throw new SlackApiError("unreachable", `Slack could not be reached: ${(err as Error).message}`);
    }
    if (res.status === 429) {
      await res.body?.cancel();
      throw new SlackApiError(
        "ratelimited",
        `Slack rate-limited the call (retry after ${res.headers.get("retry-after") ?? "?"} s).`,
      );
    }
    const data = await res.json().catch(() => null) as { ok?: boolean; error?: string } | null;
    if (!data) throw new SlackApiError("bad_response", `Slack answered ${res.status} without JSON.`);
    if (!data.ok) throw new SlackApiError(data.error ?? "unknown_error");
    return data as T & { ok: true };
  }

  /** `auth.test`: whose token this is. */
  authTest() {
    return this.call<{ team_id: string; team: string; user_id: string; bot_id?: string }>("auth.test", {});
  }

  /** `oauth.v2.access`: trades an install's code for a bot token (client credentials as HTTP basic auth). */
  oauthAccess(clientId: string, clientSecret: string, code: string, redirectUri: string) {
    return this.call<{
      access_token: string;
      bot_user_id?: string;
      team: { id: string; name?: string };
    }>("oauth.v2.access", { code, redirect_uri: redirectUri }, { basic: btoa(`${clientId}:${clientSecret}`) });
  }

  /** `conversations.list`: the channels the bot can post to (public and private), every page. */
  async channels(): Promise<SlackChannel[]> {
    const out: SlackChannel[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const r = await this.call<{
        channels: Array<{ id: string; name: string; is_private?: boolean }>;
        response_metadata?: { next_cursor?: string };
      }>("conversations.list", {
        types: "public_channel,private_channel",
        exclude_archived: "true",
        limit: "200",
        ...(cursor ? { cursor } : {}),
      });
      out.push(...r.channels.map((c) => ({ id: c.id, name: c.name, isPrivate: !!c.is_private })));
      cursor = r.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
    return out;
  }

  /** `chat.postMessage`: posts, answering where (`channel`, `ts`). */
  postMessage(
    args: { channel: string; text: string; blocks?: Block[]; thread_ts?: string; metadata?: SlackMetadata },
  ) {
    return this.call<{ channel: string; ts: string }>("chat.postMessage", { ...args, unfurl_links: false });
  }

  /**
   * The `ts` of a message posted since `oldest` whose metadata is `eventType` with `event_payload[key]` =
   * `value`, or null: in the channel's history (`conversations.history`, top-level messages only) or, with
   * `threadTs`, in that thread (`conversations.replies`). Pages newest first, at most `maxPages` of 200.
   */
  async findByMetadata(
    where: { channel: string; threadTs?: string; oldest: string },
    match: { eventType: string; key: string; value: string },
    maxPages = 10,
  ): Promise<string | null> {
    const method = where.threadTs ? "conversations.replies" : "conversations.history";
    let cursor: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const r = await this.call<{
        messages?: Array<{ ts: string; metadata?: Partial<SlackMetadata> }>;
        response_metadata?: { next_cursor?: string };
      }>(method, {
        channel: where.channel,
        ...(where.threadTs ? { ts: where.threadTs } : {}),
        oldest: where.oldest,
        include_all_metadata: "true",
        limit: "200",
        ...(cursor ? { cursor } : {}),
      });
      const hit = (r.messages ?? []).find((m) =>
        m.metadata?.event_type === match.eventType && String(m.metadata.event_payload?.[match.key]) === match.value
      );
      if (hit) return hit.ts;
      cursor = r.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
    return null;
  }

  /** `chat.update`: edits a message the bot posted. */
  update(args: { channel: string; ts: string; text: string; blocks?: Block[] }) {
    return this.call<{ channel: string; ts: string }>("chat.update", args);
  }

  /** `users.info`: a Slack user's profile; the email needs the `users:read.email` scope. */
  async userEmail(user: string): Promise<string | null> {
    const r = await this.call<{ user: { profile?: { email?: string } } }>("users.info", { user });
    return r.user.profile?.email?.toLowerCase() ?? null;
  }
}
