/**
 * The Presence port: whether a visitor has a live widget connection, so a
 * staff reply goes by email only when it cannot be seen live. Implemented by
 * the realtime layer (`realtime/socket_presence.ts`, per process) or, when
 * several instances run, `cluster/redis_presence.ts` (a visitor connected to
 * any instance is online).
 *
 * @module
 */

/** Who is connected now. */
export interface Presence {
  isOnline(visitorId: string): Promise<boolean>;
  /** A visitor's socket opened (after its hello). */
  join(visitorId: string): void;
  /** A visitor's socket closed. */
  leave(visitorId: string): void;
}
