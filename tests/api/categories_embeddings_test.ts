import assert from "node:assert/strict";
import { pickCategory } from "../../models/categories/categories.ts";
import { classifier } from "../../models/categories/classify.ts";
import { embedText } from "../fakes/openai_fake.ts";
import { openAiWorkspaces } from "../fakes/openai_workspace.ts";
import { call } from "../helpers.ts";

/**
 * Embeddings with meaning for the fake: words of one concept share a dimension (as a real model puts
 * "parcel" and "shipment" close), plus the fake's hashed bag of words, weaker, so that no two different
 * texts are identical.
 */
const CONCEPTS: Record<string, string[]> = {
  shipping: ["parcel", "order", "arrived", "tracking", "delivery", "shipment", "courier", "package"],
  billing: ["charged", "twice", "refund", "invoice", "money", "bill"],
};
function meaningful(text: string): number[] {
  const v = embedText(text).map((x) => 0.3 * x);
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  Object.values(CONCEPTS).forEach((list, i) => {
    for (const w of words) if (list.includes(w)) v[i] += 1;
  });
  return v;
}

/** A paraphrase of the shipping examples with none of their words (nor the description's). */
const PARAPHRASE = "Any news about the shipment I am waiting for?";

const SHIPPING = {
  name: "Shipping",
  description: "Deliveries, tracking and parcels",
  examples: ["Where is my parcel?", "My order has not arrived yet", "The tracking number does not work"],
};
const BILLING = { name: "billing", description: "Invoices and refunds", examples: ["I was charged twice"] };

async function setup() {
  const t = await openAiWorkspaces({ embed: meaningful });
  const workspace = async (email: string, categories: object[], key = true) => {
    const w = await t.workspace(email, { key: key ? undefined : false });
    for (const body of categories) {
      assert.equal((await call(t.app, "POST", "/api/categories", { cookie: w.admin.cookie, body })).status, 201);
    }
    /** A customer's message; the conversation as stored once the listeners are done. */
    const chat = async (text: string) => {
      const { conversation } = await w.chat(text);
      return (await t.deps.store.conversations.get(conversation.workspaceId, conversation.id))!;
    };
    return { ...w, chat };
  };
  /** The inputs of each embeddings request that carried `text`. */
  const embedded = (text: string) =>
    t.fake.requests
      .filter((r) => r.path === "/v1/embeddings")
      .map((r) => (r.body as { input: string[] }).input)
      .filter((input) => input.includes(text));
  return { ...t, workspace, embedded };
}

Deno.test("categories by embeddings: a paraphrase with no shared word is tagged; examples embedded once", async () => {
  const t = await setup();
  try {
    const a = await t.workspace("admin@a.test", [SHIPPING, BILLING]);
    // The offline classifier alone cannot tag it: no word in common with any example.
    const offline = classifier(await t.deps.store.categories.list(a.workspaceId));
    assert.equal(offline.best(PARAPHRASE), null);

    const conv = await a.chat(PARAPHRASE);
    assert.deepEqual(conv.categories, ["shipping"]);
    // One request: the message and every example (none cached yet; categories by name).
    assert.deepEqual(t.embedded(PARAPHRASE), [[PARAPHRASE, ...BILLING.examples, ...SHIPPING.examples]]);

    // The next message: one request with the message alone (the examples' vectors are kept).
    const next = "My money was taken two times";
    const billed = await a.chat(next);
    assert.deepEqual(billed.categories, ["billing"]);
    assert.deepEqual(t.embedded(next), [[next]]);

    const picked = await pickCategory(t.deps, a.workspaceId, a.agent.id, PARAPHRASE);
    assert.equal(picked?.category.name, "shipping");
    assert.equal(picked?.source, "embeddings");
    assert.ok(picked!.score >= 0.45 && picked!.score < 1, String(picked?.score));
    // Nothing close: nothing applied, by either path.
    assert.equal(await pickCategory(t.deps, a.workspaceId, a.agent.id, "Hello there"), null);

    // Staff change a category: its cached vectors are forgotten, the next message embeds the examples again.
    const [ship] = (await t.deps.store.categories.list(a.workspaceId)).filter((c) => c.name === "shipping");
    const put = await call(t.app, "PUT", `/api/categories/${ship.id}`, {
      cookie: a.admin.cookie,
      body: { ...SHIPPING, examples: ["Where is my package?"] },
    });
    assert.equal(put.status, 200);
    const again = "Has the courier come by?";
    assert.equal((await a.chat(again)).categories?.[0], "shipping");
    assert.deepEqual(t.embedded(again), [[again, ...BILLING.examples, "Where is my package?"]]);
  } finally {
    await t.close();
  }
});

Deno.test("categories by embeddings: a failing, slow or keyless provider falls back to the offline classifier", async () => {
  const t = await setup();
  try {
    const a = await t.workspace("admin@a.test", [SHIPPING, BILLING]);
    const warnings: string[] = [];
    const warn = t.deps.log.warn;
    t.deps.log.warn = (msg, fields) => {
      warnings.push(msg);
      warn(msg, fields);
    };
    t.fakeOpts.embeddingsStatus = 500;
    const failed = await a.chat("My order has not arrived, where is it?");
    assert.deepEqual(failed.categories, ["shipping"], "the offline classifier tagged it");
    const offline = await pickCategory(t.deps, a.workspaceId, a.agent.id, "Where is my parcel today?");
    assert.equal(offline?.source, "examples");
    // Failing, the paraphrase is simply not tagged (no error anywhere).
    assert.deepEqual((await a.chat(PARAPHRASE)).categories ?? [], []);
    delete t.fakeOpts.embeddingsStatus;
    assert.ok(warnings.includes("categories: embeddings failed, offline classifier used"), String(warnings));

    // Slow: the embeddings request hangs; the short timeout hands over to the offline classifier.
    await t.ai.idle();
    t.fake.script([{ kind: "hang" }]);
    const slow = await pickCategory(t.deps, a.workspaceId, a.agent.id, "The tracking number does not work today");
    assert.equal(slow?.source, "examples");
    assert.equal(slow?.category.name, "shipping");

    // No key set up for the agent's provider: offline, and the provider is not called.
    const b = await t.workspace("admin@b.test", [SHIPPING], false);
    const before = t.fake.requests.length;
    const keyless = await b.chat("Where is my parcel? It has not arrived");
    assert.deepEqual(keyless.categories, ["shipping"]);
    assert.equal(t.fake.requests.length, before);
  } finally {
    await t.close();
  }
});

Deno.test("categories by embeddings: another workspace's categories and cached vectors never apply", async () => {
  const t = await setup();
  try {
    const a = await t.workspace("admin@a.test", [SHIPPING, BILLING]);
    assert.deepEqual((await a.chat(PARAPHRASE)).categories, ["shipping"]);
    // B, same provider and model, has one category sharing an example text with A's shipping.
    const b = await t.workspace("admin@b.test", [{
      name: "lost-items",
      description: "Things customers lost",
      examples: ["Where is my parcel?"],
    }]);
    const text = "Is there news of the shipment?";
    const conv = await b.chat(text);
    assert.deepEqual(conv.categories, ["lost-items"], "B's own category, never A's shipping");
    // B's example was embedded for B, not served from A's cache.
    assert.deepEqual(t.embedded(text), [[text, "Where is my parcel?"]]);
    // A billing-like message finds nothing in B (A's billing is not B's).
    assert.equal(await pickCategory(t.deps, b.workspaceId, b.agent.id, "I was charged twice"), null);
    // And A still tags with its own categories.
    assert.equal((await pickCategory(t.deps, a.workspaceId, a.agent.id, text))?.category.name, "shipping");
  } finally {
    await t.close();
  }
});
