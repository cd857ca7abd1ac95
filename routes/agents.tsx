/**
 * The agents list (`/agents`) and "New agent" (`/agents/new`, admins). The
 * pages of one agent are in `agent_pages.tsx`.
 *
 * @module
 */
import { Hono } from "hono";
import { Alert } from "../components/Alert.tsx";
import { Badge } from "../components/Badge.tsx";
import { isHexColor, textOn } from "../components/color.ts";
import { EmptyState } from "../components/EmptyState.tsx";
import { formatDate } from "../components/format.ts";
import { Icon } from "../components/Icons.tsx";
import { Island } from "../components/Island.tsx";
import { PageHeader } from "../components/PageHeader.tsx";
import { PROVIDER_INFO } from "../components/providers.ts";
import type { Agent } from "../models/agents/agent.ts";
import type { AppEnv } from "../http/app_env.ts";
import { knowledgeBase, listAgents } from "../models/agents/agents.ts";
import AgentEditor from "../islands/AgentEditor.tsx";
import { newAgentFields } from "../islands/agents/agent_form.ts";
import { agentTabUrl } from "../components/AgentHeader.tsx";
import { configuredProviders } from "./agent_props.ts";
import { renderErrorPage } from "./errors.tsx";
import { requirePageSession } from "../http/page_session.ts";
import { currentUser } from "../http/session.ts";
import { renderPage } from "./render.tsx";
import { SignedInPage } from "./shell.tsx";

const STEPS = [
  { title: "Create", text: "Name your agent, set its tone and pick the widget's colour." },
  { title: "Teach", text: "Add text, upload documents or crawl your website so answers are grounded." },
  { title: "Embed", text: "Paste one script tag into your site and visitors can chat right away." },
];

function AgentCard({ agent, sources }: { agent: Agent; sources: number }) {
  const color = isHexColor(agent.widgetConfig.primaryColor) ? agent.widgetConfig.primaryColor : "#4f46e5";
  const provider = PROVIDER_INFO[agent.provider];
  return (
    <li class="card flex flex-col">
      <div class="flex flex-1 flex-col p-5">
        <div class="flex items-start gap-3">
          <span
            class="grid size-10 shrink-0 place-items-center rounded-xl shadow-xs"
            style={{ background: color, color: textOn(color) }}
            aria-hidden="true"
          >
            <Icon name="chat" class="size-5" stroke={2} />
          </span>
          <div class="min-w-0 flex-1">
            <h2 class="truncate text-base font-semibold text-slate-900">
              <a href={agentTabUrl(agent.id, "settings")} class="rounded hover:text-indigo-700">{agent.name}</a>
            </h2>
            <p class="mt-0.5 line-clamp-2 text-sm text-slate-600">
              {agent.description || agent.welcomeMessage || "No description yet."}
            </p>
          </div>
        </div>
        <div class="mt-4 flex flex-wrap gap-2">
          <Badge tone={provider.tone}>{provider.label}</Badge>
          {agent.isActive ? <Badge tone="emerald" dot>Active</Badge> : <Badge tone="slate" dot>Inactive</Badge>}
        </div>
        <dl class="mt-4 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-500">
          <div class="flex gap-1">
            <dt class="sr-only">Knowledge</dt>
            <dd>{sources === 1 ? "1 knowledge source" : `${sources} knowledge sources`}</dd>
          </div>
          <div class="flex gap-1">
            <dt>Updated</dt>
            <dd>{formatDate(agent.updatedAt)}</dd>
          </div>
        </dl>
      </div>
      <div class="flex divide-x divide-slate-200 border-t border-slate-200 text-sm font-medium">
        {([["knowledge", "Knowledge"], ["playground", "Try it"], ["embed", "Embed"]] as const).map(([tab, label]) => (
          <a
            key={tab}
            href={agentTabUrl(agent.id, tab)}
            class="flex-1 px-3 py-2.5 text-center text-slate-600 first:rounded-bl-xl last:rounded-br-xl hover:bg-slate-50 hover:text-indigo-700"
            aria-label={`${label}: ${agent.name}`}
          >
            {label}
          </a>
        ))}
      </div>
    </li>
  );
}

/** `GET /agents`, `GET /agents/new`. */
export function agentsPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/agents", requirePageSession, async (c) => {
    const user = currentUser(c);
    const deps = c.var.deps;
    const admin = user.role === "admin";
    const agents = await listAgents(deps, user);
    const counts = await Promise.all(agents.map(async (a) => (await knowledgeBase(deps, a)).length));
    const newButton = admin
      ? (
        <a href="/agents/new" class="btn-primary">
          <Icon name="plus" class="size-4" stroke={2.25} />
          New agent
        </a>
      )
      : null;
    return renderPage(
      c,
      <SignedInPage title="Agents" current="/agents" user={user}>
        <PageHeader
          title="Agents"
          description="AI support agents that answer your customers from your own knowledge."
          actions={agents.length ? newButton : null}
        />
        {c.req.query("deleted") === "1" && <Alert tone="success" class="mb-6">The agent was deleted.</Alert>}
        {agents.length === 0
          ? (
            <EmptyState
              icon="agents"
              title="Create your first agent"
              actions={newButton ?? <p class="text-sm text-slate-500">Ask a workspace admin to create one.</p>}
            >
              <p>Three steps to answers around the clock:</p>
              <ol class="mt-5 grid gap-3 text-left sm:grid-cols-3">
                {STEPS.map((s, i) => (
                  <li key={s.title} class="rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200">
                    <span class="grid size-7 place-items-center rounded-full bg-indigo-600 text-xs font-semibold text-white">
                      {i + 1}
                    </span>
                    <p class="mt-2 font-semibold text-slate-900">{s.title}</p>
                    <p class="mt-1 text-xs leading-5 text-slate-600">{s.text}</p>
                  </li>
                ))}
              </ol>
            </EmptyState>
          )
          : (
            <ul class="grid gap-5 sm:grid-cols-2 xl:grid-cols-3" aria-label="Agents">
              {agents.map((a, i) => <AgentCard key={a.id} agent={a} sources={counts[i]} />)}
            </ul>
          )}
      </SignedInPage>,
    );
  });

  app.get("/agents/new", requirePageSession, async (c) => {
    const user = currentUser(c);
    if (user.role !== "admin") {
      return renderErrorPage(c, 403, "Only workspace admins can create agents. Ask an admin to add one.");
    }
    return renderPage(
      c,
      <SignedInPage title="New agent" current="/agents" user={user}>
        <a
          href="/agents"
          class="inline-flex items-center gap-1.5 rounded text-sm font-medium text-slate-500 hover:text-slate-800"
        >
          <Icon name="arrowLeft" class="size-4" />
          All agents
        </a>
        <div class="mt-3">
          <PageHeader
            title="New agent"
            description="Give it a name, choose how it answers and style the chat widget. You'll add knowledge next."
          />
        </div>
        <Island
          name="AgentEditor"
          component={AgentEditor}
          props={{ agent: newAgentFields(), canEdit: true, configured: await configuredProviders(c.var.deps, user) }}
        />
      </SignedInPage>,
    );
  });

  return app;
}
