/**
 * The Tickets page's header: on the list, its title, how to find the
 * shortcuts and the "New ticket" button; on a ticket, a way back to the list, the ticket's title (which
 * takes focus when the ticket opens), its status, priority and customer.
 * Both say whether the page is live and hold the shortcuts' "?".
 *
 * @module
 */
import type { RefObject } from "preact";
import { Icon } from "../../components/Icons.tsx";
import { inPage } from "../shared/links.ts";
import { ConnectionStatus } from "../staff_chat/ConnectionStatus.tsx";
import type { ConnectionState } from "../staff_chat/live/socket.ts";
import { PriorityBadge, StatusBadge } from "./badges.tsx";
import { LanguageBadge } from "../../components/LanguageBadge.tsx";
import { SentimentBadge } from "../../components/SentimentBadge.tsx";
import { ShortcutHelp } from "./shortcuts/ShortcutHelp.tsx";
import { customerLabel } from "./TicketList.tsx";
import type { WireTicket } from "./types.ts";

/** Props of {@linkcode TicketsHeader}. */
export interface TicketsHeaderProps {
  /** The open ticket; undefined on the list. */
  ticket: WireTicket | undefined;
  /** The open ticket's conversation's language (ISO 639-1), once known: a badge, as in the inbox. */
  language?: string;
  /** The open ticket's conversation's rolling sentiment, once known. */
  sentiment?: { score: number; label: "negative" | "neutral" | "positive" };
  /** The list with its filters (the back link). */
  listUrl: string;
  onBack: () => void;
  heading: RefObject<HTMLHeadingElement | null>;
  conn: ConnectionState;
  signedOut: boolean;
  help: boolean;
  onHelp: (open: boolean) => void;
  /** Opens the "New ticket" dialog (the list only). */
  onNew: () => void;
  /** Hover or focus on "New ticket": its dialog's code can start loading. */
  onNewPreload: () => void;
}

function Tools(p: TicketsHeaderProps) {
  return (
    <div class="flex shrink-0 items-center gap-2">
      <ConnectionStatus state={p.conn} signedOut={p.signedOut} />
      <span class="max-sm:hidden">
        <ShortcutHelp open={p.help} onOpen={p.onHelp} />
      </span>
    </div>
  );
}

/** The list's header, or the open ticket's. */
export function TicketsHeader(p: TicketsHeaderProps) {
  const ticket = p.ticket;
  if (!ticket) {
    return (
      <div class="flex items-start justify-between gap-3">
        <div class="min-w-0">
          <h1 class="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">Tickets</h1>
          <p class="mt-1 text-sm text-slate-600">
            Conversations handed to your team. They appear and change live.
            <span class="ml-1 max-sm:hidden">
              Press <kbd class="font-mono">?</kbd> for keyboard shortcuts.
            </span>
          </p>
        </div>
        <div class="flex shrink-0 flex-col-reverse items-end gap-2 sm:flex-row sm:items-center sm:gap-3">
          <button
            type="button"
            class="btn-primary"
            aria-haspopup="dialog"
            onClick={p.onNew}
            onPointerEnter={p.onNewPreload}
            onFocus={p.onNewPreload}
          >
            <Icon name="plus" class="size-4" />
            New ticket
          </button>
          <Tools {...p} />
        </div>
      </div>
    );
  }
  return (
    <div class="flex items-start gap-2 sm:gap-3">
      <a
        href={p.listUrl}
        aria-label="All tickets"
        title="All tickets (Esc)"
        class="btn-ghost mt-0.5 -ml-2 shrink-0 px-1.5 sm:mt-1"
        onClick={inPage(p.onBack)}
      >
        <Icon name="chevronLeft" class="size-5" />
      </a>
      <div class="min-w-0 flex-1">
        <h1
          ref={p.heading}
          tabIndex={-1}
          class="text-xl font-bold tracking-tight break-words text-slate-900 outline-none sm:text-2xl"
        >
          {ticket.title}
        </h1>
        <div class="mt-1.5 flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <StatusBadge status={ticket.status} />
          <PriorityBadge priority={ticket.priority} />
          <LanguageBadge language={p.language} />
          <SentimentBadge sentiment={p.sentiment} hideNeutral />
          <span class="inline-flex min-w-0 items-center gap-1">
            <Icon name="user" class="size-4 shrink-0 text-slate-400" />
            {customerLabel(ticket)}
            {ticket.customerName && ticket.customerEmail && (
              <span class="hidden text-slate-500 sm:inline">{` · ${ticket.customerEmail}`}</span>
            )}
          </span>
        </div>
      </div>
      <Tools {...p} />
    </div>
  );
}
