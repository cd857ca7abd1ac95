/**
 * Chat finders: the reads that shaping frames and resuming sockets need
 * (a conversation's visitor, a message's attachments, a visitor's
 * conversations, and the two seq counters). They take an already authorised
 * conversation or visitor, so `realtime/` and handlers never reach the Store.
 *
 * Visitors count messages in public seqs (gapless over what they may see:
 * internal notes take none); staff and the Store count in seqs.
 *
 * @module
 */
import type { Attachment, Conversation, Message, Visitor } from "./conversation.ts";
import type { Deps } from "../ports/deps.ts";
import type { User } from "../accounts/user.ts";

/** The visitor a conversation is with (null once erased). */
export function conversationVisitor(deps: Deps, conv: Conversation): Promise<Visitor | null> {
  return deps.store.visitors.get(conv.workspaceId, conv.visitorId);
}

/** Every conversation of a visitor, most recent first. */
export function visitorConversations(deps: Deps, visitor: Visitor): Promise<Conversation[]> {
  return deps.store.conversations.listForVisitor(visitor.workspaceId, visitor.id);
}

/** The attachments of a message that still exist, in the message's order. */
export async function messageAttachments(deps: Deps, m: Message): Promise<Attachment[]> {
  const out: Attachment[] = [];
  for (const id of m.attachmentIds) {
    const a = await deps.store.attachments.get(m.workspaceId, id);
    if (a) out.push(a);
  }
  return out;
}

/** The public seq (what the visitor counts) of a conversation's `seq`. */
export function publicSeqOf(deps: Deps, workspaceId: string, conversationId: string, seq: number): Promise<number> {
  return deps.store.conversations.publicOfSeq(workspaceId, conversationId, seq);
}

/** The seq of a conversation's public seq (a visitor's read marker, kept in seqs). */
export function seqOfPublicSeq(deps: Deps, conv: Conversation, publicSeq: number): Promise<number> {
  return deps.store.conversations.seqOfPublic(conv.workspaceId, conv.id, publicSeq);
}

/** The conversations of the staff member's workspace among `ids`, in their order (unknown ids are left out). */
export async function staffConversations(deps: Deps, user: User, ids: string[]): Promise<Conversation[]> {
  const found = await Promise.all(ids.map((id) => deps.store.conversations.get(user.workspaceId, id)));
  return found.filter((c): c is Conversation => c !== null);
}
