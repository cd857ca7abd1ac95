/**
 * Topics by meaning, when the workspace's provider embeds: the lexical
 * clusters of `topics.ts` whose centroids (the embeddings of their question
 * signatures, averaged by how often each was asked) are close are merged, so
 * paraphrases that share no keyword ("where is my parcel" / "my order has not
 * arrived") land in one topic.
 *
 * Cost stays bounded and the answer never depends on the provider being up:
 * only the `EMBED_TOP` most asked signatures are embedded, each at most once
 * per workspace and model (cached by the store), the missing ones in one
 * batched call with a short timeout; no embedding provider, no key, a
 * failure or a timeout, and the lexical grouping is answered unchanged.
 *
 * Why by hand: a cosine and a greedy merge over at most 200 vectors.
 *
 * @module
 */
import type { Agent } from "../agents/agent.ts";
import type { Deps } from "../ports/deps.ts";
import { providerFor } from "../providers/providers.ts";
import type { Cluster, SignatureCount } from "./topics.ts";

/**
 * Clusters whose centroids are at least this alike (cosine) are one topic. High on purpose: a wrong merge hides
 * a topic inside another (the owner cannot see it), a missed one only leaves two topics as the lexical grouping
 * would. Short texts about different things score well below it with OpenAI's text-embedding-3 models (that
 * share only a domain, "refund" / "shipping", they land around 0.3-0.6), while a reworded question about the
 * same thing scores high; a judgement to tune on real workspaces, kept as one constant.
 */
export const EMBEDDING_SIMILARITY = 0.85;
/** Signatures embedded per query: the most asked (the rest keep their lexical topic). */
export const EMBED_TOP = 200;
/** How long a query waits for the provider's embeddings before answering the lexical grouping. */
export const EMBED_TIMEOUT_MS = 3_000;

/** How a list of topics was grouped. */
export type Grouping = "lexical" | "embeddings";

/** What `embedder` gives: the cache key of the model and the provider's embed. */
interface Embedder {
  model: string;
  embed(texts: string[], signal?: AbortSignal): Promise<number[][]>;
}

/**
 * The embedding provider of the workspace's agents (the filtered agent's when `agentId` is set): the first agent,
 * oldest first, whose provider embeds with the workspace's stored key; null when none does. `local` never does.
 */
async function embedder(deps: Deps, workspaceId: string, agentId?: string): Promise<Embedder | null> {
  const agents: Agent[] = agentId
    ? [await deps.store.agents.get(workspaceId, agentId)].filter((a): a is Agent => a !== null)
    : await deps.store.agents.list(workspaceId);
  for (const id of new Set(agents.map((a) => a.provider))) {
    if (id === "local") continue;
    const cred = await deps.store.credentials.get(workspaceId, id);
    if (!cred) continue;
    const provider = await providerFor(deps, workspaceId, id);
    if (!provider.embed) continue;
    const model = `${id}:${cred.extra?.embeddingModel ?? "default"}`;
    return { model, embed: provider.embed.bind(provider) };
  }
  return null;
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length && i < b.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** The embeddings of `signatures`: cached ones read, the missing ones embedded in one call and cached. */
async function vectorsOf(deps: Deps, workspaceId: string, e: Embedder, signatures: string[]) {
  const vectors = await deps.store.analytics.topicVectors(workspaceId, e.model, signatures);
  const missing = signatures.filter((s) => !vectors.has(s));
  if (missing.length) {
    const got = await e.embed(missing, AbortSignal.timeout(EMBED_TIMEOUT_MS));
    const fresh = missing.map((signature, i) => ({ signature, vector: Float32Array.from(got[i]) }));
    await deps.store.analytics.saveTopicVectors(workspaceId, e.model, fresh);
    for (const f of fresh) vectors.set(f.signature, f.vector);
  }
  return vectors;
}

/** A cluster's centroid: its embedded members' vectors, normalised, averaged by weight (null when none embedded). */
function centroid(c: Cluster, vectors: Map<string, Float32Array>, weight: (r: SignatureCount) => number) {
  let sum: Float32Array | null = null;
  for (const m of c.members) {
    const v = vectors.get(m.signature);
    if (!v) continue;
    const norm = Math.hypot(...v) || 1;
    sum ??= new Float32Array(v.length);
    for (let i = 0; i < v.length && i < sum.length; i++) sum[i] += (v[i] / norm) * weight(m);
  }
  return sum;
}

/**
 * Merges `clusters` (the largest first, as `cluster` gives them) by their embeddings when the workspace's provider
 * embeds. Answers the clusters (a merged one keeps the larger's lead and terms, its members by weight), how they
 * were grouped, and for each input cluster the index of the cluster it ended in (to place the previous period's
 * signatures, assigned to the lexical clusters). Never throws for the provider: a failure answers the input.
 */
export async function mergeByEmbeddings(
  deps: Deps,
  scope: { workspaceId: string; agentId?: string },
  clusters: Cluster[],
  weight: (r: SignatureCount) => number,
): Promise<{ clusters: Cluster[]; grouping: Grouping; into: number[] }> {
  const lexical = { clusters, grouping: "lexical" as const, into: clusters.map((_, i) => i) };
  if (clusters.length < 2) return lexical;
  let vectors: Map<string, Float32Array>;
  try {
    const e = await embedder(deps, scope.workspaceId, scope.agentId);
    if (!e) return lexical;
    const top = clusters.flatMap((c) => c.members)
      .sort((a, b) => weight(b) - weight(a) || a.signature.localeCompare(b.signature))
      .slice(0, EMBED_TOP).map((m) => m.signature);
    vectors = await vectorsOf(deps, scope.workspaceId, e, top);
  } catch (err) {
    deps.log.warn("topics grouped by keywords only: embeddings failed", {
      workspaceId: scope.workspaceId,
      err: String(err),
    });
    return lexical;
  }
  // Greedy from the largest, as the lexical grouping: each cluster joins the most alike earlier group (compared
  // with the group's first centroid, so a chain of near ones does not drift), or starts its own.
  const groups: Array<{ centroid: Float32Array | null; clusters: Cluster[] }> = [];
  const into: number[] = [];
  for (const c of clusters) {
    const mine = centroid(c, vectors, weight);
    let best = -1, bestScore = 0;
    if (mine) {
      groups.forEach((g, i) => {
        const score = g.centroid ? cosine(g.centroid, mine) : 0;
        if (score >= EMBEDDING_SIMILARITY && score > bestScore) [best, bestScore] = [i, score];
      });
    }
    if (best >= 0) groups[best].clusters.push(c);
    else groups.push({ centroid: mine, clusters: [c] });
    into.push(best >= 0 ? best : groups.length - 1);
  }
  const merged = groups.map(({ clusters: [first, ...rest] }): Cluster => ({
    lead: first.lead,
    terms: first.terms,
    members: rest.length
      ? [first, ...rest].flatMap((c) => c.members).sort((a, b) =>
        weight(b) - weight(a) || a.signature.localeCompare(b.signature)
      )
      : first.members,
  }));
  return { clusters: merged, grouping: "embeddings", into };
}
