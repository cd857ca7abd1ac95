/**
 * Integrations on MongoDB: connections (one per workspace and kind), the links between conversations and their
 * Slack message or Zendesk ticket, and the inbound deliveries already handled. Their keys are made of fields
 * (as SQLite's composite primary keys), so each collection has a unique index on them and `_id` is left to MongoDB.
 *
 * @module
 */
import type { Document } from "mongodb";
import type { Connection, IntegrationKind, IntegrationLink } from "../../models/integrations/integration.ts";
import type { IntegrationRepo } from "../../models/ports/store_integrations.ts";
import { isDuplicateKey, type Mongo, withoutId } from "./db.ts";

/** The integrations repository on MongoDB. */
export function mongoIntegrations(m: Mongo): IntegrationRepo {
  const connections = m.db.collection("integrations");
  const links = m.db.collection("integration_links");
  const inbound = m.db.collection("integration_inbound");
  const toConnection = <K extends IntegrationKind>(d: Document) => withoutId<Connection<K>>(d);
  const toLink = (d: Document) => withoutId<IntegrationLink>(d);
  return {
    get: async <K extends IntegrationKind>(wid: string, kind: K) => {
      const d = await connections.findOne({ workspaceId: wid, kind });
      return d ? toConnection<K>(d) : null;
    },
    list: async (wid) =>
      (await connections.find({ workspaceId: wid }).sort({ kind: 1 }).toArray()).map((d) => toConnection(d)),
    upsert: async (c) => {
      // A replaced connection keeps when it was first made (SQLite's ON CONFLICT leaves created_at alone).
      const { createdAt, ...rest } = c;
      await connections.updateOne(
        { workspaceId: c.workspaceId, kind: c.kind },
        { $set: rest, $setOnInsert: { createdAt } },
        { upsert: true },
      );
    },
    remove: async (wid, kind) => (await connections.deleteOne({ workspaceId: wid, kind })).deletedCount > 0,
    findByExternalKey: async <K extends IntegrationKind>(kind: K, key: string) =>
      (await connections.find({ kind, externalKey: key }).toArray()).map((d) => toConnection<K>(d)),
    setHealth: async (wid, kind, error, at) => {
      // A success keeps the last error on record (the page shows when it last failed) but clears the status.
      await connections.updateOne(
        { workspaceId: wid, kind },
        error === null
          ? { $set: { status: "connected" } }
          : { $set: { status: "error", lastError: error.slice(0, 500), lastErrorAt: at } },
      );
    },
    link: async (wid, kind, localId) => {
      const d = await links.findOne({ workspaceId: wid, kind, localId });
      return d ? toLink(d) : null;
    },
    linkByRemote: async (wid, kind, remoteId) => {
      const d = await links.findOne({ workspaceId: wid, kind, remoteId });
      return d ? toLink(d) : null;
    },
    putLink: async (l) => {
      const { createdAt, ...rest } = l;
      await links.updateOne(
        { workspaceId: l.workspaceId, kind: l.kind, localId: l.localId },
        { $set: rest, $setOnInsert: { createdAt } },
        { upsert: true },
      );
    },
    seen: async (kind, wid, key) => (await inbound.countDocuments({ kind, workspaceId: wid, key }, { limit: 1 })) > 0,
    markSeen: async (kind, wid, key, at) => {
      try {
        await inbound.insertOne({ kind, workspaceId: wid, key, receivedAt: at });
      } catch (err) {
        // Already marked (SQLite: INSERT OR IGNORE).
        if (!isDuplicateKey(err)) throw err;
      }
    },
  };
}
