/**
 * The ticket's thread, live: the conversation's messages drawn by the
 * shared `Message` (visitor, AI, team, quiet system lines), except internal
 * notes, which get their own amber card with a lock and an "Internal note"
 * label; replies and notes on their way; who is typing. A polite live log
 * that follows new messages unless the reader scrolled up.
 *
 * @module
 */
import { useLayoutEffect } from "preact/hooks";
import { Icon } from "../../components/Icons.tsx";
import { fullTime, messageTime } from "../staff_chat/format.ts";
import { Message } from "../staff_chat/Message.tsx";
import { seenMessageId } from "../staff_chat/merge.ts";
import type { PendingReply, Thread, Typing } from "../staff_chat/state.ts";
import { continues } from "../inbox/Thread.tsx";
import type { WireMessage } from "../staff_chat/types.ts";
import { NEAR_END_PX, useFollow } from "../staff_chat/use_follow.ts";
import type { Now } from "../staff_chat/use_now.ts";

/** Props of {@linkcode TicketThread}. */
export interface TicketThreadProps {
  /** Keeps the scroll position per ticket. */
  ticketId: string;
  thread: Thread | undefined;
  typing: Typing | undefined;
  visitorReadSeq: number;
  agentName: string;
  customer: string;
  isNote: (clientId: string) => boolean;
  onRetry: (p: PendingReply) => void;
  now: Now;
}

/** An internal note: amber, locked, labelled; the customer never sees it. */
export function Note({ m, now }: { m: WireMessage; now: Now }) {
  return (
    <div class="flex flex-col items-end" data-kind="note">
      <div class="w-full max-w-[85%] rounded-2xl rounded-tr-sm bg-amber-50 px-4 py-2.5 ring-1 ring-amber-200">
        <p class="mb-1 flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs">
          <span class="inline-flex items-center gap-1 font-semibold text-amber-800">
            <Icon name="lock" class="size-3.5" />
            Internal note
          </span>
          <span class="font-medium text-amber-950">{m.author.name || "Team"}</span>
          <time dateTime={m.createdAt} title={fullTime(m.createdAt, now.tz)} class="text-amber-700">
            {messageTime(m.createdAt, now.at, now.tz)}
          </time>
        </p>
        <p class="text-sm leading-6 break-words whitespace-pre-wrap text-amber-950">{m.text}</p>
      </div>
    </div>
  );
}

function Pending(
  { reply, note, onRetry }: { reply: PendingReply; note: boolean; onRetry: (r: PendingReply) => void },
) {
  const failed = reply.state === "failed";
  return (
    <div class="flex flex-col items-end" data-kind="pending">
      <p class="mb-1 flex items-center gap-1 text-xs font-medium text-slate-700">
        {note && <Icon name="lock" class="size-3.5 text-amber-700" />}
        {note ? "Your internal note" : "You"}
      </p>
      <div
        class={`max-w-[85%] rounded-2xl rounded-tr-sm px-4 py-2.5 text-sm leading-6 break-words whitespace-pre-wrap ${
          note
            ? "bg-amber-50/70 text-amber-950 ring-1 ring-amber-200"
            : failed
            ? "bg-slate-400 text-white"
            : "bg-indigo-600/70 text-white"
        }`}
      >
        {reply.text}
      </div>
      {failed
        ? (
          <p class="mt-1 flex items-center gap-2 text-xs text-red-700" role="alert">
            <Icon name="alert" class="size-3.5" />
            Not sent{reply.error ? `: ${reply.error}` : "."}
            <button type="button" class="font-semibold text-indigo-700 underline" onClick={() => onRetry(reply)}>
              Retry
            </button>
          </p>
        )
        : <p class="mt-1 text-xs text-slate-500">Sending…</p>}
    </div>
  );
}

function typingText(t: Typing, customer: string): string {
  if (t.from === "visitor") return `${customer} is typing…`;
  if (t.from === "ai") return "The AI is writing…";
  return `${t.name || "A teammate"} is typing…`;
}

/**
 * When the log itself gets shorter (the canned menu opens below it, the
 * reply box grows), a reader who was at the newest message stays there.
 */
function useEndStaysInView(scroller: { current: HTMLDivElement | null }) {
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    let height = el.clientHeight;
    const ro = new ResizeObserver(() => {
      const wasAtEnd = el.scrollHeight - el.scrollTop - height < NEAR_END_PX;
      height = el.clientHeight;
      if (wasAtEnd) el.scrollTop = el.scrollHeight;
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
}

/** The log and the typing line. */
export function TicketThread(p: TicketThreadProps) {
  const messages = p.thread?.messages ?? [];
  const pending = p.thread?.pending ?? [];
  const streaming = messages.some((m) => m.status === "streaming");
  const seen = seenMessageId(messages, p.visitorReadSeq);
  const log = useFollow(p.ticketId, [messages, pending.length]);
  useEndStaysInView(log.scroller);
  return (
    <>
      <div
        ref={log.scroller}
        role="log"
        aria-live="polite"
        aria-label={`Conversation with ${p.customer}`}
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
            ? <p class="pt-16 text-center text-sm text-slate-500">No messages yet. Write the first reply below.</p>
            : null}
          {messages.map((m, i) =>
            m.internal && m.author.kind === "staff" ? <Note key={m.id} m={m} now={p.now} /> : (
              <Message
                key={m.id}
                message={m}
                continued={continues(messages[i - 1], m)}
                agentName={p.agentName}
                visitorName={p.customer}
                seen={m.id === seen}
                now={p.now}
              />
            )
          )}
          {pending.map((r) => <Pending key={r.clientId} reply={r} note={p.isNote(r.clientId)} onRetry={p.onRetry} />)}
        </div>
      </div>
      <p class="h-6 shrink-0 bg-slate-50 px-4 text-xs leading-6 text-slate-500 italic" aria-live="polite">
        {p.typing && typingText(p.typing, p.customer)}
      </p>
    </>
  );
}
