/**
 * The list's filters: text search (debounced), status, priority, assignee,
 * tag, agent and the sort. Every change updates the page's URL query (the
 * island does that) so a reload or a shared link shows the same list. On a
 * phone the filters fold behind a button; search and sort stay visible.
 *
 * @module
 */
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { Icon } from "../../components/Icons.tsx";
import { DEFAULT_QUERY, isFiltered, normalizeTag } from "./filters.ts";
import { type AgentOption, type Me, type Person, PRIORITIES, SORTS, STATUSES, type TicketQuery } from "./types.ts";

/** Search waits this long after the last keystroke (ms). */
export const SEARCH_DEBOUNCE_MS = 300;

/** Props of {@linkcode Filters}. */
export interface FiltersProps {
  query: TicketQuery;
  onChange: (q: TicketQuery) => void;
  agents: AgentOption[];
  /** Teammates listed as assignees (admins only; members get Anyone / Unassigned / Mine). */
  teammates: Person[];
  me: Me;
  /** Tags seen on loaded tickets, suggested in the tag field. */
  knownTags: string[];
}

function Select(
  { id, label, value, onChange, children }: {
    id: string;
    label: string;
    value: string;
    onChange: (v: string) => void;
    children: ComponentChildren;
  },
) {
  return (
    <div class="min-w-0">
      <label for={id} class="block text-xs font-medium text-slate-600">{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}
        class="field-input mt-1 h-9 py-1.5"
      >
        {children}
      </select>
    </div>
  );
}

/** Search, sort and the filter controls. */
export function Filters({ query, onChange, agents, teammates, me, knownTags }: FiltersProps) {
  const [text, setText] = useState(query.q);
  const [tag, setTag] = useState(query.tag);
  const [tagError, setTagError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const latest = useRef(query);
  latest.current = query;

  // The URL (back/forward, "Clear filters") wins over what was typed.
  useEffect(() => setText(query.q), [query.q]);
  useEffect(() => setTag(query.tag), [query.tag]);
  useEffect(() => {
    if (text.trim() === query.q) return;
    const t = setTimeout(() => onChange({ ...latest.current, q: text.trim().slice(0, 200) }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text]);

  function commitTag() {
    const raw = tag.trim();
    if (!raw) {
      setTagError(null);
      if (query.tag) onChange({ ...query, tag: "" });
      return;
    }
    const t = normalizeTag(raw);
    if (!t) {
      setTagError("Tags use letters, digits, spaces, - and _.");
      return;
    }
    setTagError(null);
    setTag(t);
    if (t !== query.tag) onChange({ ...query, tag: t });
  }

  const count = [query.status, query.priority, query.assignee, query.tag, query.agentId].filter(Boolean).length;
  const set = (key: keyof TicketQuery) => (v: string) => onChange({ ...query, [key]: v });

  return (
    <div class="card p-3 sm:p-4" role="search" aria-label="Filter tickets">
      <div class="flex flex-wrap items-end gap-3">
        <div class="min-w-0 basis-full sm:flex-1 sm:basis-56">
          <label for="tickets-q" class="block text-xs font-medium text-slate-600">Search</label>
          <div class="relative mt-1">
            <Icon
              name="search"
              stroke={2}
              class="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400"
            />
            <input
              id="tickets-q"
              type="search"
              value={text}
              maxLength={200}
              placeholder="Title or anything said in the chat"
              autocomplete="off"
              onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") onChange({ ...query, q: text.trim().slice(0, 200) });
              }}
              class="field-input mt-0 h-9 py-1.5 pl-9"
            />
          </div>
        </div>
        <div class="min-w-0 flex-1 sm:w-44 sm:flex-none">
          <Select id="tickets-sort" label="Sort" value={query.sort} onChange={set("sort")}>
            {SORTS.map((s) => <option key={s.key} value={s.key}>{s.label}</option>)}
          </Select>
        </div>
        <button
          type="button"
          class="btn-secondary h-9 sm:hidden"
          aria-expanded={open ? "true" : "false"}
          aria-controls="tickets-filter-grid"
          onClick={() => setOpen(!open)}
        >
          Filters{count ? ` (${count})` : ""}
          <Icon name={open ? "chevronUp" : "chevronDown"} class="size-4" />
        </button>
      </div>
      <div
        id="tickets-filter-grid"
        class={`mt-3 grid-cols-2 gap-3 sm:grid sm:grid-cols-3 lg:grid-cols-5 ${open ? "grid" : "hidden"}`}
      >
        <Select id="tickets-status" label="Status" value={query.status} onChange={set("status")}>
          <option value="">Any status</option>
          {STATUSES.map((s) => <option key={s.key} value={s.key}>{s.label}</option>)}
        </Select>
        <Select id="tickets-priority" label="Priority" value={query.priority} onChange={set("priority")}>
          <option value="">Any priority</option>
          {[...PRIORITIES].reverse().map((p) => <option key={p.key} value={p.key}>{p.label}</option>)}
        </Select>
        <Select id="tickets-assignee" label="Assignee" value={query.assignee} onChange={set("assignee")}>
          <option value="">Anyone</option>
          <option value="unassigned">Unassigned</option>
          <option value="me">Mine</option>
          {teammates.filter((t) => t.id !== me.id).map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </Select>
        <div class="min-w-0">
          <label for="tickets-tag" class="block text-xs font-medium text-slate-600">Tag</label>
          <input
            id="tickets-tag"
            type="text"
            list="tickets-tags"
            value={tag}
            maxLength={40}
            placeholder="Any tag"
            autocomplete="off"
            aria-invalid={tagError ? "true" : undefined}
            aria-describedby={tagError ? "tickets-tag-error" : undefined}
            onInput={(e) => {
              setTag((e.currentTarget as HTMLInputElement).value);
              if (tagError) setTagError(null);
            }}
            onChange={commitTag}
            onKeyDown={(e) => {
              if (e.key === "Enter") commitTag();
            }}
            class="field-input mt-1 h-9 py-1.5"
          />
          <datalist id="tickets-tags">
            {knownTags.map((t) => <option key={t} value={t} />)}
          </datalist>
          {tagError && <p id="tickets-tag-error" role="alert" class="mt-1 text-xs text-red-700">{tagError}</p>}
        </div>
        {agents.length > 0 && (
          <Select id="tickets-agent" label="Agent" value={query.agentId} onChange={set("agentId")}>
            <option value="">All agents</option>
            {agents.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </Select>
        )}
      </div>
      {isFiltered(query) && (
        <div class="mt-3 flex justify-end">
          <button
            type="button"
            class="btn-ghost px-2 py-1 text-xs"
            onClick={() => {
              setTagError(null);
              onChange({ ...DEFAULT_QUERY, sort: query.sort });
            }}
          >
            <Icon name="close" class="size-3.5" />
            Clear filters
          </button>
        </div>
      )}
    </div>
  );
}
