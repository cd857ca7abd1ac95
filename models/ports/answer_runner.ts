/**
 * The port through which answers are composed away from the event loop
 * (`ai/answer_pool.ts`: worker threads with their own read-only database
 * connection). Absent, answers are composed on the event loop.
 *
 * @module
 */
import type { AnswerEvent, AnswerInput } from "../answers/answer.ts";

/** How busy the answering threads are (for `/readyz`, the logs and the bench). */
export interface AnswerRunnerStats {
  workers: number;
  /** Answers waiting for a thread. */
  queued: number;
  /** Answers being composed. */
  running: number;
  /** Answers given up on since start (queue full or waited too long): the visitor was told a person follows up. */
  shed: number;
  /** Answers composed off the event loop since start. */
  done: number;
  /** The mean ms between answers while questions waited for a thread (the threads' pace at capacity), once seen. */
  paceMs?: number | null;
}

/** Runs the answering pipeline elsewhere. */
export interface AnswerRunner {
  /**
   * The answer's events, produced off the event loop, or null when this answer runs on the loop (another
   * provider). Aborted (`input.signal`), it ends without a `done`.
   */
  run(input: AnswerInput): AsyncGenerator<AnswerEvent> | null;
  stats(): AnswerRunnerStats;
  /** Stops the threads; answers still waiting end without a `done`. */
  close(): Promise<void>;
}
