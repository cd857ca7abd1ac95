/**
 * The escalation scheduler: applies the workspaces' escalation rules once a
 * minute (see `runEscalations`). It keeps no checkpoint of its own: a ticket's
 * escalation level records which rules already fired, in the same
 * transaction as the `ticket.escalated` event, so a pass after a crash never
 * fires a rule twice.
 *
 * @module
 */
import type { Deps } from "../models/ports/deps.ts";
import { runEscalations } from "../models/tickets/escalation.ts";

/** Runs the escalation pass every `intervalMs`; returns the function that stops it. */
export function startEscalationScheduler(deps: Deps, intervalMs = 60_000): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => runEscalations(deps)).catch((err) =>
      deps.log.error("escalation pass failed", { err })
    );
  }, intervalMs);
  return async () => {
    clearInterval(timer);
    await running;
  };
}
