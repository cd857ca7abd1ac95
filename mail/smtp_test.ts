import { Buffer } from "node:buffer";
import assert from "node:assert/strict";
import { SMTPServer } from "smtp-server";
import { smtpMailer } from "./smtp.ts";

interface Received {
  from: string;
  to: string[];
  user?: string;
  raw: string;
}

/** A real SMTP server on 127.0.0.1:0 that records what it receives (with AUTH PLAIN/LOGIN). */
async function startSmtp(): Promise<{ port: number; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === "mailer" && auth.password === "s3cret") return cb(null, { user: auth.username });
      cb(new Error("Invalid username or password"));
    },
    onData(stream, session, cb) {
      const chunks: Uint8Array[] = [];
      stream.on("data", (c: Uint8Array) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          raw: new TextDecoder().decode(Buffer.concat(chunks)),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return { port, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

Deno.test("SMTP mailer delivers a message with auth to a real SMTP server", async () => {
  const smtp = await startSmtp();
  const mailer = smtpMailer(`smtp://mailer:s3cret@127.0.0.1:${smtp.port}`, "Frontdesk <no-reply@frontdesk.test>");
  try {
    await mailer.send({
      to: "ada@example.com",
      subject: "Reset your Frontdesk password",
      text: "Choose a new password: http://localhost/reset-password?token=abc",
      html: "<p>Choose a new password</p>",
    });
    assert.equal(smtp.received.length, 1);
    const [mail] = smtp.received;
    assert.equal(mail.user, "mailer");
    assert.equal(mail.from, "no-reply@frontdesk.test");
    assert.deepEqual(mail.to, ["ada@example.com"]);
    assert.match(mail.raw, /Subject: Reset your Frontdesk password/);
    assert.match(mail.raw, /reset-password\?token=3Dabc|reset-password\?token=abc/);
  } finally {
    mailer.close();
    await smtp.close();
  }
});

Deno.test("SMTP mailer rejects when the server refuses the credentials", async () => {
  const smtp = await startSmtp();
  const mailer = smtpMailer(`smtp://mailer:wrong@127.0.0.1:${smtp.port}`, "no-reply@frontdesk.test");
  try {
    await assert.rejects(mailer.send({ to: "a@b.test", subject: "x", text: "y" }), /Invalid|auth/i);
    assert.equal(smtp.received.length, 0);
  } finally {
    mailer.close();
    await smtp.close();
  }
});
