/**
 * The analytics filters: presets of the last 7, 30 or 90 days, a custom
 * range, the AI agent and a ticket tag. Each change is reported at once (the
 * tag when its field is left or Enter is pressed); the island keeps
 * the URL in sync.
 *
 * @module
 */
import { addDays, dayCount, PRESETS } from "./format.ts";
import type { AnalyticsFilters } from "./types.ts";

/** Props of {@linkcode Filters}. */
export interface FiltersProps {
  filters: AnalyticsFilters;
  /** Today in the workspace's time zone: where the presets end. */
  today: string;
  agents: { id: string; name: string }[];
  onChange(next: AnalyticsFilters): void;
}

/** The filter bar. */
export function Filters({ filters, today, agents, onChange }: FiltersProps) {
  const length = filters.to === today ? dayCount(filters.from, filters.to) : 0;
  const set = (patch: Partial<AnalyticsFilters>) => onChange({ ...filters, ...patch });
  const day = (key: "from" | "to") => (e: Event) => {
    const value = (e.currentTarget as HTMLInputElement).value;
    if (value) set({ [key]: value });
  };
  return (
    <form
      class="card flex flex-wrap items-end gap-4 p-4"
      aria-label="Filters"
      onSubmit={(e) => e.preventDefault()}
    >
      <fieldset>
        <legend class="field-label">Period</legend>
        <div class="mt-1 inline-flex rounded-lg ring-1 ring-slate-300" role="group">
          {PRESETS.map((n) => (
            <button
              key={n}
              type="button"
              aria-pressed={length === n}
              class={`px-3 py-2 text-sm font-medium first:rounded-l-lg last:rounded-r-lg ${
                length === n ? "bg-indigo-600 text-white" : "bg-white text-slate-700 hover:bg-slate-50"
              }`}
              onClick={() => set({ from: addDays(today, -(n - 1)), to: today })}
            >
              Last {n} days
            </button>
          ))}
        </div>
      </fieldset>
      <div>
        <label for="analytics-from" class="field-label">From</label>
        <input
          id="analytics-from"
          type="date"
          class="field-input"
          value={filters.from}
          max={filters.to}
          onChange={day("from")}
        />
      </div>
      <div>
        <label for="analytics-to" class="field-label">To</label>
        <input
          id="analytics-to"
          type="date"
          class="field-input"
          value={filters.to}
          min={filters.from}
          onChange={day("to")}
        />
      </div>
      <div>
        <label for="analytics-agent" class="field-label">AI agent</label>
        <select
          id="analytics-agent"
          class="field-input"
          value={filters.agentId}
          onChange={(e) => set({ agentId: (e.currentTarget as HTMLSelectElement).value })}
        >
          <option value="">All agents</option>
          {agents.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </select>
      </div>
      <div>
        <label for="analytics-tag" class="field-label">Ticket tag</label>
        <input
          id="analytics-tag"
          type="search"
          class="field-input"
          placeholder="All conversations"
          maxLength={50}
          value={filters.tag}
          onChange={(e) => set({ tag: (e.currentTarget as HTMLInputElement).value.trim() })}
        />
      </div>
    </form>
  );
}
