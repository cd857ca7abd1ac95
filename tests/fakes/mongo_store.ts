/**
 * The MongoDB Store on the in-memory driver stand-in (`mongo_memory.ts`): the production adapter, its
 * `MongoClient` and `Db` played by the stand-in. Used by the contract suites and, with `TEST_STORE=mongo-memory`,
 * by every test that builds its deps with `makeTestDeps` (tests/helpers.ts).
 *
 * @module
 */
import type { Db, MongoClient } from "mongodb";
import type { Store } from "../../models/ports/store.ts";
import { mongoStore } from "../../storage/mongo/mod.ts";
import { type FakeDb, FakeMongoClient } from "./mongo_memory.ts";

/** A fresh, empty MongoDB Store on a fresh stand-in. */
export function memoryMongoStore(): Promise<Store> {
  const client = new FakeMongoClient();
  return mongoStore(client as unknown as MongoClient, client.db("frontdesk") as unknown as Db);
}

/** The same, with the stand-in's database: for tests that look at what is stored (sealed secrets, hashes). */
export async function memoryMongo(): Promise<{ store: Store; db: FakeDb }> {
  const client = new FakeMongoClient();
  const db = client.db("frontdesk");
  return { store: await mongoStore(client as unknown as MongoClient, db as unknown as Db), db };
}
