/**
 * Small pieces of a ticket shared by the list and the ticket view: status
 * and priority badges (their text says what the colour shows), the
 * assignee, the customer's rating as stars, and the tags.
 *
 * @module
 */
import { Badge, type BadgeTone } from "../../components/Badge.tsx";
import { Icon } from "../../components/Icons.tsx";
import { Avatar } from "../staff_chat/Avatar.tsx";
import { type Person, type Priority, priorityLabel, statusLabel, type TicketStatus } from "./types.ts";

const STATUS_TONE: Record<TicketStatus, BadgeTone> = {
  open: "indigo",
  "in-progress": "violet",
  resolved: "emerald",
  closed: "slate",
};

const PRIORITY_TONE: Record<Priority, BadgeTone> = {
  low: "slate",
  medium: "sky",
  high: "amber",
  urgent: "red",
};

/** Read before the badge's word (and keeps the space the formatter would trim from JSX text). */
const STATUS_PREFIX = "Status: ";
const PRIORITY_PREFIX = "Priority: ";

const BARS: Record<Priority, number> = { low: 1, medium: 2, high: 3, urgent: 3 };

/** "Open", "In progress", … with a dot. */
export function StatusBadge({ status }: { status: TicketStatus }) {
  return (
    <Badge tone={STATUS_TONE[status]} dot>
      <span class="sr-only">{STATUS_PREFIX}</span>
      {statusLabel(status)}
    </Badge>
  );
}

/** "Low" … "Urgent" with signal bars. */
export function PriorityBadge({ priority }: { priority: Priority }) {
  const n = BARS[priority];
  return (
    <Badge tone={PRIORITY_TONE[priority]}>
      <svg viewBox="0 0 12 12" class="size-3" aria-hidden="true" focusable="false">
        {[0, 1, 2].map((i) => (
          <rect
            key={i}
            x={1 + i * 4}
            y={8 - i * 3}
            width="2.5"
            height={3 + i * 3}
            rx="0.6"
            fill="currentColor"
            opacity={i < n ? 1 : 0.25}
          />
        ))}
      </svg>
      <span class="sr-only">{PRIORITY_PREFIX}</span>
      {priorityLabel(priority)}
    </Badge>
  );
}

/** A teammate's name, or "Former teammate" for an id no longer in the team. */
function personName(people: Person[], id: string): string {
  return people.find((p) => p.id === id)?.name ?? "Former teammate";
}

/** Avatar and name of the assignee, or "Unassigned". */
export function Assignee(
  { id, people, meId, compact }: { id: string | null; people: Person[]; meId: string; compact?: boolean },
) {
  if (!id) {
    return (
      <span class="inline-flex items-center gap-2 text-sm text-slate-500">
        <span
          class="grid size-7 place-items-center rounded-full border border-dashed border-slate-300"
          aria-hidden="true"
        >
          <Icon name="user" class="size-3.5 text-slate-400" />
        </span>
        Unassigned
      </span>
    );
  }
  const name = personName(people, id);
  return (
    <span class="inline-flex min-w-0 items-center gap-2 text-sm text-slate-800">
      <span class="[&>span]:size-7 [&>span]:text-[11px]">
        <Avatar id={id} name={name} />
      </span>
      <span class={`truncate ${compact ? "max-w-32" : ""}`}>{name}</span>
      {id === meId && <span class="shrink-0 text-xs text-slate-500">(you)</span>}
    </span>
  );
}

/** 1-5 stars; `compact` is one star and the score. */
export function Stars({ score, compact }: { score: number; compact?: boolean }) {
  const label = `Rated ${score} out of 5`;
  if (compact) {
    return (
      <span class="inline-flex items-center gap-1 text-xs font-semibold text-amber-700" title={label}>
        <Icon name="star" class="size-4 fill-amber-400 stroke-none" />
        <span aria-hidden="true">{score}</span>
        <span class="sr-only">{label}</span>
      </span>
    );
  }
  return (
    <span class="inline-flex items-center gap-0.5" role="img" aria-label={label}>
      {[1, 2, 3, 4, 5].map((i) => (
        <Icon
          key={i}
          name="star"
          stroke={1.2}
          class={`size-5 ${i <= score ? "fill-amber-400 text-amber-500" : "fill-slate-100 text-slate-300"}`}
        />
      ))}
    </span>
  );
}

/** Tags as small chips. */
export function Tags({ tags }: { tags: string[] }) {
  if (!tags.length) return null;
  return (
    <ul class="flex flex-wrap gap-1" aria-label="Tags">
      {tags.map((t) => (
        <li key={t} class="rounded-md bg-slate-100 px-1.5 py-0.5 text-[11px] font-medium text-slate-700">
          #{t}
        </li>
      ))}
    </ul>
  );
}
