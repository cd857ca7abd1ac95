/**
 * API keys on MongoDB: one document per key (`_id` the key's id), found by the hash's unique index.
 *
 * @module
 */
import type { Document } from "mongodb";
import type { ApiKey } from "../../models/api_keys/api_key.ts";
import type { ApiKeyRepo } from "../../models/ports/store.ts";
import { fromDoc, type Mongo, toDoc } from "./db.ts";

/** API keys on MongoDB. */
export function mongoApiKeys(m: Mongo): ApiKeyRepo {
  const col = m.db.collection("api_keys");
  // Both optional dates always present as keys, undefined when unset: the shape SQLite's adapter returns.
  const toKey = (d: Document): ApiKey => ({
    ...fromDoc<ApiKey>(d),
    lastUsedAt: d.lastUsedAt ?? undefined,
    revokedAt: d.revokedAt ?? undefined,
  });
  return {
    insert: async (k) => {
      await col.insertOne(toDoc(k));
    },
    // `revokedAt: null` matches a key whose field is absent (never revoked), as `revoked_at IS NULL` does.
    list: async (wid) =>
      (await col.find({ workspaceId: wid, revokedAt: null }).sort({ createdAt: -1, _id: -1 }).toArray()).map(toKey),
    findByHash: async (hash) => {
      const d = await col.findOne({ keyHash: hash });
      return d ? toKey(d) : null;
    },
    revoke: async (wid, id, at) =>
      (await col.updateOne({ workspaceId: wid, _id: id as never, revokedAt: null }, { $set: { revokedAt: at } }))
        .matchedCount > 0,
    touch: async (id, at, minIntervalMs) => {
      // The condition keeps concurrent requests (or instances) from each writing: the first one wins.
      const cutoff = new Date(at.getTime() - minIntervalMs);
      await col.updateOne(
        { _id: id as never, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lte: cutoff } }] },
        { $set: { lastUsedAt: at } },
      );
    },
  };
}
