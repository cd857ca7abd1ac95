/**
 * The AiProvider port: every way of producing an answer (the built-in
 * offline responder, Lyzr, OpenAI-compatible APIs, Anthropic) streams text
 * through this one interface. Adapters live in `ai/`; `main.ts` hands the app
 * a `ProviderRegistry` that builds one for an agent and its workspace's
 * credentials.
 *
 * @module
 */
import type { ProviderId } from "../agents/agent_schemas.ts";

/** One turn of a chat. */
export interface ChatTurn {
  role: "user" | "assistant";
  content: string;
}

/** A retrieved passage handed to the provider (and cited afterwards). */
export interface Passage {
  /** Stable id of the chunk, cited as `[S1]`... in prompts by its position. */
  chunkId: string;
  sourceId: string;
  title: string;
  url?: string;
  /** Heading path of the chunk ("Billing > Refunds"). */
  heading?: string;
  text: string;
  /** Retrieval score, higher is better, normalised to 0..1 across the result. */
  score: number;
  /** The question's cosine to this passage (the offline sentence model's), when retrieval used it. */
  meaning?: number;
}

/** What an agent asks of a provider for one answer. */
export interface GenerateRequest {
  /** Provider-side model name ("" = the provider's default). */
  model: string;
  temperature: number;
  maxTokens: number;
  /** The full system prompt: the agent's prompt, then the passages as quoted, untrusted data. */
  system: string;
  /** Earlier turns of this conversation, oldest first, ending with the visitor's question. */
  messages: ChatTurn[];
  /** The visitor's question (also the last message). */
  question: string;
  /** The question as retrieval searched it, misspellings corrected against the index ("forgot my password"). */
  searched?: string;
  /** The passages the system prompt quotes (the local responder answers from these directly). */
  passages: Passage[];
  /** One per conversation: Lyzr's `session_id`. */
  sessionId: string;
  /** Who is asking (Lyzr's `user_id`). */
  userId: string;
  /** The mirrored Lyzr agent id, for the `lyzr` provider. */
  remoteAgentId?: string;
  /** The customer's language (ISO 639-1), when known: the system prompt already asks for it; the built-in responder reads it. */
  language?: string;
  signal?: AbortSignal;
}

/** Why a provider call failed, as the retry logic needs to know it. */
export type ProviderErrorKind =
  | "auth" // 401/403: wrong or missing key; never retried
  | "rate_limited" // 429: retried after Retry-After
  | "timeout" // no answer or no progress in time
  | "server" // 5xx
  | "stream_cut" // the stream ended without its terminator
  | "bad_request" // 4xx other than the above: our request is wrong; never retried
  | "bad_response" // unparseable answer
  | "network"; // connection refused / reset

/** A classified provider failure. */
export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    /** For `rate_limited`: how long the provider asked us to wait. */
    readonly retryAfterMs?: number,
    readonly status?: number,
  ) {
    super(message);
    this.name = "ProviderError";
  }

  /** True when trying again may succeed. */
  get retryable(): boolean {
    return this.kind !== "auth" && this.kind !== "bad_request";
  }
}

/** A source of answers. */
export interface AiProvider {
  readonly id: ProviderId;
  /**
   * Streams the answer's text, piece by piece. Throws ProviderError (before or
   * during the stream); never retries by itself (the pipeline does).
   */
  stream(req: GenerateRequest): AsyncIterable<string>;
  /** Embeddings for hybrid retrieval, when the provider offers them. */
  embed?(texts: string[], signal?: AbortSignal): Promise<number[][]>;
  /** Checks the credentials with a cheap call; throws ProviderError when they fail. */
  testConnection(signal?: AbortSignal): Promise<{ detail: string }>;
  /**
   * How sure this provider is of `answer` (0..1), when it can tell better than the pipeline's estimate.
   * `weights` says how much each content stem of the question matters (see `termWeights`).
   */
  confidence?(question: string, passages: Passage[], answer: string, weights?: ReadonlyMap<string, number>): number;
  /**
   * How much of the question (0..1, words weighted as for `confidence`) the titles and headings of `page`
   * (the passages of the page an answer cites) name: what the page is about rather than mentions.
   */
  about?(question: string, page: Passage[], weights?: ReadonlyMap<string, number>): number;
  /**
   * How closely the best sentence of `page` echoes the question word by word (0..1, words weighted as for
   * `confidence`), for the confidence with meaning (`models/knowledge/meaning.ts`).
   */
  aligned?(question: string, page: Passage[], weights?: ReadonlyMap<string, number>): number;
}

/** Per-workspace settings of one provider (the API key already decrypted). */
export interface ProviderSettings {
  provider: Exclude<ProviderId, "local">;
  apiKey: string;
  /** Override of the API base URL (OpenAI-compatible servers, a proxy, a test fake). */
  baseUrl?: string;
  /** Default model for agents that leave `model` empty. */
  defaultModel?: string;
  /** Lyzr: `provider_id` / `llm_credential_id` for mirrored agents. */
  extra?: Record<string, string>;
}

/** An agent as mirrored to a remote platform (Lyzr). */
export interface RemoteAgentSpec {
  name: string;
  description: string;
  prompt: string;
  model: string;
  temperature: number;
  maxTokens: number;
  /** The remote knowledge base the agent answers from (Lyzr's `KNOWLEDGE_BASE` feature), when it keeps one. */
  knowledgeBase?: { id: string; name: string };
}

/** Providers that keep their own copy of an agent implement this. */
export interface AgentMirror {
  createAgent(spec: RemoteAgentSpec): Promise<string>;
  updateAgent(remoteId: string, spec: RemoteAgentSpec): Promise<void>;
  deleteAgent(remoteId: string): Promise<void>;
  /** Knowledge bases kept by the provider (Lyzr), for agents whose knowledge lives there. */
  knowledge?: RemoteKnowledgeBase;
}

/** One text sent to a remote knowledge base, with what maps it back to our chunk. */
export interface RagDocument {
  text: string;
  /** The document's name there (our source title). */
  source: string;
  /** Sent along (Lyzr's `extra_info`): our chunk and source ids, so retrieved passages map back to citations. */
  meta: Record<string, string>;
}

/** One passage retrieved from a remote knowledge base. */
export interface RagHit {
  text: string;
  score: number;
  source?: string;
  /** Whatever metadata came back (our `meta` when the service keeps it). */
  meta: Record<string, unknown>;
}

/** A provider-side knowledge base service (Lyzr RAG). Calls throw ProviderError. */
export interface RemoteKnowledgeBase {
  /** Where it lives (the agent's feature config names it). */
  readonly baseUrl: string;
  createKb(name: string, description: string): Promise<string>;
  /** Deletes a KB; one already gone counts as deleted. */
  deleteKb(id: string): Promise<void>;
  /** Empties a KB, keeping its id. */
  reset(id: string): Promise<void>;
  trainText(id: string, docs: RagDocument[]): Promise<void>;
  trainWebsite(id: string, urls: string[], opts?: { maxPages?: number; maxDepth?: number }): Promise<void>;
  retrieve(id: string, query: string, opts?: { topK?: number; signal?: AbortSignal }): Promise<RagHit[]>;
}

/** Builds providers; chosen in `main.ts`, faked nowhere (tests point settings at local fakes). */
export interface ProviderRegistry {
  /** The provider for `id` with the workspace's settings (null settings only for `local`). */
  create(id: ProviderId, settings: ProviderSettings | null): AiProvider & Partial<AgentMirror>;
}
