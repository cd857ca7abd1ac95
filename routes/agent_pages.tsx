/**
 * The pages of one agent, one tab each: Settings (`/agents/:id`), Knowledge,
 * Playground and Embed. Another workspace's agent, or an unknown id, is a
 * 404 page (the model refuses it).
 *
 * @module
 */
import { Hono } from "hono";
import type { Context } from "hono";
import type { ComponentChildren } from "preact";
import { AgentHeader, type AgentTab, agentTabLabel, agentTabUrl } from "../components/AgentHeader.tsx";
import { Alert } from "../components/Alert.tsx";
import { Icon } from "../components/Icons.tsx";
import { Island } from "../components/Island.tsx";
import { PROVIDER_INFO } from "../components/providers.ts";
import { SectionCard } from "../components/SectionCard.tsx";
import type { Agent } from "../models/agents/agent.ts";
import type { AppEnv } from "../http/app_env.ts";
import { embedSnippet, getAgent } from "../models/agents/agents.ts";
import type { User } from "../models/accounts/user.ts";
import AgentEditor from "../islands/AgentEditor.tsx";
import AgentExperiments from "../islands/AgentExperiments.tsx";
import { listExperiments } from "../models/experiments/experiments.ts";
import { experimentJson } from "../models/experiments/wire.ts";
import EmbedCode from "../islands/EmbedCode.tsx";
import KnowledgeManager from "../islands/KnowledgeManager.tsx";
import Playground from "../islands/Playground.tsx";
import { agentFields, configuredProviders } from "./agent_props.ts";
import { requirePageSession } from "../http/page_session.ts";
import { currentUser } from "../http/session.ts";
import { renderPage } from "./render.tsx";
import { SignedInPage } from "./shell.tsx";

async function load(c: Context<AppEnv>): Promise<{ user: User; agent: Agent }> {
  const user = currentUser(c);
  return { user, agent: await getAgent(c.var.deps, user, c.req.param("id") ?? "") };
}

function page(c: Context<AppEnv>, user: User, agent: Agent, tab: AgentTab, children: ComponentChildren) {
  return renderPage(
    c,
    <SignedInPage title={`${agent.name} – ${agentTabLabel(tab)}`} current="/agents" user={user}>
      <AgentHeader
        id={agent.id}
        name={agent.name}
        description={agent.description}
        provider={agent.provider}
        isActive={agent.isActive}
        current={tab}
      />
      {children}
    </SignedInPage>,
  );
}

function PlaygroundTips({ agent }: { agent: Agent }) {
  const provider = PROVIDER_INFO[agent.provider];
  return (
    <SectionCard id="playground-tips-heading" title="How it answers">
      <dl class="space-y-3 text-sm">
        <div class="flex justify-between gap-3">
          <dt class="text-slate-500">Provider</dt>
          <dd class="font-medium text-slate-900">{provider.label}{agent.model ? ` · ${agent.model}` : ""}</dd>
        </div>
        <div class="flex justify-between gap-3">
          <dt class="text-slate-500">Hand-off below</dt>
          <dd class="font-medium text-slate-900">{Math.round(agent.handoffThreshold * 100)}% confidence</dd>
        </div>
      </dl>
      <ul class="list-disc space-y-2 pl-5 text-sm text-slate-600">
        <li>Ask in your customers' words; answers come only from the agent's knowledge.</li>
        <li>Each answer lists the sources it used and how sure the AI is.</li>
        <li>Try “Can I talk to a person?” to see when the chat would go to your team.</li>
      </ul>
      <ul class="space-y-2 border-t border-slate-100 pt-4 text-sm">
        <li>
          <a href={agentTabUrl(agent.id, "knowledge")} class="link inline-flex items-center gap-1.5">
            Edit its knowledge <Icon name="arrowRight" class="size-4" />
          </a>
        </li>
        <li>
          <a href={agentTabUrl(agent.id, "settings")} class="link inline-flex items-center gap-1.5">
            Agent settings <Icon name="arrowRight" class="size-4" />
          </a>
        </li>
      </ul>
    </SectionCard>
  );
}

/** `GET /agents/:id`, `/agents/:id/knowledge`, `/agents/:id/playground`, `/agents/:id/embed`. */
export function agentPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/agents/:id", requirePageSession, async (c) => {
    const { user, agent } = await load(c);
    return page(
      c,
      user,
      agent,
      "settings",
      <>
        {c.req.query("saved") === "1" && <Alert tone="success" class="mb-6">Changes saved.</Alert>}
        <Island
          name="AgentEditor"
          component={AgentEditor}
          props={{
            agentId: agent.id,
            agent: agentFields(agent),
            canEdit: user.role === "admin",
            configured: await configuredProviders(c.var.deps, user),
          }}
        />
        <div class="mt-8">
          <Island
            name="AgentExperiments"
            component={AgentExperiments}
            props={{
              agentId: agent.id,
              canEdit: user.role === "admin",
              experiments: (await listExperiments(c.var.deps, user, agent.id)).map(experimentJson),
              agent: {
                prompt: agent.prompt,
                model: agent.model,
                temperature: agent.temperature,
                provider: agent.provider,
              },
            }}
          />
        </div>
      </>,
    );
  });

  app.get("/agents/:id/knowledge", requirePageSession, async (c) => {
    const { user, agent } = await load(c);
    return page(
      c,
      user,
      agent,
      "knowledge",
      <>
        {c.req.query("created") === "1" && (
          <Alert tone="success" title={`${agent.name} is created`} class="mb-6">
            Now teach it: paste your FAQ, upload a document or crawl your help centre. Then try it in the Playground.
          </Alert>
        )}
        <Island
          name="KnowledgeManager"
          component={KnowledgeManager}
          props={{
            agentId: agent.id,
            canEdit: user.role === "admin",
            playgroundHref: agentTabUrl(agent.id, "playground"),
          }}
        />
      </>,
    );
  });

  app.get("/agents/:id/playground", requirePageSession, async (c) => {
    const { user, agent } = await load(c);
    return page(
      c,
      user,
      agent,
      "playground",
      <div class="grid gap-8 xl:grid-cols-3">
        <div class="xl:col-span-2">
          <Island
            name="Playground"
            component={Playground}
            props={{
              agentId: agent.id,
              agentName: agent.name,
              welcomeMessage: agent.welcomeMessage,
              handoffThreshold: agent.handoffThreshold,
            }}
          />
        </div>
        <div>
          <PlaygroundTips agent={agent} />
        </div>
      </div>,
    );
  });

  app.get("/agents/:id/embed", requirePageSession, async (c) => {
    const { user, agent } = await load(c);
    const { snippet, instructions } = embedSnippet(c.var.deps, agent);
    return page(
      c,
      user,
      agent,
      "embed",
      <Island
        name="EmbedCode"
        component={EmbedCode}
        props={{ snippet, instructions, isActive: agent.isActive, settingsHref: agentTabUrl(agent.id, "settings") }}
      />,
    );
  });

  return app;
}
