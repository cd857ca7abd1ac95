/**
 * The Store contract, accounts part (workspaces, users, one-time tokens).
 * Registered by `storeContract` in `contract.ts`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { ConflictError } from "../lib/errors.ts";
import { newId } from "../lib/ids.ts";
import type { Store } from "../models/ports/store.ts";
import type { OneTimeToken } from "../models/accounts/token.ts";
import type { Role, User } from "../models/accounts/user.ts";
import type { Workspace } from "../models/accounts/workspace.ts";

/** The fixed time contract fixtures are created at. */
export const T0 = new Date("2026-03-01T10:00:00.000Z");

/** A test registrar for one adapter: a fresh store per test, closed afterwards. */
export function contractTest(name: string, open: () => Promise<Store>) {
  return (title: string, fn: (store: Store) => Promise<void>) =>
    Deno.test(`store contract (${name}): ${title}`, async () => {
      const store = await open();
      try {
        await fn(store);
      } finally {
        await store.close();
      }
    });
}

export function workspace(name = "Acme"): Workspace {
  return { id: newId(), name, createdAt: T0, updatedAt: T0 };
}

export function user(workspaceId: string, email: string, role: Role = "user"): User {
  return {
    id: newId(),
    workspaceId,
    name: email.split("@")[0],
    email,
    passwordHash: "$2b$04$hash",
    company: "Acme",
    role,
    tokenVersion: 0,
    createdAt: T0,
    updatedAt: T0,
  };
}

function token(wid: string, patch: Partial<OneTimeToken> = {}): OneTimeToken {
  return {
    id: newId(),
    kind: "reset",
    workspaceId: wid,
    email: "a@x.test",
    tokenHash: crypto.randomUUID(),
    expiresAt: new Date(T0.getTime() + 3600_000),
    createdAt: T0,
    ...patch,
  };
}

export async function twoWorkspaces(store: Store) {
  const a = workspace("A");
  const b = workspace("B");
  const adminA = user(a.id, `admin-${a.id}@a.test`, "admin");
  const adminB = user(b.id, `admin-${b.id}@b.test`, "admin");
  await store.workspaces.createWithOwner(a, adminA);
  await store.workspaces.createWithOwner(b, adminB);
  return { a, b, adminA, adminB };
}

/** Registers the accounts part of the contract. */
export function accountsContract(name: string, open: () => Promise<Store>): void {
  const test = contractTest(name, open);

  test("answers ping", async (store) => {
    await store.ping();
  });

  test("creates a workspace with its owner and reads both back as plain objects", async (store) => {
    const { a, adminA } = await twoWorkspaces(store);
    assert.deepEqual(await store.workspaces.get(a.id), a);
    assert.deepEqual(await store.users.get(a.id, adminA.id), adminA);
    assert.equal(await store.workspaces.get(newId()), null);
  });

  test("refuses a second account with the same email in any case, keeping nothing of it", async (store) => {
    const { a, adminA } = await twoWorkspaces(store);
    const ws = workspace("C");
    const dup = user(ws.id, adminA.email.toUpperCase(), "admin");
    await assert.rejects(
      store.workspaces.createWithOwner(ws, dup),
      (e) => e instanceof ConflictError && e.code === "email_taken",
    );
    assert.equal(await store.workspaces.get(ws.id), null, "the workspace insert was rolled back");
    await assert.rejects(store.users.insert(user(a.id, adminA.email)), ConflictError);
    const found = await store.users.findByEmail(`  ${adminA.email.toUpperCase()} `);
    assert.equal(found?.id, adminA.id);
  });

  test("scopes user reads and writes to the workspace", async (store) => {
    const { a, b, adminA, adminB } = await twoWorkspaces(store);
    const member = user(a.id, "member@a.test");
    await store.users.insert(member);
    assert.equal(await store.users.get(b.id, member.id), null);
    assert.deepEqual((await store.users.list(a.id)).map((u) => u.id), [adminA.id, member.id]);
    assert.deepEqual((await store.users.list(b.id)).map((u) => u.id), [adminB.id]);
    assert.equal(await store.users.update(b.id, member.id, { name: "x", updatedAt: T0 }), null);
    assert.equal(await store.users.remove(b.id, member.id), false);
    assert.equal(await store.users.revokeSessions(b.id, member.id), null);
    assert.equal((await store.users.get(a.id, member.id))?.name, "member");
  });

  test("updates fields and bumps the token version on revocation", async (store) => {
    const { a, adminA } = await twoWorkspaces(store);
    const later = new Date(T0.getTime() + 1000);
    const renamed = await store.users.update(a.id, adminA.id, { name: "Ada", updatedAt: later });
    assert.equal(renamed?.name, "Ada");
    assert.equal(renamed?.tokenVersion, 0);
    assert.deepEqual(renamed?.updatedAt, later);
    const revoked = await store.users.revokeSessions(a.id, adminA.id, { passwordHash: "$2b$04$new", updatedAt: later });
    assert.equal(revoked?.tokenVersion, 1);
    assert.equal(revoked?.passwordHash, "$2b$04$new");
    assert.equal(revoked?.name, "Ada");
  });

  test("never leaves a workspace without an admin", async (store) => {
    const { a, adminA } = await twoWorkspaces(store);
    await assert.rejects(
      store.users.update(a.id, adminA.id, { role: "user", updatedAt: T0 }),
      (e) => e instanceof ConflictError && e.code === "last_admin",
    );
    await assert.rejects(
      store.users.remove(a.id, adminA.id),
      (e) => e instanceof ConflictError && e.code === "last_admin",
    );
    const second = user(a.id, "second@a.test", "admin");
    await store.users.insert(second);
    assert.equal((await store.users.update(a.id, adminA.id, { role: "user", updatedAt: T0 }))?.role, "user");
    await assert.rejects(store.users.remove(a.id, second.id), ConflictError);
    assert.equal(await store.users.remove(a.id, adminA.id), true);
    assert.equal(await store.users.get(a.id, adminA.id), null);
  });

  test("consumes a one-time token exactly once and never after it expires", async (store) => {
    const { a, adminA } = await twoWorkspaces(store);
    const t = token(a.id, { userId: adminA.id });
    await store.tokens.insert(t);
    assert.equal((await store.tokens.peek("reset", t.tokenHash, T0))?.id, t.id);
    assert.equal(await store.tokens.peek("invite", t.tokenHash, T0), null, "kind must match");
    const [first, second] = await Promise.all([
      store.tokens.consume("reset", t.tokenHash, T0),
      store.tokens.consume("reset", t.tokenHash, T0),
    ]);
    assert.equal([first, second].filter(Boolean).length, 1);
    assert.equal(await store.tokens.peek("reset", t.tokenHash, T0), null);
    const old = token(a.id, { expiresAt: new Date(T0.getTime() - 1) });
    await store.tokens.insert(old);
    assert.equal(await store.tokens.consume("reset", old.tokenHash, T0), null);
  });

  test("lists, revokes and expires pending tokens within one workspace", async (store) => {
    const { a, b, adminA } = await twoWorkspaces(store);
    const i1 = token(a.id, { kind: "invite", role: "user", createdAt: T0 });
    const i2 = token(a.id, { kind: "invite", role: "admin", createdAt: new Date(T0.getTime() + 1) });
    await store.tokens.insert(i1);
    await store.tokens.insert(i2);
    assert.deepEqual((await store.tokens.listPending(a.id, "invite", T0)).map((t) => t.id), [i2.id, i1.id]);
    assert.deepEqual(await store.tokens.listPending(b.id, "invite", T0), []);
    assert.equal(await store.tokens.revoke(b.id, "invite", i1.id), false);
    assert.equal(await store.tokens.revoke(a.id, "invite", i1.id), true);
    assert.deepEqual((await store.tokens.listPending(a.id, "invite", T0)).map((t) => t.id), [i2.id]);
    const r = token(a.id, { userId: adminA.id });
    await store.tokens.insert(r);
    await store.tokens.revokeForUser(a.id, "reset", adminA.id);
    assert.equal(await store.tokens.consume("reset", r.tokenHash, T0), null);
  });
}
