/**
 * The Store contract on the MongoDB adapter, its driver objects backed by the in-memory stand-in
 * (`tests/fakes/mongo_memory.ts`, mingo evaluating queries, updates and pipelines). What this cannot show is
 * listed in the README ("MongoDB"); `mongo_server_test.ts` runs the same contract on a real server.
 *
 * @module
 */
import { memoryMongoStore } from "../../tests/fakes/mongo_store.ts";
import { storeContract } from "../contract.ts";

storeContract("mongo on mingo", memoryMongoStore);
