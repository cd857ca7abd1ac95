/**
 * The ticket's thread, live: the shared `ThreadLog` (visitor, AI, team,
 * quiet system lines; replies on their way; who is typing), except that
 * internal notes get their own amber card with a lock and an "Internal note"
 * label, and the newest message stays in view when the canned menu opens
 * under the log.
 *
 * @module
 */
import { Icon } from "../../components/Icons.tsx";
import { Attachments } from "../staff_chat/Attachments.tsx";
import { fullTime, messageTime } from "../staff_chat/format.ts";
import type { PendingReply, Thread, Typing } from "../staff_chat/live/state.ts";
import { ThreadLog } from "../staff_chat/ThreadLog.tsx";
import type { WireMessage } from "../staff_chat/types.ts";
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
function Note({ m, now }: { m: WireMessage; now: Now }) {
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
        {m.text && <p class="text-sm leading-6 break-words whitespace-pre-wrap text-amber-950">{m.text}</p>}
        <Attachments items={m.attachments} />
      </div>
    </div>
  );
}

/** The log and the typing line. */
export function TicketThread(p: TicketThreadProps) {
  return (
    <ThreadLog
      viewKey={p.ticketId}
      thread={p.thread}
      typing={p.typing}
      visitorReadSeq={p.visitorReadSeq}
      agentName={p.agentName}
      visitorName={p.customer}
      emptyText="No messages yet. Write the first reply below."
      special={(m) => m.internal && m.author.kind === "staff" ? <Note key={m.id} m={m} now={p.now} /> : null}
      isNote={p.isNote}
      keepEndInView
      onRetry={p.onRetry}
      now={p.now}
    />
  );
}
