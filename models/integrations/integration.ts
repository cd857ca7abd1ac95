/**
 * Integrations: a workspace's connections to Slack and Zendesk. A connection
 * keeps its public settings in clear (channel, mode, subdomain...) and its
 * credentials sealed with the workspace's secret box, bound to the workspace
 * and the kind, so they never leave the server; its health (connected or in
 * error, with the last error and when) is what the Integrations page shows.
 *
 * @module
 */

/** The services Frontdesk connects to. */
export const INTEGRATION_KINDS = ["slack", "zendesk"] as const;

/** One of {@linkcode INTEGRATION_KINDS}. */
export type IntegrationKind = typeof INTEGRATION_KINDS[number];

/** Slack modes: thread replies reach the customer (`two_way`) or Slack only hears of handoffs (`alerts_only`). */
export const SLACK_MODES = ["two_way", "alerts_only"] as const;

/** One of {@linkcode SLACK_MODES}. */
export type SlackMode = typeof SLACK_MODES[number];

/** What a Slack connection keeps in clear. */
export interface SlackSettings {
  /** The Slack workspace (team) id: inbound events are routed by it. */
  teamId: string;
  teamName?: string;
  /** Our bot's user id: its own messages are never taken as replies (no loops). */
  botUserId?: string;
  botId?: string;
  channelId?: string;
  channelName?: string;
  mode: SlackMode;
  /** Installed through "Add to Slack" (the app's signing secret) or with a pasted bot token (its own). */
  via: "oauth" | "token";
  /** Enough of the bot token to recognise it, not to use it. */
  tokenHint: string;
}

/** What a Slack connection keeps sealed. */
export interface SlackSecrets {
  botToken: string;
  /** The signing secret of a pasted app; OAuth installs use the app's (`SLACK_SIGNING_SECRET`). */
  signingSecret?: string;
}

/** What a Zendesk connection keeps in clear. */
export interface ZendeskSettings {
  /** `https://{subdomain}.zendesk.com`, or any base URL where `FETCH_ALLOW_LOOPBACK` allows (tests). */
  baseUrl: string;
  /** The agent whose API token we use. */
  email: string;
  /** That agent's Zendesk user id: comments it authors are ours and never come back (no echo). */
  agentUserId?: string;
  /** Enough of the API token to recognise it, not to use it. */
  tokenHint: string;
  webhookSecretSet: boolean;
}

/** What a Zendesk connection keeps sealed. */
export interface ZendeskSecrets {
  apiToken: string;
  /** The webhook's signing secret (Zendesk shows it on the webhook's page). */
  webhookSecret?: string;
}

/** Settings and secrets of each kind. */
export interface KindMap {
  slack: { settings: SlackSettings; secrets: SlackSecrets };
  zendesk: { settings: ZendeskSettings; secrets: ZendeskSecrets };
}

/** A stored connection. `secretsSealed` never leaves the server. */
export interface Connection<K extends IntegrationKind = IntegrationKind> {
  workspaceId: string;
  kind: K;
  settings: KindMap[K]["settings"];
  secretsSealed: string;
  /** What inbound requests are routed by (the Slack team id); null when none. */
  externalKey: string | null;
  status: "connected" | "error";
  lastError: string | null;
  lastErrorAt: Date | null;
  connectedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * What a link ties: a conversation to Slack or Zendesk, or (`lyzr_rag`) an agent to the Lyzr knowledge
 * base that holds its knowledge (the links table is generic, so that needs no schema change).
 */
export type LinkKind = IntegrationKind | "lyzr_rag";

/** A Frontdesk conversation tied to its Slack message or Zendesk ticket (or an agent to its Lyzr KB). */
export interface IntegrationLink {
  workspaceId: string;
  kind: LinkKind;
  /** The conversation id (`lyzr_rag`: the agent id). */
  localId: string;
  /** Slack: `channel:ts` of the alert; Zendesk: the ticket id; `lyzr_rag`: the KB id ("" before it exists). */
  remoteId: string;
  /** Sync state (Zendesk: the last status both sides agree on, so a change never echoes back). */
  state: Record<string, string>;
  createdAt: Date;
  updatedAt: Date;
}
