/**
 * The stand-in behaves as the driver and server do where the adapter relies on it: unique (and partial unique)
 * indexes, transactions that undo everything on a throw and hide their writes until they end, updates that must
 * be operators, BSON round trips, `$text` only with a text index.
 */
import assert from "node:assert/strict";
import { Binary, MongoServerError } from "mongodb";
import { FakeMongoClient } from "./mongo_memory.ts";

Deno.test("mongo stand-in: unique and partial unique indexes refuse duplicates with E11000", async () => {
  const c = new FakeMongoClient().db().collection("m");
  await c.createIndexes([
    { key: { conv: 1, seq: 1 }, unique: true },
    { key: { conv: 1, clientId: 1 }, unique: true, partialFilterExpression: { clientId: { $type: "string" } } },
  ]);
  await c.insertMany([{ conv: "a", seq: 1 }, { conv: "a", seq: 2 }]);
  await assert.rejects(c.insertOne({ conv: "a", seq: 1 }), (e) => e instanceof MongoServerError && e.code === 11000);
  await assert.rejects(c.updateOne({ seq: 2 }, { $set: { seq: 1 } }), (e) => (e as MongoServerError).code === 11000);
  assert.equal(await c.countDocuments({ seq: 2 }), 1, "the refused update changed nothing");
  // Without a client id, the partial index does not apply.
  await c.insertMany([{ conv: "b", seq: 1 }, { conv: "b", seq: 2 }]);
  await c.insertOne({ conv: "b", seq: 3, clientId: "x" });
  await assert.rejects(
    c.insertOne({ conv: "b", seq: 4, clientId: "x" }),
    (e) => (e as MongoServerError).code === 11000,
  );
  await assert.rejects(c.insertOne({ _id: (await c.findOne({ seq: 3 }))!._id, conv: "z", seq: 9 }));
});

Deno.test("mongo stand-in: a transaction undoes every write on a throw, and others wait for its end", async () => {
  const client = new FakeMongoClient();
  const c = client.db().collection("t");
  await c.insertOne({ _id: "k" as never, n: 1 });
  const session = client.startSession();
  await assert.rejects(session.withTransaction(async (s) => {
    await c.updateOne({ _id: "k" }, { $inc: { n: 1 } }, { session: s });
    await c.insertOne({ _id: "new" as never }, { session: s });
    assert.equal((await c.findOne({ _id: "k" }, { session: s }))?.n, 2, "its own writes are visible to it");
    throw new Error("boom");
  }));
  assert.equal((await c.findOne({ _id: "k" }))?.n, 1);
  assert.equal(await c.findOne({ _id: "new" }), null);

  let release!: () => void;
  let written!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const wrote = new Promise<void>((r) => (written = r));
  const tx = session.withTransaction(async (s) => {
    await c.updateOne({ _id: "k" }, { $set: { n: 5 } }, { session: s });
    written();
    await gate;
  });
  await wrote;
  const outside = c.findOne({ _id: "k" });
  release();
  await tx;
  assert.equal((await outside)?.n, 5, "a read from outside waited for the commit");
});

Deno.test("mongo stand-in: updates need operators; documents round-trip through BSON", async () => {
  const c = new FakeMongoClient().db().collection("u");
  await c.insertOne({ _id: "a" as never, bytes: new Uint8Array([1, 2]), gone: undefined, at: new Date(0) });
  await assert.rejects(c.updateOne({ _id: "a" }, { plain: 1 }), /atomic operators/);
  const d = await c.findOne({ _id: "a" });
  assert.ok(d!.bytes instanceof Binary, "bytes come back as a Binary");
  assert.equal("gone" in d!, false, "undefined fields are not stored");
  assert.ok(d!.at instanceof Date);
  const up = await c.findOneAndUpdate({ _id: "b" }, { $inc: { n: 2 }, $setOnInsert: { first: true } }, {
    upsert: true,
    returnDocument: "after",
  });
  assert.deepEqual(up, { _id: "b", n: 2, first: true });
});

Deno.test("mongo stand-in: $text needs a text index; it matches stems and scores by weight", async () => {
  const c = new FakeMongoClient().db().collection("k");
  await c.insertMany([
    { _id: "1" as never, title: "Refunds", text: "Money back in five days" },
    { _id: "2" as never, title: "Shipping", text: "Refunded parcels are shipped back" },
    { _id: "3" as never, title: "Hours", text: "Open daily" },
  ]);
  await assert.rejects(c.aggregate([{ $match: { $text: { $search: "refund" } } }]).toArray(), /text index required/);
  await c.createIndexes([{ key: { title: "text", text: "text" }, weights: { title: 6, text: 1 } }]);
  const hits = await c.aggregate([
    { $match: { $text: { $search: "refunding" } } },
    { $addFields: { score: { $meta: "textScore" } } },
    { $sort: { score: -1 } },
  ]).toArray();
  assert.deepEqual(hits.map((h) => h._id), ["1", "2"], "the title weighs more");
});
