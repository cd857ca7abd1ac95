/**
 * The top of every agent page: a way back to the list, the agent's name and
 * state, and the tabs (real links, the current one marked `aria-current`).
 *
 * @module
 */
import type { ProviderId } from "../models/agents/agent_schemas.ts";
import { Badge } from "./Badge.tsx";
import { Icon, type IconName } from "./Icons.tsx";
import { PROVIDER_INFO } from "./providers.ts";

/** The agent pages. */
export type AgentTab = "settings" | "knowledge" | "playground" | "embed";

const TABS: { tab: AgentTab; label: string; icon: IconName; suffix: string }[] = [
  { tab: "settings", label: "Settings", icon: "settings", suffix: "" },
  { tab: "knowledge", label: "Knowledge", icon: "book", suffix: "/knowledge" },
  { tab: "playground", label: "Playground", icon: "chat", suffix: "/playground" },
  { tab: "embed", label: "Embed", icon: "code", suffix: "/embed" },
];

/** URL of one tab of agent `id`. */
export function agentTabUrl(id: string, tab: AgentTab): string {
  return `/agents/${encodeURIComponent(id)}${TABS.find((t) => t.tab === tab)!.suffix}`;
}

/** Human name of a tab (for page titles). */
export function agentTabLabel(tab: AgentTab): string {
  return TABS.find((t) => t.tab === tab)!.label;
}

/** Props of {@linkcode AgentHeader}. */
export interface AgentHeaderProps {
  id: string;
  name: string;
  description: string;
  provider: ProviderId;
  isActive: boolean;
  current: AgentTab;
}

/** Back link, name, badges and tabs. */
export function AgentHeader(p: AgentHeaderProps) {
  return (
    <div class="mb-8">
      <a
        href="/agents"
        class="inline-flex items-center gap-1.5 rounded text-sm font-medium text-slate-500 hover:text-slate-800"
      >
        <Icon name="arrowLeft" class="size-4" />
        All agents
      </a>
      <div class="mt-3 flex flex-wrap items-center gap-x-3 gap-y-2">
        <h1 class="min-w-0 text-2xl font-bold tracking-tight break-words text-slate-900 sm:text-3xl">{p.name}</h1>
        <Badge tone={PROVIDER_INFO[p.provider].tone}>{PROVIDER_INFO[p.provider].label}</Badge>
        {p.isActive ? <Badge tone="emerald" dot>Active</Badge> : <Badge tone="slate" dot>Inactive</Badge>}
      </div>
      {p.description && <p class="mt-2 max-w-3xl text-sm text-slate-600">{p.description}</p>}
      <nav aria-label="Agent sections" class="mt-6 border-b border-slate-200">
        <ul class="-mb-px flex gap-1 overflow-x-auto">
          {TABS.map((t) => {
            const active = t.tab === p.current;
            return (
              <li key={t.tab} class="shrink-0">
                <a
                  href={agentTabUrl(p.id, t.tab)}
                  aria-current={active ? "page" : undefined}
                  class={`flex items-center gap-2 border-b-2 px-2.5 py-2.5 text-sm sm:px-3 font-medium whitespace-nowrap transition-colors ${
                    active
                      ? "border-indigo-600 text-indigo-700"
                      : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
                  }`}
                >
                  <Icon
                    name={t.icon}
                    class={`hidden size-4 sm:block ${active ? "text-indigo-600" : "text-slate-400"}`}
                  />
                  {t.label}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
    </div>
  );
}
