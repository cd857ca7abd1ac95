/**
 * The Store contract, webhooks part: endpoints scoped to their workspace,
 * subscriptions by event type, deliveries queued once per event and
 * endpoint, claimed with a lease, released at start, and an endpoint
 * disabled by one failing attempt only once (its event written with it).
 * Registered by `storeContract` in `contract.ts`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { newId } from "../lib/ids.ts";
import { newEvent, SYSTEM } from "../models/events/event.ts";
import type { Store } from "../models/ports/store.ts";
import type { WebhookDelivery, WebhookEndpoint } from "../models/webhooks/webhook.ts";
import { contractTest, T0, twoWorkspaces } from "./contract_accounts.ts";

function endpoint(workspaceId: string, events: WebhookEndpoint["events"] = ["*"]): WebhookEndpoint {
  return {
    id: newId(T0),
    workspaceId,
    url: "https://hooks.example.com/in",
    description: "",
    events,
    enabled: true,
    disabledReason: null,
    disabledAt: null,
    failingSince: null,
    secretSealed: "v1.sealed",
    secretHint: "whsec_…abcd",
    previousSecretSealed: null,
    previousSecretExpiresAt: null,
    createdBy: newId(T0),
    createdAt: T0,
    updatedAt: T0,
  };
}

function delivery(e: WebhookEndpoint, eventId: string, at = T0): WebhookDelivery {
  return {
    id: newId(at),
    workspaceId: e.workspaceId,
    endpointId: e.id,
    eventId,
    eventType: "agent.created",
    body: "{}",
    retries: true,
    status: "pending",
    attempts: 0,
    nextAttemptAt: at,
    lastStatusCode: null,
    lastLatencyMs: null,
    lastResponse: null,
    lastError: null,
    createdAt: at,
    updatedAt: at,
    deliveredAt: null,
  };
}

const later = (ms: number) => new Date(T0.getTime() + ms);

/** The webhooks part of the contract. */
export function webhooksContract(name: string, open: () => Promise<Store>): void {
  const test = contractTest(name, open);

  test("webhook endpoints are read, changed and removed only within their workspace", async (store) => {
    const { a, b } = await twoWorkspaces(store);
    const e = endpoint(a.id, ["ticket.created"]);
    await store.webhooks.insert(e);
    assert.deepEqual(await store.webhooks.get(a.id, e.id), e);
    assert.equal(await store.webhooks.get(b.id, e.id), null);
    assert.equal(await store.webhooks.update(b.id, e.id, { updatedAt: T0, url: "https://x.example" }), null);
    assert.equal(await store.webhooks.remove(b.id, e.id), false);
    assert.deepEqual(await store.webhooks.list(b.id), []);
    const saved = await store.webhooks.update(a.id, e.id, { updatedAt: later(1), events: ["*"], enabled: false });
    assert.deepEqual([saved?.events, saved?.enabled, saved?.url], [["*"], false, e.url]);
    assert.equal(await store.webhooks.remove(a.id, e.id), true);
    assert.deepEqual(await store.webhooks.list(a.id), []);
  });

  test("subscribers are the enabled endpoints that want the type (or every type)", async (store) => {
    const { a, b } = await twoWorkspaces(store);
    const all = endpoint(a.id);
    const tickets = endpoint(a.id, ["ticket.created"]);
    const off = { ...endpoint(a.id), enabled: false };
    const elsewhere = endpoint(b.id);
    for (const e of [all, tickets, off, elsewhere]) await store.webhooks.insert(e);
    const ids = async (type: string) => (await store.webhooks.subscribers(a.id, type)).map((e) => e.id).sort();
    assert.deepEqual(await ids("ticket.created"), [all.id, tickets.id].sort());
    assert.deepEqual(await ids("agent.created"), [all.id]);
  });

  test("a delivery is queued once per event and endpoint, claimed with a lease, and released at start", async (store) => {
    const { a } = await twoWorkspaces(store);
    const e = endpoint(a.id);
    await store.webhooks.insert(e);
    const eventId = newId(T0);
    assert.equal(await store.webhooks.enqueue([delivery(e, eventId)]), 1);
    assert.equal(await store.webhooks.enqueue([delivery(e, eventId)]), 0, "a redelivered event adds nothing");
    assert.equal(await store.webhooks.enqueue([{ ...delivery(e, newId(T0)), nextAttemptAt: later(60_000) }]), 1);
    const claimed = await store.webhooks.claimDue(T0, 10, later(1000));
    assert.equal(claimed.length, 1, "only what is due");
    assert.deepEqual(await store.webhooks.claimDue(T0, 10, later(1000)), [], "claimed rows are not claimed twice");
    assert.equal((await store.webhooks.nextDue(T0))?.getTime(), later(60_000).getTime());
    assert.equal((await store.webhooks.claimDue(later(2000), 10, later(3000))).length, 1, "a lapsed lease");
    assert.equal(await store.webhooks.releaseClaims(), 1);
    assert.equal((await store.webhooks.claimDue(T0, 10, later(1000))).length, 1, "released at start");
    assert.ok(await store.webhooks.delivery(a.id, claimed[0].id));
  });

  test("a failing attempt disables its endpoint once, with its event, and fails what is pending", async (store) => {
    const { a } = await twoWorkspaces(store);
    const e = endpoint(a.id);
    await store.webhooks.insert(e);
    const [d1, d2] = [delivery(e, newId(T0)), delivery(e, newId(T0))];
    await store.webhooks.enqueue([d1, d2]);
    const head = await store.events.head();
    const fail = (d: WebhookDelivery, at: Date, n: number) =>
      store.webhooks.recordAttempt({
        workspaceId: a.id,
        attempt: { deliveryId: d.id, attempt: n, at, statusCode: 500, latencyMs: 3, response: "no", error: null },
        delivery: {
          id: d.id,
          status: "pending",
          attempts: n,
          nextAttemptAt: later(3600_000),
          lastStatusCode: 500,
          lastLatencyMs: 3,
          lastResponse: "no",
          lastError: null,
          deliveredAt: null,
          updatedAt: at,
        },
        health: {
          ok: false,
          at,
          disableIf: (x) => at.getTime() - x.failingSince!.getTime() >= 1000,
          emit: (x) => [
            newEvent("webhook.disabled", {
              workspaceId: x.workspaceId,
              aggregateId: x.id,
              actor: SYSTEM,
              at,
              payload: { webhookId: x.id, url: x.url, description: "", failingSince: x.failingSince!.toISOString() },
            }),
          ],
        },
      });
    await fail(d1, T0, 1);
    assert.equal((await store.webhooks.get(a.id, e.id))?.failingSince?.getTime(), T0.getTime());
    await fail(d1, later(2000), 2);
    await fail(d2, later(3000), 1);
    const after = await store.webhooks.get(a.id, e.id);
    assert.deepEqual([after?.enabled, after?.disabledReason], [false, "failing"]);
    const events = await store.events.after(head, { limit: 10 });
    assert.deepEqual(events.map((x) => x.type), ["webhook.disabled"], "one event");
    for (const d of [d1, d2]) assert.equal((await store.webhooks.delivery(a.id, d.id))?.status, "failed");
    assert.deepEqual((await store.webhooks.attempts(a.id, d1.id)).map((x) => x.attempt), [1, 2]);
    assert.deepEqual(await store.webhooks.attempts("0".repeat(24), d1.id), [], "scoped to the workspace");
  });
}
