/**
 * The development Mailer: each message becomes a JSON file in
 * `DATA_DIR/outbox/`, and the links it carries are logged so a developer can
 * click them without any mail server.
 *
 * @module
 */
import { join } from "node:path";
import { newId } from "../lib/ids.ts";
import type { Logger } from "../lib/log.ts";
import type { Mailer, MailMessage } from "../models/ports/mailer.ts";

/** A message as stored in the outbox. */
export interface OutboxEntry extends MailMessage {
  id: string;
  from: string;
  links: string[];
  createdAt: string;
}

/** Extracts the http(s) links of a plain-text body. */
export function linksIn(text: string): string[] {
  return [...new Set(text.match(/https?:\/\/[^\s<>"')]+/g) ?? [])];
}

/** A Mailer writing to `dir` (created when missing). */
export function outboxMailer(dir: string, from: string, log: Logger): Mailer {
  return {
    async send(message) {
      await Deno.mkdir(dir, { recursive: true });
      const now = new Date();
      // A keyed message has a name of its own: written once, whoever asks again (a redelivered event).
      const keyed = message.idempotencyKey ? `k-${message.idempotencyKey.replace(/[^\w.-]/g, "_")}.json` : null;
      if (keyed && await exists(join(dir, keyed))) return;
      const entry: OutboxEntry = {
        id: newId(now),
        from,
        ...message,
        links: linksIn(message.text),
        createdAt: now.toISOString(),
      };
      // Names sort by time; write-then-rename so a reader never sees half a file.
      const name = keyed ?? `${now.toISOString().replace(/[:.]/g, "-")}-${entry.id}.json`;
      const tmp = join(dir, `.${name}.tmp`);
      await Deno.writeTextFile(tmp, JSON.stringify(entry, null, 2));
      await Deno.rename(tmp, join(dir, name));
      log.info("mail written to outbox", { to: message.to, subject: message.subject, links: entry.links });
    },
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return false;
    throw err;
  }
}

/** Reads the outbox, oldest first. */
export async function readOutbox(dir: string): Promise<OutboxEntry[]> {
  const names: string[] = [];
  try {
    for await (const e of Deno.readDir(dir)) if (e.isFile && e.name.endsWith(".json")) names.push(e.name);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return [];
    throw err;
  }
  const entries = await Promise.all(
    names.map(async (n) => JSON.parse(await Deno.readTextFile(join(dir, n))) as OutboxEntry),
  );
  return entries.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}
