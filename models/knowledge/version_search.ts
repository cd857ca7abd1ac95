/**
 * Search within one knowledge version that is not the agent's active one: an A/B test's variant that names
 * a knowledge version answers from it while the experiment runs. The store's full-text index holds exactly
 * the active versions' chunks (so that every answer's search is one indexed query), and indexing other
 * versions there would change every search's filter; instead the pinned version's chunks are read once
 * (its generations' chunks, `chunksOfGeneration`) and indexed in memory by MiniSearch (BM25+ over title,
 * heading and text, weighted like the store's index: a title match counts most).
 *
 * A version never changes once written, so its index is kept by version id (a few at most: only running
 * experiments ask) and never goes stale. Only the lexical side: the vector side of hybrid retrieval reads
 * the active version's stored embeddings, so a pinned version is searched by words alone.
 *
 * @module
 */
import MiniSearch from "minisearch";
import type { Deps } from "../ports/deps.ts";
import type { ChunkHit, NewChunk } from "./knowledge.ts";

/** Versions kept indexed in memory (each running experiment needs one per variant that names one). */
const KEPT = 8;
const indexes = new Map<string, Promise<{ search: MiniSearch<NewChunk>; chunks: Map<string, NewChunk> }>>();

async function build(deps: Deps, workspaceId: string, agentId: string, versionId: string) {
  // Only a version of this agent (the store scopes `versionItems` to the workspace, not to the agent).
  const own = (await deps.store.knowledge.listVersions(workspaceId, agentId)).some((v) => v.id === versionId);
  const items = own ? await deps.store.knowledge.versionItems(workspaceId, versionId) : null;
  const chunks = new Map<string, NewChunk>();
  for (const generationId of Object.values(items ?? {})) {
    for (const c of await deps.store.knowledge.chunksOfGeneration(workspaceId, generationId)) chunks.set(c.id, c);
  }
  const search = new MiniSearch<NewChunk>({
    fields: ["title", "heading", "text"],
    storeFields: [],
    // Whole words, case folded (no stemming, unlike the store's Porter index): candidates that the caller
    // re-ranks by aboutness and normalises to the best, like the store's.
    searchOptions: { boost: { title: 3, heading: 2, text: 1 }, combineWith: "OR" },
  });
  search.addAll([...chunks.values()]);
  return { search, chunks };
}

/** The version's index, built on first use. */
function indexOf(deps: Deps, workspaceId: string, agentId: string, versionId: string) {
  const key = `${workspaceId}:${agentId}:${versionId}`;
  let hit = indexes.get(key);
  if (hit) {
    indexes.delete(key); // most recently used last
    indexes.set(key, hit);
    return hit;
  }
  hit = build(deps, workspaceId, agentId, versionId);
  hit.catch(() => indexes.delete(key));
  if (indexes.size >= KEPT) indexes.delete(indexes.keys().next().value!);
  indexes.set(key, hit);
  return hit;
}

/** BM25 search within `versionId` of the agent's knowledge, best first (empty when it is not the agent's). */
export async function searchVersion(
  deps: Deps,
  agent: { workspaceId: string; id: string },
  versionId: string,
  query: string,
  limit: number,
  equivalents = "",
): Promise<ChunkHit[]> {
  const { search, chunks } = await indexOf(deps, agent.workspaceId, agent.id, versionId);
  // The question's own words weigh double its equivalents', as in the store's search.
  const own = new Set(MiniSearch.getDefault("tokenize")(query).map((t: string) => t.toLowerCase()));
  return search.search(`${query} ${equivalents}`, { boostTerm: (term) => own.has(term) ? 2 : 1 })
    .slice(0, limit).map((r) => ({ ...chunks.get(r.id as string)!, score: r.score }));
}
