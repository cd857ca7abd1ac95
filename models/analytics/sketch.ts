/**
 * Distinct customers over any period without reading its conversations: a
 * HyperLogLog sketch (1,024 one-byte registers, typical error about 3%) of
 * the visitors who started conversations, per day and AI agent. Sketches
 * merge by taking each register's maximum, so a period's sketch is the
 * merge of its days'. Adding a visitor twice changes nothing (idempotent).
 *
 * @module
 */

/** Registers per sketch (2^10). */
export const SKETCH_SIZE = 1024;
const BITS = 10;

/** A 32-bit hash of a text (FNV-1a, then murmur3's finaliser to spread the bits). */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** An empty sketch. */
export function newSketch(): Uint8Array {
  return new Uint8Array(SKETCH_SIZE);
}

/** Adds `item` to `sketch` in place; true when a register changed (the sketch needs saving). */
export function sketchAdd(sketch: Uint8Array, item: string): boolean {
  const h = hash32(item);
  const index = h >>> (32 - BITS);
  const rest = (h << BITS) >>> 0;
  const rank = rest === 0 ? 32 - BITS + 1 : Math.clz32(rest) + 1;
  if (sketch[index] >= rank) return false;
  sketch[index] = rank;
  return true;
}

/** Merges `from` into `into` (register-wise maximum). */
export function sketchMerge(into: Uint8Array, from: Uint8Array): void {
  for (let i = 0; i < SKETCH_SIZE; i++) if (from[i] > into[i]) into[i] = from[i];
}

/** The estimated number of distinct items (HyperLogLog with linear counting for small counts). */
export function sketchCount(sketch: Uint8Array): number {
  let sum = 0;
  let zeros = 0;
  for (let i = 0; i < SKETCH_SIZE; i++) {
    sum += 2 ** -sketch[i];
    if (sketch[i] === 0) zeros++;
  }
  const m = SKETCH_SIZE;
  const raw = (0.7213 / (1 + 1.079 / m)) * m * m / sum;
  if (raw <= 2.5 * m && zeros > 0) return Math.round(m * Math.log(m / zeros));
  return Math.round(raw);
}
