/**
 * The Store contract on the MongoDB adapter, its driver objects backed by the in-memory stand-in
 * (`tests/fakes/mongo_memory.ts`, mingo evaluating queries, updates and pipelines). What this cannot show is
 * listed in the README ("MongoDB"); `mongo_server_test.ts` runs the same contract on a real server.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Db, IndexDescription, MongoClient } from "mongodb";
import { FakeMongoClient } from "../../tests/fakes/mongo_memory.ts";
import { memoryMongoStore } from "../../tests/fakes/mongo_store.ts";
import { storeContract } from "../contract.ts";
import { mongoStore } from "./mod.ts";

storeContract("mongo on mingo", memoryMongoStore);

Deno.test("mongo store creates its collections and indexes at start: unique, compound, TTL and text", async () => {
  const client = new FakeMongoClient();
  const db = client.db("frontdesk");
  const store = await mongoStore(client as unknown as MongoClient, db as unknown as Db);
  try {
    const indexes = async (name: string) => await db.collection(name).listIndexes().toArray() as IndexDescription[];
    const tokens = await indexes("one_time_tokens");
    assert.deepEqual(tokens.find((i) => i.expireAfterSeconds !== undefined)?.key, { expiresAt: 1 }, "TTL on expiry");
    assert.ok((await indexes("users")).some((i) => i.unique && "emailLc" in i.key));
    assert.ok((await indexes("messages")).some((i) => i.unique && i.partialFilterExpression && "clientId" in i.key));
    assert.ok((await indexes("events")).some((i) => i.unique && "position" in i.key));
    const text = (await indexes("knowledge_chunks")).find((i) => Object.values(i.key).includes("text"));
    assert.deepEqual(Object.keys(text!.key), ["workspaceId", "agentId", "title", "heading", "text"]);
    for (const name of ["workspaces", "counters", "analytics_applied"]) assert.ok(db.collections.has(name), name);
    // Starting again (another instance, a restart) changes nothing.
    await mongoStore(client as unknown as MongoClient, db as unknown as Db);
    assert.equal((await indexes("one_time_tokens")).length, tokens.length);
  } finally {
    await store.close();
  }
});
