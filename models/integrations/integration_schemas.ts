/**
 * What admins send to connect Slack and Zendesk (shared with the browser forms).
 *
 * @module
 */
import { z } from "zod";
import { SLACK_MODES } from "./integration.ts";

/** `PUT /api/integrations/slack`: a pasted bot token and signing secret, and/or the channel and mode. */
export const slackConnectSchema = z.object({
  botToken: z.string().trim().regex(/^xox[bp]-[A-Za-z0-9-]+$/, { message: "A bot token starts with xoxb-." })
    .optional(),
  signingSecret: z.string().trim().regex(/^[A-Za-z0-9]{16,128}$/, {
    message: "The signing secret is the app's 32-character hex code (Basic Information).",
  }).optional(),
  channelId: z.string().trim().regex(/^[CGD][A-Z0-9]{2,30}$/, { message: "Pick a channel." }).optional(),
  mode: z.enum(SLACK_MODES).optional(),
}).meta({ id: "SlackConnect" });

/** `PUT /api/integrations/zendesk`: the account, an agent's email and API token, and the webhook's secret. */
export const zendeskConnectSchema = z.object({
  subdomain: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, {
    message: "Just the subdomain: acme for acme.zendesk.com.",
  }).optional(),
  baseUrl: z.url({ protocol: /^https?$/, message: "A full URL, e.g. https://acme.zendesk.com." }).optional(),
  email: z.email({ message: "The agent's email address." }).max(254),
  apiToken: z.string().trim().min(8, { message: "Paste the API token (Admin Center → Zendesk API)." }).max(200)
    .optional(),
  webhookSecret: z.string().trim().min(8).max(200).optional(),
}).meta({ id: "ZendeskConnect" });
