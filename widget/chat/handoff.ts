/**
 * "Talk to a human": the visitor's request, and when its `handoff` frame is
 * due. On an open conversation it goes with the next flush; with no
 * conversation yet, once the message that starts one is acknowledged.
 *
 * @module
 */

/** The visitor's request for a person. */
export class HandoffRequest {
  /** The visitor asked (the panel says a person will follow). */
  asked = false;
  /** The `handoff` frame should go out now. */
  due = false;
  #after: string | undefined;

  /** Asked on an open conversation. */
  askNow(): void {
    this.asked = this.due = true;
  }

  /** Asked before any conversation: due once `clientId`'s message is acknowledged. */
  askAfter(clientId: string | undefined): void {
    this.asked = true;
    this.#after = clientId;
  }

  /** A message was acknowledged. */
  acked(clientId: string): void {
    if (this.#after !== clientId) return;
    this.#after = undefined;
    this.due = true;
  }
}
