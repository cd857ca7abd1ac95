/**
 * The worker side of `sentence_model.ts`: answers `{id, texts}` with `{id, vectors}` (unit 512-d vectors,
 * one Float32Array, transferred) or `{id, error}`. The model loads on the first message.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { embedInThread } from "./sentence_model.ts";
import { lowerThisThread } from "./thread_priority.ts";

// Embedding (questions, knowledge at ingestion) can wait for the chat; this thread holds no lock.
lowerThisThread();

self.onmessage = async (e: MessageEvent<{ id: number; texts: string[] }>) => {
  const { id, texts } = e.data;
  try {
    const out = await embedInThread(texts);
    self.postMessage({ id, vectors: out }, [out.buffer]);
  } catch (err) {
    self.postMessage({ id, error: String(err) });
  }
};
