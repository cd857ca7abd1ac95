/**
 * What Slack sends us: Events API callbacks (`url_verification`, and thread
 * replies as `message` events) and interactivity (`block_actions` from the
 * alert's "Assign to me"). Every request's v0 signature is checked, over the
 * raw body, before anything in it is trusted; unsigned, stale (> 5 minutes)
 * or badly signed requests are refused with 401.
 *
 * Which secret: a connection made with a pasted bot token has its own app and
 * signing secret (its Request URLs name the workspace, `?workspace=<id>`); one
 * made with "Add to Slack" shares the app's `SLACK_SIGNING_SECRET`, and the
 * body's team id says which connection it concerns.
 *
 * Thread replies in `two_way` mode reach the customer as the teammate whose
 * email matches the Slack user's, through the same use case as a reply typed
 * in the inbox (live on the visitor's socket, by email otherwise, an event with
 * actor `staff`). A reply starting with `note:` (or `//`) stays an internal
 * note. `alerts_only` never sends anything to a customer; our own bot's
 * messages and edits are never taken as replies (no loops); Slack's retries
 * (`X-Slack-Retry-Num`, the same `event_id`) change nothing twice.
 *
 * @module
 */
import { UnauthorizedError, ValidationError } from "../../lib/errors.ts";
import type { User } from "../accounts/user.ts";
import type { Deps } from "../ports/deps.ts";
import { addTicketMessage, updateTicket } from "../tickets/tickets.ts";
import * as chat from "../chat/chat.ts";
import { describeError, recordHealth, secretsOf, slackFor, teammateByEmail } from "./connections.ts";
import type { Connection } from "./integration.ts";
import { checkSlackSignature } from "./signing.ts";
import { ASSIGN_ACTION } from "./slack_alert.ts";

/** A request as Slack sent it. */
export interface SlackRequest {
  body: string;
  signature: string | null;
  timestamp: string | null;
  /** `?workspace=` of the Request URL (pasted apps). */
  workspace?: string;
}

/** How a thread reply is marked as an internal note. */
const NOTE_MARKER = /^\s*(?:note:|\/\/)\s*/i;

/** Slack's message markup to plain text: links, mentions, channels, then its three escapes. */
export function slackToText(text: string): string {
  return text
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, "$2 ($1)")
    .replace(/<(https?:[^>]+)>/g, "$1")
    .replace(/<mailto:[^|>]+\|([^>]+)>/g, "$1")
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, "#$1")
    .replace(/<@([A-Z0-9]+)(?:\|([^>]+))?>/g, (_, id, name) => `@${name ?? id}`)
    .replace(/<!(here|channel|everyone)>/g, "@$1")
    .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** The connections a signed request may belong to: those whose signing secret made its signature. */
async function verified(deps: Deps, req: SlackRequest, teamId: string | undefined): Promise<Connection<"slack">[]> {
  const now = deps.clock.now();
  let candidates: Connection<"slack">[] = [];
  if (req.workspace && /^[0-9a-f]{24}$/.test(req.workspace)) {
    const c = await deps.store.integrations.get(req.workspace, "slack");
    if (c && (!teamId || c.settings.teamId === teamId)) candidates = [c];
  } else if (teamId) {
    candidates = await deps.store.integrations.findByExternalKey("slack", teamId);
  }
  const app = deps.config.slack.signingSecret;
  const matched: Connection<"slack">[] = [];
  for (const c of candidates) {
    const secret = c.settings.via === "token" ? (await secretsOf(deps, c)).signingSecret : app;
    if (secret && !(await checkSlackSignature([secret], req, req.body, now))) matched.push(c);
  }
  if (matched.length) return matched;
  // Signed by the app itself (a url_verification, or a team no workspace connects any more): genuine, for nobody.
  if (app && !(await checkSlackSignature([app], req, req.body, now))) return [];
  throw refused("bad_signature");
}

function refused(why: string) {
  const messages: Record<string, string> = {
    unsigned: "Missing Slack signature headers.",
    stale: "The Slack request timestamp is more than 5 minutes away from ours.",
    bad_signature: "The Slack signature does not match.",
  };
  return new UnauthorizedError(messages[why] ?? "Refused.", why === "stale" ? "stale_request" : "bad_signature");
}

function parseJson(body: string): Record<string, unknown> {
  try {
    const v = JSON.parse(body);
    if (v && typeof v === "object") return v;
  } catch { /* below */ }
  throw new ValidationError("The body is not JSON.");
}

type MessageEvent = {
  type: string;
  subtype?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
  channel?: string;
};

/** Handles an Events API request; answers `{ challenge }` to `url_verification`, else nothing. */
export async function handleSlackEvent(deps: Deps, req: SlackRequest): Promise<{ challenge?: string }> {
  // Unsigned and stale requests are refused before the body is even parsed.
  const early = await checkSlackSignature([], req, req.body, deps.clock.now());
  if (early === "unsigned" || early === "stale") throw refused(early);
  const body = parseJson(req.body);
  const teamId = typeof body.team_id === "string" ? body.team_id : undefined;
  const conns = await verified(deps, req, body.type === "url_verification" ? undefined : teamId);
  if (body.type === "url_verification") return { challenge: String(body.challenge ?? "") };
  if (body.type !== "event_callback") return {};
  const eventId = String(body.event_id ?? "");
  const event = (body.event ?? {}) as MessageEvent;
  for (const conn of conns) {
    if (eventId && await deps.store.integrations.seen("slack", conn.workspaceId, eventId)) continue;
    await threadReply(deps, conn, event);
    if (eventId) await deps.store.integrations.markSeen("slack", conn.workspaceId, eventId, deps.clock.now());
  }
  return {};
}

/** A message event: a person's reply in an alert's thread reaches its conversation (two-way mode only). */
async function threadReply(deps: Deps, conn: Connection<"slack">, e: MessageEvent): Promise<void> {
  if (e.type !== "message" || e.subtype || e.bot_id || !e.user || !e.text?.trim()) return; // edits, joins, bots
  if (e.user === conn.settings.botUserId) return; // our own alert or notice: never a reply
  if (!e.thread_ts || e.thread_ts === e.ts || !e.channel || !e.ts) return; // not a thread reply
  const wid = conn.workspaceId;
  const link = await deps.store.integrations.linkByRemote(wid, "slack", `${e.channel}:${e.thread_ts}`);
  if (!link) return;
  if (conn.settings.mode !== "two_way") return; // alerts only: Slack is never a way to the customer
  const slack = await slackFor(deps, conn);
  let teammate: User | null;
  try {
    teammate = await teammateByEmail(deps, wid, await slack.userEmail(e.user));
  } catch (err) {
    await recordHealth(deps, wid, "slack", describeError(err));
    throw err;
  }
  if (!teammate) {
    await slack.postMessage({
      channel: e.channel,
      thread_ts: e.thread_ts,
      text: "Not sent: your Slack email does not match a teammate in Frontdesk, so this reply stayed in Slack.",
    }).catch(() => {});
    return;
  }
  const internal = NOTE_MARKER.test(e.text);
  const text = slackToText(e.text.replace(NOTE_MARKER, "")).trim();
  if (!text) return;
  const clientId = `slack-${e.channel}-${e.ts.replace(".", "-")}`;
  const ticket = await deps.store.tickets.forConversation(wid, link.localId);
  // `via: "slack"` marks it as written in Slack, so the reply mirror (`slack_replies.ts`) never echoes it back.
  if (ticket) {
    await addTicketMessage(deps, teammate, ticket.id, { content: text, internal, clientId }, { via: "slack" });
  } else await chat.staffSend(deps, teammate, link.localId, { clientId, text, internal, via: "slack" });
}

type BlockActions = {
  type: string;
  team?: { id?: string };
  user?: { id?: string };
  channel?: { id?: string };
  container?: { message_ts?: string; thread_ts?: string };
  message?: { ts?: string };
  actions?: Array<{ action_id?: string; value?: string }>;
};

/** Handles an interactivity request (`payload=` JSON, form-encoded): "Assign to me". */
export async function handleSlackInteraction(deps: Deps, req: SlackRequest): Promise<void> {
  const early = await checkSlackSignature([], req, req.body, deps.clock.now());
  if (early === "unsigned" || early === "stale") throw refused(early);
  let payload: BlockActions;
  try {
    payload = JSON.parse(new URLSearchParams(req.body).get("payload") ?? "");
  } catch {
    throw new ValidationError("The body has no `payload`.");
  }
  const conns = await verified(deps, req, payload.team?.id ?? "");
  if (payload.type !== "block_actions") return;
  const action = payload.actions?.find((a) => a.action_id === ASSIGN_ACTION);
  if (!action?.value || !payload.user?.id) return;
  for (const conn of conns) {
    const ticket = await deps.store.tickets.get(conn.workspaceId, action.value);
    if (!ticket) continue; // another workspace's ticket: not this connection's to touch
    const slack = await slackFor(deps, conn);
    const teammate = await teammateByEmail(deps, conn.workspaceId, await slack.userEmail(payload.user.id));
    const ts = payload.container?.message_ts ?? payload.message?.ts;
    if (!teammate) {
      if (payload.channel?.id && ts) {
        await slack.postMessage({
          channel: payload.channel.id,
          thread_ts: ts,
          text: "Couldn't assign: your Slack email does not match a teammate in Frontdesk.",
        }).catch(() => {});
      }
      continue;
    }
    if (ticket.assignedTo !== teammate.id) await updateTicket(deps, teammate, ticket.id, { assignedTo: teammate.id });
  }
}
