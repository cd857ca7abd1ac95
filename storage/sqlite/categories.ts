/**
 * SQLite repository for workspace categories (examples as JSON arrays).
 *
 * @module
 */
import type { DatabaseSync } from "node:sqlite";
import { ConflictError } from "../../lib/errors.ts";
import type { Category } from "../../models/categories/category.ts";
import type { CategoryRepo } from "../../models/ports/store.ts";
import { date, iso, isUniqueViolation, type Row, run } from "./db.ts";

const toCategory = (r: Row): Category => ({
  id: r.id as string,
  workspaceId: r.workspace_id as string,
  name: r.name as string,
  description: r.description as string,
  examples: JSON.parse(r.examples as string),
  counterExamples: JSON.parse(r.counter_examples as string),
  createdAt: date(r.created_at)!,
  updatedAt: date(r.updated_at)!,
});

/** The conflict both adapters answer for a name already used in the workspace. */
export const categoryTaken = () => new ConflictError("Another category has this name.", "category_taken");

function unique<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (isUniqueViolation(err)) throw categoryTaken();
    throw err;
  }
}

/** Categories on SQLite. */
export function sqliteCategories(db: DatabaseSync): CategoryRepo {
  return {
    list: (wid) =>
      run(() =>
        (db.prepare("SELECT * FROM categories WHERE workspace_id = ? ORDER BY name").all(wid) as Row[]).map(toCategory)
      ),
    get: (wid, id) =>
      run(() => {
        const r = db.prepare("SELECT * FROM categories WHERE workspace_id = ? AND id = ?").get(wid, id) as
          | Row
          | undefined;
        return r ? toCategory(r) : null;
      }),
    insert: (c) =>
      run(() =>
        unique(() => {
          db.prepare(
            `INSERT INTO categories (id, workspace_id, name, description, examples, counter_examples, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            c.id,
            c.workspaceId,
            c.name,
            c.description,
            JSON.stringify(c.examples),
            JSON.stringify(c.counterExamples),
            iso(c.createdAt),
            iso(c.updatedAt),
          );
        })
      ),
    update: (wid, id, p) =>
      run(() =>
        unique(() => {
          const r = db.prepare(
            `UPDATE categories SET name = COALESCE(?, name), description = COALESCE(?, description),
               examples = COALESCE(?, examples), counter_examples = COALESCE(?, counter_examples), updated_at = ?
             WHERE workspace_id = ? AND id = ? RETURNING *`,
          ).get(
            p.name ?? null,
            p.description ?? null,
            p.examples ? JSON.stringify(p.examples) : null,
            p.counterExamples ? JSON.stringify(p.counterExamples) : null,
            iso(p.updatedAt),
            wid,
            id,
          ) as Row | undefined;
          return r ? toCategory(r) : null;
        })
      ),
    remove: (wid, id) =>
      run(() =>
        Number(db.prepare("DELETE FROM categories WHERE workspace_id = ? AND id = ?").run(wid, id).changes) > 0
      ),
  };
}
