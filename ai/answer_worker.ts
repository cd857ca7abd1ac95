/**
 * One answering thread of `answer_pool.ts`: the built-in responder's whole
 * pipeline (spelling correction, term weights, word-vector expansion, FTS5
 * search, re-ranking, composition, confidence, safe HTML) on its own
 * read-only connection to the database file (WAL: it reads what the app has
 * committed, never blocks its writes). The same `answer()` as on the event
 * loop, so the answers are the same.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { DatabaseSync } from "node:sqlite";
import { createLogger, type LogLevel } from "../lib/log.ts";
import { answer, type AnswerEvent, type AnswerInput } from "../models/answers/answer.ts";
import type { Deps } from "../models/ports/deps.ts";
import { vectorRow } from "../models/knowledge/vectors.ts";
import { cachingStatements } from "../storage/sqlite/db.ts";
import { AppendSignal } from "../storage/sqlite/events.ts";
import { sqliteKnowledge } from "../storage/sqlite/knowledge.ts";
import { builtInResponder } from "./local.ts";

/** What the pool sends. */
export type ToWorker =
  | { type: "start"; path: string; logLevel: LogLevel }
  | { type: "answer"; id: number; input: Omit<AnswerInput, "signal"> };

/** What the worker answers. */
export type FromWorker =
  | { type: "started" }
  | { type: "failed"; message: string }
  | { type: "answered"; id: number; events: AnswerEvent[] }
  | { type: "error"; id: number; message: string };

let deps: Deps | null = null;
const post = (m: FromWorker) => self.postMessage(m);

self.onmessage = async (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  if (msg.type === "start") {
    try {
      const db = cachingStatements(new DatabaseSync(msg.path));
      db.exec("PRAGMA busy_timeout = 5000; PRAGMA query_only = ON;");
      const responder = builtInResponder();
      // Only what the built-in responder's pipeline touches: the knowledge index (read), the provider, the log.
      // Anything else would be a bug, and fails loudly as an error answer (the pool then answers on the loop).
      deps = {
        store: { knowledge: sqliteKnowledge(db, new AppendSignal()) },
        ai: { create: () => responder },
        log: createLogger(msg.logLevel),
      } as unknown as Deps;
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
