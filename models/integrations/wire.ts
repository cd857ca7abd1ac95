/**
 * The wire shape of integrations: each connection's state as admins see it
 * (never a credential: only hints), the Slack channels to pick from.
 *
 * @module
 */
import { z } from "zod";
import { SLACK_MODES } from "./integration.ts";

const health = {
  connected: z.boolean(),
  /** `not_connected`, `connected`, or `error` (the latest call to the service failed). */
  status: z.enum(["not_connected", "connected", "error"]),
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
};

/** Slack's state. */
export const slackStateWire = z.object({
  kind: z.literal("slack"),
  ...health,
  teamId: z.string().optional(),
  teamName: z.string().optional(),
  channelId: z.string().optional(),
  channelName: z.string().optional(),
  mode: z.enum(SLACK_MODES),
  via: z.enum(["oauth", "token"]).optional(),
  tokenHint: z.string().optional(),
  /** "Add to Slack" when the app's OAuth credentials are configured, else null (paste a bot token). */
  installUrl: z.string().nullable(),
  /** What to paste into the Slack app's Event Subscriptions and Interactivity settings. */
  eventsUrl: z.string(),
  interactionsUrl: z.string(),
}).meta({ id: "SlackIntegration" });

/** Zendesk's state. */
export const zendeskStateWire = z.object({
  kind: z.literal("zendesk"),
  ...health,
  baseUrl: z.string().optional(),
  email: z.string().optional(),
  tokenHint: z.string().optional(),
  webhookSecretSet: z.boolean(),
  /** What to give Zendesk's webhook (its endpoint URL). */
  webhookUrl: z.string(),
}).meta({ id: "ZendeskIntegration" });

/** Every integration of the workspace. */
export const integrationsWire = z.object({ slack: slackStateWire, zendesk: zendeskStateWire }).meta({
  id: "Integrations",
});

/** A channel to post alerts to. */
export const slackChannelWire = z.object({ id: z.string(), name: z.string(), isPrivate: z.boolean() });

/** The state types, for islands. */
export type SlackStateJson = z.infer<typeof slackStateWire>;
/** Zendesk's state, for islands. */
export type ZendeskStateJson = z.infer<typeof zendeskStateWire>;
/** Both. */
export type IntegrationsJson = z.infer<typeof integrationsWire>;
