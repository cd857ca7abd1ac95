/**
 * The Store port: one repository interface per aggregate, returning plain
 * domain objects. The adapter is `storage/sqlite/` (embedded SQLite, the
 * default); any other (a MongoDB one is planned) must pass the same contract
 * suite, `storage/contract.ts`.
 *
 * Split by family: `store_accounts.ts`, `store_knowledge.ts`, `store_chat.ts`,
 * `store_tickets.ts`, `store_analytics.ts`, and the event log (`event_log.ts`). Every method that
 * reads or writes tenant data takes the workspace id: no query can forget it. Adapters signal broken invariants with `ConflictError`
 * from `lib/errors.ts` (`email_taken`, `last_admin`).
 *
 * @module
 */
import type { EventLogRepo } from "./event_log.ts";
import type { ApiKeyRepo } from "./store_api_keys.ts";
import type { AnalyticsRepo } from "./store_analytics.ts";
import type { CredentialRepo, TokenRepo, UserRepo, WorkspaceRepo } from "./store_accounts.ts";
import type { AttachmentRepo, ConversationRepo, VisitorRepo } from "./store_chat.ts";
import type { AgentRepo, KnowledgeRepo } from "./store_knowledge.ts";
import type { CannedRepo, SettingsRepo, TicketRepo } from "./store_tickets.ts";
import type { WebhookRepo } from "./store_webhooks.ts";
import type { IntegrationRepo } from "./store_integrations.ts";
import type { CategoryRepo } from "./store_categories.ts";
import type { ExperimentRepo } from "./store_experiments.ts";

export type * from "./event_log.ts";
export type * from "./store_accounts.ts";
export type * from "./store_analytics.ts";
export type * from "./store_api_keys.ts";
export type * from "./store_chat.ts";
export type * from "./store_knowledge.ts";
export type * from "./store_tickets.ts";
export type * from "./store_webhooks.ts";
export type * from "./store_integrations.ts";
export type * from "./store_categories.ts";
export type * from "./store_experiments.ts";

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
  /** The durable event log (written by the repositories above, with their changes). */
  readonly events: EventLogRepo;
  /** The analytics rollups, kept from the event log by the analytics listener. */
  readonly analytics: AnalyticsRepo;
  /** Integrators' API keys (hashed). */
  readonly apiKeys: ApiKeyRepo;
  /** Webhook endpoints and their deliveries. */
  readonly webhooks: WebhookRepo;
  /** Slack and Zendesk connections and their links. */
  readonly integrations: IntegrationRepo;
  /** Workspace categories (topics) with their example phrases. */
  readonly categories: CategoryRepo;
  /** A/B tests of agents' answers and conversations' variants. */
  readonly experiments: ExperimentRepo;
  /** Resolves when the database answers (for `/readyz`). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
