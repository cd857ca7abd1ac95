/**
 * The Mailer port. Default adapter: files in `DATA_DIR/outbox/`; SMTP when
 * `SMTP_URL` is set. Adapters live in `mail/`.
 *
 * @module
 */

/** One outgoing email. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /**
   * Names the message for deduplication (an event id plus the recipient): an adapter that can
   * (the outbox) stores a keyed message at most once; SMTP sends it as the Message-ID, so mail
   * systems recognise a redelivery after a crash.
   */
  idempotencyKey?: string;
}

/** Sends email. Resolves once the message is accepted (written or relayed). */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
