/**
 * The Store port: one repository interface per aggregate, returning plain
 * domain objects. Adapters live in `storage/` (SQLite by default, MongoDB for
 * production) and all pass the same contract suite in `storage/contract.ts`.
 *
 * Every method that reads or writes tenant data takes the workspace id: no
 * query can forget it. Adapters signal broken invariants with `ConflictError`
 * from `lib/errors.ts` (`email_taken`, `last_admin`).
 *
 * @module
 */
import type { Agent } from "../agents/agent.ts";
import type { Attachment, Conversation, HandledBy, Message, MessageDraft, Visitor } from "../chat/conversation.ts";
import type { StoredCredential } from "../providers/credentials.ts";
import type {
  ChunkHit,
  IngestJob,
  KnowledgeSource,
  KnowledgeVersion,
  NewChunk,
  SourceStatus,
  VersionItems,
} from "../knowledge/knowledge.ts";
import type { Ticket } from "../tickets/ticket.ts";
import type { Priority, TicketStatus } from "../tickets/ticket_schemas.ts";
import type { OneTimeToken, TokenKind } from "../accounts/token.ts";
import type { User } from "../accounts/user.ts";
import type { Workspace } from "../accounts/workspace.ts";

/** Workspaces (tenants). */
export interface WorkspaceRepo {
  get(id: string): Promise<Workspace | null>;
  /** Inserts a workspace and its first user (an admin) atomically. */
  createWithOwner(workspace: Workspace, owner: User): Promise<void>;
  rename(id: string, name: string, at: Date): Promise<Workspace | null>;
}

/** Fields of a user that may change after creation. */
export type UserPatch = Partial<Pick<User, "name" | "company" | "role" | "passwordHash">> & { updatedAt: Date };

/** Users, always within one workspace except the login lookup by email. */
export interface UserRepo {
  get(workspaceId: string, id: string): Promise<User | null>;
  /** Case-insensitive lookup across all workspaces: login only. */
  findByEmail(email: string): Promise<User | null>;
  list(workspaceId: string): Promise<User[]>;
  /** Throws ConflictError(`email_taken`) when the email exists (any case). */
  insert(user: User): Promise<void>;
  /** Throws ConflictError(`last_admin`) when the patch would leave no admin. */
  update(workspaceId: string, id: string, patch: UserPatch): Promise<User | null>;
  /** Increments the token version (revoking earlier sessions) and applies `patch`; returns the user. */
  revokeSessions(workspaceId: string, id: string, patch?: UserPatch): Promise<User | null>;
  /** Throws ConflictError(`last_admin`) when removing the last admin. Returns false when absent. */
  remove(workspaceId: string, id: string): Promise<boolean>;
}

/** One-time tokens (reset, invite). */
export interface TokenRepo {
  insert(token: OneTimeToken): Promise<void>;
  /** The unexpired, unused token with this hash, without using it. */
  peek(kind: TokenKind, tokenHash: string, now: Date): Promise<OneTimeToken | null>;
  /** Marks the token used and returns it, or null if unknown, used or expired. Atomic. */
  consume(kind: TokenKind, tokenHash: string, now: Date): Promise<OneTimeToken | null>;
  /** Pending (unused, unexpired) tokens of a kind in a workspace, newest first. */
  listPending(workspaceId: string, kind: TokenKind, now: Date): Promise<OneTimeToken[]>;
  /** Deletes a pending token of the workspace; false when absent. */
  revoke(workspaceId: string, kind: TokenKind, id: string): Promise<boolean>;
  /** Expires every pending token of a kind for a user (e.g. old reset links after a reset). */
  revokeForUser(workspaceId: string, kind: TokenKind, userId: string): Promise<void>;
}

/** Fields of an agent that may change after creation. */
export type AgentPatch = Partial<Omit<Agent, "id" | "workspaceId" | "userId" | "createdAt">> & { updatedAt: Date };

/** Agents of a workspace. Removing one removes its knowledge too. */
export interface AgentRepo {
  list(workspaceId: string): Promise<Agent[]>;
  get(workspaceId: string, id: string): Promise<Agent | null>;
  insert(agent: Agent): Promise<void>;
  update(workspaceId: string, id: string, patch: AgentPatch): Promise<Agent | null>;
  remove(workspaceId: string, id: string): Promise<boolean>;
  /** Lookup by id alone, for the public widget endpoints (an agent id is a public identifier). */
  findPublic(id: string): Promise<Agent | null>;
}

/** Fields of a source that ingestion updates. */
export type SourcePatch = Partial<Pick<KnowledgeSource, "title" | "url" | "error" | "metadata">> & {
  status?: SourceStatus;
  updatedAt: Date;
};

/** Sources, jobs, chunks and versions of agents' knowledge. */
export interface KnowledgeRepo {
  /** Inserts a source with its first job, atomically. */
  insertSource(source: KnowledgeSource, job: IngestJob): Promise<void>;
  /** Sources of an agent that are not deleted, newest first; `active` says whether the active version uses them. */
  listSources(workspaceId: string, agentId: string): Promise<KnowledgeSource[]>;
  getSource(workspaceId: string, agentId: string, id: string): Promise<KnowledgeSource | null>;
  updateSource(workspaceId: string, id: string, patch: SourcePatch): Promise<void>;

  /** Queues another job (re-sync) for an existing source and marks the source queued. */
  enqueueJob(job: IngestJob): Promise<void>;
  getJob(workspaceId: string, id: string): Promise<IngestJob | null>;
  /** Recent jobs of an agent, newest first. */
  listJobs(workspaceId: string, agentId: string, limit: number): Promise<IngestJob[]>;
  /** The worker's side (any workspace): takes the oldest queued job, marking it running. */
  claimNextJob(now: Date): Promise<IngestJob | null>;
  /** After a restart: running jobs go back to the queue (their partial chunks are discarded). */
  requeueInterrupted(now: Date): Promise<number>;
  setJobProgress(jobId: string, done: number, total: number): Promise<void>;
  /** Fails a job and its source with a readable reason; discards the job's chunks. */
  failJob(jobId: string, error: string, at: Date): Promise<void>;
  /** Appends chunks to the generation named by `generationId` (the job id). */
  insertChunks(workspaceId: string, agentId: string, generationId: string, chunks: NewChunk[]): Promise<void>;
  /** Drops a generation's chunks (a retried job starts clean). */
  deleteGeneration(generationId: string): Promise<void>;
  /**
   * Finishes a job atomically: job done, source ready, and a new active
   * version = the active one with this source now on the job's generation.
   * Null (and the job failed) when the source was deleted meanwhile.
   */
  completeJob(jobId: string, source: SourcePatch, reason: string, at: Date): Promise<KnowledgeVersion | null>;

  /** A new active version without the source, which is marked deleted. Null when absent. */
  removeSource(workspaceId: string, agentId: string, sourceId: string, at: Date): Promise<KnowledgeVersion | null>;
  listVersions(workspaceId: string, agentId: string): Promise<KnowledgeVersion[]>;
  versionItems(workspaceId: string, versionId: string): Promise<VersionItems | null>;
  /** Rolls back: a new active version copying `versionId`'s items; sources follow. Null when absent. */
  activateVersion(
    workspaceId: string,
    agentId: string,
    versionId: string,
    at: Date,
  ): Promise<KnowledgeVersion | null>;

  /** BM25 full-text search over the agent's active version, best first. */
  search(workspaceId: string, agentId: string, query: string, limit: number): Promise<ChunkHit[]>;
  /**
   * The query with misspelt words replaced by the nearest indexed word ("pasword" -> password);
   * words the index knows are kept. The index may hold other agents' words: the result only
   * steers a search that is itself scoped.
   */
  correct(query: string): Promise<string>;
  /** Stores embeddings for chunks (hybrid retrieval). */
  setEmbeddings(workspaceId: string, vectors: Array<{ chunkId: string; vector: Float32Array }>): Promise<void>;
  /** Chunks of the active version that have embeddings (for the vector side of hybrid search). */
  embeddedChunks(workspaceId: string, agentId: string): Promise<Array<NewChunk & { vector: Float32Array }>>;
  /** Chunks of a generation without embeddings yet. */
  chunksOfGeneration(workspaceId: string, generationId: string): Promise<NewChunk[]>;
}

/** Provider credentials of workspaces (API keys sealed). */
export interface CredentialRepo {
  list(workspaceId: string): Promise<StoredCredential[]>;
  get(workspaceId: string, provider: string): Promise<StoredCredential | null>;
  upsert(credential: StoredCredential): Promise<void>;
  remove(workspaceId: string, provider: string): Promise<boolean>;
}

/** Website visitors. */
export interface VisitorRepo {
  insert(visitor: Visitor): Promise<void>;
  get(workspaceId: string, id: string): Promise<Visitor | null>;
  update(
    workspaceId: string,
    id: string,
    patch: Partial<Pick<Visitor, "name" | "email" | "verified" | "lastSeenAt">>,
  ): Promise<Visitor | null>;
}

/** Filters of the staff conversation list. */
export interface ConversationFilter {
  agentId?: string;
  handledBy?: HandledBy;
  status?: "open" | "closed";
  /** Cursor: conversations whose last message is older than this id's (exclusive). */
  before?: { lastMessageAt: Date; id: string };
  limit: number;
}

/** Conversations and their messages. */
export interface ConversationRepo {
  insert(conversation: Conversation): Promise<void>;
  get(workspaceId: string, id: string): Promise<Conversation | null>;
  /** The visitor's conversations, newest first. */
  listForVisitor(workspaceId: string, visitorId: string): Promise<Conversation[]>;
  /** The workspace's conversations by last activity, newest first. */
  list(workspaceId: string, filter: ConversationFilter): Promise<Conversation[]>;
  update(
    workspaceId: string,
    id: string,
    patch: Partial<Pick<Conversation, "handledBy" | "status" | "pageUrl">> & { updatedAt: Date },
  ): Promise<Conversation | null>;
  /** Raises a read marker (never lowers it). */
  markRead(workspaceId: string, id: string, by: "visitor" | "staff", seq: number): Promise<Conversation | null>;

  /**
   * Stores a message with the next gapless seq, atomically, and returns it with the conversation as it
   * now is (seq counters, last activity). With a `clientId` already used in this conversation, returns
   * that message and `created: false`. Resolves only once the message is durably stored.
   */
  append(
    workspaceId: string,
    conversationId: string,
    draft: MessageDraft,
    at: Date,
  ): Promise<{ message: Message; created: boolean; conversation: Conversation }>;
  /**
   * Messages after `afterSeq`, oldest first. With `includeInternal` (staff) `afterSeq` is a seq; without it
   * (visitors) it is a public seq and internal notes are left out.
   */
  messagesAfter(
    workspaceId: string,
    conversationId: string,
    afterSeq: number,
    opts: { limit: number; includeInternal: boolean },
  ): Promise<Message[]>;
  getMessage(workspaceId: string, id: string): Promise<Message | null>;
  /** A message a visitor sent with this client id, in any of their conversations (idempotent starts). */
  findVisitorMessage(workspaceId: string, visitorId: string, clientId: string): Promise<Message | null>;
  /** Updates a message in place (AI streaming finishing, citations); seq never changes. */
  updateMessage(
    workspaceId: string,
    id: string,
    patch: Partial<Pick<Message, "text" | "status" | "citations" | "metadata">>,
    at: Date,
  ): Promise<Message | null>;
  /** The seq of the last message at or before public seq `publicSeq` (0 if none). */
  seqOfPublic(workspaceId: string, conversationId: string, publicSeq: number): Promise<number>;
  /** The highest public seq at or before `seq` (0 if none). */
  publicOfSeq(workspaceId: string, conversationId: string, seq: number): Promise<number>;
  /** AI-handled open conversations whose last message is the visitor's (unanswered after a restart), any workspace. */
  awaitingAi(limit: number): Promise<Array<{ conversation: Conversation; question: Message }>>;
  /** Every AI answer left `streaming` (after a restart), across workspaces. */
  streamingMessages(): Promise<Message[]>;
}

/** Uploaded attachments' metadata (bytes in the FileStore). */
export interface AttachmentRepo {
  insert(attachment: Attachment): Promise<void>;
  get(workspaceId: string, id: string): Promise<Attachment | null>;
}

/** Filters of the ticket list. */
export interface TicketFilter {
  status?: TicketStatus;
  priority?: Priority;
  /** A user id, or null for unassigned tickets. */
  assignedTo?: string | null;
  tag?: string;
  agentId?: string;
  /** Text in the title or in the thread's messages. */
  q?: string;
  sort: "newest" | "oldest" | "updated" | "priority";
  /** Opaque position from a previous page. */
  after?: { key: string; id: string };
  limit: number;
}

/** Fields of a ticket that change after creation. */
export type TicketPatch =
  & Partial<
    Pick<
      Ticket,
      | "title"
      | "description"
      | "priority"
      | "customerEmail"
      | "customerName"
      | "assignedTo"
      | "tags"
      | "status"
      | "resolvedAt"
      | "closedAt"
      | "rating"
      | "escalationLevel"
    >
  >
  & { updatedAt: Date };

/** Tickets. */
export interface TicketRepo {
  insert(ticket: Ticket): Promise<void>;
  get(workspaceId: string, id: string): Promise<Ticket | null>;
  /** The ticket of a conversation, if any. */
  forConversation(workspaceId: string, conversationId: string): Promise<Ticket | null>;
  /** A page of tickets and the key to sort by for the next page. */
  list(workspaceId: string, filter: TicketFilter): Promise<Array<{ ticket: Ticket; key: string }>>;
  update(workspaceId: string, id: string, patch: TicketPatch): Promise<Ticket | null>;
  /**
   * Tickets (any workspace) still open or in progress, with no staff reply,
   * older than the given age and below the given escalation level: what the
   * escalation scheduler looks at.
   */
  awaitingStaff(openedBefore: Date, belowLevel: number, limit: number): Promise<Ticket[]>;
}

/** A saved reply. */
export interface CannedResponse {
  id: string;
  workspaceId: string;
  title: string;
  shortcut: string;
  body: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Canned responses per workspace; shortcuts are unique per workspace. */
export interface CannedRepo {
  list(workspaceId: string): Promise<CannedResponse[]>;
  get(workspaceId: string, id: string): Promise<CannedResponse | null>;
  /** Throws ConflictError(`shortcut_taken`). */
  insert(c: CannedResponse): Promise<void>;
  update(
    workspaceId: string,
    id: string,
    patch: Pick<CannedResponse, "title" | "shortcut" | "body" | "updatedAt">,
  ): Promise<CannedResponse | null>;
  remove(workspaceId: string, id: string): Promise<boolean>;
}

/** Workspace settings kept as small JSON documents (escalation rules...). */
export interface SettingsRepo {
  get<T>(workspaceId: string, key: string): Promise<T | null>;
  put<T>(workspaceId: string, key: string, value: T, at: Date): Promise<void>;
  /** Workspaces that have a value for `key` (for schedulers). */
  workspacesWith(key: string): Promise<string[]>;
}

/** The whole store. */
export interface Store {
  readonly workspaces: WorkspaceRepo;
  readonly users: UserRepo;
  readonly tokens: TokenRepo;
  readonly agents: AgentRepo;
  readonly knowledge: KnowledgeRepo;
  readonly credentials: CredentialRepo;
  readonly visitors: VisitorRepo;
  readonly conversations: ConversationRepo;
  readonly attachments: AttachmentRepo;
  readonly tickets: TicketRepo;
  readonly canned: CannedRepo;
  readonly settings: SettingsRepo;
  /** Resolves when the database answers (for `/readyz`). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
