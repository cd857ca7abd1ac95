/**
 * Knowledge kept in Lyzr: an agent on the Lyzr provider may answer from a
 * Lyzr knowledge base instead of Frontdesk's own retrieval (the default).
 * The KB is created for the agent, trained with the chunks of its active
 * knowledge version (the same text Frontdesk ingested, whatever the source
 * kind: text, documents, websites), attached to the mirrored Lyzr agent as
 * its `KNOWLEDGE_BASE` feature, and its retrieved passages become our
 * citations (each chunk is sent with our chunk and source ids as metadata).
 *
 * Keeping in step: after any change of the active version (trained, source
 * removed, rolled back) the `lyzr_knowledge` listener empties the KB and
 * trains it again with the whole active version. Simpler than a diff (Lyzr's
 * delete-documents body is contested, `lyzr-api.md` §5.5), and idempotent:
 * the trained version is recorded, so a redelivered event does nothing.
 *
 * Where it is kept: the agent's `lyzr_rag` link (the generic integration
 * links table, keyed by agent id): `remoteId` is the KB id, `state` says
 * whether it is on and which version it holds. No schema change.
 *
 * @module
 */
import { ValidationError } from "../../lib/errors.ts";
import { requireAdmin } from "../accounts/auth.ts";
import type { User } from "../accounts/user.ts";
import type { Agent } from "../agents/agent.ts";
import { getAgent } from "../agents/agents.ts";
import type { IntegrationLink } from "../integrations/integration.ts";
import type { NewChunk } from "../knowledge/knowledge.ts";
import type { Passage, RagHit, RemoteKnowledgeBase } from "../ports/ai_provider.ts";
import type { Deps } from "../ports/deps.ts";
import { providerFor, syncMirror } from "./providers.ts";

const KIND = "lyzr_rag" as const;

/** Where an agent's knowledge is searched. */
export type KnowledgeStore = "frontdesk" | "lyzr";

/** The setting and its sync state, as the API shows it (never the KB id). */
export interface LyzrKnowledge {
  store: KnowledgeStore;
  /** `off` (Frontdesk's retrieval), `pending` (not trained yet), `ready`, or `error` (retried on the next change). */
  status: "off" | "pending" | "ready" | "error";
  /** The knowledge version the Lyzr KB holds. */
  trainedVersionId: string | null;
  /** How many chunks were sent for it. */
  documents: number;
  error: string | null;
  syncedAt: string | null;
}

function linkOf(deps: Deps, agent: Pick<Agent, "workspaceId" | "id">): Promise<IntegrationLink | null> {
  return deps.store.integrations.link(agent.workspaceId, KIND, agent.id);
}

// Not a type predicate: its false branch would wrongly narrow a present link away.
function isOn(link: IntegrationLink | null): boolean {
  return link?.state.store === "lyzr";
}

function view(link: IntegrationLink | null): LyzrKnowledge {
  if (!link || !isOn(link)) {
    return { store: "frontdesk", status: "off", trainedVersionId: null, documents: 0, error: null, syncedAt: null };
  }
  const s = link.state;
  return {
    store: "lyzr",
    status: s.error ? "error" : s.trainedVersionId ? "ready" : "pending",
    trainedVersionId: s.trainedVersionId || null,
    documents: Number(s.documents ?? 0),
    error: s.error || null,
    syncedAt: s.syncedAt || null,
  };
}

/** The knowledge base the mirrored Lyzr agent should carry as its feature, if any. */
export async function mirroredKnowledgeBase(
  deps: Deps,
  agent: Agent,
): Promise<{ id: string; name: string } | undefined> {
  const link = await linkOf(deps, agent);
  return link && isOn(link) && link.remoteId ? { id: link.remoteId, name: kbName(agent) } : undefined;
}

function kbName(agent: Agent): string {
  return `frontdesk_${agent.id}`.toLowerCase().replace(/[^a-z0-9_]+/g, "_");
}

/** The agent's setting (any member). */
export async function getLyzrKnowledge(deps: Deps, user: User, agentId: string): Promise<LyzrKnowledge> {
  const agent = await getAgent(deps, user, agentId);
  return view(await linkOf(deps, agent));
}

/**
 * Chooses where the agent's knowledge is searched (admins). Switching to Lyzr needs the Lyzr provider;
 * it creates and trains the KB now (a failure is shown as `error` and retried on the next knowledge
 * change). Switching back deletes the KB at Lyzr and detaches it from the agent.
 */
export async function setLyzrKnowledge(
  deps: Deps,
  user: User,
  agentId: string,
  store: KnowledgeStore,
): Promise<LyzrKnowledge> {
  requireAdmin(user);
  const agent = await getAgent(deps, user, agentId);
  const link = await linkOf(deps, agent);
  const now = deps.clock.now();
  if (store === "lyzr") {
    if (agent.provider !== "lyzr") {
      throw new ValidationError("Knowledge can be kept in Lyzr only by an agent on the Lyzr provider.", {
        fields: { store: "Switch the agent's provider to Lyzr first." },
      });
    }
    if (!isOn(link)) {
      await putLink(deps, agent, link?.remoteId ?? "", { store: "lyzr" }, link?.createdAt ?? now);
    }
    await syncLyzrKnowledge(deps, agent).catch(() => {});
    return view(await linkOf(deps, agent));
  }
  if (link && isOn(link)) {
    await putLink(deps, agent, "", { store: "frontdesk" }, link.createdAt);
    await syncMirror(deps, agent);
    if (link.remoteId) {
      try {
        const kb = await knowledgeService(deps, agent);
        await kb?.deleteKb(link.remoteId);
      } catch (err) {
        deps.log.warn("lyzr knowledge base delete failed", { agentId: agent.id, err: String(err) });
      }
    }
  }
  return view(null);
}

async function putLink(
  deps: Deps,
  agent: Agent,
  remoteId: string,
  state: Record<string, string>,
  createdAt: Date,
): Promise<void> {
  await deps.store.integrations.putLink({
    workspaceId: agent.workspaceId,
    kind: KIND,
    localId: agent.id,
    remoteId,
    state,
    createdAt,
    updatedAt: deps.clock.now(),
  });
}

async function knowledgeService(deps: Deps, agent: Agent): Promise<RemoteKnowledgeBase | undefined> {
  return (await providerFor(deps, agent.workspaceId, "lyzr")).knowledge;
}

/** The chunks of the agent's active knowledge version, in source then position order. */
async function activeChunks(deps: Deps, agent: Agent, sourceIds?: Set<string>): Promise<NewChunk[]> {
  if (!agent.activeVersionId) return [];
  const items = await deps.store.knowledge.versionItems(agent.workspaceId, agent.activeVersionId);
  if (!items) return [];
  const out: NewChunk[] = [];
  for (const [sourceId, generationId] of Object.entries(items)) {
    if (sourceIds && !sourceIds.has(sourceId)) continue;
    out.push(...await deps.store.knowledge.chunksOfGeneration(agent.workspaceId, generationId));
  }
  return out;
}

/**
 * Brings the agent's Lyzr KB to its active knowledge version: creates the KB (and attaches it to the
 * mirrored agent) the first time, then empties and retrains it unless it already holds that version.
 * Does nothing for an agent whose knowledge is not in Lyzr. Throws on failure (after recording it), so
 * the listener's runner retries.
 */
export async function syncLyzrKnowledge(deps: Deps, agent: Agent): Promise<void> {
  const link = await linkOf(deps, agent);
  if (!link || !isOn(link) || agent.provider !== "lyzr") return;
  const target = agent.activeVersionId ?? "";
  let ragId = link.remoteId;
  if (ragId && link.state.trainedVersionId === target && target && !link.state.error) return;
  try {
    const kb = await knowledgeService(deps, agent);
    if (!kb) throw new Error("this Lyzr provider keeps no knowledge bases");
    if (!ragId) {
      ragId = await kb.createKb(kbName(agent), `Frontdesk agent "${agent.name}"`);
      await putLink(deps, agent, ragId, { store: "lyzr" }, link.createdAt);
      await syncMirror(deps, agent);
    } else {
      await kb.reset(ragId);
    }
    const chunks = await activeChunks(deps, agent);
    await kb.trainText(
      ragId,
      chunks.map((c) => ({
        text: c.heading ? `${c.heading}\n\n${c.text}` : c.text,
        source: c.title,
        meta: { chunk_id: c.id, source_id: c.sourceId, title: c.title, ...(c.url ? { url: c.url } : {}) },
      })),
    );
    await putLink(deps, agent, ragId, {
      store: "lyzr",
      trainedVersionId: target,
      documents: String(chunks.length),
      syncedAt: deps.clock.now().toISOString(),
    }, link.createdAt);
  } catch (err) {
    await putLink(deps, agent, ragId, {
      ...link.state,
      store: "lyzr",
      error: String(err instanceof Error ? err.message : err).slice(0, 300),
    }, link.createdAt);
    throw err;
  }
}

/** After the agent is deleted: its KB at Lyzr goes too. */
export async function dropLyzrKnowledge(deps: Deps, workspaceId: string, agentId: string): Promise<void> {
  const link = await deps.store.integrations.link(workspaceId, KIND, agentId);
  if (!link?.remoteId) return;
  const kb = (await providerFor(deps, workspaceId, "lyzr")).knowledge;
  await kb?.deleteKb(link.remoteId);
  await deps.store.integrations.putLink({
    ...link,
    remoteId: "",
    state: { store: "frontdesk" },
    updatedAt: deps.clock.now(),
  });
}

/**
 * The passages Lyzr retrieves for a question, as our passages (so they are cited as ours), or null when
 * the agent's knowledge is not in Lyzr or Lyzr failed (the caller then uses Frontdesk's retrieval).
 * A hit maps back by the chunk id we sent as metadata, else by its text; hits that match none of the
 * active chunks (stale, or not ours) are dropped.
 */
export async function lyzrPassages(
  deps: Deps,
  agent: Agent,
  question: string,
  signal?: AbortSignal,
): Promise<Passage[] | null> {
  if (agent.provider !== "lyzr") return null;
  const link = await linkOf(deps, agent);
  if (!link || !isOn(link) || !link.remoteId || !link.state.trainedVersionId) return null;
  try {
    const kb = await knowledgeService(deps, agent);
    if (!kb) return null;
    const hits = await kb.retrieve(link.remoteId, question, { topK: 5, signal });
    return await passagesOf(deps, agent, hits);
  } catch (err) {
    deps.log.warn("lyzr retrieval failed, using Frontdesk's", { agentId: agent.id, err: String(err) });
    return null;
  }
}

const norm = (s: string) => s.replace(/\s+/g, " ").trim();

async function passagesOf(deps: Deps, agent: Agent, hits: RagHit[]): Promise<Passage[]> {
  if (!hits.length) return [];
  const str = (v: unknown) => typeof v === "string" ? v : undefined;
  const sources = hits.map((h) => str(h.meta.source_id));
  // Only the hit sources' chunks are read when every hit names its source; else all active chunks.
  const chunks = await activeChunks(deps, agent, sources.every(Boolean) ? new Set(sources as string[]) : undefined);
  const byId = new Map(chunks.map((c) => [c.id, c]));
  const byText = new Map<string, NewChunk>();
  for (const c of chunks) {
    byText.set(norm(c.text), c);
    if (c.heading) byText.set(norm(`${c.heading}\n\n${c.text}`), c);
  }
  const top = Math.max(...hits.map((h) => h.score), 0);
  const seen = new Set<string>();
  const out: Passage[] = [];
  for (const hit of hits) {
    const chunk = byId.get(str(hit.meta.chunk_id) ?? "") ?? byText.get(norm(hit.text));
    if (!chunk || seen.has(chunk.id)) continue;
    seen.add(chunk.id);
    out.push({
      chunkId: chunk.id,
      sourceId: chunk.sourceId,
      title: chunk.title,
      ...(chunk.url ? { url: chunk.url } : {}),
      ...(chunk.heading ? { heading: chunk.heading } : {}),
      text: chunk.text,
      score: top > 0 ? hit.score / top : 1,
    });
  }
  return out;
}
