/**
 * Chat use cases: visitors and staff post messages (stored before they are
 * acknowledged, idempotent by client id, gapless seq), read markers, typing,
 * handoff to a person, take over and hand back. Every change publishes an
 * event; visitors never receive internal notes (see `visibleToVisitor`).
 *
 * @module
 */
import { ForbiddenError, NotFoundError, ValidationError } from "../../lib/errors.ts";
import { type Conversation, type Message, type MessageDraft, newConversation, type Visitor } from "./conversation.ts";
import type { EventPayload } from "../events/catalog.ts";
import { customerActor } from "../events/event.ts";
import { type Lang, langOf, systemText } from "./system_texts.ts";
import { detectLanguage } from "../language/detect.ts";
import { analyzeSentiment } from "../sentiment/sentiment.ts";
import type { Deps } from "../ports/deps.ts";
import type { PrepareDraft } from "../ports/store_chat.ts";
import { conversationStarted, messageCreated, switchEvents } from "./chat_events.ts";
import { type ChatEvent, conversationTopic, workspaceTopic } from "../ports/live_bus.ts";
import { seesInternalNotes, type User } from "../accounts/user.ts";

export { conversationStarted, messageActor, messageCreated, switchEvents } from "./chat_events.ts";

/** Longest message text. */
export const MAX_TEXT = 4000;

/** The one rule for what a visitor may see: never internal notes. */
export function visibleToVisitor(m: Message): boolean {
  return !m.internal;
}

/** Publishes a live event to the conversation and, for what inbox lists show, to its workspace. */
export function publish(deps: Deps, workspaceId: string, conversationId: string, event: ChatEvent): void {
  deps.bus.publish(conversationTopic(conversationId), event);
  if (event.type === "message.created" || event.type === "conversation.updated" || event.type === "ticket.updated") {
    deps.bus.publish(workspaceTopic(workspaceId), event);
  }
}

function checkText(text: string, attachments: string[]) {
  if (text.length > MAX_TEXT) {
    throw new ValidationError(
      `Messages are at most ${MAX_TEXT} characters.`,
      { fields: { text: "too long" } },
      "too_large",
    );
  }
  if (!text.trim() && !attachments.length) throw new ValidationError("Write a message.", { fields: { text: "empty" } });
}

async function checkAttachments(deps: Deps, workspaceId: string, ownerId: string, ids: string[]) {
  if (ids.length > 5) throw new ValidationError("At most 5 attachments per message.");
  for (const id of ids) {
    const a = await deps.store.attachments.get(workspaceId, id);
    if (!a || a.ownerId !== ownerId) throw new NotFoundError("Attachment");
  }
}

/**
 * A customer's words scored as they are stored: sentiment (about 1-2 µs, see models/sentiment/sentiment.ts)
 * and, when the detector is sure, language (about 10 µs): the store moves the conversation's rolling score
 * and language with the message, in its write. A `PrepareDraft`, so under load the append worker does it.
 */
export const scoreCustomerText: PrepareDraft = (d) =>
  d.text.trim() ? { ...d, metadata: { ...d.metadata, sentiment: analyzeSentiment(d.text), ...spokenIn(d.text) } } : d;

/** Appends a message (its `message.created` written with it when it is complete) and publishes it live. */
export async function appendAndPublish(
  deps: Deps,
  conv: Pick<Conversation, "workspaceId" | "id">,
  draft: MessageDraft,
  prepare?: PrepareDraft,
) {
  const result = await deps.store.conversations.append(
    conv.workspaceId,
    conv.id,
    draft,
    deps.clock.now(),
    draft.status === "complete" ? messageCreated : undefined,
    prepare,
  );
  if (result.created) {
    publish(deps, conv.workspaceId, conv.id, {
      type: "message.created",
      message: result.message,
      conversation: result.conversation,
    });
  }
  return result;
}

/** A visitor's own conversation (404 for anyone else's). */
export async function visitorConversation(deps: Deps, visitor: Visitor, id: string): Promise<Conversation> {
  const conv = await deps.store.conversations.get(visitor.workspaceId, id);
  if (!conv || conv.visitorId !== visitor.id) throw new NotFoundError("Conversation");
  return conv;
}

/** A conversation of the user's workspace (404 for any other). */
export async function staffConversation(deps: Deps, user: User, id: string): Promise<Conversation> {
  const conv = await deps.store.conversations.get(user.workspaceId, id);
  if (!conv) throw new NotFoundError("Conversation");
  return conv;
}

/**
 * A visitor sends a message, starting a conversation when none is named. `own` holds conversation ids
 * already checked to be this visitor's (a socket's), which then need no lookup.
 */
export async function visitorSend(
  deps: Deps,
  visitor: Visitor,
  input: { clientId: string; conversationId?: string; text: string; attachments?: string[]; pageUrl?: string },
  own: ReadonlySet<string> = new Set(),
): Promise<{ message: Message; created: boolean; conversation: Conversation }> {
  const attachments = input.attachments ?? [];
  checkText(input.text, attachments);
  let conv: Pick<Conversation, "workspaceId" | "id">;
  if (input.conversationId) {
    conv = own.has(input.conversationId)
      ? { workspaceId: visitor.workspaceId, id: input.conversationId }
      : await visitorConversation(deps, visitor, input.conversationId);
  } else {
    // A resend of the message that started a conversation must not start a second one.
    const earlier = await deps.store.conversations.findVisitorMessage(visitor.workspaceId, visitor.id, input.clientId);
    if (earlier) {
      const c = await visitorConversation(deps, visitor, earlier.conversationId);
      return { message: earlier, created: false, conversation: c };
    }
    const now = deps.clock.now();
    const started = newConversation({
      workspaceId: visitor.workspaceId,
      agentId: visitor.agentId,
      visitorId: visitor.id,
      handledBy: "ai",
      pageUrl: input.pageUrl,
      // The browser's language until the customer's own words say otherwise (see models/language/detect.ts).
      language: visitor.locale ?? visitor.lang,
    }, now);
    await deps.store.conversations.insert(started, conversationStarted(customerActor(visitor.id)));
    conv = started;
  }
  if (attachments.length) await checkAttachments(deps, visitor.workspaceId, visitor.id, attachments);
  return await appendAndPublish(deps, conv, {
    clientId: input.clientId,
    sender: "user",
    authorKind: "visitor",
    authorId: visitor.id,
    authorName: visitor.name,
    text: input.text,
    attachmentIds: attachments,
    citations: [],
    status: "complete",
    internal: false,
    metadata: {},
  }, scoreCustomerText);
}

function spokenIn(text: string): { language?: string } {
  const language = detectLanguage(text);
  return language ? { language } : {};
}

/** Staff reply (or an internal note). A reply takes the conversation over from the AI. */
export async function staffSend(
  deps: Deps,
  user: User,
  conversationId: string,
  input: {
    clientId: string;
    text: string;
    attachments?: string[];
    internal?: boolean;
    /** Where the teammate wrote it when not in Frontdesk (`slack`, `zendesk`): kept so it is not mirrored back. */
    via?: "slack" | "zendesk";
  },
): Promise<{ message: Message; created: boolean; conversation: Conversation }> {
  const attachments = input.attachments ?? [];
  checkText(input.text, attachments);
  if (input.internal && !seesInternalNotes(user)) throw notesNotAllowed();
  let conv = await staffConversation(deps, user, conversationId);
  await checkAttachments(deps, user.workspaceId, user.id, attachments);
  if (!input.internal && conv.handledBy === "ai") conv = await setHandledBy(deps, user, conv, "human");
  const sent = await appendAndPublish(deps, conv, {
    clientId: input.clientId,
    sender: "agent",
    authorKind: "staff",
    authorId: user.id,
    authorName: user.name,
    text: input.text,
    attachmentIds: attachments,
    citations: [],
    status: "complete",
    internal: input.internal ?? false,
    // Sent with an API key: the key is the event's actor (never shown to the customer: metadata stays inside).
    metadata: {
      ...(user.apiKeyId ? { apiKeyId: user.apiKeyId } : {}),
      ...(input.via ? { via: input.via } : {}),
    },
  });
  // A replayed client id answers the message stored under it: never a note to a key that may not read it.
  if (sent.message.internal && !seesInternalNotes(user)) throw notesNotAllowed();
  return sent;
}

const notesNotAllowed = () =>
  new ForbiddenError(
    "This API key may not read or write internal notes: create a key with internal notes included.",
    "internal_not_allowed",
  );

/** Adds a system line to a conversation ("Ada joined", "A person will follow up"); `internal` ones are staff-only. */
export async function systemMessage(
  deps: Deps,
  conv: Conversation,
  text: string,
  metadata: Record<string, unknown> = {},
  internal = false,
) {
  return await appendAndPublish(deps, conv, systemLine(text, metadata, internal));
}

/** The draft of a system line. */
export const systemLine = (text: string, metadata: Record<string, unknown> = {}, internal = false): MessageDraft => ({
  sender: "system",
  authorKind: "system",
  text,
  attachmentIds: [],
  citations: [],
  status: "complete",
  internal,
  metadata,
});

/**
 * The language the system writes to the conversation's customer in (for `systemText`): the
 * conversation's when the system writes it, else their widget's; undefined (English) when neither.
 */
export async function visitorLang(
  deps: Deps,
  conv: Pick<Conversation, "workspaceId" | "visitorId" | "language">,
): Promise<Lang | undefined> {
  return langOf(conv.language) ?? (await deps.store.visitors.get(conv.workspaceId, conv.visitorId))?.lang;
}

type HandoffReason = EventPayload<"conversation.handed_off">["reason"];

/** Switches who answers, with a system line saying so. A handoff without `reason` is a staff takeover. */
export async function setHandledBy(
  deps: Deps,
  user: User | null,
  conv: Conversation,
  handledBy: "ai" | "human",
  opts: { quiet?: boolean; reason?: HandoffReason } = {},
) {
  if (conv.handledBy === handledBy) return conv;
  const reason: HandoffReason = opts.reason ?? "staff";
  const updated = await deps.store.conversations.update(conv.workspaceId, conv.id, {
    handledBy,
    updatedAt: deps.clock.now(),
  }, switchEvents(handledBy, reason, user));
  if (!updated) throw new NotFoundError("Conversation");
  publish(deps, conv.workspaceId, conv.id, { type: "conversation.updated", conversation: updated });
  if (opts.quiet) return updated;
  const lang = await visitorLang(deps, updated);
  await systemMessage(
    deps,
    updated,
    handledBy === "human"
      ? (user ? systemText(lang, "staffJoined", { name: user.name.split(" ")[0] }) : systemText(lang, "handoff"))
      : systemText(lang, "handback"),
    { event: handledBy === "human" ? "takeover" : "handback", by: user?.id },
  );
  return (await deps.store.conversations.get(conv.workspaceId, conv.id)) ?? updated;
}

/** Staff take the conversation over: the AI stops answering. */
export async function takeOver(deps: Deps, user: User, id: string): Promise<Conversation> {
  return await setHandledBy(deps, user, await staffConversation(deps, user, id), "human");
}

/** Staff hand the conversation back to the AI. */
export async function handBack(deps: Deps, user: User, id: string): Promise<Conversation> {
  return await setHandledBy(deps, user, await staffConversation(deps, user, id), "ai");
}
