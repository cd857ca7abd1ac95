/**
 * What the two sides of a chat tell each other without a message: read
 * markers (stored) and typing (only relayed).
 *
 * @module
 */
import { NotFoundError } from "../../lib/errors.ts";
import type { User } from "../accounts/user.ts";
import type { Deps } from "../ports/deps.ts";
import { publish } from "./chat.ts";
import type { Conversation } from "./conversation.ts";

/** Raises a read marker and tells the other side. */
export async function markRead(deps: Deps, conv: Conversation, by: "visitor" | "staff", seq: number) {
  const updated = await deps.store.conversations.markRead(conv.workspaceId, conv.id, by, seq);
  if (!updated) throw new NotFoundError("Conversation");
  const now = by === "visitor" ? updated.visitorReadSeq : updated.staffReadSeq;
  const before = by === "visitor" ? conv.visitorReadSeq : conv.staffReadSeq;
  if (now !== before) {
    publish(deps, conv.workspaceId, conv.id, { type: "read", conversationId: conv.id, by, seq: now });
    publish(deps, conv.workspaceId, conv.id, { type: "conversation.updated", conversation: updated });
  }
  return updated;
}

/** Typing indicators are not stored, only relayed. */
export function typing(deps: Deps, conv: Conversation, from: "visitor" | "staff", on: boolean, actor?: User) {
  publish(deps, conv.workspaceId, conv.id, {
    type: "typing",
    conversationId: conv.id,
    from,
    on,
    name: actor?.name,
    actorId: actor?.id,
  });
}
