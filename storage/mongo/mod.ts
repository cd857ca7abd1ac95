/**
 * The MongoDB Store (official `mongodb` driver), selected by `MONGODB_URI`: for MongoDB Atlas or any replica set
 * (transactions need one). Every change and the events it records commit in one multi-document transaction;
 * sequence numbers (a conversation's seq, the event log's position) come from atomic `$inc`s; indexes, unique
 * and TTL ones included, are created at start.
 *
 * @module
 */
import { type Db, type IndexDescription, MongoClient } from "mongodb";
import type { Store } from "../../models/ports/store.ts";
import { AppendSignal } from "../sqlite/events.ts";
import { mongoAgents } from "./agents.ts";
import { mongoCredentials, mongoTokens, mongoUsers, mongoWorkspaces } from "./accounts.ts";
import { mongoAnalytics } from "./analytics.ts";
import { mongoApiKeys } from "./api_keys.ts";
import { mongoCategories } from "./categories.ts";
import { mongoExperiments } from "./experiments.ts";
import { mongoAttachments, mongoConversations, mongoVisitors } from "./chat.ts";
import type { Mongo } from "./db.ts";
import { mongoEvents } from "./events.ts";
import { mongoIntegrations } from "./integrations.ts";
import { mongoKnowledge } from "./knowledge.ts";
import { mongoCanned, mongoSettings, mongoTickets } from "./tickets.ts";
import { mongoWebhooks } from "./webhooks.ts";

/** The weights of the chunks' text index: a word in a title or heading says more than one in passing. */
export const TEXT_WEIGHTS = { title: 6, heading: 3, text: 1 };

/** Every index the repositories' queries need, by collection (created at start, idempotently). */
export const INDEXES: Record<string, IndexDescription[]> = {
  users: [
    { key: { emailLc: 1 }, name: "email_unique", unique: true },
    { key: { workspaceId: 1, createdAt: 1, _id: 1 }, name: "by_workspace" },
  ],
  one_time_tokens: [
    { key: { kind: 1, tokenHash: 1 }, name: "by_hash" },
    { key: { workspaceId: 1, kind: 1, createdAt: -1 }, name: "pending" },
    // TTL: MongoDB deletes a token once expired (every read also checks `expiresAt`, the TTL monitor runs ~1/min).
    { key: { expiresAt: 1 }, name: "expire", expireAfterSeconds: 0 },
  ],
  provider_credentials: [{ key: { workspaceId: 1, provider: 1 }, name: "workspace_provider", unique: true }],
  agents: [{ key: { workspaceId: 1, createdAt: 1, _id: 1 }, name: "by_workspace" }],
  visitors: [{ key: { workspaceId: 1, _id: 1 }, name: "by_workspace" }],
  conversations: [
    { key: { workspaceId: 1, lastMessageAt: -1, _id: -1 }, name: "inbox" },
    { key: { workspaceId: 1, visitorId: 1, lastMessageAt: -1 }, name: "by_visitor" },
    { key: { handledBy: 1, status: 1 }, name: "awaiting_ai" },
    {
      key: { workspaceId: 1, experimentId: 1 },
      name: "by_experiment",
      partialFilterExpression: { experimentId: { $type: "string" } },
    },
  ],
  messages: [
    { key: { conversationId: 1, seq: 1 }, name: "conversation_seq", unique: true },
    {
      key: { conversationId: 1, clientId: 1 },
      name: "conversation_client_id",
      unique: true,
      partialFilterExpression: { clientId: { $type: "string" } },
    },
    { key: { status: 1 }, name: "streaming", partialFilterExpression: { status: "streaming" } },
  ],
  events: [
    { key: { position: 1 }, name: "position", unique: true },
    { key: { workspaceId: 1, position: 1 }, name: "by_workspace" },
    { key: { type: 1, position: 1 }, name: "by_type" },
  ],
  listener_effects: [{ key: { listener: 1, key: 1 }, name: "listener_key", unique: true }],
  listener_dead_letters: [
    { key: { listener: 1, eventId: 1 }, name: "listener_event", unique: true },
    { key: { at: -1 }, name: "newest" },
  ],
  tickets: [
    { key: { conversationId: 1 }, name: "conversation_unique", unique: true },
    { key: { workspaceId: 1, createdAt: -1, _id: -1 }, name: "newest" },
    { key: { workspaceId: 1, updatedAt: -1, _id: -1 }, name: "updated" },
    { key: { workspaceId: 1, priorityRank: -1, _id: -1 }, name: "priority" },
    { key: { status: 1, createdAt: 1 }, name: "awaiting_staff" },
  ],
  canned_responses: [{ key: { workspaceId: 1, shortcut: 1 }, name: "shortcut_unique", unique: true }],
  categories: [{ key: { workspaceId: 1, name: 1 }, name: "category_name_unique", unique: true }],
  experiments: [
    { key: { workspaceId: 1, agentId: 1, createdAt: -1 }, name: "by_agent" },
    // One running experiment per agent, held by the database (SQLite: experiments_one_running).
    { key: { agentId: 1 }, name: "one_running", unique: true, partialFilterExpression: { status: "running" } },
  ],
  workspace_settings: [
    { key: { workspaceId: 1, key: 1 }, name: "workspace_key", unique: true },
    { key: { key: 1 }, name: "by_key" },
  ],
  knowledge_sources: [{ key: { workspaceId: 1, agentId: 1, createdAt: -1, _id: -1 }, name: "by_agent" }],
  ingest_jobs: [
    { key: { state: 1, createdAt: 1, _id: 1 }, name: "queue" },
    { key: { workspaceId: 1, agentId: 1, createdAt: -1, _id: -1 }, name: "by_agent" },
    { key: { sourceId: 1 }, name: "by_source" },
  ],
  knowledge_chunks: [
    { key: { generationId: 1, position: 1 }, name: "generation" },
    {
      // The text index behind search: equality on workspace and agent first (a compound text index needs them).
      key: { workspaceId: 1, agentId: 1, title: "text", heading: "text", text: "text" },
      name: "search",
      weights: TEXT_WEIGHTS,
      default_language: "english",
    },
  ],
  knowledge_versions: [{ key: { agentId: 1, number: -1 }, name: "agent_number", unique: true }],
  analytics_facts: [
    { key: { workspaceId: 1, day: 1, startedAt: 1, _id: 1 }, name: "by_day" },
    { key: { workspaceId: 1, visitorId: 1 }, name: "by_visitor" },
  ],
  analytics_days: [{ key: { workspaceId: 1, day: 1, agentId: 1 }, name: "day_unique", unique: true }],
  analytics_team_days: [
    { key: { workspaceId: 1, day: 1, agentId: 1, userId: 1 }, name: "day_unique", unique: true },
  ],
  analytics_durations: [
    { key: { workspaceId: 1, metric: 1, day: 1, agentId: 1 }, name: "day_unique", unique: true },
  ],
  analytics_sketches: [{ key: { workspaceId: 1, day: 1, agentId: 1 }, name: "day_unique", unique: true }],
  analytics_visitors: [{ key: { workspaceId: 1, visitorId: 1 }, name: "visitor_unique", unique: true }],
  analytics_tickets: [
    // Rating comments by day (SQLite's analytics_tickets_rated): only tickets with a comment.
    {
      key: { workspaceId: 1, ratedDay: -1, _id: -1 },
      name: "rated",
      partialFilterExpression: { comment: { $type: "string" } },
    },
  ],
  analytics_questions: [{ key: { workspaceId: 1, period: 1, agentId: 1 }, name: "period_unique", unique: true }],
  analytics_pages: [{ key: { workspaceId: 1, day: 1, url: 1, agentId: 1 }, name: "day_unique", unique: true }],
  analytics_categories: [
    { key: { workspaceId: 1, day: 1, category: 1, agentId: 1 }, name: "day_unique", unique: true },
  ],
  analytics_gap_fixes: [{ key: { workspaceId: 1, signature: 1 }, name: "signature_unique", unique: true }],
  analytics_topic_vectors: [
    { key: { workspaceId: 1, model: 1, signature: 1 }, name: "signature_unique", unique: true },
  ],
  api_keys: [
    { key: { keyHash: 1 }, name: "hash_unique", unique: true },
    { key: { workspaceId: 1, createdAt: -1, _id: -1 }, name: "by_workspace" },
  ],
  webhook_endpoints: [{ key: { workspaceId: 1, _id: 1 }, name: "by_workspace" }],
  webhook_deliveries: [
    // One delivery per endpoint and event: a repeated enqueue is refused here.
    { key: { endpointId: 1, eventId: 1 }, name: "endpoint_event", unique: true },
    // The worker's question, "what is due?", reads only pending deliveries.
    { key: { nextAttemptAt: 1 }, name: "due", partialFilterExpression: { status: "pending" } },
    { key: { workspaceId: 1, endpointId: 1, _id: -1 }, name: "by_endpoint" },
    // releaseClaims at start reads only claimed ones (SQLite scans; few are ever claimed at once).
    { key: { claimedUntil: 1 }, name: "claimed", partialFilterExpression: { claimedUntil: { $type: "date" } } },
  ],
  webhook_attempts: [{ key: { deliveryId: 1, attempt: 1 }, name: "delivery_attempt", unique: true }],
  integrations: [
    { key: { workspaceId: 1, kind: 1 }, name: "workspace_kind", unique: true },
    {
      key: { kind: 1, externalKey: 1 },
      name: "external_key",
      partialFilterExpression: { externalKey: { $type: "string" } },
    },
  ],
  integration_links: [
    { key: { workspaceId: 1, kind: 1, localId: 1 }, name: "local_unique", unique: true },
    { key: { workspaceId: 1, kind: 1, remoteId: 1 }, name: "by_remote" },
  ],
  integration_inbound: [{ key: { kind: 1, workspaceId: 1, key: 1 }, name: "inbound_unique", unique: true }],
};

/** Collections that need no index beyond `_id`. */
const PLAIN_COLLECTIONS = [
  "workspaces",
  "attachments",
  "counters",
  "listener_checkpoints",
  "knowledge_terms",
  "analytics_applied",
];

/**
 * Creates every collection and index (a no-op for those that exist). Collections are made here rather than on
 * first write because a transaction that has to create one is refused on older servers and sharded clusters.
 */
export async function ensureIndexes(db: Db): Promise<void> {
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  for (const name of [...PLAIN_COLLECTIONS, ...Object.keys(INDEXES)]) {
    if (existing.has(name)) continue;
    try {
      await db.createCollection(name);
    } catch (err) {
      // Another instance starting at the same time made it first (NamespaceExists).
      if ((err as { code?: number }).code !== 48) throw err;
    }
  }
  for (const [name, specs] of Object.entries(INDEXES)) await db.collection(name).createIndexes(specs);
}

/** The Store on an open client and database (tests pass the in-memory stand-in's). */
export async function mongoStore(client: MongoClient, db: Db, onClose?: () => Promise<void>): Promise<Store> {
  await ensureIndexes(db);
  const m: Mongo = { client, db, signal: new AppendSignal() };
  let closed = false;
  return {
    workspaces: mongoWorkspaces(m),
    users: mongoUsers(m),
    tokens: mongoTokens(m),
    agents: mongoAgents(m),
    knowledge: mongoKnowledge(m),
    credentials: mongoCredentials(m),
    visitors: mongoVisitors(m),
    conversations: mongoConversations(m),
    attachments: mongoAttachments(m),
    tickets: mongoTickets(m),
    canned: mongoCanned(m),
    categories: mongoCategories(m),
    experiments: mongoExperiments(m),
    settings: mongoSettings(m),
    events: mongoEvents(m),
    analytics: mongoAnalytics(m),
    apiKeys: mongoApiKeys(m),
    webhooks: mongoWebhooks(m),
    integrations: mongoIntegrations(m),
    async ping() {
      // A closed store is down, whatever the driver would do if asked again (it may reconnect).
      if (closed) throw new Error("the MongoDB store is closed");
      await db.command({ ping: 1 });
    },
    async close() {
      if (closed) return;
      closed = true;
      await onClose?.();
    },
  };
}

/**
 * Connects to `uri` (the database named in it, else `frontdesk`) and returns the Store. `ignoreUndefined`:
 * optional fields left undefined are not stored (as SQLite's adapter stores nothing for them) rather than
 * stored as null.
 */
export async function createMongoStore(uri: string, dbName?: string): Promise<Store> {
  const { client, db } = await connectMongo(uri, dbName);
  return await mongoStore(client, db, () => client.close());
}

/** An open client and its database (the one named in `uri`, else `frontdesk`). */
export async function connectMongo(uri: string, dbName?: string): Promise<{ client: MongoClient; db: Db }> {
  const client = new MongoClient(uri, { ignoreUndefined: true, appName: "frontdesk" });
  await client.connect();
  const named = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(uri)?.[1];
  return { client, db: client.db(dbName ?? (named ? decodeURIComponent(named) : "frontdesk")) };
}
