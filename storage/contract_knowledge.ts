/**
 * The Store contract, knowledge part: agents, credentials, sources, jobs,
 * chunks, versions and search. Registered by `storeContract` in `contract.ts`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { newId } from "../lib/ids.ts";
import type { Agent } from "../models/agents/agent.ts";
import type { IngestJob, KnowledgeSource, NewChunk } from "../models/knowledge/knowledge.ts";
import type { Store } from "../models/ports/store.ts";
import { contractTest, T0, twoWorkspaces } from "./contract_accounts.ts";

export function agent(workspaceId: string, userId: string, name = "Helper"): Agent {
  return {
    id: newId(),
    workspaceId,
    userId,
    name,
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
}

function sourceWithJob(a: Agent, title: string): { source: KnowledgeSource; job: IngestJob } {
  const source: KnowledgeSource = {
    id: newId(),
    workspaceId: a.workspaceId,
    agentId: a.id,
    type: "text",
    content: "text",
    metadata: {},
    title,
    status: "queued",
    chunkCount: 0,
    active: false,
    createdAt: T0,
    updatedAt: T0,
  };
  const job: IngestJob = {
    id: newId(),
    workspaceId: a.workspaceId,
    agentId: a.id,
    sourceId: source.id,
    state: "queued",
    progressDone: 0,
    progressTotal: 0,
    attempts: 0,
    createdAt: T0,
  };
  return { source, job };
}

const chunk = (sourceId: string, text: string, position = 0): NewChunk => ({
  id: newId(),
  sourceId,
  title: "Doc",
  heading: "Section",
  text,
  position,
});

/** Ingests `texts` as one source of `a` through the full job cycle; returns the source id and job. */
async function ingest(store: Store, a: Agent, title: string, texts: string[]) {
  const { source, job } = sourceWithJob(a, title);
  await store.knowledge.insertSource(source, job);
  const claimed = await store.knowledge.claimNextJob(T0);
  assert.equal(claimed?.id, job.id);
  await store.knowledge.insertChunks(a.workspaceId, a.id, job.id, texts.map((t, i) => chunk(source.id, t, i)));
  const version = await store.knowledge.completeJob(job.id, { title, updatedAt: T0 }, `Added ${title}`, T0);
  return { sourceId: source.id, job, version: version! };
}

/** Registers the knowledge part of the contract. */
export function knowledgeContract(name: string, open: () => Promise<Store>): void {
  const test = contractTest(name, open);

  test("agents are scoped to their workspace and removable with their knowledge", async (store) => {
    const { a, b, adminA } = await twoWorkspaces(store);
    const ag = agent(a.id, adminA.id);
    await store.agents.insert(ag);
    assert.deepEqual(await store.agents.get(a.id, ag.id), ag);
    assert.equal(await store.agents.get(b.id, ag.id), null);
    assert.deepEqual(await store.agents.list(b.id), []);
    assert.equal(await store.agents.update(b.id, ag.id, { name: "x", updatedAt: T0 }), null);
    const updated = await store.agents.update(a.id, ag.id, {
      name: "Renamed",
      isActive: false,
      widgetConfig: { ...ag.widgetConfig, position: "right" },
      updatedAt: T0,
    });
    assert.equal(updated?.name, "Renamed");
    assert.equal(updated?.isActive, false);
    assert.equal(updated?.widgetConfig.position, "right");
    await ingest(store, ag, "FAQ", ["refunds take five days"]);
    assert.equal(await store.agents.remove(b.id, ag.id), false);
    assert.equal(await store.agents.remove(a.id, ag.id), true);
    assert.equal(await store.agents.get(a.id, ag.id), null);
    assert.deepEqual(await store.knowledge.search(a.id, ag.id, "refunds", 5), []);
  });

  test("a completed job makes a new active version that search sees, only for that agent", async (store) => {
    const { a, b, adminA, adminB } = await twoWorkspaces(store);
    const ag = agent(a.id, adminA.id);
    const other = agent(b.id, adminB.id);
    await store.agents.insert(ag);
    await store.agents.insert(other);
    const { sourceId, version } = await ingest(store, ag, "Refund policy", [
      "Refunds are paid within five business days.",
      "Shipping takes two weeks.",
    ]);
    await ingest(store, other, "Canary", ["Refunds canary-b-secret only for workspace B."]);
    assert.equal(version.number, 1);
    assert.equal(version.chunkCount, 2);
    assert.equal((await store.agents.get(a.id, ag.id))?.activeVersionId, version.id);
    const hits = await store.knowledge.search(a.id, ag.id, "when are refunds paid?", 5);
    assert.equal(hits[0].sourceId, sourceId);
    assert.match(hits[0].text, /five business days/);
    assert.ok(hits.every((h) => !/canary/.test(h.text)), "never another workspace's chunks");
    assert.deepEqual(await store.knowledge.search(b.id, ag.id, "refunds", 5), [], "wrong workspace finds nothing");
    const [src] = await store.knowledge.listSources(a.id, ag.id);
    assert.equal(src.status, "ready");
    assert.equal(src.active, true);
    assert.equal(src.chunkCount, 2);
    assert.equal(await store.knowledge.getSource(b.id, ag.id, sourceId), null);
    // Topics: the distinct title and heading of the active chunks (both chunks share one), per agent and workspace.
    assert.deepEqual(await store.knowledge.topics(a.id, ag.id), ["Doc Section"]);
    assert.deepEqual(await store.knowledge.topics(b.id, ag.id), [], "wrong workspace has no topics");
    const idle = agent(a.id, adminA.id, "Idle");
    await store.agents.insert(idle);
    assert.deepEqual(await store.knowledge.topics(a.id, idle.id), [], "no active version, no topics");
  });

  test("a question's own words weigh double its equivalents", async (store) => {
    const { a, adminA } = await twoWorkspaces(store);
    const ag = agent(a.id, adminA.id);
    await store.agents.insert(ag);
    // Alone, the short chunk outranks the long one for either word (shorter text, same rarity).
    await ingest(store, ag, "Phone", ["Call support any weekday morning.", "Dial ahead."]);
    const first = async (query: string, equivalents?: string) =>
      (await store.knowledge.search(a.id, ag.id, query, 5, equivalents))[0]?.text;
    assert.equal(await first("call dial"), "Dial ahead.");
    assert.equal(await first("call", "dial"), "Call support any weekday morning.");
    assert.equal(await first("dial", "call"), "Dial ahead.");
    assert.equal(await first("call", "call"), "Call support any weekday morning.", "an equivalent equal to a word");
  });

  test("removing a source and rolling back restore exactly the earlier knowledge", async (store) => {
    const { a, adminA } = await twoWorkspaces(store);
    const ag = agent(a.id, adminA.id);
    await store.agents.insert(ag);
    const first = await ingest(store, ag, "Refunds", ["Refunds are paid within five days."]);
    const second = await ingest(store, ag, "Shipping", ["Parcels ship in two weeks."]);
    assert.equal(second.version.number, 2);
    const removed = await store.knowledge.removeSource(a.id, ag.id, first.sourceId, T0);
    assert.equal(removed?.number, 3);
    assert.deepEqual(await store.knowledge.search(a.id, ag.id, "refunds", 5), []);
    assert.deepEqual((await store.knowledge.listSources(a.id, ag.id)).map((s) => s.title), ["Shipping"]);
    const back = await store.knowledge.activateVersion(a.id, ag.id, first.version.id, T0);
    assert.equal(back?.number, 4);
    assert.equal(back?.reason, "Rolled back to v1");
    assert.equal((await store.knowledge.search(a.id, ag.id, "refunds", 5)).length, 1);
    assert.deepEqual(await store.knowledge.search(a.id, ag.id, "parcels", 5), []);
    assert.deepEqual((await store.knowledge.listSources(a.id, ag.id)).map((s) => s.title), ["Refunds"]);
    assert.deepEqual((await store.knowledge.listVersions(a.id, ag.id)).map((v) => v.number), [4, 3, 2, 1]);
    assert.equal(await store.knowledge.activateVersion(newId(), ag.id, first.version.id, T0), null);
  });

  test("jobs are claimed once, report progress, and fail or resume cleanly", async (store) => {
    const { a, adminA } = await twoWorkspaces(store);
    const ag = agent(a.id, adminA.id);
    await store.agents.insert(ag);
    const { source, job } = sourceWithJob(ag, "Site");
    await store.knowledge.insertSource(source, job);
    const [one, two] = await Promise.all([store.knowledge.claimNextJob(T0), store.knowledge.claimNextJob(T0)]);
    assert.equal([one, two].filter(Boolean).length, 1);
    await store.knowledge.setJobProgress(job.id, 3, 10);
    await store.knowledge.insertChunks(a.id, ag.id, job.id, [chunk(source.id, "partial page")]);
    assert.equal(await store.knowledge.requeueInterrupted(T0), 1);
    const resumed = await store.knowledge.claimNextJob(T0);
    assert.equal(resumed?.attempts, 2);
    assert.equal(resumed?.progressDone, 0);
    assert.deepEqual(await store.knowledge.chunksOfGeneration(a.id, job.id), [], "partial chunks discarded");
    await store.knowledge.failJob(job.id, "The site answered 500.", T0);
    const failed = await store.knowledge.getJob(a.id, job.id);
    assert.equal(failed?.state, "failed");
    assert.equal(failed?.error, "The site answered 500.");
    assert.equal((await store.knowledge.getSource(a.id, ag.id, source.id))?.status, "failed");
    assert.equal((await store.knowledge.listJobs(a.id, ag.id, 10)).length, 1);
  });

  test("a job finishing after its source was deleted changes nothing", async (store) => {
    const { a, adminA } = await twoWorkspaces(store);
    const ag = agent(a.id, adminA.id);
    await store.agents.insert(ag);
    const { source, job } = sourceWithJob(ag, "Late");
    await store.knowledge.insertSource(source, job);
    await store.knowledge.claimNextJob(T0);
    await store.knowledge.insertChunks(a.id, ag.id, job.id, [chunk(source.id, "late words")]);
    await store.knowledge.removeSource(a.id, ag.id, source.id, T0);
    assert.equal(await store.knowledge.completeJob(job.id, { updatedAt: T0 }, "x", T0), null);
    assert.deepEqual(await store.knowledge.search(a.id, ag.id, "late words", 5), []);
  });

  test("embeddings are stored per chunk and read back for the active version", async (store) => {
    const { a, adminA } = await twoWorkspaces(store);
    const ag = agent(a.id, adminA.id);
    await store.agents.insert(ag);
    const { job } = await ingest(store, ag, "FAQ", ["alpha", "beta"]);
    const chunks = await store.knowledge.chunksOfGeneration(a.id, job.id);
    await store.knowledge.setEmbeddings(a.id, [{ chunkId: chunks[0].id, vector: new Float32Array([0.5, -1, 2]) }]);
    const embedded = await store.knowledge.embeddedChunks(a.id, ag.id);
    assert.equal(embedded.length, 1);
    assert.deepEqual([...embedded[0].vector], [0.5, -1, 2]);
  });

  test("the sentence model's embeddings are kept apart from the provider's and read by chunk id", async (store) => {
    const { a, b, adminA } = await twoWorkspaces(store);
    const ag = agent(a.id, adminA.id);
    await store.agents.insert(ag);
    const { job } = await ingest(store, ag, "FAQ", ["alpha", "beta"]);
    const chunks = await store.knowledge.chunksOfGeneration(a.id, job.id);
    await store.knowledge.setEmbeddings(a.id, [{ chunkId: chunks[0].id, vector: new Float32Array([1, 0]) }], "m");
    await store.knowledge.setEmbeddings(a.id, [{ chunkId: chunks[1].id, vector: new Float32Array([0, 1, 0]) }]);
    // The provider's hybrid path never sees the model's vectors (another space), nor the model the provider's.
    assert.deepEqual((await store.knowledge.embeddedChunks(a.id, ag.id)).map((c) => c.id), [chunks[1].id]);
    const got = await store.knowledge.chunkVectors(a.id, chunks.map((c) => c.id), "m");
    assert.deepEqual([...got.keys()], [chunks[0].id]);
    assert.deepEqual([...got.get(chunks[0].id)!], [1, 0]);
    assert.equal((await store.knowledge.chunkVectors(a.id, chunks.map((c) => c.id), "other")).size, 0);
    assert.equal((await store.knowledge.chunkVectors(b.id, chunks.map((c) => c.id), "m")).size, 0);
  });

  test("provider credentials are kept per workspace and replaced on upsert", async (store) => {
    const { a, b, adminA } = await twoWorkspaces(store);
    const cred = {
      workspaceId: a.id,
      provider: "openai" as const,
      apiKeySealed: "v1.x.y",
      keyHint: "sk-…abcd",
      baseUrl: "https://api.example.com/v1",
      extra: { org: "o" },
      updatedBy: adminA.id,
      updatedAt: T0,
    };
    await store.credentials.upsert(cred);
    await store.credentials.upsert({ ...cred, keyHint: "sk-…wxyz" });
    assert.equal((await store.credentials.get(a.id, "openai"))?.keyHint, "sk-…wxyz");
    assert.equal(await store.credentials.get(b.id, "openai"), null);
    assert.deepEqual(await store.credentials.list(b.id), []);
    assert.equal(await store.credentials.remove(b.id, "openai"), false);
    assert.equal(await store.credentials.remove(a.id, "openai"), true);
  });
}
