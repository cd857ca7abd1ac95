/**
 * An in-memory stand-in for the part of the official MongoDB driver the Mongo Store uses (`MongoClient`, `Db`,
 * `Collection`, cursors, sessions), so the contract suites can run the production adapter here, where no MongoDB
 * server can be installed. Filters, update operators, update pipelines and aggregation pipelines are evaluated by
 * `mingo`, an independent implementation of MongoDB's query language; documents go through a real BSON round trip
 * (the driver's own `BSON`) on every write and read, so types come back as a server would give them (a
 * `Uint8Array` as a `Binary`, `undefined` fields left out as with `ignoreUndefined`).
 *
 * Written by hand because no npm package offers a driver-shaped in-memory MongoDB without downloading a server
 * binary (mongodb-memory-server does, at run time, which this machine cannot). What it does NOT reproduce is listed
 * in the README (section "MongoDB"): real concurrency (it runs transactions one at a time, so unique-index races and
 * write conflicts never happen), the text index's real tokenizer and scores, TTL expiry, and the server's limits.
 *
 * @module
 */
import { type AnyBulkWriteOperation, BSON, type Document, MongoInvalidArgumentError, MongoServerError } from "mongodb";
import { aggregate as mingoAggregate, Query, updateOne as mingoUpdateOne } from "mingo";
import { stemmer } from "stemmer";

type Doc = Document;
type Opts = { session?: FakeSession; [k: string]: unknown } | undefined;

const copy = (d: Doc): Doc => BSON.deserialize(BSON.serialize(d, { ignoreUndefined: true }));
const isOperatorObject = (v: unknown) =>
  !!v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date) &&
  Object.keys(v).some((k) => k.startsWith("$"));

interface IndexSpec {
  key: Record<string, unknown>;
  name: string;
  unique?: boolean;
  partialFilterExpression?: Doc;
  expireAfterSeconds?: number;
  weights?: Record<string, number>;
}

/** One server: its databases and the lock that runs transactions one at a time. */
class FakeServer {
  dbs = new Map<string, FakeDb>();
  #tail: Promise<void> = Promise.resolve();
  holder: FakeSession | null = null;

  /** Waits for the lock unless `session` holds it (an operation inside the running transaction). */
  async gate(session?: FakeSession): Promise<() => void> {
    if (session && this.holder === session) return () => {};
    return await this.acquire(null);
  }

  async acquire(session: FakeSession | null): Promise<() => void> {
    let release!: () => void;
    const prev = this.#tail;
    this.#tail = new Promise<void>((r) => (release = r));
    await prev;
    this.holder = session;
    return () => {
      this.holder = null;
      release();
    };
  }

  snapshot() {
    return [...this.dbs.values()].flatMap((db) =>
      [...db.collections.values()].map((c) => ({ c, docs: c.docs.map(copy) }))
    );
  }
}

/** A session: `withTransaction` runs the callback alone, undoing every write should it throw. */
export class FakeSession {
  constructor(readonly server: FakeServer) {}
  async withTransaction<T>(fn: (session: FakeSession) => Promise<T>): Promise<T> {
    const release = await this.server.acquire(this);
    const before = this.server.snapshot();
    const collections = new Set([...this.server.dbs.values()].flatMap((db) => [...db.collections.values()]));
    try {
      return await fn(this);
    } catch (err) {
      for (const { c, docs } of before) c.docs = docs;
      // Collections first made inside the failed transaction lose their documents too.
      for (const db of this.server.dbs.values()) {
        for (const c of db.collections.values()) if (!collections.has(c)) c.docs = [];
      }
      throw err;
    } finally {
      release();
    }
  }
  endSession(): Promise<void> {
    return Promise.resolve();
  }
}

/** The client: `db()`, `startSession()`, `close()`. */
export class FakeMongoClient {
  #server = new FakeServer();
  db(name = "test"): FakeDb {
    let db = this.#server.dbs.get(name);
    if (!db) this.#server.dbs.set(name, db = new FakeDb(this.#server, name));
    return db;
  }
  startSession(): FakeSession {
    return new FakeSession(this.#server);
  }
  connect(): Promise<this> {
    return Promise.resolve(this);
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** A database: collections by name, `command({ ping: 1 })`. */
export class FakeDb {
  collections = new Map<string, FakeCollection>();
  constructor(readonly server: FakeServer, readonly databaseName: string) {}
  collection(name: string): FakeCollection {
    let c = this.collections.get(name);
    if (!c) this.collections.set(name, c = new FakeCollection(this.server, name, this));
    return c;
  }
  command(cmd: Doc): Promise<Doc> {
    if ("ping" in cmd) return Promise.resolve({ ok: 1 });
    throw new Error(`fake mongo: command ${Object.keys(cmd)[0]} not supported`);
  }
  createCollection(name: string): Promise<FakeCollection> {
    if (this.collections.has(name)) {
      return Promise.reject(new MongoServerError({ message: `Collection ${name} already exists.`, code: 48 }));
    }
    return Promise.resolve(this.collection(name));
  }
  listCollections(_filter: Doc = {}, _opts: Doc = {}) {
    return { toArray: () => Promise.resolve([...this.collections.keys()].map((name) => ({ name }))) };
  }
}

/** A cursor over the result of `find` or `aggregate`, computed when read. */
class FakeCursor {
  #stages: Doc[] = [];
  constructor(private readonly run: (extra: Doc[]) => Promise<Doc[]>) {}
  sort(spec: Doc) {
    this.#stages.push({ $sort: spec });
    return this;
  }
  skip(n: number) {
    this.#stages.push({ $skip: n });
    return this;
  }
  limit(n: number) {
    if (n) this.#stages.push({ $limit: n });
    return this;
  }
  project(p: Doc) {
    this.#stages.push({ $project: p });
    return this;
  }
  toArray(): Promise<Doc[]> {
    return this.run(this.#stages);
  }
  async *[Symbol.asyncIterator]() {
    for (const d of await this.toArray()) yield d;
  }
}

/** Tokens as MongoDB's text index sees them (lowercased words, English stopwords out, stemmed). */
const TEXT_STOPWORDS = new Set(
  ("a about an and are as at be but by can do does for from had has have how i if in is it its me my no not of on " +
    "or our so than that the their them then there these they this to too was we were what when where which who why " +
    "will with would you your").split(" "),
);
const textTerms = (s: string) =>
  (s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((t) => !TEXT_STOPWORDS.has(t)).map((t) => stemmer(t));

/** A collection: the documents (as BSON would give them back) and the indexes asked for. */
export class FakeCollection {
  docs: Doc[] = [];
  indexes: IndexSpec[] = [];
  constructor(readonly server: FakeServer, readonly collectionName: string, readonly db: FakeDb) {}

  // --- indexes -------------------------------------------------------------------------------------------------
  createIndexes(specs: Array<{ key: Doc; name?: string } & Omit<IndexSpec, "key" | "name">>): Promise<string[]> {
    const names = specs.map((s) => {
      const name = s.name ?? Object.entries(s.key).map(([k, v]) => `${k}_${v}`).join("_");
      if (!this.indexes.some((i) => i.name === name)) this.indexes.push({ ...s, name } as IndexSpec);
      return name;
    });
    return Promise.resolve(names);
  }
  createIndex(key: Doc, opts: Omit<IndexSpec, "key"> | Doc = {}): Promise<string> {
    return this.createIndexes([{ key, ...opts } as IndexSpec]).then((n) => n[0]);
  }
  listIndexes() {
    return { toArray: () => Promise.resolve([{ key: { _id: 1 }, name: "_id_" }, ...this.indexes]) };
  }

  /** Throws E11000 when `docs` break `_id` or a unique index (partial indexes only count matching documents). */
  #checkUnique(docs: Doc[]) {
    const uniques = [{ key: { _id: 1 }, name: "_id_", unique: true } as IndexSpec, ...this.indexes]
      .filter((i) => i.unique);
    for (const index of uniques) {
      const partial = index.partialFilterExpression ? new Query(index.partialFilterExpression, {}) : null;
      const seen = new Set<string>();
      for (const d of docs) {
        if (partial && !partial.test(d)) continue;
        const key = JSON.stringify(
          Object.keys(index.key).map((k) => BSON.EJSON.serialize({ v: getPath(d, k) ?? null })),
        );
        if (seen.has(key)) {
          throw new MongoServerError({
            message:
              `E11000 duplicate key error collection: ${this.collectionName} index: ${index.name} dup key: ${key}`,
            code: 11000,
            keyPattern: index.key,
          });
        }
        seen.add(key);
      }
    }
  }

  /** Runs a write on a copy of the documents, keeping it only when every unique index still holds. */
  #write<T>(fn: (docs: Doc[]) => T): T {
    const docs = this.docs.map((d) => d);
    const result = fn(docs);
    this.#checkUnique(docs);
    this.docs = docs;
    return result;
  }

  // --- reads ---------------------------------------------------------------------------------------------------
  async #aggregate(pipeline: Doc[], session?: FakeSession): Promise<Doc[]> {
    const release = await this.server.gate(session);
    try {
      let source = this.docs;
      let stages = pipeline;
      const first = pipeline[0]?.$match as Doc | undefined;
      if (first && "$text" in first) {
        // $text needs the text index; matching documents carry their score for {$meta: "textScore"}.
        source = this.#textMatch((first.$text as { $search: string }).$search);
        stages = [{ $match: stripText(first) }, ...pipeline.slice(1)];
      }
      stages = replaceMeta(stages);
      const out = mingoAggregate(source, stages, {
        collectionResolver: (name: string) => this.db.collection(name).docs,
      }) as Doc[];
      return out.map((d) => {
        const { __textScore: _, ...rest } = d;
        return copy(rest);
      });
    } finally {
      release();
    }
  }

  #textMatch(search: string): Doc[] {
    const index = this.indexes.find((i) => Object.values(i.key).includes("text"));
    if (!index) throw new MongoServerError({ message: "text index required for $text query", code: 27 });
    const fields = Object.entries(index.key).filter(([, v]) => v === "text").map(([k]) => k);
    const terms = new Set(textTerms(search));
    const out: Doc[] = [];
    for (const d of this.docs) {
      let score = 0;
      for (const f of fields) {
        const words = textTerms(String(getPath(d, f) ?? ""));
        const hits = words.filter((w) => terms.has(w)).length;
        // Shaped like MongoDB's score: weight x matches, damped by the field's length.
        if (hits) score += (index.weights?.[f] ?? 1) * hits / (0.5 + 0.5 * words.length / Math.max(1, hits));
      }
      if (score > 0) out.push({ ...d, __textScore: score });
    }
    return out;
  }

  find(filter: Doc = {}, opts: Opts & { sort?: Doc; limit?: number; skip?: number; projection?: Doc } = {}) {
    const base: Doc[] = [{ $match: filter }];
    if (opts.sort) base.push({ $sort: opts.sort });
    if (opts.skip) base.push({ $skip: opts.skip });
    if (opts.limit) base.push({ $limit: opts.limit });
    if (opts.projection) base.push({ $project: opts.projection });
    return new FakeCursor((extra) => this.#aggregate([...base, ...extra], opts.session));
  }
  async findOne(filter: Doc = {}, opts: Opts & { sort?: Doc; projection?: Doc } = {}): Promise<Doc | null> {
    return (await this.find(filter, { ...opts, limit: 1 }).toArray())[0] ?? null;
  }
  aggregate(pipeline: Doc[], opts: Opts = {}) {
    return new FakeCursor((extra) => this.#aggregate([...pipeline, ...extra], opts?.session));
  }
  async countDocuments(filter: Doc = {}, opts: Opts = {}): Promise<number> {
    return (await this.#aggregate([{ $match: filter }], opts?.session)).length;
  }
  async distinct(field: string, filter: Doc = {}, opts: Opts = {}): Promise<unknown[]> {
    const docs = await this.#aggregate([{ $match: filter }], opts?.session);
    return [...new Map(docs.map((d) => [JSON.stringify(getPath(d, field)), getPath(d, field)])).values()];
  }

  // --- writes --------------------------------------------------------------------------------------------------
  async insertOne(doc: Doc, opts: Opts = {}) {
    return await this.insertMany([doc], opts).then((r) => ({ acknowledged: true, insertedId: r.insertedIds[0] }));
  }
  async insertMany(docs: Doc[], opts: Opts & { ordered?: boolean } = {}) {
    const release = await this.server.gate(opts?.session);
    try {
      const added = docs.map((d) => copy(d._id === undefined ? { _id: new BSON.ObjectId(), ...d } : d));
      this.#write((all) => all.push(...added));
      return { acknowledged: true, insertedCount: added.length, insertedIds: added.map((d) => d._id) };
    } finally {
      release();
    }
  }

  /** Applies `update` (operators or a pipeline) to the first match, or upserts; returns before/after copies. */
  #updateOne(all: Doc[], filter: Doc, update: Doc | Doc[], o: { upsert?: boolean; sort?: Doc }) {
    const match = mingoAggregate(all, [{ $match: filter }, ...(o.sort ? [{ $sort: o.sort }] : []), { $limit: 1 }]);
    const i = match.length ? all.indexOf(match[0] as Doc) : -1;
    if (i >= 0) {
      const before = copy(all[i]);
      const doc = copy(all[i]);
      applyUpdate(doc, update, false);
      if (doc._id !== undefined && JSON.stringify(doc._id) !== JSON.stringify(before._id)) {
        throw new MongoServerError({
          message: "Performing an update on the path '_id' would modify the immutable field '_id'",
          code: 66,
        });
      }
      all[i] = copy(doc);
      return { before, after: all[i], matched: 1, upserted: null };
    }
    if (!o.upsert) return { before: null, after: null, matched: 0, upserted: null };
    const doc: Doc = {};
    for (const [k, v] of Object.entries(filter)) if (!k.startsWith("$") && !isOperatorObject(v)) setPath(doc, k, v);
    applyUpdate(doc, update, true);
    if (doc._id === undefined) doc._id = new BSON.ObjectId();
    const stored = copy(doc);
    all.push(stored);
    return { before: null, after: stored, matched: 0, upserted: stored._id };
  }

  async updateOne(filter: Doc, update: Doc | Doc[], opts: Opts & { upsert?: boolean } = {}) {
    requireOperators(update);
    return await this.#updateOneAny(filter, update, opts);
  }
  async #updateOneAny(filter: Doc, update: Doc | Doc[], opts: Opts & { upsert?: boolean } = {}) {
    const release = await this.server.gate(opts?.session);
    try {
      const r = this.#write((all) => this.#updateOne(all, filter, update, opts ?? {}));
      return {
        acknowledged: true,
        matchedCount: r.matched,
        modifiedCount: r.matched &&
            JSON.stringify(BSON.EJSON.serialize(r.before!)) !== JSON.stringify(BSON.EJSON.serialize(r.after!))
          ? 1
          : 0,
        upsertedCount: r.upserted === null ? 0 : 1,
        upsertedId: r.upserted,
      };
    } finally {
      release();
    }
  }
  async replaceOne(filter: Doc, replacement: Doc, opts: Opts & { upsert?: boolean } = {}) {
    if (Object.keys(replacement).some((k) => k.startsWith("$"))) throw new Error("replacement must not hold operators");
    return await this.#updateOneAny(filter, replacement, opts);
  }
  async updateMany(filter: Doc, update: Doc | Doc[], opts: Opts & { upsert?: boolean } = {}) {
    requireOperators(update);
    const release = await this.server.gate(opts?.session);
    try {
      return this.#write((all) => {
        const matched = new Set(mingoAggregate(all, [{ $match: filter }]) as Doc[]);
        let modified = 0;
        for (let i = 0; i < all.length; i++) {
          if (!matched.has(all[i])) continue;
          const doc = copy(all[i]);
          applyUpdate(doc, update, false);
          all[i] = copy(doc);
          modified++;
        }
        if (!matched.size && opts?.upsert) {
          const r = this.#updateOne(all, filter, update, { upsert: true });
          return { acknowledged: true, matchedCount: 0, modifiedCount: 0, upsertedCount: 1, upsertedId: r.upserted };
        }
        return { acknowledged: true, matchedCount: matched.size, modifiedCount: modified, upsertedCount: 0 };
      });
    } finally {
      release();
    }
  }
  async findOneAndUpdate(
    filter: Doc,
    update: Doc | Doc[],
    opts: Opts & { upsert?: boolean; returnDocument?: "before" | "after"; sort?: Doc; projection?: Doc } = {},
  ): Promise<Doc | null> {
    requireOperators(update);
    const release = await this.server.gate(opts?.session);
    try {
      const r = this.#write((all) => this.#updateOne(all, filter, update, opts ?? {}));
      const doc = opts?.returnDocument === "after" ? r.after : r.before;
      return doc ? copy(doc) : null;
    } finally {
      release();
    }
  }
  async deleteOne(filter: Doc, opts: Opts = {}) {
    return await this.#delete(filter, opts, 1);
  }
  async deleteMany(filter: Doc = {}, opts: Opts = {}) {
    return await this.#delete(filter, opts, Infinity);
  }
  async findOneAndDelete(filter: Doc, opts: Opts = {}): Promise<Doc | null> {
    const found = await this.findOne(filter, opts);
    if (found) await this.deleteOne({ _id: found._id }, opts);
    return found;
  }
  async #delete(filter: Doc, opts: Opts, max: number) {
    const release = await this.server.gate(opts?.session);
    try {
      const gone = new Set((mingoAggregate(this.docs, [{ $match: filter }]) as Doc[]).slice(0, max));
      this.docs = this.docs.filter((d) => !gone.has(d));
      return { acknowledged: true, deletedCount: gone.size };
    } finally {
      release();
    }
  }
  async bulkWrite(ops: AnyBulkWriteOperation<Doc>[], opts: Opts & { ordered?: boolean } = {}) {
    const release = await this.server.gate(opts?.session);
    try {
      return this.#write((all) => {
        let n = 0;
        for (const op of ops as Doc[]) {
          if (op.insertOne) all.push(copy(op.insertOne.document));
          else if (op.updateOne) {
            requireOperators(op.updateOne.update),
              this.#updateOne(all, op.updateOne.filter, op.updateOne.update, op.updateOne);
          } else if (op.replaceOne) {
            this.#updateOne(all, op.replaceOne.filter, op.replaceOne.replacement, op.replaceOne);
          } else if (op.deleteOne || op.deleteMany) {
            const spec = op.deleteOne ?? op.deleteMany;
            const gone = (mingoAggregate(all, [{ $match: spec.filter }]) as Doc[]).slice(
              0,
              op.deleteOne ? 1 : undefined,
            );
            for (const d of gone) all.splice(all.indexOf(d), 1);
          } else if (op.updateMany) throw new Error("fake mongo: bulk updateMany not supported");
          n++;
        }
        return { ok: 1, count: n };
      });
    } finally {
      release();
    }
  }
  async drop(): Promise<boolean> {
    this.docs = [];
    this.indexes = [];
    return await Promise.resolve(true);
  }
}

/** As the driver: an update is operators or a pipeline, never a replacement (that is `replaceOne`). */
function requireOperators(update: Doc | Doc[]) {
  if (!Array.isArray(update) && !Object.keys(update).every((k) => k.startsWith("$"))) {
    throw new MongoInvalidArgumentError("Update document requires atomic operators");
  }
}

function stripText(match: Doc): Doc {
  const { $text: _, ...rest } = match;
  return rest;
}

/** `{ $meta: "textScore" }` read from the score the text match attached. */
function replaceMeta(v: unknown): Doc[] {
  const walk = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(walk);
    if (x && typeof x === "object" && !(x instanceof Date) && x.constructor === Object) {
      if ((x as Doc).$meta === "textScore") return "$__textScore";
      return Object.fromEntries(Object.entries(x).map(([k, val]) => [k, walk(val)]));
    }
    return x;
  };
  return walk(v) as Doc[];
}

function getPath(d: Doc, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Doc)[k] : undefined), d);
}
function setPath(d: Doc, path: string, v: unknown) {
  const keys = path.split(".");
  let o = d;
  for (const k of keys.slice(0, -1)) o = o[k] ??= {};
  o[keys.at(-1)!] = v;
}

/**
 * Applies an update document (operators; `$setOnInsert` only on insert, which mingo leaves to us) or an update
 * pipeline to `doc` in place. A replacement (no operators) keeps the `_id`.
 */
function applyUpdate(doc: Doc, update: Doc | Doc[], inserting: boolean) {
  if (Array.isArray(update)) {
    const docs = [doc];
    mingoUpdateOne(docs, {}, update as never, { cloneMode: "deep" });
    const out = docs[0];
    if (out !== doc) {
      for (const k of Object.keys(doc)) delete doc[k];
      Object.assign(doc, out);
    }
    return;
  }
  if (!Object.keys(update).some((k) => k.startsWith("$"))) {
    const id = doc._id;
    for (const k of Object.keys(doc)) delete doc[k];
    Object.assign(doc, { _id: id, ...update });
    return;
  }
  const { $setOnInsert, ...ops } = update;
  if (inserting && $setOnInsert) { for (const [k, v] of Object.entries($setOnInsert as Doc)) setPath(doc, k, v); }
  if (Object.keys(ops).length) {
    const docs = [doc];
    mingoUpdateOne(docs, {}, ops as never, { cloneMode: "deep" });
    if (docs[0] !== doc) Object.assign(doc, docs[0]);
  }
}
