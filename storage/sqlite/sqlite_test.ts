import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { storeContract } from "../contract.ts";
import { openDatabase } from "./db.ts";
import { migrate, MIGRATIONS } from "./migrations.ts";
import { createSqliteStore } from "./mod.ts";

storeContract("sqlite", () => Promise.resolve(createSqliteStore(":memory:")));

Deno.test("sqlite store survives a reopen with its data and schema version", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/f.db`;
    const first = createSqliteStore(path);
    await first.close();
    const db = openDatabase(path);
    const { user_version } = db.prepare("PRAGMA user_version").get() as { user_version: number };
    assert.equal(user_version, MIGRATIONS.at(-1)!.version);
    assert.equal(migrate(db), 0, "nothing left to apply");
    assert.equal((db.prepare("PRAGMA journal_mode").get() as { journal_mode: string }).journal_mode, "wal");
    assert.equal((db.prepare("PRAGMA foreign_keys").get() as { foreign_keys: number }).foreign_keys, 1);
    db.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a failing migration rolls back and names itself", () => {
  const db = new DatabaseSync(":memory:");
  assert.throws(
    () => migrate(db, [{ version: 1, name: "broken", sql: "CREATE TABLE t (x); CREATE TABLE t (y);" }]),
    /migration 1 \(broken\) failed/,
  );
  assert.equal((db.prepare("PRAGMA user_version").get() as { user_version: number }).user_version, 0);
  assert.equal(db.prepare("SELECT name FROM sqlite_master WHERE name = 't'").get(), undefined);
});

/** Fails when the plan of any of `queries` matches `fullScan`. */
function assertIndexed(db: DatabaseSync, queries: string[], fullScan: RegExp) {
  for (const sql of queries) {
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[];
    const detail = plan.map((r) => r.detail).join("; ");
    assert.doesNotMatch(detail, fullScan, `${sql} -> ${detail}`);
  }
}

Deno.test("every query the users and tokens repositories make uses an index", () => {
  const db = new DatabaseSync(":memory:");
  migrate(db);
  const plans = [
    "SELECT * FROM users WHERE workspace_id = '1' AND id = '2'",
    "SELECT * FROM users WHERE email_lc = 'a'",
    "SELECT * FROM users WHERE workspace_id = '1' ORDER BY created_at, id",
    "SELECT COUNT(*) FROM users WHERE workspace_id = '1' AND role = 'admin' AND id <> '2'",
    "SELECT * FROM one_time_tokens WHERE kind = 'reset' AND token_hash = 'h' AND used_at IS NULL",
    "SELECT * FROM one_time_tokens WHERE workspace_id = '1' AND kind = 'invite' AND used_at IS NULL ORDER BY created_at DESC",
    "UPDATE one_time_tokens SET expires_at = created_at WHERE workspace_id = '1' AND kind = 'reset' AND user_id = 'u'",
  ];
  assertIndexed(db, plans, /^SCAN (users|one_time_tokens)(?! USING)/m);
});

Deno.test("every query on a message's path uses an index, and a message writes only the indexes it needs", () => {
  const db = new DatabaseSync(":memory:");
  migrate(db);
  const plans = [
    "SELECT * FROM conversations WHERE workspace_id = '1' AND id = '2'",
    "SELECT * FROM messages WHERE conversation_id = '1' AND client_id = 'c'",
    "UPDATE conversations SET last_seq = last_seq + 1 WHERE workspace_id = '1' AND id = '2' RETURNING *",
    "SELECT * FROM conversations WHERE workspace_id = '1' AND visitor_id = 'v' ORDER BY last_message_at DESC, id DESC",
    `SELECT m.* FROM conversations c JOIN messages m ON m.conversation_id = c.id AND m.client_id = 'x'
     WHERE c.workspace_id = '1' AND c.visitor_id = 'v' AND m.author_kind = 'visitor'`,
    "SELECT * FROM messages WHERE workspace_id = '1' AND conversation_id = '2' AND seq > 3 ORDER BY seq LIMIT 5",
    "SELECT * FROM conversations WHERE workspace_id = '1' ORDER BY last_message_at DESC, id DESC LIMIT 50",
    "SELECT seq FROM messages WHERE workspace_id = '1' AND conversation_id = '2' AND public_seq <= 3 ORDER BY seq DESC LIMIT 1",
    "SELECT * FROM messages WHERE workspace_id = '1' AND id = '2'",
  ];
  assertIndexed(db, plans, /\bSCAN (conversations|messages|c|m)(?! USING)/m);
  const indexes =
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'messages'").all() as {
      name: string;
    }[]).map((r) => r.name).sort();
  // Clustered by (conversation, seq): the ids, (conversation, client id) for idempotent resends, and the
  // partial index of streaming answers (empty for a complete message).
  assert.deepEqual(indexes, ["messages_streaming", "sqlite_autoindex_messages_1", "sqlite_autoindex_messages_3"]);
});

Deno.test("migration 6 keeps every message, its seqs and its client id", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/old.db`;
    const old = openDatabase(path);
    migrate(old, MIGRATIONS.filter((m) => m.version <= 5));
    const at = "2026-01-02T03:04:05.000Z";
    old.exec(`
      INSERT INTO workspaces (id, name, created_at, updated_at) VALUES ('w1', 'W', '${at}', '${at}');
      INSERT INTO visitors (id, workspace_id, agent_id, created_at, last_seen_at) VALUES ('v1', 'w1', 'a1', '${at}', '${at}');
      INSERT INTO conversations (id, workspace_id, agent_id, visitor_id, status, handled_by, last_seq, last_public_seq,
        last_message_at, created_at, updated_at) VALUES ('c1', 'w1', 'a1', 'v1', 'open', 'human', 3, 2, '${at}', '${at}', '${at}');
    `);
    const insert = old.prepare(
      `INSERT INTO messages (id, workspace_id, conversation_id, seq, public_seq, client_id, sender, author_kind, text,
         attachment_ids, citations, status, internal, metadata, created_at, updated_at)
       VALUES (?, 'w1', 'c1', ?, ?, ?, ?, ?, ?, '[]', '[]', 'complete', ?, '{}', '${at}', '${at}')`,
    );
    insert.run("m1", 1, 1, "client-old-1", "user", "visitor", "Where is my parcel?", 0);
    insert.run("m2", 2, null, null, "agent", "staff", "VIP, be quick", 1);
    insert.run("m3", 3, 2, "client-old-2", "agent", "staff", "On its way!", 0);
    old.close();

    const store = createSqliteStore(path);
    try {
      const all = await store.conversations.messagesAfter("w1", "c1", 0, { limit: 10, includeInternal: true });
      assert.deepEqual(all.map((m) => [m.id, m.seq, m.publicSeq, m.clientId ?? null, m.internal]), [
        ["m1", 1, 1, "client-old-1", false],
        ["m2", 2, null, null, true],
        ["m3", 3, 2, "client-old-2", false],
      ]);
      const visible = await store.conversations.messagesAfter("w1", "c1", 1, { limit: 10, includeInternal: false });
      assert.deepEqual(visible.map((m) => m.id), ["m3"]);
      assert.equal(await store.conversations.seqOfPublic("w1", "c1", 1), 1);
      assert.equal(await store.conversations.publicOfSeq("w1", "c1", 2), 1);
      const again = await store.conversations.append("w1", "c1", {
        clientId: "client-old-2",
        sender: "agent",
        authorKind: "staff",
        text: "On its way!",
        attachmentIds: [],
        citations: [],
        status: "complete",
        internal: false,
        metadata: {},
      }, new Date(at));
      assert.equal(again.created, false, "client ids stay unique per conversation");
      assert.equal(again.message.id, "m3");
      const next = await store.conversations.append("w1", "c1", {
        sender: "user",
        authorKind: "visitor",
        text: "Thanks",
        attachmentIds: [],
        citations: [],
        status: "complete",
        internal: false,
        metadata: {},
      }, new Date(at));
      assert.deepEqual([next.message.seq, next.message.publicSeq], [4, 3]);
    } finally {
      await store.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("migration 18 sums teammates' days rolled up before it into their months, once", () => {
  const db = new DatabaseSync(":memory:");
  migrate(db, MIGRATIONS.filter((m) => m.version < 18));
  const add = db.prepare(
    "INSERT INTO analytics_team_days (workspace_id, day, agent_id, user_id, replies, resolved) VALUES (?, ?, ?, ?, ?, ?)",
  );
  add.run("w", "2026-03-01", "a", "u", 2, 1);
  add.run("w", "2026-03-31", "a", "u", 3, 0);
  add.run("w", "2026-04-01", "a", "u", 5, 2);
  migrate(db);
  const months = db.prepare(
    "SELECT day, replies, resolved FROM analytics_team_days WHERE length(day) = 7 ORDER BY day",
  ).all().map((r) => ({ ...r }));
  assert.deepEqual(months, [{ day: "2026-03", replies: 5, resolved: 1 }, { day: "2026-04", replies: 5, resolved: 2 }]);
});
