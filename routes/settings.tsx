/**
 * Settings (`/settings`): the AI providers the workspace's agents can answer
 * with (admins manage keys; members see a note), the team's canned
 * responses (everyone manages them), the escalation rules (admins change
 * them; members read them), the analytics time zone and resolution window
 * (admins change them; members read them), and where each agent's embed snippet lives.
 *
 * @module
 */
import { Hono } from "hono";
import { agentTabUrl } from "../components/AgentHeader.tsx";
import { Icon } from "../components/Icons.tsx";
import { Alert } from "../components/Alert.tsx";
import { Island } from "../components/Island.tsx";
import { PageHeader } from "../components/PageHeader.tsx";
import type { AppEnv } from "../http/app_env.ts";
import { listAgents } from "../models/agents/agents.ts";
import AnalyticsSettings from "../islands/AnalyticsSettings.tsx";
import CannedResponses from "../islands/CannedResponses.tsx";
import EscalationRules from "../islands/EscalationRules.tsx";
import { RuleSentences } from "../islands/settings/escalation/RuleSentences.tsx";
import ProviderSettings from "../islands/ProviderSettings.tsx";
import SentimentCategories from "../islands/SentimentCategories.tsx";
import { listCategories } from "../models/categories/categories.ts";
import { ruleOf } from "../models/sentiment/rules.ts";
import { analyticsSettings } from "../models/analytics/settings.ts";
import { listCanned } from "../models/tickets/canned.ts";
import { getRules } from "../models/tickets/escalation.ts";
import { providerStates } from "./agent_props.ts";
import { requirePageSession } from "../http/page_session.ts";
import { currentUser } from "../http/session.ts";
import { renderPage } from "./render.tsx";
import { SignedInPage } from "./shell.tsx";

/** `GET /settings`. */
export function settingsPage(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/settings", requirePageSession, async (c) => {
    const user = currentUser(c);
    const admin = user.role === "admin";
    const [agents, providers, canned, escalation, sentimentRule, categories, analytics] = await Promise.all([
      listAgents(c.var.deps, user),
      admin ? providerStates(c.var.deps, user) : Promise.resolve(null),
      listCanned(c.var.deps, user),
      getRules(c.var.deps, user),
      ruleOf(c.var.deps, user.workspaceId),
      listCategories(c.var.deps, user),
      analyticsSettings(c.var.deps, user.workspaceId),
    ]);
    const cannedResponses = canned.map(({ id, title, shortcut, body }) => ({ id, title, shortcut, body }));
    return renderPage(
      c,
      <SignedInPage title="Settings" current="/settings" user={user}>
        <PageHeader
          title="Settings"
          description={`AI providers, canned responses, escalation and the chat widget for ${user.company}.`}
        />
        <p class="-mt-2 mb-6 text-sm">
          <a href="/settings/integrations" class="link">Integrations: Slack and Zendesk →</a>
        </p>
        <div class="divide-y divide-slate-200">
          <section class="grid gap-6 pb-10 lg:grid-cols-3" aria-labelledby="providers-heading">
            <div>
              <h2 id="providers-heading" class="text-base font-semibold text-slate-900">AI providers</h2>
              <p class="mt-1 text-sm text-slate-600">
                Connect the models your agents answer with. Keys are encrypted and never shown again; only their last
                characters are.
              </p>
              <p class="mt-3 text-sm text-slate-600">
                The built-in offline responder needs no key, so agents work before you connect anything.
              </p>
            </div>
            <div class="lg:col-span-2">
              {providers
                ? <Island name="ProviderSettings" component={ProviderSettings} props={{ providers }} />
                : (
                  <Alert tone="info" title="Managed by your admins">
                    Only workspace admins can see and change AI provider keys. The built-in offline responder needs no
                    key.
                  </Alert>
                )}
            </div>
          </section>
          <section class="grid gap-6 py-10 lg:grid-cols-3" aria-labelledby="canned-heading">
            <div>
              <h2 id="canned-heading" class="text-base font-semibold text-slate-900">Canned responses</h2>
              <p class="mt-1 text-sm text-slate-600">
                Replies your team sends often, saved once. In a ticket's reply box, type <kbd class="font-mono">/</kbd>
                {" "}
                and the shortcut (or use the Canned button) to insert one.
              </p>
            </div>
            <div class="lg:col-span-2">
              <Island name="CannedResponses" component={CannedResponses} props={{ cannedResponses }} />
            </div>
          </section>
          <section class="grid gap-6 py-10 lg:grid-cols-3" aria-labelledby="escalation-heading">
            <div>
              <h2 id="escalation-heading" class="text-base font-semibold text-slate-900">Escalation</h2>
              <p class="mt-1 text-sm text-slate-600">
                What happens to a ticket nobody on the team has answered yet. Each rule runs once per ticket, counted
                from when the ticket opened, and is noted in its thread.
              </p>
            </div>
            <div class="lg:col-span-2">
              {admin
                ? <Island name="EscalationRules" component={EscalationRules} props={{ rules: escalation.rules }} />
                : <RuleSentences rules={escalation.rules} />}
            </div>
          </section>
          <section class="grid gap-6 py-10 lg:grid-cols-3" aria-labelledby="sentiment-heading" id="sentiment">
            <div>
              <h2 id="sentiment-heading" class="text-base font-semibold text-slate-900">Sentiment and categories</h2>
              <p class="mt-1 text-sm text-slate-600">
                Every customer message gets a sentiment, offline. Strongly negative ones can raise the ticket's priority
                and go to a person at once.
              </p>
              <p class="mt-3 text-sm text-slate-600">
                Categories tag new conversations and tickets by their closeness to your examples. Change a ticket's tags
                and the categories learn from it.
              </p>
            </div>
            <div class="lg:col-span-2">
              <Island
                name="SentimentCategories"
                component={SentimentCategories}
                props={{
                  admin,
                  rule: sentimentRule,
                  categories: categories.map(({ id, name, description, examples, counterExamples }) => ({
                    id,
                    name,
                    description,
                    examples,
                    counterExamples,
                  })),
                }}
              />
            </div>
          </section>
          <section class="grid gap-6 py-10 lg:grid-cols-3" aria-labelledby="analytics-heading">
            <div>
              <h2 id="analytics-heading" class="text-base font-semibold text-slate-900">Analytics</h2>
              <p class="mt-1 text-sm text-slate-600">
                The time zone your <a href="/analytics" class="link">analytics</a>{" "}
                count days in, and when an AI answer counts as resolving a conversation.
              </p>
            </div>
            <div class="lg:col-span-2">
              {admin
                ? <Island name="AnalyticsSettings" component={AnalyticsSettings} props={analytics} />
                : (
                  <dl class="card grid gap-4 px-5 py-5 text-sm sm:grid-cols-2 sm:px-6">
                    <div>
                      <dt class="font-medium text-slate-900">Time zone</dt>
                      <dd class="mt-1 text-slate-600">{analytics.timeZone}</dd>
                    </div>
                    <div>
                      <dt class="font-medium text-slate-900">Resolution window</dt>
                      <dd class="mt-1 text-slate-600">{analytics.resolutionWindowMinutes} minutes</dd>
                    </div>
                    <p class="text-slate-500 sm:col-span-2">Only workspace admins can change these.</p>
                  </dl>
                )}
            </div>
          </section>
          {admin && (
            <section class="grid gap-6 py-10 lg:grid-cols-3" aria-labelledby="webhooks-heading">
              <div>
                <h2 id="webhooks-heading" class="text-base font-semibold text-slate-900">Webhooks</h2>
                <p class="mt-1 text-sm text-slate-600">
                  Send events (new tickets, messages, handoffs…) to your own systems, signed per Standard Webhooks.
                </p>
              </div>
              <div class="card flex items-center justify-between gap-3 px-5 py-4 sm:px-6 lg:col-span-2">
                <p class="text-sm text-slate-600">Endpoints, their secrets and delivery logs.</p>
                <a href="/settings/webhooks" class="btn-secondary shrink-0">Manage webhooks</a>
              </div>
            </section>
          )}
          {admin && (
            <section class="grid gap-6 py-10 lg:grid-cols-3" aria-labelledby="api-keys-heading">
              <div>
                <h2 id="api-keys-heading" class="text-base font-semibold text-slate-900">API keys</h2>
                <p class="mt-1 text-sm text-slate-600">
                  Let your own code read and change tickets and conversations through the REST API and event stream.
                </p>
              </div>
              <div class="card flex items-center justify-between gap-3 px-5 py-4 sm:px-6 lg:col-span-2">
                <p class="text-sm text-slate-600">
                  Keys, their scopes and last use. <a href="/api/docs" class="link">API reference</a>
                </p>
                <a href="/settings/api-keys" class="btn-secondary shrink-0">Manage API keys</a>
              </div>
            </section>
          )}
          <section class="grid gap-6 pt-10 lg:grid-cols-3" aria-labelledby="embed-heading">
            <div>
              <h2 id="embed-heading" class="text-base font-semibold text-slate-900">Chat widget</h2>
              <p class="mt-1 text-sm text-slate-600">
                Each agent has its own embed snippet and look. Open an agent's Embed tab to copy it.
              </p>
            </div>
            <div class="card lg:col-span-2">
              {agents.length === 0
                ? (
                  <p class="px-5 py-6 text-sm text-slate-600 sm:px-6">
                    No agents yet. {admin
                      ? <a href="/agents/new" class="link">Create your first agent</a>
                      : "Ask an admin to create one."}
                  </p>
                )
                : (
                  <ul class="divide-y divide-slate-100">
                    {agents.map((a) => (
                      <li key={a.id} class="flex items-center justify-between gap-3 px-5 py-3.5 sm:px-6">
                        <span class="min-w-0 truncate text-sm font-medium text-slate-900">{a.name}</span>
                        <a href={agentTabUrl(a.id, "embed")} class="btn-secondary shrink-0">
                          <Icon name="copy" class="size-4" />
                          Embed snippet<span class="sr-only">for {a.name}</span>
                        </a>
                      </li>
                    ))}
                  </ul>
                )}
            </div>
          </section>
        </div>
      </SignedInPage>,
    );
  });
  return app;
}
