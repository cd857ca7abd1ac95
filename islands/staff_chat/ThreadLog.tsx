/**
 * A conversation's messages as the staff read them, on the Inbox and on a
 * ticket: a polite live log that follows new messages unless the reader
 * scrolled up, with what it is doing (loading, failed, empty), the stored
 * messages (same-author runs grouped), replies still on their way, and who
 * is typing under it.
 *
 * @module
 */
import type { JSX } from "preact";
import { seenMessageId } from "./live/merge.ts";
import type { PendingReply, Thread, Typing } from "./live/state.ts";
import { Message } from "./Message.tsx";
import { PendingMessage } from "./PendingMessage.tsx";
import type { WireMessage } from "./types.ts";
import { useEndStaysInView, useFollow } from "./use_follow.ts";
import type { Now } from "./use_now.ts";

/** Props of {@linkcode ThreadLog}. */
export interface ThreadLogProps {
  /** The conversation or ticket shown: when it changes, the log starts at its end again. */
  viewKey: string;
  thread: Thread | undefined;
  typing: Typing | undefined;
  /** How far the visitor has read ("Seen" under the last staff message they saw). */
  visitorReadSeq: number;
  agentName: string;
  /** The visitor (or customer) as the page names them. */
  visitorName: string;
  /** What an empty thread says. */
  emptyText: string;
  /** Draws a message its own way, keyed by its id (the Tickets page's note cards); null leaves it to `Message`. */
  special?: (m: WireMessage) => JSX.Element | null;
  /** Which pending replies are internal notes. */
  isNote?: (clientId: string) => boolean;
  /** Keeps the newest message in view when the log gets shorter (see `useEndStaysInView`). */
  keepEndInView?: boolean;
  onRetry: (r: PendingReply) => void;
  now: Now;
}

const GROUP_MS = 5 * 60_000;

/** True when `m` follows `prev` from the same author within a few minutes (its name and time are not repeated). */
function continues(prev: WireMessage | undefined, m: WireMessage): boolean {
  if (!prev || m.author.kind === "system" || prev.author.kind !== m.author.kind) return false;
  if (!!prev.internal !== !!m.internal) return false;
  if ((prev.author.name ?? "") !== (m.author.name ?? "")) return false;
  return Date.parse(m.createdAt) - Date.parse(prev.createdAt) < GROUP_MS;
}

/** "Ada is typing…", "The AI is writing…", "Sam is typing…". */
function typingText(t: Typing, visitor: string): string {
  if (t.from === "visitor") return `${visitor} is typing…`;
  if (t.from === "ai") return "The AI is writing…";
  return `${t.name || "A teammate"} is typing…`;
}

/** The log and the typing line under it. */
export function ThreadLog(p: ThreadLogProps) {
  const messages = p.thread?.messages ?? [];
  const pending = p.thread?.pending ?? [];
  const streaming = messages.some((m) => m.status === "streaming");
  const seen = seenMessageId(messages, p.visitorReadSeq);
  const log = useFollow(p.viewKey, [messages, pending.length]);
  useEndStaysInView(log.scroller, !!p.keepEndInView);
  return (
    <>
      <div
        ref={log.scroller}
        role="log"
        aria-live="polite"
        aria-label={`Conversation with ${p.visitorName}`}
        aria-busy={streaming ? "true" : "false"}
        tabIndex={0}
        onScroll={log.onScroll}
        class="min-h-0 flex-1 overflow-y-auto bg-slate-50 px-3 py-5 outline-offset-[-2px] sm:px-5"
      >
        <div ref={log.content} class="space-y-4">
          {p.thread?.status === "error"
            ? <p class="pt-16 text-center text-sm text-red-700" role="alert">{p.thread.error}</p>
            : !p.thread || (p.thread.status === "loading" && messages.length === 0)
            ? <p class="pt-16 text-center text-sm text-slate-500">Loading the conversation…</p>
            : messages.length === 0 && pending.length === 0
            ? <p class="pt-16 text-center text-sm text-slate-500">{p.emptyText}</p>
            : null}
          {messages.map((m, i) =>
            p.special?.(m) ?? (
              <Message
                key={m.id}
                message={m}
                continued={continues(messages[i - 1], m)}
                agentName={p.agentName}
                visitorName={p.visitorName}
                seen={m.id === seen}
                now={p.now}
              />
            )
          )}
          {pending.map((r) => (
            <PendingMessage key={r.clientId} reply={r} note={p.isNote?.(r.clientId)} onRetry={p.onRetry} />
          ))}
        </div>
      </div>
      <p class="h-6 shrink-0 bg-slate-50 px-4 text-xs leading-6 text-slate-500 italic" aria-live="polite">
        {p.typing && typingText(p.typing, p.visitorName)}
      </p>
    </>
  );
}
