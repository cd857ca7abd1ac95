/**
 * The Presence port: whether a visitor has a live widget connection, so a
 * staff reply goes by email only when it cannot be seen live. Implemented by
 * the realtime layer (per process; a broker-backed one would span instances).
 *
 * @module
 */

/** Who is connected now. */
export interface Presence {
  isOnline(visitorId: string): boolean;
  /** A visitor's socket opened (after its hello). */
  join(visitorId: string): void;
  /** A visitor's socket closed. */
  leave(visitorId: string): void;
}
