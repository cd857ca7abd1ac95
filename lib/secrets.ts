/**
 * Development secrets: generated once and kept in `DATA_DIR`, so a restart
 * keeps sessions valid without anyone setting variables. Production never
 * uses this (config refuses to start without a real secret).
 *
 * @module
 */
import { join } from "node:path";
import { randomToken } from "./crypto.ts";

/**
 * Reads `DATA_DIR/<name>` or creates it with a fresh 256-bit secret (mode 0600):
 * base64url text by default, standard base64 of 32 raw bytes when `rawBytes` is given.
 */
export async function ensureSecretFile(dataDir: string, name: string, rawBytes?: number): Promise<string> {
  const path = join(dataDir, name);
  try {
    const existing = (await Deno.readTextFile(path)).trim();
    if (existing.length >= 32) return existing;
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  await Deno.mkdir(dataDir, { recursive: true });
  const secret = rawBytes
    ? btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(rawBytes))))
    : randomToken(32);
  await Deno.writeTextFile(path, secret + "\n", { mode: 0o600 });
  return secret;
}
