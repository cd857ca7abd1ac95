/**
 * Tickets (`/inbox/tickets`, and `/inbox/tickets/:id` with one open): the
 * workspace's tickets, live, with filters kept in the URL; and a ticket's
 * thread with the reply box (replies, internal notes, canned responses) and
 * its side panel (status, priority, assignee, tags, escalation, rating).
 * "New ticket" opens one by hand in a dialog.
 * Opening a ticket or going back changes the URL without a reload; the
 * server renders both, so links and reloads land on the same view. Keyboard
 * shortcuts (listed under "?"): j/k, r, n, a, e, Esc.
 *
 * @module
 */
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import { Toast } from "../components/Toast.tsx";
import { inPage } from "./shared/links.ts";
import { SessionEnded } from "./staff_chat/ConnectionStatus.tsx";
import { agentName } from "./staff_chat/format.ts";
import { useNow } from "./staff_chat/use_now.ts";
import { DEFAULT_QUERY, ticketsUrl } from "./tickets/filters.ts";
import { Filters } from "./tickets/Filters.tsx";
import { ReplyBox, type ReplyMode } from "./tickets/reply/ReplyBox.tsx";
import { useCanned } from "./tickets/reply/use_canned.ts";
import { useTicketShortcuts } from "./tickets/shortcuts/use_shortcuts.ts";
import { useNewTicket } from "./tickets/new/use_new_ticket.ts";
import { TicketDetails } from "./tickets/TicketDetails.tsx";
import { customerLabel, rowId, TicketList } from "./tickets/TicketList.tsx";
import { TicketsHeader } from "./tickets/TicketsHeader.tsx";
import { TicketThread } from "./tickets/TicketThread.tsx";
import type { TicketsProps } from "./tickets/types.ts";
import { useTickets } from "./tickets/use_tickets.ts";

export type { TicketsProps } from "./tickets/types.ts";

/** The list or the open ticket, with the header, shortcuts and notices. */
export default function Tickets(props: TicketsProps) {
  const t = useTickets(props);
  const now = useNow(props.now);
  const [help, setHelp] = useState(false);
  const newTicket = useNewTicket();
  const [activeId, setActiveId] = useState<string | null>(null);
  const [mode, setMode] = useState<ReplyMode>("reply");
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const { canned, cannedError, needCanned } = useCanned();
  const reply = useRef<HTMLTextAreaElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const lastOpen = useRef<string | null>(t.selectedId);
  const first = useRef(true);

  const ticket = t.ticket;
  const knownTags = [...new Set(t.list.flatMap((x) => x.tags))].sort();

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

  useTicketShortcuts({ t, meId: props.me.id, help, setHelp, activeId, setActiveId, setMode, reply });

  const listUrl = ticketsUrl(t.query);
  const draftKey = ticket ? `${ticket.id}:${mode}` : "";
  const fb = t.feedback;
  // Beside its control in the open ticket; otherwise (an action from the list) as a toast.
  const toast = fb && (!ticket || fb.ticketId !== ticket.id || fb.field === "general") ? fb : null;

  return (
    <div class="flex flex-col gap-5">
      <TicketsHeader
        ticket={ticket}
        language={t.conversation?.language}
        sentiment={t.conversation?.sentiment}
        listUrl={listUrl}
        onBack={() => t.select(null)}
        heading={heading}
        conn={t.conn}
        signedOut={t.signedOut}
        help={help}
        onHelp={setHelp}
        onNew={newTicket.show}
        onNewPreload={newTicket.preload}
      />

      {newTicket.Dialog && (
        <newTicket.Dialog
          agents={props.agents}
          people={props.people}
          me={props.me}
          onClose={newTicket.close}
          onCreated={(created) => {
            newTicket.close();
            t.created(created);
          }}
        />
      )}

      {t.signedOut && <SessionEnded back={ticketsUrl(t.query, t.selectedId)} />}

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
                agentName={agentName(props.agents, ticket.agentId)}
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
                maxUploadBytes={props.maxUploadBytes}
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
              agentName={agentName(props.agents, ticket.agentId)}
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
                onClick={inPage(() => t.select(null))}
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
              languageOf={t.languageOf}
              activeId={activeId}
              onOpen={(id) => t.select(id)}
              onMore={t.loadMore}
              onClear={() => t.setQuery({ ...DEFAULT_QUERY, sort: t.query.sort })}
            />
          </>
        )}

      {toast && <Toast tone={toast.tone} onDismiss={t.dismissFeedback}>{toast.text}</Toast>}
      {newTicket.loadError && <Toast tone="error" onDismiss={newTicket.dismissError}>{newTicket.loadError}</Toast>}
    </div>
  );
}
