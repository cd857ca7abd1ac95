/**
 * The messages between the answer pool (`answer_pool.ts`) and its worker
 * threads (`workers/answer_worker.ts`).
 *
 * @module
 */
import type { LogLevel } from "../lib/log.ts";
import type { AnswerEvent, AnswerInput } from "../models/answers/answer.ts";

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
