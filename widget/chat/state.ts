/**
 * What the chat panel shows: the client's state, replaced (never mutated) on
 * each change, and the short notices it can carry.
 *
 * @module
 */
import type { AuthorKind, WireConversation } from "../../realtime/protocol.ts";
import type { ConnState } from "./connection.ts";
import type { ViewItem } from "./transcript.ts";

/** A short notice the panel shows (a key of the strings). */
export type Notice = "rate_limited" | "too_large" | "upload_failed" | "error";

/** Everything the panel shows. Replaced (never mutated) on each change. */
export interface ChatState {
  connection: ConnState;
  conversation: WireConversation | null;
  items: ViewItem[];
  typing: { from: AuthorKind; name?: string } | null;
  /** A person will follow up: asked for, or the conversation is handled by staff. */
  handoff: boolean;
  notice: Notice | null;
  /** The visitor's email, when known. */
  email?: string;
  /** Support-side messages the visitor has not seen. */
  unread: number;
}

const NOTICES: Record<string, Notice> = { rate_limited: "rate_limited", too_large: "too_large" };

/** The notice for a server error code (`error` for anything without its own words). */
export function noticeOf(code: string): Notice {
  return NOTICES[code] ?? "error";
}
