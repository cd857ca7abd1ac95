/**
 * The Store contract on the MongoDB adapter, its driver objects backed by the in-memory stand-in
 * (`tests/fakes/mongo_memory.ts`, mingo evaluating queries, updates and pipelines). What this cannot show is
 * listed in the README ("MongoDB"); `mongo_server_test.ts` runs the same contract on a real server.
 *
 * @module
 */
import type { Db, MongoClient } from "mongodb";
import { FakeMongoClient } from "../../tests/fakes/mongo_memory.ts";
import { storeContract } from "../contract.ts";
import { mongoStore } from "./mod.ts";

/** A fresh store on a fresh stand-in. */
export function openMemoryMongo() {
  const client = new FakeMongoClient();
  return mongoStore(client as unknown as MongoClient, client.db("frontdesk") as unknown as Db);
}

storeContract("mongo on mingo", openMemoryMongo);
