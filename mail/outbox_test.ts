import assert from "node:assert/strict";
import { createLogger } from "../lib/log.ts";
import { linksIn, outboxMailer, readOutbox } from "./outbox.ts";

Deno.test("outbox mailer writes each message as a file, oldest first, with its links", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const mailer = outboxMailer(`${dir}/outbox`, "no-reply@frontdesk.test", createLogger("silent"));
    await mailer.send({ to: "a@x.test", subject: "one", text: "Open http://localhost/a?token=1 now." });
    await mailer.send({ to: "b@x.test", subject: "two", text: "No link." });
    const mails = await readOutbox(`${dir}/outbox`);
    assert.deepEqual(mails.map((m) => m.subject), ["one", "two"]);
    assert.deepEqual(mails[0].links, ["http://localhost/a?token=1"]);
    assert.equal(mails[0].from, "no-reply@frontdesk.test");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("linksIn stops at punctuation that ends a sentence or a bracket", () => {
  assert.deepEqual(linksIn("See (https://a.test/x?y=1) and <http://b.test/>."), [
    "https://a.test/x?y=1",
    "http://b.test/",
  ]);
});
