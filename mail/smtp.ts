/**
 * The SMTP Mailer on nodemailer, used when `SMTP_URL` is set
 * (`smtp://user:pass@host:587` or `smtps://...:465`).
 *
 * @module
 */
import nodemailer from "nodemailer";
import type { Mailer } from "../models/ports/mailer.ts";

/** Options beyond the URL, mostly for tests (a self-signed in-test server). */
export interface SmtpOptions {
  /** Accept self-signed certificates (tests only). */
  insecureTls?: boolean;
}

/** A Mailer relaying through the SMTP server at `url`. */
export function smtpMailer(url: string, from: string, opts: SmtpOptions = {}): Mailer & { close(): void } {
  const u = new URL(url);
  const secure = u.protocol === "smtps:";
  const transport = nodemailer.createTransport({
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
    tls: opts.insecureTls ? { rejectUnauthorized: false } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(message) {
      await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        ...(message.idempotencyKey ? { messageId: `<${message.idempotencyKey}@frontdesk>` } : {}),
      });
    },
    close() {
      transport.close();
    },
  };
}
