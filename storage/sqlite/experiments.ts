/**
 * SQLite repository for experiments (variants as JSON) and conversations' variants. The partial unique index
 * `experiments_one_running` keeps one running experiment per agent.
 *
 * @module
 */
import type { DatabaseSync } from "node:sqlite";
import { ConflictError } from "../../lib/errors.ts";
import type { Experiment } from "../../models/experiments/experiment.ts";
import type { ExperimentRepo } from "../../models/ports/store.ts";
import { toConversation } from "./conversations.ts";
import { date, iso, isUniqueViolation, type Row, run, transaction } from "./db.ts";
import { type AppendSignal, writeEvents } from "./events.ts";

const toExperiment = (r: Row): Experiment => ({
  id: r.id as string,
  workspaceId: r.workspace_id as string,
  agentId: r.agent_id as string,
  name: r.name as string,
  status: r.status as Experiment["status"],
  variants: JSON.parse(r.variants as string),
  winner: (r.winner as string | null) ?? null,
  startedAt: date(r.started_at) ?? null,
  stoppedAt: date(r.stopped_at) ?? null,
  createdBy: r.created_by as string,
  createdAt: date(r.created_at)!,
  updatedAt: date(r.updated_at)!,
});

/** The conflict both adapters answer for a second running experiment of an agent. */
export const experimentRunning = () =>
  new ConflictError("Another experiment of this agent is running: stop it first.", "experiment_running");

/** Experiments on SQLite. */
export function sqliteExperiments(db: DatabaseSync, signal: AppendSignal): ExperimentRepo {
  return {
    list: (wid, agentId) =>
      run(() =>
        (db.prepare(
          "SELECT * FROM experiments WHERE workspace_id = ? AND agent_id = ? ORDER BY created_at DESC, id DESC",
        ).all(wid, agentId) as Row[]).map(toExperiment)
      ),
    get: (wid, id) =>
      run(() => {
        const r = db.prepare("SELECT * FROM experiments WHERE workspace_id = ? AND id = ?").get(wid, id) as
          | Row
          | undefined;
        return r ? toExperiment(r) : null;
      }),
    running: (wid, agentId) =>
      run(() => {
        const r = db.prepare(
          "SELECT * FROM experiments WHERE workspace_id = ? AND agent_id = ? AND status = 'running'",
        ).get(wid, agentId) as Row | undefined;
        return r ? toExperiment(r) : null;
      }),
    insert: (e, emit) =>
      run(() =>
        transaction(db, () => {
          try {
            db.prepare(
              `INSERT INTO experiments (id, workspace_id, agent_id, name, status, variants, winner, started_at,
                 stopped_at, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            ).run(
              e.id,
              e.workspaceId,
              e.agentId,
              e.name,
              e.status,
              JSON.stringify(e.variants),
              e.winner,
              iso(e.startedAt),
              iso(e.stoppedAt),
              e.createdBy,
              iso(e.createdAt),
              iso(e.updatedAt),
            );
          } catch (err) {
            throw isUniqueViolation(err) ? experimentRunning() : err;
          }
          writeEvents(db, signal, emit, e);
        })
      ),
    update: (wid, id, p, emit) =>
      run(() =>
        transaction(db, () => {
          let r: Row | undefined;
          try {
            r = db.prepare(
              `UPDATE experiments SET status = COALESCE(?, status),
                 winner = CASE WHEN ? THEN ? ELSE winner END,
                 started_at = CASE WHEN ? THEN ? ELSE started_at END,
                 stopped_at = CASE WHEN ? THEN ? ELSE stopped_at END, updated_at = ?
               WHERE workspace_id = ? AND id = ? RETURNING *`,
            ).get(
              p.status ?? null,
              p.winner !== undefined ? 1 : 0,
              p.winner ?? null,
              p.startedAt !== undefined ? 1 : 0,
              iso(p.startedAt),
              p.stoppedAt !== undefined ? 1 : 0,
              iso(p.stoppedAt),
              iso(p.updatedAt),
              wid,
              id,
            ) as Row | undefined;
          } catch (err) {
            throw isUniqueViolation(err) ? experimentRunning() : err;
          }
          return r ? writeEvents(db, signal, emit, toExperiment(r)) : null;
        })
      ),
    assign: (wid, conversationId, experimentId, variant) =>
      run(() => {
        db.prepare(
          "UPDATE conversations SET experiment_id = ?, variant = ? WHERE workspace_id = ? AND id = ? AND experiment_id IS NULL",
        ).run(experimentId, variant, wid, conversationId);
        const r = db.prepare("SELECT * FROM conversations WHERE workspace_id = ? AND id = ?").get(
          wid,
          conversationId,
        ) as Row | undefined;
        return r ? toConversation(r) : null;
      }),
    assignments: (wid, experimentId) =>
      run(() =>
        (db.prepare(
          "SELECT id, variant FROM conversations WHERE workspace_id = ? AND experiment_id = ? ORDER BY created_at, id",
        ).all(wid, experimentId) as Row[]).map((r) => ({
          conversationId: r.id as string,
          variant: r.variant as string,
        }))
      ),
    variantsOf: (wid, ids) =>
      run(() => {
        const found = new Map<string, string>();
        // In slices: SQLite caps the bound parameters of one statement.
        for (let i = 0; i < ids.length; i += 500) {
          const slice = ids.slice(i, i + 500);
          const rows = db.prepare(
            `SELECT id, variant FROM conversations WHERE workspace_id = ? AND variant IS NOT NULL
             AND id IN (${slice.map(() => "?").join(", ")})`,
          ).all(wid, ...slice) as Row[];
          for (const r of rows) found.set(r.id as string, r.variant as string);
        }
        return found;
      }),
  };
}
