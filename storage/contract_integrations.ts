/**
 * The Store contract, integrations part: Slack and Zendesk connections scoped
 * to their workspace (one per kind, replaced by a second save), found across
 * workspaces only by their external key (the Slack team an inbound event names),
 * health kept with the last error; links from a conversation to its Slack
 * alert or Zendesk ticket, one per conversation and kind, found both ways only
 * within their workspace; and inbound deliveries seen once (Slack retries,
 * Zendesk redeliveries), per kind and workspace. Registered by `storeContract`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { newId } from "../lib/ids.ts";
import type { Connection, IntegrationLink } from "../models/integrations/integration.ts";
import type { Store } from "../models/ports/store.ts";
import { contractTest, T0, twoWorkspaces } from "./contract_accounts.ts";

const later = (ms: number) => new Date(T0.getTime() + ms);

function slack(workspaceId: string, teamId = "T0001", by = newId(T0)): Connection<"slack"> {
  return {
    workspaceId,
    kind: "slack",
    settings: { teamId, channelId: "C0001", mode: "two_way", via: "token", tokenHint: "xoxb-…abcd" },
    secretsSealed: "v1.sealed-slack",
    externalKey: teamId,
    status: "connected",
    lastError: null,
    lastErrorAt: null,
    connectedBy: by,
    createdAt: T0,
    updatedAt: T0,
  };
}

function zendesk(workspaceId: string): Connection<"zendesk"> {
  return {
    workspaceId,
    kind: "zendesk",
    settings: {
      baseUrl: "https://acme.zendesk.com",
      email: "agent@acme.test",
      tokenHint: "…wxyz",
      webhookSecretSet: true,
    },
    secretsSealed: "v1.sealed-zendesk",
    externalKey: null,
    status: "connected",
    lastError: null,
    lastErrorAt: null,
    connectedBy: newId(T0),
    createdAt: T0,
    updatedAt: T0,
  };
}

function link(workspaceId: string, kind: IntegrationLink["kind"], localId: string, remoteId: string): IntegrationLink {
  return { workspaceId, kind, localId, remoteId, state: {}, createdAt: T0, updatedAt: T0 };
}

/** The integrations part of the contract. */
export function integrationsContract(name: string, open: () => Promise<Store>): void {
  const test = contractTest(name, open);

  test("connections are read, listed and removed only within their workspace, one per kind", async (store) => {
    const { a, b } = await twoWorkspaces(store);
    const s = slack(a.id);
    const z = zendesk(a.id);
    await store.integrations.upsert(s);
    await store.integrations.upsert(z);
    assert.deepEqual(await store.integrations.get(a.id, "slack"), s);
    assert.deepEqual(await store.integrations.get(a.id, "zendesk"), z);
    assert.deepEqual((await store.integrations.list(a.id)).map((c) => c.kind), ["slack", "zendesk"]);
    assert.equal(await store.integrations.get(b.id, "slack"), null);
    assert.deepEqual(await store.integrations.list(b.id), []);
    assert.equal(await store.integrations.remove(b.id, "slack"), false);
    await store.integrations.setHealth(b.id, "slack", "not theirs", later(1));
    assert.equal((await store.integrations.get(a.id, "slack"))?.status, "connected");

    // A second save replaces the first: still one Slack connection, with the new settings and secrets.
    const again = { ...slack(a.id, "T0002"), secretsSealed: "v1.sealed-again", updatedAt: later(2) };
    await store.integrations.upsert(again);
    const saved = await store.integrations.get(a.id, "slack");
    assert.deepEqual([saved?.settings.teamId, saved?.secretsSealed, saved?.externalKey], [
      "T0002",
      "v1.sealed-again",
      "T0002",
    ]);
    assert.equal((await store.integrations.list(a.id)).length, 2);

    assert.equal(await store.integrations.remove(a.id, "slack"), true);
    assert.equal(await store.integrations.get(a.id, "slack"), null);
    assert.equal(await store.integrations.remove(a.id, "slack"), false);
  });

  test("an external key finds the connections of that kind in any workspace, and no others", async (store) => {
    const { a, b } = await twoWorkspaces(store);
    await store.integrations.upsert(slack(a.id, "TSHARED"));
    await store.integrations.upsert(slack(b.id, "TSHARED"));
    await store.integrations.upsert(zendesk(a.id));
    const found = await store.integrations.findByExternalKey("slack", "TSHARED");
    assert.deepEqual(found.map((c) => c.workspaceId).sort(), [a.id, b.id].sort());
    assert.deepEqual(await store.integrations.findByExternalKey("slack", "TOTHER"), []);
    assert.deepEqual(await store.integrations.findByExternalKey("zendesk", "TSHARED"), []);
    await store.integrations.remove(b.id, "slack");
    assert.deepEqual((await store.integrations.findByExternalKey("slack", "TSHARED")).map((c) => c.workspaceId), [
      a.id,
    ]);
  });

  test("health: an error is kept with its time; a success clears the status but keeps the last error", async (store) => {
    const { a } = await twoWorkspaces(store);
    await store.integrations.upsert(slack(a.id));
    await store.integrations.setHealth(a.id, "slack", "channel_not_found", later(5));
    let c = await store.integrations.get(a.id, "slack");
    assert.deepEqual([c?.status, c?.lastError, c?.lastErrorAt?.toISOString()], [
      "error",
      "channel_not_found",
      later(5).toISOString(),
    ]);
    await store.integrations.setHealth(a.id, "slack", null, later(6));
    c = await store.integrations.get(a.id, "slack");
    assert.deepEqual([c?.status, c?.lastError], ["connected", "channel_not_found"]);
  });

  test("links: one per conversation and kind, found both ways only within their workspace", async (store) => {
    const { a, b } = await twoWorkspaces(store);
    const conv = newId(T0);
    const alert = link(a.id, "slack", conv, "C0001:1700000000.000100");
    await store.integrations.putLink(alert);
    await store.integrations.putLink(link(a.id, "zendesk", conv, "4242"));
    assert.deepEqual(await store.integrations.link(a.id, "slack", conv), alert);
    assert.deepEqual(await store.integrations.linkByRemote(a.id, "slack", alert.remoteId), alert);
    assert.equal((await store.integrations.link(a.id, "zendesk", conv))?.remoteId, "4242");
    assert.equal(await store.integrations.linkByRemote(a.id, "zendesk", alert.remoteId), null, "kinds apart");
    assert.equal(await store.integrations.link(b.id, "slack", conv), null);
    assert.equal(await store.integrations.linkByRemote(b.id, "slack", alert.remoteId), null);

    // Putting it again replaces it (a re-posted alert, a sync state moved on): still one link.
    const moved = { ...alert, remoteId: "C0001:1700000001.000200", state: { status: "solved" }, updatedAt: later(1) };
    await store.integrations.putLink(moved);
    assert.deepEqual(await store.integrations.link(a.id, "slack", conv), { ...moved, createdAt: T0 });
    assert.equal(await store.integrations.linkByRemote(a.id, "slack", alert.remoteId), null);
    assert.deepEqual((await store.integrations.linkByRemote(a.id, "slack", moved.remoteId))?.state, {
      status: "solved",
    });

    // Another workspace may link the same remote id to its own conversation (its own Slack or Zendesk).
    const theirs = link(b.id, "slack", newId(T0), moved.remoteId);
    await store.integrations.putLink(theirs);
    assert.equal((await store.integrations.linkByRemote(a.id, "slack", moved.remoteId))?.localId, conv);
    assert.equal((await store.integrations.linkByRemote(b.id, "slack", moved.remoteId))?.localId, theirs.localId);
  });

  test("an inbound delivery is seen once, per kind and workspace", async (store) => {
    const { a, b } = await twoWorkspaces(store);
    assert.equal(await store.integrations.seen("slack", a.id, "Ev01"), false);
    await store.integrations.markSeen("slack", a.id, "Ev01", T0);
    await store.integrations.markSeen("slack", a.id, "Ev01", later(1)); // a retry: no error, still seen
    assert.equal(await store.integrations.seen("slack", a.id, "Ev01"), true);
    assert.equal(await store.integrations.seen("zendesk", a.id, "Ev01"), false);
    assert.equal(await store.integrations.seen("slack", b.id, "Ev01"), false);
  });
}
