import assert from "node:assert/strict";
import type { Db, MongoClient } from "mongodb";
import { newId } from "../../lib/ids.ts";
import type { Agent } from "../../models/agents/agent.ts";
import { blankFact } from "../../models/analytics/rollup_facts.ts";
import { messageCreated } from "../../models/chat/chat.ts";
import type { MessageDraft } from "../../models/chat/conversation.ts";
import { newEvent, SYSTEM } from "../../models/events/event.ts";
import type { Store } from "../../models/ports/store.ts";
import { FakeMongoClient } from "../../tests/fakes/mongo_memory.ts";
import { T0, twoWorkspaces, user } from "../contract_accounts.ts";
import { conversationIn } from "../contract_conversations.ts";
import { openDatabase } from "../sqlite/db.ts";
import { migrate } from "../sqlite/migrations.ts";
import { createSqliteStore } from "../sqlite/mod.ts";
import { dumpMongo, dumpSqlite, loadMongo, loadSqlite } from "./migrate.ts";
import { TABLES } from "./migrate_tables.ts";
import { mongoStore } from "./mod.ts";

const line = (text: string, extra: Partial<MessageDraft> = {}): MessageDraft => ({
  sender: "user",
  authorKind: "visitor",
  text,
  attachmentIds: [],
  citations: [],
  status: "complete",
  internal: false,
  metadata: {},
  ...extra,
});

/** One of nearly everything in workspace A (and a little in B, which must not travel). */
async function fill(store: Store) {
  const { a, b, adminA } = await twoWorkspaces(store);
  await store.users.insert(user(a.id, "member@a.test"));
  await store.tokens.insert({
    id: newId(),
    kind: "invite",
    workspaceId: a.id,
    email: "new@a.test",
    role: "user",
    tokenHash: "h1",
    expiresAt: new Date(T0.getTime() + 86_400_000),
    createdAt: T0,
  });
  await store.credentials.upsert({
    workspaceId: a.id,
    provider: "openai",
    apiKeySealed: "v1.x",
    keyHint: "sk-…abcd",
    extra: { org: "o" },
    updatedBy: adminA.id,
    updatedAt: T0,
  });
  const agent: Agent = {
    id: newId(),
    workspaceId: a.id,
    userId: adminA.id,
    name: "Helper",
    description: "",
    welcomeMessage: "Hi",
    model: "",
    temperature: 0.3,
    maxTokens: 500,
    prompt: "Be nice.",
    isActive: true,
    provider: "local",
    handoffThreshold: 0.3,
    allowedDomains: ["example.com"],
    widgetConfig: { primaryColor: "#112233", position: "left", title: "Hi", subtitle: "" },
    activeVersionId: null,
    createdAt: T0,
    updatedAt: T0,
  };
  await store.agents.insert(agent);
  const sourceId = newId();
  const jobId = newId();
  await store.knowledge.insertSource(
    {
      id: sourceId,
      workspaceId: a.id,
      agentId: agent.id,
      type: "text",
      content: "t",
      metadata: { lang: "en" },
      title: "Refunds",
      status: "queued",
      chunkCount: 0,
      active: false,
      createdAt: T0,
      updatedAt: T0,
    },
    {
      id: jobId,
      workspaceId: a.id,
      agentId: agent.id,
      sourceId,
      state: "queued",
      progressDone: 0,
      progressTotal: 0,
      attempts: 0,
      createdAt: T0,
    },
  );
  await store.knowledge.claimNextJob(T0);
  const chunkId = newId();
  await store.knowledge.insertChunks(a.id, agent.id, jobId, [
    {
      id: chunkId,
      sourceId,
      title: "Refunds",
      heading: "Timing",
      text: "Refunds are paid within five days.",
      position: 0,
    },
    { id: newId(), sourceId, title: "Shipping", heading: "Where", text: "Parcels ship from Lyon.", position: 1 },
  ]);
  await store.knowledge.completeJob(jobId, { updatedAt: T0 }, "Added Refunds", T0);
  await store.knowledge.setEmbeddings(a.id, [{ chunkId, vector: new Float32Array([0.25, -1, 3]) }]);
  const conv = await conversationIn(store, a.id, (c) => [
    newEvent("conversation.started", {
      workspaceId: a.id,
      aggregateId: c.id,
      actor: SYSTEM,
      at: T0,
      payload: { conversationId: c.id, agentId: c.agentId, visitorId: c.visitorId, handledBy: c.handledBy },
    }),
  ]);
  await store.visitors.update(a.id, conv.visitorId, { email: "v@x.test", verified: true });
  await store.conversations.append(
    a.id,
    conv.id,
    line("When are refunds paid?", { clientId: "c-1" }),
    T0,
    messageCreated,
  );
  await store.conversations.append(
    a.id,
    conv.id,
    line("VIP", { sender: "agent", authorKind: "staff", internal: true }),
    T0,
    messageCreated,
  );
  await store.conversations.markRead(a.id, conv.id, "staff", 2);
  await store.attachments.insert({
    id: newId(),
    workspaceId: a.id,
    ownerId: conv.visitorId,
    name: "a.png",
    contentType: "image/png",
    size: 3,
    createdAt: T0,
  });
  await store.tickets.insert({
    id: newId(),
    workspaceId: a.id,
    conversationId: conv.id,
    agentId: agent.id,
    title: "Refund late",
    description: "",
    status: "resolved",
    priority: "high",
    customerEmail: "v@x.test",
    assignedTo: adminA.id,
    userId: adminA.id,
    tags: ["billing"],
    source: "staff",
    resolvedAt: T0,
    closedAt: null,
    rating: { score: 4, at: T0 },
    escalationLevel: 0,
    createdAt: T0,
    updatedAt: T0,
  });
  await store.canned.insert({
    id: newId(),
    workspaceId: a.id,
    title: "Hi",
    shortcut: "hi",
    body: "Hello!",
    createdBy: adminA.id,
    createdAt: T0,
    updatedAt: T0,
  });
  await store.settings.put(a.id, "escalation", { rules: [{ after: 30 }] }, T0);
  const [first] = await store.events.after(0, { limit: 1, workspaceId: a.id });
  await store.events.markDone("mailer", first.id, T0);
  await store.events.saveCheckpoint("mailer", await store.events.head(), T0);
  await store.analytics.apply(first.id, (tx) => {
    tx.add({ workspaceId: a.id, day: "2026-03-01", agentId: agent.id }, { conversations: 1 });
    tx.putSketch({ workspaceId: a.id, day: "2026-03-01", agentId: agent.id }, new Uint8Array([1, 2, 3]));
    // The migration-13 shapes: question lists, pages, first-conversation flags, a rating comment.
    const key = { workspaceId: a.id, day: "2026-03-01", agentId: agent.id };
    tx.addQuestion(key, "refund paid", { asked: 1, unsure: 1, example: "When are refunds paid?" });
    tx.addPage(key, "https://shop.example/help");
    tx.putFact({
      ...blankFact(a.id, conv.id, agent.id, conv.visitorId),
      startedAt: T0,
      day: "2026-03-01",
      pageUrl: "https://shop.example/help",
      messagesCustomer: 1,
      rating: 5,
      customerEmail: "v@x.test",
      question: "When are refunds paid?",
      firstOfVisitor: true,
      firstWithAgent: true,
      // Migration 15: the day the customer rated the AI's answer.
      aiRatedDay: "2026-03-01",
    });
    tx.putTicket({
      ticketId: "t-rated",
      workspaceId: a.id,
      conversationId: conv.id,
      agentId: agent.id,
      createdAt: T0,
      resolvedAt: T0,
      resolvedBy: adminA.id,
      rating: 5,
      ratedDay: "2026-03-01",
      comment: "Quick, thanks",
    });
  });
  await store.analytics.fixGap({
    workspaceId: a.id,
    signature: "refund paid",
    agentId: agent.id,
    sourceId,
    fixedBy: adminA.id,
    fixedAt: T0,
    fixedDay: "2026-03-01",
  });
  await store.apiKeys.insert({
    id: newId(),
    workspaceId: a.id,
    name: "CRM",
    scope: "write",
    internal: false,
    prefix: "fd_live_abcd",
    keyHash: "kh1",
    createdBy: adminA.id,
    createdAt: T0,
  });
  await store.apiKeys.touch((await store.apiKeys.findByHash("kh1"))!.id, T0, 0);
  const hook = {
    id: newId(),
    workspaceId: a.id,
    url: "https://hooks.example.com/in",
    description: "CRM",
    events: ["ticket.created" as const],
    enabled: true,
    disabledReason: null,
    disabledAt: null,
    failingSince: null,
    secretSealed: "v1.sealed",
    secretHint: "whsec_…abcd",
    previousSecretSealed: null,
    previousSecretExpiresAt: null,
    createdBy: adminA.id,
    createdAt: T0,
    updatedAt: T0,
  };
  await store.webhooks.insert(hook);
  const deliveryId = newId();
  await store.webhooks.enqueue([{
    id: deliveryId,
    workspaceId: a.id,
    endpointId: hook.id,
    eventId: first.id,
    eventType: "ticket.created",
    body: "{}",
    retries: true,
    status: "pending",
    attempts: 0,
    nextAttemptAt: T0,
    lastStatusCode: null,
    lastLatencyMs: null,
    lastResponse: null,
    lastError: null,
    createdAt: T0,
    updatedAt: T0,
    deliveredAt: null,
  }]);
  const later = new Date(T0.getTime() + 60_000);
  await store.webhooks.recordAttempt({
    attempt: { deliveryId, attempt: 1, at: T0, statusCode: 500, latencyMs: 12, response: "no", error: null },
    workspaceId: a.id,
    delivery: {
      id: deliveryId,
      status: "pending",
      attempts: 1,
      nextAttemptAt: later,
      lastStatusCode: 500,
      lastLatencyMs: 12,
      lastResponse: "no",
      lastError: null,
      deliveredAt: null,
      updatedAt: T0,
    },
    health: { ok: false, at: T0, disableIf: () => false },
  });
  await store.integrations.upsert({
    workspaceId: a.id,
    kind: "slack",
    settings: { channelId: "C1", channelName: "support", teamName: "Acme" } as never,
    secretsSealed: "v1.s",
    externalKey: "T1",
    status: "connected",
    lastError: null,
    lastErrorAt: null,
    connectedBy: adminA.id,
    createdAt: T0,
    updatedAt: T0,
  });
  await store.integrations.setHealth(a.id, "slack", "channel_not_found", T0);
  await store.integrations.putLink({
    workspaceId: a.id,
    kind: "slack",
    localId: conv.id,
    remoteId: "C1:1.2",
    state: { status: "open" },
    createdAt: T0,
    updatedAt: T0,
  });
  await store.integrations.markSeen("slack", a.id, "Ev1", T0);
  // Workspace B's data stays where it is.
  const other = await conversationIn(store, b.id);
  await store.conversations.append(b.id, other.id, line("not copied"), T0, messageCreated);
  return { a, b, agent, conv, hook, deliveryId };
}

/** `v` without its undefined fields (SQLite's adapter writes `url: undefined`, MongoDB's leaves the key out). */
function defined<T>(v: T): T {
  if (Array.isArray(v)) return v.map(defined) as T;
  if (v && typeof v === "object" && v.constructor === Object) {
    return Object.fromEntries(
      Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, defined(x)]),
    ) as T;
  }
  return v;
}

/** What the Store port reads of workspace A: equal on both sides of a copy. */
async function view(store: Store, ids: Awaited<ReturnType<typeof fill>>) {
  const { a, agent, conv, hook, deliveryId } = ids;
  const search = await store.knowledge.search(a.id, agent.id, "when are refunds paid", 5);
  return defined({
    workspace: await store.workspaces.get(a.id),
    users: await store.users.list(a.id),
    invites: await store.tokens.listPending(a.id, "invite", T0),
    credentials: await store.credentials.list(a.id),
    agent: await store.agents.get(a.id, agent.id),
    sources: await store.knowledge.listSources(a.id, agent.id),
    jobs: await store.knowledge.listJobs(a.id, agent.id, 10),
    versions: await store.knowledge.listVersions(a.id, agent.id),
    search: search.map((h) => h.id),
    vectors: (await store.knowledge.embeddedChunks(a.id, agent.id)).map((c) => [c.id, [...c.vector]]),
    visitor: await store.visitors.get(a.id, conv.visitorId),
    conversation: await store.conversations.get(a.id, conv.id),
    messages: await store.conversations.messagesAfter(a.id, conv.id, 0, { limit: 10, includeInternal: true }),
    resent: await store.conversations.findVisitorMessage(a.id, conv.visitorId, "c-1"),
    ticket: await store.tickets.forConversation(a.id, conv.id),
    canned: await store.canned.list(a.id),
    setting: await store.settings.get(a.id, "escalation"),
    events: (await store.events.after(0, { limit: 100, workspaceId: a.id })).map(({ position: _, ...e }) => e),
    done: await store.events.isDone("mailer", (await store.events.after(0, { limit: 1, workspaceId: a.id }))[0].id),
    totals: await store.analytics.totals({ workspaceId: a.id, from: "2026-03-01", to: "2026-03-01" }),
    sketches: await store.analytics.sketches({ workspaceId: a.id, from: "2026-03-01", to: "2026-03-01" }),
    questions: await store.analytics.questions({ workspaceId: a.id, from: "2026-03-01", to: "2026-03-31" }, {
      unsure: false,
      limit: 10,
    }),
    pages: await store.analytics.pages({ workspaceId: a.id, from: "2026-03-01", to: "2026-03-01" }, 10),
    gapFixes: await store.analytics.gapFixes(a.id),
    facts: await store.analytics.facts({ workspaceId: a.id, from: "2026-03-01", to: "2026-03-01" }, { limit: 10 }),
    comments: await store.analytics.comments({ workspaceId: a.id, from: "2026-03-01", to: "2026-03-01" }, 10),
    apiKeys: await store.apiKeys.list(a.id),
    webhooks: await store.webhooks.list(a.id),
    deliveries: await store.webhooks.deliveries(a.id, hook.id, 10),
    attempts: await store.webhooks.attempts(a.id, deliveryId),
    nextDue: await store.webhooks.nextDue(T0),
    integrations: await store.integrations.list(a.id),
    byTeam: await store.integrations.findByExternalKey("slack", "T1"),
    link: await store.integrations.linkByRemote(a.id, "slack", "C1:1.2"),
    seen: await store.integrations.seen("slack", a.id, "Ev1"),
  });
}

Deno.test("a workspace copies from SQLite to MongoDB and back: counts match, every read is the same", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const source = createSqliteStore(`${dir}/source.db`);
    const ids = await fill(source);
    const before = await view(source, ids);
    await source.close();
    assert.equal(before.search.length, 1, "the fixture's search finds the refund chunk");
    assert.equal(before.vectors.length, 1);

    // SQLite -> MongoDB (the in-memory stand-in).
    const sqlite = openDatabase(`${dir}/source.db`);
    const dump = dumpSqlite(sqlite, ids.a.id);
    assert.deepEqual(dump.unknown, [], "every table with a workspace_id is copied");
    const expected = Object.fromEntries(TABLES.map((s) => [s.table, dump.tables.get(s.table)!.length]));
    const client = new FakeMongoClient();
    const db = client.db("frontdesk");
    const report = await loadMongo({ client: client as unknown as MongoClient, db: db as unknown as Db }, dump);
    assert.equal(report.eventsRenumbered, undefined, "positions kept in an empty target");
    for (const s of TABLES) {
      assert.equal(report[s.table], expected[s.table], s.table);
      const filter = s.table === "workspaces" || s.table.startsWith("listener_") ||
          s.table === "analytics_applied" || s.table === "webhook_attempts"
        ? {}
        : { workspaceId: ids.a.id };
      assert.equal(await db.collection(s.collection).countDocuments(filter), expected[s.table], `${s.table} count`);
    }
    assert.ok(expected.messages === 2 && expected.events === 3 && expected.knowledge_chunks === 2);
    for (const t of ["api_keys", "webhook_endpoints", "webhook_deliveries", "webhook_attempts", "integration_links"]) {
      assert.equal(expected[t], 1, t);
    }
    await assert.rejects(
      loadMongo({ client: client as unknown as MongoClient, db: db as unknown as Db }, dumpSqlite(sqlite, ids.a.id)),
      /already in the MongoDB database/,
    );
    sqlite.close();

    const mongo = await mongoStore(client as unknown as MongoClient, db as unknown as Db);
    const inMongo = await view(mongo, ids);
    assert.deepEqual(inMongo, before);
    assert.equal(await mongo.workspaces.get(ids.b.id), null, "only the workspace asked for travels");
    // The copy goes on working: seqs and positions continue from where they were.
    const next = await mongo.conversations.append(ids.a.id, ids.conv.id, line("Thanks"), T0, messageCreated);
    assert.equal(next.message.seq, 3);
    const log = await mongo.events.after(0, { limit: 100 });
    assert.ok(log.at(-1)!.position > log.at(-2)!.position, "the next position follows the copied ones");
    const moved = await view(mongo, ids);

    // MongoDB -> a fresh SQLite.
    const schema = openDatabase(":memory:");
    migrate(schema);
    const back = await dumpMongo(db as unknown as Db, schema, ids.a.id);
    const target = openDatabase(`${dir}/target.db`);
    migrate(target);
    loadSqlite(target, back);
    target.close();
    const returned = createSqliteStore(`${dir}/target.db`);
    try {
      assert.deepEqual(await view(returned, ids), moved);
      assert.equal(moved.messages.length, 3, "the message written in MongoDB came back too");
    } finally {
      await returned.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
