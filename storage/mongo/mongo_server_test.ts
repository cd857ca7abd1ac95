/**
 * The Store contract on a real MongoDB server, when `MONGODB_URI` names one (a replica set: the adapter's
 * transactions need one; Atlas, or `mongod --replSet`). Each test gets its own database, dropped afterwards.
 * Unset, the tests are registered as ignored and one line says why (`.ci/run` shows it).
 *
 * @module
 */
import { MongoClient } from "mongodb";
import { newId } from "../../lib/ids.ts";
import { storeContract } from "../contract.ts";
import { mongoStore } from "./mod.ts";

const uri = Deno.env.get("MONGODB_URI");

if (uri) {
  storeContract("mongo server", async () => {
    const client = new MongoClient(uri, { ignoreUndefined: true, serverSelectionTimeoutMS: 10_000 });
    await client.connect();
    const db = client.db(`frontdesk_contract_${newId()}`);
    return await mongoStore(client, db, async () => {
      await db.dropDatabase();
      await client.close();
    });
  });
} else {
  console.log("mongo: contract suites on a real MongoDB skipped: MONGODB_URI is not set (no MongoDB reachable)");
  Deno.test({ name: "store contract (mongo server): skipped, MONGODB_URI is not set", ignore: true, fn() {} });
}
