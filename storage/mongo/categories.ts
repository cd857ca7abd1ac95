/**
 * MongoDB repository for workspace categories (a unique index on workspace and name).
 *
 * @module
 */
import type { Document } from "mongodb";
import type { Category } from "../../models/categories/category.ts";
import type { CategoryRepo } from "../../models/ports/store.ts";
import { categoryTaken } from "../sqlite/categories.ts";
import { fromDoc, isDuplicateKey, type Mongo, toDoc } from "./db.ts";

/** Categories on MongoDB. */
export function mongoCategories(m: Mongo): CategoryRepo {
  const col = m.db.collection("categories");
  const toCategory = (d: Document) => fromDoc<Category>(d);
  return {
    list: async (wid) => (await col.find({ workspaceId: wid }).sort({ name: 1 }).toArray()).map(toCategory),
    get: async (wid, id) => {
      const d = await col.findOne({ workspaceId: wid, _id: id as never });
      return d ? toCategory(d) : null;
    },
    insert: async (c) => {
      try {
        await col.insertOne(toDoc(c));
      } catch (err) {
        throw isDuplicateKey(err) ? categoryTaken() : err;
      }
    },
    update: async (wid, id, p) => {
      const $set: Document = {};
      for (const [k, v] of Object.entries(p)) if (v !== undefined) $set[k] = v;
      try {
        const d = await col.findOneAndUpdate({ workspaceId: wid, _id: id as never }, { $set }, {
          returnDocument: "after",
        });
        return d ? toCategory(d) : null;
      } catch (err) {
        throw isDuplicateKey(err) ? categoryTaken() : err;
      }
    },
    remove: async (wid, id) => (await col.deleteOne({ workspaceId: wid, _id: id as never })).deletedCount > 0,
  };
}
