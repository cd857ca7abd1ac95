/**
 * The chat's read side: a conversation's messages as a visitor or a member of
 * staff may see them, and the workspace's conversations for the inbox.
 *
 * @module
 */
import { NotFoundError } from "../../lib/errors.ts";
import { seesInternalNotes, type User } from "../accounts/user.ts";
import type { Deps } from "../ports/deps.ts";
import type { Conversation, Message } from "./conversation.ts";

/** Messages after `afterSeq` as the visitor may see them. */
export function visitorHistory(deps: Deps, conv: Conversation, afterSeq: number, limit = 500): Promise<Message[]> {
  return deps.store.conversations.messagesAfter(conv.workspaceId, conv.id, afterSeq, { limit, includeInternal: false });
}

/** Messages after `afterSeq` as `user` may see them (internal notes only where {@linkcode seesInternalNotes}). */
export function staffHistory(
  deps: Deps,
  user: Pick<User, "apiKeyId" | "apiKeyInternal">,
  conv: Conversation,
  afterSeq: number,
  limit = 1000,
): Promise<Message[]> {
  return deps.store.conversations.messagesAfter(conv.workspaceId, conv.id, afterSeq, {
    limit,
    includeInternal: seesInternalNotes(user),
  });
}

/** The workspace's conversations, most recent activity first. */
export async function listConversations(
  deps: Deps,
  user: User,
  opts: { limit: number; agentId?: string; handledBy?: "ai" | "human"; before?: string },
): Promise<Conversation[]> {
  let before;
  if (opts.before) {
    const c = await deps.store.conversations.get(user.workspaceId, opts.before);
    if (!c) throw new NotFoundError("Cursor");
    before = { lastMessageAt: c.lastMessageAt, id: c.id };
  }
  return await deps.store.conversations.list(user.workspaceId, { ...opts, before });
}
