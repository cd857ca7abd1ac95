/**
 * The ticket's side panel: the customer, the working controls (status,
 * priority and Escalate, assignee and "Assign to me", tags), the rating when
 * the customer gave one, the ticket's times, and the way to its
 * conversation in the Inbox. Each control says right under it what happened:
 * the server's refusal (announced) or a quiet confirmation.
 *
 * @module
 */
import type { ComponentChildren } from "preact";
import { useRef, useState } from "preact/hooks";
import { Icon } from "../../components/Icons.tsx";
import { Avatar } from "../staff_chat/Avatar.tsx";
import { fullTime } from "../staff_chat/format.ts";
import type { Now } from "../staff_chat/use_now.ts";
import { Stars } from "./badges.tsx";
import { normalizeTag } from "./filters.ts";
import {
  type Me,
  type Person,
  PRIORITIES,
  type Priority,
  sourceLabel,
  STATUSES,
  type TicketStatus,
  type WireTicket,
} from "./types.ts";
import type { Feedback, Field } from "./use_ticket_actions.ts";

/** Props of {@linkcode TicketDetails}. */
export interface TicketDetailsProps {
  ticket: WireTicket;
  customer: string;
  /** The visitor's id (avatar colour), when the conversation is known. */
  visitorId: string | null;
  agentName: string;
  people: Person[];
  me: Me;
  busy: Partial<Record<Field, boolean>>;
  feedback: Feedback | null;
  now: Now;
  onStatus: (s: TicketStatus) => Promise<void>;
  onPriority: (p: Priority) => Promise<void>;
  onAssign: (id: string | null) => Promise<void>;
  onTags: (tags: string[]) => Promise<void>;
  onEscalate: () => Promise<void>;
  class?: string;
}

function Said({ feedback, field, ticketId }: { feedback: Feedback | null; field: Field; ticketId: string }) {
  const f = feedback?.field === field && feedback.ticketId === ticketId ? feedback : null;
  if (!f) return <p class="sr-only" role="status" />;
  return f.tone === "error"
    ? (
      <p role="alert" class="mt-1.5 flex items-start gap-1.5 text-xs text-red-700">
        <Icon name="alert" class="mt-px size-3.5 shrink-0" />
        <span>{f.text}</span>
      </p>
    )
    : (
      <p role="status" class="mt-1.5 flex items-center gap-1.5 text-xs text-emerald-700">
        <Icon name="check" class="size-3.5 shrink-0" />
        {f.text}
      </p>
    );
}

function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="flex items-baseline justify-between gap-3">
      <dt class="shrink-0 text-xs text-slate-500">{label}</dt>
      <dd class="min-w-0 text-right text-xs break-words text-slate-800">{children}</dd>
    </div>
  );
}

function TagEditor(
  { tags, busy, onChange }: { tags: string[]; busy?: boolean; onChange: (tags: string[]) => Promise<void> },
) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  function add() {
    const raw = text.trim().replace(/,$/, "");
    if (!raw) return;
    const tag = normalizeTag(raw);
    if (!tag) return setError("Tags use letters, digits, spaces, - and _ (up to 40).");
    if (tags.length >= 20 && !tags.includes(tag)) return setError("At most 20 tags.");
    setError(null);
    setText("");
    if (!tags.includes(tag)) onChange([...tags, tag]);
  }
  return (
    <div>
      <label for="ticket-tag-input" class="block text-xs font-medium text-slate-600">Tags</label>
      <div
        class={`mt-1 flex flex-wrap items-center gap-1.5 rounded-lg bg-white px-2 py-1.5 shadow-xs ring-1 ring-inset focus-within:ring-2 ${
          error ? "ring-red-500" : "ring-slate-300 focus-within:ring-indigo-600"
        }`}
      >
        {tags.length > 0 && (
          <ul class="contents" aria-label="Tags">
            {tags.map((t) => (
              <li
                key={t}
                class="inline-flex items-center gap-1 rounded-md bg-slate-100 py-0.5 pr-1 pl-2 text-xs font-medium text-slate-800"
              >
                {t}
                <button
                  type="button"
                  class="grid size-5 place-items-center rounded text-slate-500 hover:bg-slate-200 hover:text-slate-900"
                  aria-label={`Remove tag ${t}`}
                  disabled={busy}
                  onClick={() => {
                    onChange(tags.filter((x) => x !== t));
                    document.getElementById("ticket-tag-input")?.focus();
                  }}
                >
                  <Icon name="close" class="size-3" stroke={2.25} />
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          id="ticket-tag-input"
          type="text"
          value={text}
          maxLength={40}
          autocomplete="off"
          placeholder={tags.length ? "Add another…" : "Add a tag…"}
          aria-invalid={error ? "true" : undefined}
          aria-describedby={error ? "ticket-tag-error" : undefined}
          class="min-w-20 flex-1 border-0 bg-transparent px-1 py-0.5 text-base text-slate-900 placeholder:text-slate-400 focus:ring-0 focus:outline-none sm:text-sm"
          onInput={(e) => {
            setText((e.currentTarget as HTMLInputElement).value);
            if (error) setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter" || e.key === ",") {
              e.preventDefault();
              add();
            } else if (e.key === "Escape") (e.currentTarget as HTMLInputElement).blur();
          }}
          onBlur={add}
        />
      </div>
      {error && <p id="ticket-tag-error" role="alert" class="mt-1 text-xs text-red-700">{error}</p>}
    </div>
  );
}

/** The side panel. */
export function TicketDetails(p: TicketDetailsProps) {
  const t = p.ticket;
  const latest = useRef(t);
  latest.current = t;
  const said = (field: Field) => <Said feedback={p.feedback} field={field} ticketId={t.id} />;
  /** A select shows what the server says after the change (its value may have been refused). */
  const settle = (el: HTMLSelectElement, value: () => string) => () => {
    el.value = value();
  };
  const assignees: Person[] = [
    ...(p.me.role === "admin" ? p.people.filter((x) => x.id !== p.me.id) : []),
    ...(t.assignedTo && t.assignedTo !== p.me.id && p.me.role !== "admin"
      ? [{ id: t.assignedTo, name: p.people.find((x) => x.id === t.assignedTo)?.name ?? "Former teammate" }]
      : []),
  ];
  const email = t.customerEmail;

  return (
    <aside aria-labelledby="ticket-details-heading" class={`card flex flex-col ${p.class ?? ""}`}>
      <h2 id="ticket-details-heading" class="sr-only">Ticket details</h2>
      <div class="flex items-center gap-3 border-b border-slate-200 px-4 py-3.5">
        <Avatar id={p.visitorId ?? t.conversationId} name={t.customerName} size="lg" />
        <div class="min-w-0">
          <p class="truncate font-semibold text-slate-900">{p.customer}</p>
          {email
            ? (
              <a href={`mailto:${email}`} class="block truncate text-sm text-indigo-700 hover:underline">
                {email}
              </a>
            )
            : <p class="text-sm text-slate-500">No email yet</p>}
        </div>
      </div>

      <div class="space-y-4 px-4 py-4">
        <div>
          <label for="ticket-status" class="block text-xs font-medium text-slate-600">Status</label>
          <select
            id="ticket-status"
            value={t.status}
            disabled={p.busy.status}
            onChange={(e) => {
              const el = e.currentTarget as HTMLSelectElement;
              p.onStatus(el.value as TicketStatus).then(settle(el, () => latest.current.status));
            }}
            class="field-input mt-1 py-1.5"
          >
            {STATUSES.map((s) => <option key={s.key} value={s.key}>{s.label}</option>)}
          </select>
          {said("status")}
        </div>

        <div>
          <label for="ticket-priority" class="block text-xs font-medium text-slate-600">Priority</label>
          <div class="mt-1 flex gap-2">
            <select
              id="ticket-priority"
              value={t.priority}
              disabled={p.busy.priority}
              onChange={(e) => {
                const el = e.currentTarget as HTMLSelectElement;
                p.onPriority(el.value as Priority).then(settle(el, () => latest.current.priority));
              }}
              class="field-input mt-0 min-w-0 flex-1 py-1.5"
            >
              {PRIORITIES.map((x) => <option key={x.key} value={x.key}>{x.label}</option>)}
            </select>
            <button
              type="button"
              class="btn-secondary shrink-0 px-2.5 py-1.5"
              onClick={p.onEscalate}
              disabled={p.busy.escalate}
              title="Raise the priority one step and record it in the thread"
            >
              <Icon name="chevronUp" class="size-4 text-red-600" />
              Escalate
            </button>
          </div>
          {said("priority")}
          {said("escalate")}
        </div>

        <div>
          <label for="ticket-assignee" class="block text-xs font-medium text-slate-600">Assignee</label>
          <select
            id="ticket-assignee"
            value={t.assignedTo ?? ""}
            disabled={p.busy.assignee}
            onChange={(e) => {
              const el = e.currentTarget as HTMLSelectElement;
              p.onAssign(el.value || null).then(settle(el, () => latest.current.assignedTo ?? ""));
            }}
            class="field-input mt-1 py-1.5"
          >
            <option value="">Unassigned</option>
            <option value={p.me.id}>{p.me.name} (you)</option>
            {assignees.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
          </select>
          {t.assignedTo !== p.me.id && (
            <button
              type="button"
              class="link mt-1.5 text-xs"
              onClick={() => p.onAssign(p.me.id)}
              disabled={p.busy.assignee}
            >
              Assign to me
            </button>
          )}
          {said("assignee")}
        </div>

        <div>
          <TagEditor tags={t.tags} busy={p.busy.tags} onChange={p.onTags} />
          {said("tags")}
        </div>
      </div>

      {t.rating && (
        <section aria-labelledby="ticket-rating-heading" class="border-t border-slate-200 px-4 py-4">
          <h3 id="ticket-rating-heading" class="text-xs font-medium text-slate-600">Customer rating</h3>
          <div class="mt-1.5 flex items-center gap-2">
            <Stars score={t.rating.score} />
            <span class="text-sm font-semibold text-slate-900">{t.rating.score}/5</span>
          </div>
          {t.rating.comment && (
            <blockquote class="mt-2 rounded-lg bg-slate-50 px-3 py-2 text-sm break-words text-slate-700 italic ring-1 ring-slate-200">
              “{t.rating.comment}”
            </blockquote>
          )}
          <p class="mt-1.5 text-xs text-slate-500">
            <time dateTime={t.rating.at}>{fullTime(t.rating.at, p.now.tz)}</time>
          </p>
        </section>
      )}

      {t.description && t.description !== t.title && (
        <section aria-labelledby="ticket-description-heading" class="border-t border-slate-200 px-4 py-4">
          <h3 id="ticket-description-heading" class="text-xs font-medium text-slate-600">Description</h3>
          <p class="mt-1 max-h-40 overflow-y-auto text-sm break-words whitespace-pre-wrap text-slate-800">
            {t.description}
          </p>
        </section>
      )}

      <div class="border-t border-slate-200 px-4 py-4">
        <dl class="space-y-2">
          <Fact label="Agent">{p.agentName}</Fact>
          <Fact label="Source">{sourceLabel(t.source)}</Fact>
          {t.escalationLevel > 0 && <Fact label="Escalations">{t.escalationLevel}</Fact>}
          <Fact label="Created">
            <time dateTime={t.createdAt}>{fullTime(t.createdAt, p.now.tz)}</time>
          </Fact>
          <Fact label="Updated">
            <time dateTime={t.updatedAt}>{fullTime(t.updatedAt, p.now.tz)}</time>
          </Fact>
          {t.resolvedAt && (
            <Fact label="Resolved">
              <time dateTime={t.resolvedAt}>{fullTime(t.resolvedAt, p.now.tz)}</time>
            </Fact>
          )}
          {t.closedAt && (
            <Fact label="Closed">
              <time dateTime={t.closedAt}>{fullTime(t.closedAt, p.now.tz)}</time>
            </Fact>
          )}
        </dl>
        <a href={`/inbox/${t.conversationId}`} class="btn-secondary mt-4 w-full">
          <Icon name="chat" class="size-4" />
          Open in the Inbox
        </a>
      </div>
    </aside>
  );
}
