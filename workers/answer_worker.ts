/**
 * One answering thread of `ai/answer_pool.ts`: the built-in responder's whole
 * pipeline (spelling correction, term weights, word-vector expansion, FTS5
 * search, re-ranking, composition, confidence, safe HTML) on its own
 * read-only connection to the database file (WAL: it reads what the app has
 * committed, never blocks its writes). The same `answer()` as on the event
 * loop, so the answers are the same. A composition root like `main.ts` (it
 * puts the AI pipeline on the storage adapter), hence here and not in `ai/`.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { createLogger } from "../lib/log.ts";
import { answer, type AnswerEvent } from "../models/answers/answer.ts";
import type { Deps } from "../models/ports/deps.ts";
import { vectorRow } from "../models/knowledge/vectors.ts";
import { readOnlyKnowledge } from "../storage/sqlite/read_only.ts";
import type { FromWorker, ToWorker } from "../ai/answer_protocol.ts";
import { builtInResponder } from "../ai/local.ts";
import { lowerThisThread } from "../lib/thread_priority.ts";

let deps: Deps | null = null;
const post = (m: FromWorker) => self.postMessage(m);

self.onmessage = async (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  if (msg.type === "start") {
    try {
      const responder = builtInResponder();
      // Only what the built-in responder's pipeline touches: the knowledge index (read), the provider, the log.
      // Anything else would be a bug, and fails loudly as an error answer (the pool then answers on the loop).
      deps = {
        store: { knowledge: readOnlyKnowledge(msg.path) },
        ai: { create: () => responder },
        log: createLogger(msg.logLevel),
      } as unknown as Deps;
      // Answers can wait for the chat: on a busy machine the loop that acks visitors runs first. (This thread
      // reads only, so it never holds the write lock others wait on.)
      lowerThisThread();
      // The word vectors load on first use (~0.1 s): before the first question, not during it.
      vectorRow("help");
      post({ type: "started" });
    } catch (err) {
      post({ type: "failed", message: (err as Error).message });
    }
    return;
  }
  const { id, input } = msg;
  try {
    if (!deps) throw new Error("answer worker not started");
    const events: AnswerEvent[] = [];
    for await (const event of answer(deps, input)) events.push(event);
    post({ type: "answered", id, events });
  } catch (err) {
    post({ type: "error", id, message: (err as Error).message });
  }
};
