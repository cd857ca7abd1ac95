/**
 * The Store contract, API keys part. Registered by `storeContract` in `contract.ts`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { newId } from "../lib/ids.ts";
import type { ApiKey } from "../models/api_keys/api_key.ts";
import type { Store } from "../models/ports/store.ts";
import { contractTest, T0, user, workspace } from "./contract_accounts.ts";

function key(workspaceId: string, createdBy: string, hash: string, at = T0): ApiKey {
  return {
    id: newId(at),
    workspaceId,
    name: `key ${hash}`,
    scope: "read",
    internal: false,
    prefix: "fd_live_abcd",
    keyHash: hash,
    createdBy,
    createdAt: at,
  };
}

async function twoWorkspaces(store: Store) {
  const a = workspace("A"), b = workspace("B");
  const adminA = user(a.id, "a@example.com", "admin"), adminB = user(b.id, "b@example.com", "admin");
  await store.workspaces.createWithOwner(a, adminA);
  await store.workspaces.createWithOwner(b, adminB);
  return { a, b, adminA, adminB };
}

/** Registers the API key contract for a Store built by `open`. */
export function apiKeysContract(name: string, open: () => Promise<Store>): void {
  const test = contractTest(name, open);

  test("API keys: found by hash, listed per workspace newest first, never across workspaces", async (store) => {
    const { a, b, adminA, adminB } = await twoWorkspaces(store);
    const k1 = key(a.id, adminA.id, "h1"), k2 = key(a.id, adminA.id, "h2", new Date(T0.getTime() + 1000));
    await store.apiKeys.insert(k1);
    await store.apiKeys.insert(k2);
    await store.apiKeys.insert(key(b.id, adminB.id, "h3"));
    assert.deepEqual((await store.apiKeys.list(a.id)).map((k) => k.keyHash), ["h2", "h1"]);
    assert.deepEqual(await store.apiKeys.findByHash("h1"), { ...k1, lastUsedAt: undefined, revokedAt: undefined });
    assert.equal(await store.apiKeys.findByHash("nope"), null);
  });

  test("API keys: revoked only in their own workspace, once, and then left out of the list", async (store) => {
    const { a, b, adminA } = await twoWorkspaces(store);
    const k = key(a.id, adminA.id, "h1");
    await store.apiKeys.insert(k);
    assert.equal(await store.apiKeys.revoke(b.id, k.id, T0), false);
    assert.equal(await store.apiKeys.revoke(a.id, k.id, T0), true);
    assert.equal(await store.apiKeys.revoke(a.id, k.id, T0), false);
    assert.deepEqual(await store.apiKeys.list(a.id), []);
    assert.deepEqual((await store.apiKeys.findByHash("h1"))?.revokedAt, T0);
  });

  test("API keys: last use is written at most once per interval", async (store) => {
    const { a, adminA } = await twoWorkspaces(store);
    const k = key(a.id, adminA.id, "h1");
    await store.apiKeys.insert(k);
    await store.apiKeys.touch(k.id, T0, 60_000);
    await store.apiKeys.touch(k.id, new Date(T0.getTime() + 30_000), 60_000);
    assert.deepEqual((await store.apiKeys.findByHash("h1"))?.lastUsedAt, T0);
    const later = new Date(T0.getTime() + 60_000);
    await store.apiKeys.touch(k.id, later, 60_000);
    assert.deepEqual((await store.apiKeys.findByHash("h1"))?.lastUsedAt, later);
  });
}
