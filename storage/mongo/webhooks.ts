/**
 * Webhooks on MongoDB: endpoints, the delivery queue and the attempts log. A claim is a lease in the delivery's
 * `claimedUntil` (storage-only, released at start), taken by a conditional update so two workers (or instances)
 * never both claim a delivery; an attempt, the delivery's new state and the endpoint's health (with the event of
 * disabling it) commit in one transaction.
 *
 * @module
 */
import type { Document } from "mongodb";
import type { EndpointPatch, WebhookRepo } from "../../models/ports/store_webhooks.ts";
import type { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from "../../models/webhooks/webhook.ts";
import { fromDoc, isDuplicateKey, type Mongo, toDoc, transaction, withoutId, writeEvents } from "./db.ts";

const toEndpoint = (d: Document) => fromDoc<WebhookEndpoint>(d);
const toDelivery = (d: Document) => fromDoc<WebhookDelivery>(d, "claimedUntil");
const toAttempt = (d: Document) => withoutId<WebhookAttempt>(d);

/** The fields `update` may change (SQLite's column list). */
const PATCHABLE = [
  "url",
  "description",
  "events",
  "enabled",
  "disabledReason",
  "disabledAt",
  "failingSince",
  "secretSealed",
  "secretHint",
  "previousSecretSealed",
  "previousSecretExpiresAt",
] as const satisfies ReadonlyArray<keyof EndpointPatch>;

/** Not claimed at `now`: never claimed, released, or the lease ran out. */
const unclaimed = (now: Date) => ({ $or: [{ claimedUntil: null }, { claimedUntil: { $lt: now } }] });

/** The webhooks repository on MongoDB. */
export function mongoWebhooks(m: Mongo): WebhookRepo {
  const endpoints = m.db.collection("webhook_endpoints");
  const deliveries = m.db.collection("webhook_deliveries");
  const attempts = m.db.collection("webhook_attempts");
  return {
    insert: async (e) => {
      await endpoints.insertOne(toDoc(e));
    },
    list: async (wid) => (await endpoints.find({ workspaceId: wid }).sort({ _id: 1 }).toArray()).map(toEndpoint),
    get: async (wid, id) => {
      const d = await endpoints.findOne({ workspaceId: wid, _id: id as never });
      return d ? toEndpoint(d) : null;
    },
    update: async (wid, id, patch) => {
      // Only the fields the patch names (an explicit null clears one), as SQLite's `key in patch`.
      const $set: Document = { updatedAt: patch.updatedAt };
      for (const k of PATCHABLE) if (k in patch) $set[k] = patch[k] ?? null;
      const d = await endpoints.findOneAndUpdate(
        { workspaceId: wid, _id: id as never },
        { $set },
        { returnDocument: "after" },
      );
      return d ? toEndpoint(d) : null;
    },
    remove: (wid, id) =>
      // The deliveries and their attempts go with the endpoint (SQLite: ON DELETE CASCADE).
      transaction(m, async ({ session }) => {
        const gone = await endpoints.deleteOne({ workspaceId: wid, _id: id as never }, { session });
        if (!gone.deletedCount) return false;
        const ids = (await deliveries.find({ workspaceId: wid, endpointId: id }, { session, projection: { _id: 1 } })
          .toArray()).map((d) => d._id);
        if (ids.length) await attempts.deleteMany({ deliveryId: { $in: ids } }, { session });
        await deliveries.deleteMany({ workspaceId: wid, endpointId: id }, { session });
        return true;
      }),
    subscribers: async (wid, type) =>
      // `events` is an array: equality matches an endpoint listing the type or the wildcard.
      (await endpoints.find({ workspaceId: wid, enabled: true, events: { $in: ["*", type] } }).toArray())
        .map(toEndpoint),

    enqueue: async (list) => {
      // One insert each, a repeat refused by the unique (endpointId, eventId) index and skipped. Not one
      // transaction (a refused insert aborts one): a crash midway leaves a part queued, and the listener's
      // retry queues the rest, the unique index keeping what is there from doubling.
      let added = 0;
      for (const d of list) {
        try {
          await deliveries.insertOne({ ...toDoc(d), claimedUntil: null });
          added++;
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
        }
      }
      return added;
    },
    claimDue: async (now, limit, leaseUntil) => {
      const due = { status: "pending", nextAttemptAt: { $lte: now }, ...unclaimed(now) };
      const candidates = await deliveries.find(due, { projection: { _id: 1 } }).sort({ nextAttemptAt: 1, _id: 1 })
        .limit(limit).toArray();
      const claimed: WebhookDelivery[] = [];
      for (const c of candidates) {
        // Conditional on still being due and unclaimed: another worker that claimed it first wins.
        const d = await deliveries.findOneAndUpdate(
          { _id: c._id, ...due },
          { $set: { claimedUntil: leaseUntil } },
          { returnDocument: "after" },
        );
        if (d) claimed.push(toDelivery(d));
      }
      return claimed;
    },
    claim: async (wid, id, now, leaseUntil) => {
      const d = await deliveries.findOneAndUpdate(
        { workspaceId: wid, _id: id as never, ...unclaimed(now) },
        { $set: { claimedUntil: leaseUntil } },
        { returnDocument: "after" },
      );
      return d ? toDelivery(d) : null;
    },
    releaseClaims: async () =>
      (await deliveries.updateMany({ claimedUntil: { $type: "date" } }, { $set: { claimedUntil: null } }))
        .modifiedCount,
    nextDue: async (now) => {
      const [d] = await deliveries.find(
        { status: "pending", nextAttemptAt: { $ne: null }, ...unclaimed(now) },
        { projection: { nextAttemptAt: 1 } },
      ).sort({ nextAttemptAt: 1 }).limit(1).toArray();
      return (d?.nextAttemptAt as Date | undefined) ?? null;
    },
    recordAttempt: ({ attempt: a, workspaceId, delivery: d, health }) =>
      transaction(m, async (tx) => {
        const { session } = tx;
        await attempts.replaceOne({ deliveryId: a.deliveryId, attempt: a.attempt }, { ...a }, {
          upsert: true,
          session,
        });
        const { id, ...state } = d;
        const row = await deliveries.findOneAndUpdate(
          { workspaceId, _id: id as never },
          { $set: { ...state, claimedUntil: null } },
          { returnDocument: "after", session },
        );
        if (!row) return; // the endpoint was deleted meanwhile
        const endpointId = row.endpointId as string;
        const current = await endpoints.findOne({ workspaceId, _id: endpointId as never }, { session });
        // Attempted while its endpoint was being disabled: no schedule goes on for a disabled endpoint.
        if (current && !current.enabled && row.status === "pending" && row.nextAttemptAt !== null) {
          await deliveries.updateOne(
            { _id: row._id },
            { $set: { status: "failed", nextAttemptAt: null } },
            { session },
          );
        }
        if (!health || !current) return;
        if (health.ok) {
          await endpoints.updateOne({ workspaceId, _id: endpointId as never }, { $set: { failingSince: null } }, {
            session,
          });
          return;
        }
        const failing = await endpoints.findOneAndUpdate(
          { workspaceId, _id: endpointId as never },
          [{ $set: { failingSince: { $ifNull: ["$failingSince", health.at] } } }],
          { returnDocument: "after", session },
        );
        if (!failing) return;
        const endpoint = toEndpoint(failing);
        if (!endpoint.enabled || !health.disableIf(endpoint)) return;
        const disabled = await endpoints.findOneAndUpdate(
          { workspaceId, _id: endpointId as never, enabled: true },
          { $set: { enabled: false, disabledReason: "failing", disabledAt: health.at, updatedAt: health.at } },
          { returnDocument: "after", session },
        );
        if (!disabled) return;
        // Pending deliveries fail with it; `$ifNull` keeps the error of one that was tried.
        await deliveries.updateMany(
          { endpointId, status: "pending" },
          [{
            $set: {
              status: "failed",
              nextAttemptAt: null,
              updatedAt: health.at,
              lastError: { $ifNull: ["$lastError", "endpoint disabled"] },
            },
          }],
          { session },
        );
        await writeEvents(m, tx, health.emit, toEndpoint(disabled));
      }),

    deliveries: async (wid, endpointId, limit) =>
      (await deliveries.find({ workspaceId: wid, endpointId }).sort({ _id: -1 }).limit(limit).toArray())
        .map(toDelivery),
    delivery: async (wid, id) => {
      const d = await deliveries.findOne({ workspaceId: wid, _id: id as never });
      return d ? toDelivery(d) : null;
    },
    attempts: async (wid, deliveryId) => {
      // Attempts carry no workspace (as in SQLite): the delivery's workspace is checked first.
      if (!await deliveries.countDocuments({ workspaceId: wid, _id: deliveryId as never }, { limit: 1 })) return [];
      return (await attempts.find({ deliveryId }).sort({ attempt: 1 }).toArray()).map(toAttempt);
    },
  };
}
