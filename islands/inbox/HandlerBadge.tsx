/**
 * Who answers a conversation: "AI" (the agent) or "Human" (the team).
 *
 * @module
 */
import { Badge } from "../../components/Badge.tsx";
import type { WireConversation } from "../staff_chat/types.ts";

/** A small AI / Human label; `long` spells it out for headers. */
export function HandlerBadge({ by, long }: { by: WireConversation["handledBy"]; long?: boolean }) {
  return by === "ai"
    ? <Badge tone="violet">{long ? "AI answering" : "AI"}</Badge>
    : <Badge tone="amber">{long ? "Human handling" : "Human"}</Badge>;
}
