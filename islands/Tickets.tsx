/**
 * Tickets (`/inbox/tickets`, and `/inbox/tickets/:id` with one open): the
 * workspace's tickets, live, with filters kept in the URL; and a ticket's
 * thread with the reply box (replies, internal notes, canned responses) and
 * its side panel (status, priority, assignee, tags, escalation, rating).
 * Opening a ticket or going back changes the URL without a reload; the
 * server renders both, so links and reloads land on the same view. Keyboard
 * shortcuts (listed under "?"): j/k, r, n, a, e, Esc.
 *
 * @module
 */
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { Alert } from "../components/Alert.tsx";
import { Icon } from "../components/Icons.tsx";
import { Toast } from "../components/Toast.tsx";
import { ConnectionStatus } from "./staff_chat/ConnectionStatus.tsx";
import { useNow } from "./staff_chat/use_now.ts";
import { PriorityBadge, StatusBadge } from "./tickets/badges.tsx";
import { Filters } from "./tickets/Filters.tsx";
import { DEFAULT_QUERY, ticketsUrl } from "./tickets/filters.ts";
import { shortcutOf } from "./tickets/keys.ts";
import { ReplyBox, type ReplyMode } from "./tickets/ReplyBox.tsx";
import { fetchCanned } from "./tickets/rest.ts";
import { ShortcutHelp } from "./tickets/ShortcutHelp.tsx";
import { TicketDetails } from "./tickets/TicketDetails.tsx";
import { customerLabel, rowId, TicketList } from "./tickets/TicketList.tsx";
import { TicketThread } from "./tickets/TicketThread.tsx";
import type { CannedResponse, TicketsProps } from "./tickets/types.ts";
import { useTickets } from "./tickets/use_tickets.ts";

export type { TicketsProps } from "./tickets/types.ts";

/** The list or the open ticket, with the header, shortcuts and notices. */
export default function Tickets(props: TicketsProps) {
  const t = useTickets(props);
  const now = useNow(props.now);
  const [help, setHelp] = useState(false);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [mode, setMode] = useState<ReplyMode>("reply");
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [canned, setCanned] = useState<CannedResponse[] | null>(null);
  const [cannedError, setCannedError] = useState<string | null>(null);
  const cannedLoading = useRef(false);
  const reply = useRef<HTMLTextAreaElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const lastOpen = useRef<string | null>(t.selectedId);
  const first = useRef(true);

  const ticket = t.ticket;
  const agentName = (id: string) => props.agents.find((a) => a.id === id)?.name ?? "Removed agent";
  const knownTags = [...new Set(t.list.flatMap((x) => x.tags))].sort();

  async function needCanned() {
    if (cannedLoading.current || canned) return;
    cannedLoading.current = true;
    setCannedError(null);
    const res = await fetchCanned();
    cannedLoading.current = false;
    if (res.ok) setCanned(res.data.cannedResponses);
    else setCannedError(res.error.message);
  }

  // Opening a ticket moves focus to its title; going back returns it to that ticket's row.
  useLayoutEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (t.selectedId) {
      lastOpen.current = t.selectedId;
      setMode("reply");
      heading.current?.focus();
    } else if (lastOpen.current) {
      setActiveId(lastOpen.current);
      document.getElementById(rowId(lastOpen.current))?.focus();
    }
  }, [t.selectedId]);

  /** The keyboard shortcuts; a ref so the one document listener always sees the latest state. */
  const onKey = useRef<(e: KeyboardEvent) => void>(() => {});
  onKey.current = async (e: KeyboardEvent) => {
    const action = shortcutOf(e);
    if (!action) return;
    if (action === "back" && help) {
      // Closes the shortcuts (their pop-up may not listen yet when Escape follows "?" at once).
      setHelp(false);
      document.getElementById("tickets-shortcuts-button")?.focus();
      return;
    }
    // The canned picker handles its own Escape.
    if (action === "back" && document.querySelector("#canned-picker")) return;
    e.preventDefault();
    const open = t.selectedId;
    const target = open ?? activeId;
    switch (action) {
      case "help":
        setHelp(!help);
        return;
      case "next":
      case "previous": {
        const id = await t.step(action === "next" ? 1 : -1, open ?? activeId);
        if (!id) return;
        if (open) {
          if (id !== open) t.select(id);
        } else {
          setActiveId(id);
          document.getElementById(rowId(id))?.focus();
        }
        return;
      }
      case "reply":
      case "note":
        if (!open) return;
        setMode(action);
        reply.current?.focus();
        return;
      case "assign":
        if (target) t.assign(target, props.me.id);
        return;
      case "resolve":
        if (target) t.setStatus(target, "resolved");
        return;
      case "back":
        if (open) t.select(null);
        return;
    }
  };
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey.current(e);
    document.addEventListener("keydown", listener);
    return () => document.removeEventListener("keydown", listener);
  }, []);

  const listUrl = ticketsUrl(t.query);
  const draftKey = ticket ? `${ticket.id}:${mode}` : "";
  const fb = t.feedback;
  // Beside its control in the open ticket; otherwise (an action from the list) as a toast.
  const toast = fb && (!ticket || fb.ticketId !== ticket.id || fb.field === "general") ? fb : null;

  return (
    <div class="flex flex-col gap-5">
      {ticket
        ? (
          <div class="flex items-start gap-2 sm:gap-3">
            <a
              href={listUrl}
              aria-label="All tickets"
              title="All tickets (Esc)"
              class="btn-ghost mt-0.5 -ml-2 shrink-0 px-1.5 sm:mt-1"
              onClick={(e) => {
                if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
                e.preventDefault();
                t.select(null);
              }}
            >
              <Icon name="chevronLeft" class="size-5" />
            </a>
            <div class="min-w-0 flex-1">
              <h1
                ref={heading}
                tabIndex={-1}
                class="text-xl font-bold tracking-tight break-words text-slate-900 outline-none sm:text-2xl"
              >
                {ticket.title}
              </h1>
              <div class="mt-1.5 flex flex-wrap items-center gap-2 text-sm text-slate-600">
                <StatusBadge status={ticket.status} />
                <PriorityBadge priority={ticket.priority} />
                <span class="inline-flex min-w-0 items-center gap-1">
                  <Icon name="user" class="size-4 shrink-0 text-slate-400" />
                  {customerLabel(ticket)}
                  {ticket.customerName && ticket.customerEmail && (
                    <span class="hidden text-slate-500 sm:inline">{` · ${ticket.customerEmail}`}</span>
                  )}
                </span>
              </div>
            </div>
            <div class="flex shrink-0 items-center gap-2">
              <ConnectionStatus state={t.conn} signedOut={t.signedOut} />
              <span class="max-sm:hidden">
                <ShortcutHelp open={help} onOpen={setHelp} />
              </span>
            </div>
          </div>
        )
        : (
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
            <div class="flex shrink-0 items-center gap-2">
              <ConnectionStatus state={t.conn} signedOut={t.signedOut} />
              <span class="max-sm:hidden">
                <ShortcutHelp open={help} onOpen={setHelp} />
              </span>
            </div>
          </div>
        )}

      {t.signedOut && (
        <Alert tone="error" title="Your session has ended">
          Live updates stopped.{" "}
          <a class="link" href={`/login?next=${encodeURIComponent(ticketsUrl(t.query, t.selectedId))}`}>
            Sign in again
          </a>{" "}
          to keep working.
        </Alert>
      )}

      {ticket
        ? (
          <div class="grid gap-4 lg:grid-cols-[minmax(0,1fr)_18rem] xl:grid-cols-[minmax(0,1fr)_20rem]">
            <section
              aria-label="Conversation"
              class="card flex h-[75dvh] min-h-[26rem] flex-col overflow-hidden lg:h-[calc(100dvh-12.5rem)]"
            >
              <TicketThread
                ticketId={ticket.id}
                thread={t.thread}
                typing={t.typing}
                visitorReadSeq={t.conversation?.visitorReadSeq ?? 0}
                agentName={agentName(ticket.agentId)}
                customer={customerLabel(ticket)}
                isNote={t.isNote}
                onRetry={t.retry}
                now={now}
              />
              <ReplyBox
                key={ticket.id}
                mode={mode}
                onMode={setMode}
                draft={drafts[draftKey] ?? ""}
                onDraft={(text) => setDrafts((d) => ({ ...d, [draftKey]: text }))}
                onSend={t.sendMessage}
                onInput={t.onComposerInput}
                canned={canned}
                cannedError={cannedError}
                onNeedCanned={needCanned}
                customer={customerLabel(ticket)}
                inputRef={reply}
              />
            </section>
            <TicketDetails
              ticket={ticket}
              customer={customerLabel(ticket)}
              visitorId={t.conversation?.visitorId ?? null}
              agentName={agentName(ticket.agentId)}
              people={props.people}
              me={props.me}
              busy={t.busy}
              feedback={t.feedback}
              now={now}
              onStatus={(s) => t.setStatus(ticket.id, s)}
              onPriority={(p) => t.setPriority(ticket.id, p)}
              onAssign={(id) => t.assign(ticket.id, id)}
              onTags={(tags) => t.setTags(ticket.id, tags)}
              onEscalate={() => t.escalate(ticket.id)}
              class="self-start"
            />
          </div>
        )
        : t.selectedId
        ? (
          <div class="card px-6 py-14 text-center text-sm" role={t.missing ? "alert" : "status"}>
            <p class={t.missing ? "font-semibold text-slate-900" : "text-slate-500"}>
              {t.missing ?? "Loading the ticket…"}
            </p>
            {t.missing && (
              <a
                href={listUrl}
                class="btn-secondary mt-4"
                onClick={(e) => {
                  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
                  e.preventDefault();
                  t.select(null);
                }}
              >
                Back to all tickets
              </a>
            )}
          </div>
        )
        : (
          <>
            <Filters
              query={t.query}
              onChange={t.setQuery}
              agents={props.agents}
              teammates={props.me.role === "admin" ? props.people : []}
              me={props.me}
              knownTags={knownTags}
            />
            <TicketList
              tickets={t.list}
              query={t.query}
              cursor={t.cursor}
              loading={t.loading}
              error={t.listError}
              agents={props.agents}
              people={props.people}
              me={props.me}
              now={now}
              unread={t.unread}
              activeId={activeId}
              onOpen={(id) => t.select(id)}
              onMore={t.loadMore}
              onClear={() => t.setQuery({ ...DEFAULT_QUERY, sort: t.query.sort })}
            />
          </>
        )}

      {toast && <Toast tone={toast.tone} onDismiss={t.dismissFeedback}>{toast.text}</Toast>}
    </div>
  );
}
