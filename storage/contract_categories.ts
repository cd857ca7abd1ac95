/**
 * The Store contract, categories part: categories scoped per workspace with unique names, their example
 * lists read back as written; conversations' categories and rolling sentiment (rolled with the message
 * that carries it). Registered by `storeContract` in `contract.ts`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { ConflictError } from "../lib/errors.ts";
import { newId } from "../lib/ids.ts";
import type { Category } from "../models/categories/category.ts";
import type { Store } from "../models/ports/store.ts";
import { contractTest, T0, twoWorkspaces } from "./contract_accounts.ts";
import { conversationIn } from "./contract_conversations.ts";

/** Registers the categories part of the contract. */
export function categoriesContract(name: string, open: () => Promise<Store>): void {
  const test = contractTest(name, open);

  test("categories are scoped, unique by name per workspace, updated and removed", async (store) => {
    const { a, b } = await twoWorkspaces(store);
    const category = (workspaceId: string, name: string): Category => ({
      id: newId(),
      workspaceId,
      name,
      description: "",
      examples: ["Where is my parcel?"],
      counterExamples: [],
      createdAt: T0,
      updatedAt: T0,
    });
    const ship = category(a.id, "shipping");
    const bill = category(a.id, "billing");
    await store.categories.insert(ship);
    await store.categories.insert(bill);
    await store.categories.insert(category(b.id, "shipping"));
    await assert.rejects(
      store.categories.insert(category(a.id, "shipping")),
      (e) => e instanceof ConflictError && e.code === "category_taken",
    );
    await assert.rejects(
      store.categories.update(a.id, bill.id, { name: "shipping", updatedAt: T0 }),
      (e) => e instanceof ConflictError && e.code === "category_taken",
    );
    assert.deepEqual((await store.categories.list(a.id)).map((c) => c.name), ["billing", "shipping"]);
    assert.deepEqual(await store.categories.get(a.id, ship.id), ship);
    assert.equal(await store.categories.get(b.id, ship.id), null);
    assert.equal(await store.categories.update(b.id, ship.id, { description: "x", updatedAt: T0 }), null);
    const later = new Date(T0.getTime() + 1000);
    const updated = await store.categories.update(a.id, ship.id, {
      counterExamples: ["refund please"],
      updatedAt: later,
    });
    assert.deepEqual(updated, { ...ship, counterExamples: ["refund please"], updatedAt: later });
    assert.equal(await store.categories.remove(b.id, ship.id), false);
    assert.equal(await store.categories.remove(a.id, ship.id), true);
    assert.deepEqual((await store.categories.list(a.id)).map((c) => c.name), ["billing"]);
  });

  test("a conversation keeps its categories and rolls its sentiment with each customer message", async (store) => {
    const { a, b } = await twoWorkspaces(store);
    const conv = await conversationIn(store, a.id);
    assert.equal(conv.sentimentScore, undefined);
    const updated = await store.conversations.update(a.id, conv.id, { categories: ["shipping"], updatedAt: T0 });
    assert.deepEqual(updated?.categories, ["shipping"]);
    const send = (text: string, score: number | null, authorKind: "visitor" | "staff" = "visitor") =>
      store.conversations.append(a.id, conv.id, {
        sender: authorKind === "visitor" ? "user" : "agent",
        authorKind,
        text,
        attachmentIds: [],
        citations: [],
        status: "complete",
        internal: false,
        metadata: score === null ? {} : { sentiment: { score, label: "neutral" } },
      }, T0);
    assert.equal((await send("awful", -0.8)).conversation.sentimentScore, -0.8);
    assert.equal((await send("fine", 0.4)).conversation.sentimentScore, -0.2);
    // Staff's words and unscored messages leave it alone.
    assert.equal((await send("sorry", -0.9, "staff")).conversation.sentimentScore, -0.2);
    assert.equal((await send("", null)).conversation.sentimentScore, -0.2);
    const read = await store.conversations.get(a.id, conv.id);
    assert.equal(read?.sentimentScore, -0.2);
    assert.deepEqual(read?.categories, ["shipping"]);
    // The provider re-scored a message: the rolled score is set; the rest stays; another workspace can't.
    const rescored = await store.conversations.update(a.id, conv.id, { sentimentScore: -0.65, updatedAt: T0 });
    assert.equal(rescored?.sentimentScore, -0.65);
    assert.deepEqual(rescored?.categories, ["shipping"]);
    assert.equal(await store.conversations.update(b.id, conv.id, { sentimentScore: 1, updatedAt: T0 }), null);
    assert.equal((await store.conversations.get(a.id, conv.id))?.sentimentScore, -0.65);
  });
}
