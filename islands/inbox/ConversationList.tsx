/**
 * The left pane: filters (who handles it, which agent) over the list of
 * conversations, newest activity first, with older pages on demand.
 *
 * @module
 */
import { agentName } from "../staff_chat/format.ts";
import type { AgentOption, WireConversation } from "../staff_chat/types.ts";
import type { Now } from "../staff_chat/use_now.ts";
import { ConversationRow } from "./ConversationRow.tsx";
import type { HandledFilter, InboxFilter } from "./types.ts";
import type { PageState } from "./use_inbox.ts";

const SHOW: { key: HandledFilter; label: string }[] = [
  { key: "all", label: "All" },
  { key: "ai", label: "AI-handled" },
  { key: "human", label: "Needs human" },
];

const EMPTY: Record<HandledFilter, string> = {
  all: "No conversations with this agent yet.",
  ai: "No conversations the AI is answering.",
  human: "Nothing needs a person right now. Conversations the AI hands off, or that you take over, show up here.",
};

/** Props of {@linkcode ConversationList}. */
export interface ConversationListProps {
  conversations: WireConversation[];
  agents: AgentOption[];
  filter: InboxFilter;
  onFilter: (f: InboxFilter) => void;
  page: PageState | undefined;
  onMore: () => void;
  selectedId: string | null;
  onSelect: (id: string) => void;
  now: Now;
  class?: string;
}

/** Filters, list and "Load older". */
export function ConversationList(p: ConversationListProps) {
  return (
    <section aria-labelledby="inbox-list-heading" class={`min-h-0 flex-col bg-white ${p.class ?? ""}`}>
      <div class="space-y-2.5 border-b border-slate-200 p-3">
        <h2 id="inbox-list-heading" class="sr-only">Conversations</h2>
        <div role="group" aria-label="Show" class="grid grid-cols-3 gap-0.5 rounded-lg bg-slate-100 p-1">
          {SHOW.map((s) => {
            const on = p.filter.handledBy === s.key;
            return (
              <button
                key={s.key}
                type="button"
                aria-pressed={on ? "true" : "false"}
                onClick={() => p.onFilter({ ...p.filter, handledBy: s.key })}
                class={`rounded-md px-1 py-1.5 text-xs font-semibold whitespace-nowrap transition-colors ${
                  on ? "bg-white text-slate-900 shadow-xs" : "text-slate-600 hover:text-slate-900"
                }`}
              >
                {s.label}
              </button>
            );
          })}
        </div>
        {p.agents.length > 0 && (
          <div>
            <label for="inbox-agent" class="sr-only">Agent</label>
            <select
              id="inbox-agent"
              value={p.filter.agentId}
              onChange={(e) => p.onFilter({ ...p.filter, agentId: (e.currentTarget as HTMLSelectElement).value })}
              class="field-input mt-0 py-1.5"
            >
              <option value="">All agents</option>
              {p.agents.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
            </select>
          </div>
        )}
      </div>
      <div class="min-h-0 flex-1 overflow-y-auto">
        {p.conversations.length === 0
          ? (
            <p class="px-5 py-10 text-center text-sm text-slate-500">
              {p.page?.loading ? "Loading conversations…" : p.page?.error ?? EMPTY[p.filter.handledBy]}
            </p>
          )
          : (
            <ul class="divide-y divide-slate-100" aria-label="Conversations">
              {p.conversations.map((c) => (
                <ConversationRow
                  key={c.id}
                  conversation={c}
                  agentName={agentName(p.agents, c.agentId)}
                  selected={c.id === p.selectedId}
                  now={p.now}
                  onSelect={p.onSelect}
                />
              ))}
            </ul>
          )}
        {p.page?.cursor && p.conversations.length > 0 && (
          <div class="border-t border-slate-100 p-3 text-center">
            <button type="button" class="btn-ghost w-full" onClick={p.onMore} disabled={p.page.loading}>
              {p.page.loading ? "Loading…" : "Load older conversations"}
            </button>
          </div>
        )}
      </div>
    </section>
  );
}
