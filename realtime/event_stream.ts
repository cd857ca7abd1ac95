/**
 * The event stream socket (`/api/events/ws`): a workspace's events, from the durable log, as they are
 * committed, to an integrator holding an API key. It resumes from a cursor like the chat sockets resume
 * from a `seq`: everything after it, in order, then live; nothing lost, nothing twice.
 *
 * Frames are JSON text. Client: `hello` (`key` unless the upgrade carried `Authorization: Bearer`, and
 * `after`, a cursor), `ping`. Server: `welcome` (`cursor`: where the stream starts), `event` (`event`, in the
 * feed's shape, with its `cursor`), `pong`, `error` (`code`, `message`). A key that is invalid, revoked, or
 * whose creator left closes the socket with 4401.
 *
 * Following the log: the log's live hand-off (this process's commits) wakes the stream, which then reads
 * the log after its cursor (one indexed query, `events (workspace_id, position)`); a slow poll catches
 * events other processes wrote. Reading rather than forwarding the handed events keeps one path for
 * catch-up and live, so order and gaps need no second thought.
 *
 * @module
 */
import { seesInternalNotes } from "../models/accounts/user.ts";
import type { ApiPrincipal } from "../models/api_keys/api_keys.ts";
import { authenticateApiKey, isLive } from "../models/api_keys/api_keys.ts";
import { onWorkspaceEvents, readFeed } from "../models/events/feed.ts";
import { decodeCursor, encodeCursor, eventJson } from "../models/events/wire.ts";
import type { Deps } from "../models/ports/deps.ts";
import { apiKeyTopic } from "../models/ports/live_bus.ts";
import type { Transport } from "./socket.ts";

/** The stream's timings. */
export const STREAM = {
  /** Read the log this often even without a local commit (other processes' events). */
  pollMs: 2_000,
  /** Re-check the key this often (a revocation on another instance, a creator removed). */
  recheckMs: 15_000,
  /** Clients ping at least this often; silent sockets are dropped after 2.5 times that. */
  heartbeatMs: 25_000,
  /** Largest client frame. */
  maxFrameBytes: 4096,
  /** Events read per query. */
  page: 200,
} as const;

/** One event stream socket. */
export class EventStreamSession {
  #principal: ApiPrincipal | null = null;
  #cursor = 0;
  #pulling = false;
  #again = false;
  #closed = false;
  #lastHeard = performance.now();
  #stops: Array<() => void> = [];
  #timer: ReturnType<typeof setInterval>;

  /** `principal`: from the upgrade's `Authorization` header (else the `hello` frame must carry the key). */
  constructor(
    private deps: Deps,
    private transport: Transport,
    principal: ApiPrincipal | null,
    private after: string | undefined,
  ) {
    let ticks = 0;
    this.#timer = setInterval(() => {
      if (performance.now() - this.#lastHeard > STREAM.heartbeatMs * 2.5) return this.close(4000, "heartbeat timeout");
      if (!this.#principal) return;
      this.#pull();
      if (++ticks % Math.round(STREAM.recheckMs / STREAM.pollMs) === 0) this.#recheck();
    }, STREAM.pollMs);
    if (principal) this.#start(principal, after);
  }

  /** A frame from the client. */
  receive(data: unknown): void {
    this.#lastHeard = performance.now();
    if (typeof data !== "string" || data.length > STREAM.maxFrameBytes) {
      return this.#fail("bad_frame", "Frames are JSON text.");
    }
    let frame: { type?: unknown; key?: unknown; after?: unknown };
    try {
      frame = JSON.parse(data);
    } catch {
      return this.#fail("bad_frame", "Frames are JSON text.");
    }
    if (frame?.type === "ping") return this.#send({ type: "pong" });
    if (frame?.type !== "hello" || this.#principal) return this.#fail("bad_frame", "Send one `hello` first.");
    const after = typeof frame.after === "string" ? frame.after : this.after;
    if (typeof frame.key !== "string") return this.close(4401, "an API key is required");
    authenticateApiKey(this.deps, frame.key).then(
      (p) => this.#start(p, after),
      () => this.close(4401, "invalid API key"),
    );
  }

  #start(principal: ApiPrincipal, after: string | undefined): void {
    if (this.#closed) return;
    const from = after === undefined ? 0 : decodeCursor(after);
    if (from === null) return this.close(4400, "invalid cursor");
    this.#principal = principal;
    this.#cursor = from;
    const { workspaceId } = principal.user;
    this.#stops.push(
      onWorkspaceEvents(this.deps, workspaceId, () => this.#pull()),
      this.deps.bus.subscribe(apiKeyTopic(principal.key.id), (e) => {
        if (e.type === "api_key.revoked") this.close(4401, "API key revoked");
      }),
    );
    this.#send({ type: "welcome", cursor: encodeCursor(from) });
    this.#pull();
  }

  /** Reads the log after the cursor until caught up; a wake-up while reading reads again after. */
  async #pull(): Promise<void> {
    if (this.#pulling) {
      this.#again = true;
      return;
    }
    this.#pulling = true;
    const reader = {
      workspaceId: this.#principal!.user.workspaceId,
      internal: seesInternalNotes(this.#principal!.user),
    };
    try {
      do {
        this.#again = false;
        let more = true;
        while (more && !this.#closed) {
          const page = await readFeed(this.deps, reader, { after: this.#cursor, limit: STREAM.page });
          for (const e of page.events) {
            const event = eventJson(e);
            this.#send({ type: "event", event, cursor: event.cursor });
          }
          this.#cursor = page.next;
          more = page.more;
        }
      } while (this.#again && !this.#closed);
    } catch (err) {
      this.deps.log.error("event stream read failed", { err });
    } finally {
      this.#pulling = false;
    }
  }

  async #recheck(): Promise<void> {
    const p = this.#principal;
    if (p && !await isLive(this.deps, p.key.keyHash).catch(() => true)) this.close(4401, "API key revoked");
  }

  #send(frame: Record<string, unknown>): void {
    if (!this.#closed && this.transport.open) this.transport.send(JSON.stringify(frame));
  }

  #fail(code: string, message: string): void {
    this.#send({ type: "error", code, message });
  }

  /** Ends the session (and the socket, when still open). */
  close(code = 1000, reason = ""): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    for (const stop of this.#stops) stop();
    if (this.transport.open) this.transport.close(code, reason);
  }
}
