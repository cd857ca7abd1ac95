/**
 * The dashboard home: a welcome, the getting-started checklist and the
 * last 30 days' headline numbers, from the analytics summary (the same
 * figures `/api/analytics/summary` answers), each linking to the analytics.
 *
 * @module
 */
import { Hono } from "hono";
import { firstName } from "../components/format.ts";
import { Icon, type IconName } from "../components/Icons.tsx";
import { PageHeader } from "../components/PageHeader.tsx";
import type { AppEnv } from "../http/app_env.ts";
import { listAgents } from "../models/agents/agents.ts";
import { summary } from "../models/analytics/queries.ts";
import { listInvites, listUsers } from "../models/accounts/team.ts";
import type { User } from "../models/accounts/user.ts";
import { GettingStarted, type Step } from "../components/GettingStarted.tsx";
import { requirePageSession } from "../http/page_session.ts";
import { currentUser } from "../http/session.ts";
import { renderPage } from "./render.tsx";
import { SignedInPage } from "./shell.tsx";

interface Stat {
  label: string;
  value: string;
  note: string;
  icon: IconName;
}

/** "+12% vs the 30 days before", or nothing to compare with. */
function change(now: number, before: number): string {
  if (!before) return now ? "New this period" : "";
  const pct = Math.round(((now - before) / before) * 100);
  return `${pct > 0 ? "+" : ""}${pct}% vs the 30 days before`;
}

const plural = (n: number, one: string, many = one + "s") => `${n} ${n === 1 ? one : many}`;

/** The four cards, from the summary of the last 30 days. */
function stats(s: Awaited<ReturnType<typeof summary>>): Stat[] {
  return [
    {
      label: "Conversations",
      value: String(s.conversations),
      note: s.conversations ? change(s.conversations, s.previous.conversations) : "No conversations yet",
      icon: "chat",
    },
    {
      label: "Resolved by AI",
      value: s.automationRate === null ? "–" : `${Math.round(s.automationRate * 100)}%`,
      note: s.conversations
        ? `${s.aiResolved} of ${plural(s.conversations, "conversation")}`
        : "Appears after your first chats",
      icon: "sparkles",
    },
    {
      label: "Handed to the team",
      value: String(s.handoffs),
      note: s.handoffs ? `${plural(s.ticketsResolved, "ticket")} resolved` : "Nothing handed off",
      icon: "inbox",
    },
    {
      label: "Customer satisfaction",
      value: s.csat.average === null ? "–" : `${s.csat.average.toFixed(1)} / 5`,
      note: s.csat.responses ? plural(s.csat.responses, "rating") : "Ratings show up here",
      icon: "star",
    },
  ];
}

interface Progress {
  agents: number;
  trained: boolean;
  teamStarted: boolean;
}

function steps(user: User, p: Progress): Step[] {
  const admin = user.role === "admin";
  return [
    {
      title: "Create an agent",
      text: "Give your AI support agent a name, a tone of voice and instructions.",
      href: p.agents ? "/agents" : "/agents/new",
      cta: "Create agent",
      done: p.agents > 0,
    },
    {
      title: "Add knowledge",
      text: "Teach it with text, documents or your website so answers are grounded in your content.",
      href: "/agents",
      cta: "Add knowledge",
      done: p.trained,
    },
    {
      title: "Embed the widget",
      text: "Paste one script tag into your site and visitors can chat right away.",
      href: "/agents",
      cta: "Get the snippet",
      done: false,
    },
    {
      title: "Invite your team",
      text: admin
        ? "Bring in teammates to pick up conversations the AI hands off."
        : "Your workspace admin can invite more teammates to share the inbox.",
      href: admin ? "/team" : "/inbox",
      cta: admin ? "Invite teammates" : "Open inbox",
      done: p.teamStarted,
    },
  ];
}

/** `GET /`. */
export function homePage(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/", requirePageSession, async (c) => {
    const user = currentUser(c);
    const [agents, last30] = await Promise.all([listAgents(c.var.deps, user), summary(c.var.deps, user, {})]);
    let teamStarted = user.role !== "admin";
    if (user.role === "admin") {
      const [members, invites] = await Promise.all([listUsers(c.var.deps, user), listInvites(c.var.deps, user)]);
      teamStarted = members.length > 1 || invites.length > 0;
    }
    return renderPage(
      c,
      <SignedInPage title="Home" current="/" user={user}>
        <PageHeader
          title={`Welcome, ${firstName(user.name)}`}
          description={`Let's get ${user.company} answering customers around the clock.`}
        />
        <GettingStarted
          steps={steps(user, {
            agents: agents.length,
            trained: agents.some((a) => a.activeVersionId),
            teamStarted,
          })}
        />
        <section aria-labelledby="stats-heading" class="mt-10">
          <div class="flex items-baseline justify-between gap-4">
            <h2 id="stats-heading" class="text-base font-semibold text-slate-900">Last 30 days</h2>
            <a href="/analytics" class="text-sm font-medium text-indigo-600 hover:text-indigo-500">See analytics</a>
          </div>
          <dl class="mt-4 grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
            {stats(last30).map((s) => (
              <div key={s.label} class="card p-5" data-stat={s.label}>
                <dt class="flex items-center gap-2 text-sm font-medium text-slate-600">
                  <Icon name={s.icon} class="size-5 text-slate-400" />
                  {s.label}
                </dt>
                <dd class="mt-3 text-3xl font-semibold tracking-tight text-slate-900">{s.value}</dd>
                <dd class="mt-1 text-xs text-slate-500">{s.note}</dd>
              </div>
            ))}
          </dl>
        </section>
      </SignedInPage>,
    );
  });
  return app;
}
