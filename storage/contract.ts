/**
 * The Store contract: one suite, written once, that every adapter must pass
 * (SQLite today; an adapter added later, such as MongoDB, runs the same suite).
 * Call `storeContract("sqlite", open)` from the adapter's test.
 *
 * @module
 */
import type { Store } from "../models/ports/store.ts";
import { accountsContract } from "./contract_accounts.ts";
import { categoriesContract } from "./contract_categories.ts";
import { languageContract } from "./contract_language.ts";
import { sentimentContract } from "./contract_sentiment.ts";
import { analyticsContract } from "./contract_analytics.ts";
import { apiKeysContract } from "./contract_api_keys.ts";
import { conversationsContract } from "./contract_conversations.ts";
import { eventsContract } from "./contract_events.ts";
import { experimentsContract } from "./contract_experiments.ts";
import { integrationsContract } from "./contract_integrations.ts";
import { knowledgeContract } from "./contract_knowledge.ts";
import { webhooksContract } from "./contract_webhooks.ts";
import { ticketsContract } from "./contract_tickets.ts";

/** Registers the whole contract for a Store built by `open` (a fresh, empty store per test). */
export function storeContract(name: string, open: () => Promise<Store>): void {
  accountsContract(name, open);
  knowledgeContract(name, open);
  conversationsContract(name, open);
  languageContract(name, open);
  sentimentContract(name, open);
  eventsContract(name, open);
  analyticsContract(name, open);
  apiKeysContract(name, open);
  webhooksContract(name, open);
  ticketsContract(name, open);
  integrationsContract(name, open);
  categoriesContract(name, open);
  experimentsContract(name, open);
}
