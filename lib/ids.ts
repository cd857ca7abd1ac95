/**
 * Identifiers in MongoDB ObjectId form: 24 lowercase hex characters made of a
 * 4-byte big-endian timestamp (seconds), 5 random bytes fixed per process and a
 * 3-byte counter. Made by the app so that SQLite stores them as text and
 * MongoDB natively, and so they sort roughly by creation time.
 *
 * @module
 */

const processRandom = crypto.getRandomValues(new Uint8Array(5));
let counter = crypto.getRandomValues(new Uint32Array(1))[0] & 0xffffff;

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));
const hex = (bytes: Uint8Array) => {
  let out = "";
  for (const b of bytes) out += HEX[b];
  return out;
};

/** Returns a fresh 24-hex id. `now` lets tests and imports pin the timestamp part. */
export function newId(now: Date = new Date()): string {
  const bytes = new Uint8Array(12);
  const seconds = Math.floor(now.getTime() / 1000);
  new DataView(bytes.buffer).setUint32(0, seconds >>> 0);
  bytes.set(processRandom, 4);
  counter = (counter + 1) & 0xffffff;
  bytes[9] = counter >> 16;
  bytes[10] = (counter >> 8) & 0xff;
  bytes[11] = counter & 0xff;
  return hex(bytes);
}

const ID_PATTERN = /^[0-9a-f]{24}$/;

/** True when `value` has the 24-hex id form. */
export function isId(value: unknown): value is string {
  return typeof value === "string" && ID_PATTERN.test(value);
}

/** The creation time encoded in an id. */
export function idTime(id: string): Date {
  return new Date(parseInt(id.slice(0, 8), 16) * 1000);
}
