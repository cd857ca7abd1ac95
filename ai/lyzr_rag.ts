/**
 * Lyzr knowledge bases (`lyzr-api.md` §5, the RAG host): create one per
 * agent, train it with text, empty it, retrieve passages from it. Same HTTP
 * rules as the agent adapter (`ai/http.ts`: one deadline per call, the
 * workspace's fetch, every failure a classified ProviderError), plus a few
 * retries of retryable failures here, because these calls run from a
 * listener or an answer and each is cheap to repeat (train after a reset is
 * the only one that is not idempotent, and the caller resets first).
 *
 * The RAG host is `settings.extra.ragBaseUrl`, else `settings.baseUrl` when
 * one is set (a proxy or a test fake serving both), else `rag-prod`.
 *
 * @module
 */
import {
  ProviderError,
  type ProviderSettings,
  type RagHit,
  type RemoteKnowledgeBase,
} from "../models/ports/ai_provider.ts";
import { type CallContext, requestJson } from "./http.ts";
import { type AdapterOptions, apiBase, resolveOptions } from "./options.ts";

/** Lyzr's RAG host. */
export const LYZR_RAG_DEFAULT_BASE_URL = "https://rag-prod.studio.lyzr.ai";
const LABEL = "Lyzr knowledge base";

/** Retry options (tests shorten the waits). */
export interface RagOptions extends AdapterOptions {
  /** Tries per call for retryable failures (default 3). */
  attempts?: number;
  /** First backoff in ms, doubled each time (default 400); a 429's Retry-After wins, capped at 8 s. */
  backoffMs?: number;
}

/** The chunk size we tell Lyzr: our chunks are already cut (well under this), so Lyzr keeps each whole. */
const CHUNK_SIZE = 4000;
/** How many texts go in one train call (large knowledge bases are sent in several). */
const TRAIN_BATCH = 100;

/** Builds the client for a workspace's Lyzr settings. */
export function lyzrRag(settings: ProviderSettings, options: RagOptions = {}): RemoteKnowledgeBase {
  const opts = resolveOptions(options);
  const attempts = options.attempts ?? 3;
  const backoffMs = options.backoffMs ?? 400;
  const raw = settings.extra?.ragBaseUrl || settings.baseUrl;
  const base = () => apiBase(raw, LYZR_RAG_DEFAULT_BASE_URL, LABEL).replace(/\/v3$/, "");
  const headers = { "x-api-key": settings.apiKey, accept: "application/json", "content-type": "application/json" };
  const ctx = (signal?: AbortSignal): CallContext => ({ label: LABEL, opts, signal });

  async function call(method: string, path: string, body?: unknown, signal?: AbortSignal) {
    for (let attempt = 1;; attempt++) {
      try {
        return (await requestJson(method, base() + path, headers, body, ctx(signal))).data;
      } catch (err) {
        if (!(err instanceof ProviderError) || !err.retryable || attempt >= attempts || signal?.aborted) throw err;
        const wait = Math.min(err.retryAfterMs ?? backoffMs * 2 ** (attempt - 1), 8000);
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }
  const rag = (ragId: string) => `rag_id=${encodeURIComponent(ragId)}`;

  return {
    get baseUrl() {
      return base();
    },

    async createKb(name, description) {
      const data = await call("POST", "/v3/rag/", {
        user_id: settings.apiKey,
        llm_credential_id: settings.extra?.credentialId ?? "lyzr_openai",
        embedding_credential_id: settings.extra?.embeddingCredentialId ?? "lyzr_openai",
        vector_db_credential_id: settings.extra?.vectorDbCredentialId ?? "lyzr_qdrant",
        description,
        // sumiki: names must match ^[a-z0-9_]+$.
        collection_name: name.toLowerCase().replace(/[^a-z0-9_]+/g, "_").slice(0, 60) || "frontdesk",
        llm_model: settings.defaultModel || "gpt-4o-mini",
        embedding_model: settings.extra?.embeddingModel ?? "text-embedding-ada-002",
        vector_store_provider: settings.extra?.vectorStore ?? "Qdrant [Lyzr]",
        semantic_data_model: false,
        meta_data: {},
      });
      const id = idOf(data);
      if (!id) throw new ProviderError("bad_response", `${LABEL}: the new knowledge base's id is missing`);
      return id;
    },

    async deleteKb(ragId) {
      try {
        await call("DELETE", `/v3/rag/${encodeURIComponent(ragId)}/`);
      } catch (err) {
        if (!(err instanceof ProviderError && err.status === 404)) throw err;
      }
    },

    async reset(ragId) {
      await call("DELETE", `/v3/rag/${encodeURIComponent(ragId)}/reset/`);
    },

    async trainText(ragId, docs) {
      for (let i = 0; i < docs.length; i += TRAIN_BATCH) {
        const data = docs.slice(i, i + TRAIN_BATCH).map((d) => ({
          text: d.text,
          source: d.source,
          extra_info: d.meta,
        }));
        await call("POST", `/v3/train/text/?${rag(ragId)}`, { data, chunk_size: CHUNK_SIZE, chunk_overlap: 0 });
      }
    },

    async trainWebsite(ragId, urls, o = {}) {
      await call("POST", `/v3/train/website/?${rag(ragId)}`, {
        urls,
        source: "website",
        max_crawl_pages: o.maxPages ?? 10,
        max_crawl_depth: o.maxDepth ?? 2,
        chunk_size: 1000,
        chunk_overlap: 100,
      });
    },

    async retrieve(ragId, query, o = {}) {
      // The docs mark every parameter required, so all six are sent.
      const params = new URLSearchParams({
        query,
        top_k: String(o.topK ?? 5),
        lambda_param: "0.6",
        retrieval_type: "basic",
        score_threshold: "0",
        time_decay_factor: "0.7",
      });
      const data = await call("GET", `/v3/rag/${encodeURIComponent(ragId)}/retrieve/?${params}`, undefined, o.signal);
      return ragHits(data);
    },
  };
}

/** A KB id: create answers `id`, get/list `_id` (sumiki's comment); `rag_id` accepted too. */
function idOf(data: unknown): string | undefined {
  if (!data || typeof data !== "object") return undefined;
  const o = data as Record<string, unknown>;
  for (const key of ["id", "_id", "rag_id"]) {
    const v = o[key];
    if ((typeof v === "string" && v) || typeof v === "number") return String(v);
  }
  return undefined;
}

/**
 * The passages of a retrieve answer, read tolerantly (the shape is INFERRED
 * in the reference): `{results: [...]}` (sumiki), a bare array, or
 * `{documents | data | chunks: [...]}`; each item's text in `text`,
 * `content` or `page_content`, its score in `score` or `metadata.score`.
 */
export function ragHits(data: unknown): RagHit[] {
  const list = Array.isArray(data) ? data : (() => {
    if (!data || typeof data !== "object") return undefined;
    const o = data as Record<string, unknown>;
    for (const key of ["results", "documents", "data", "chunks", "retrieved_documents"]) {
      if (Array.isArray(o[key])) return o[key] as unknown[];
    }
    return undefined;
  })();
  if (!list) throw new ProviderError("bad_response", `${LABEL}: no passages in the retrieve answer`);
  const hits: RagHit[] = [];
  for (const item of list) {
    if (typeof item === "string") {
      hits.push({ text: item, score: 0, meta: {} });
      continue;
    }
    if (!item || typeof item !== "object") continue;
    const o = item as Record<string, unknown>;
    const meta = o.metadata && typeof o.metadata === "object" ? o.metadata as Record<string, unknown> : {};
    const extra = o.extra_info && typeof o.extra_info === "object" ? o.extra_info as Record<string, unknown> : {};
    const text = [o.text, o.content, o.page_content].find((v) => typeof v === "string") as string | undefined;
    if (!text) continue;
    const score = [o.score, meta.score, o.similarity].find((v) => typeof v === "number") as number | undefined;
    const source = [o.source, meta.source].find((v) => typeof v === "string") as string | undefined;
    hits.push({ text, score: score ?? 0, ...(source ? { source } : {}), meta: { ...extra, ...meta } });
  }
  return hits;
}
