/**
 * The analytics page (staff): the period in the URL (`from`, `to`,
 * `agentId`; the last 30 days by default) rendered on the server from the
 * same queries `/api/analytics` answers, then kept live by the
 * `Analytics` island.
 *
 * @module
 */
import { Hono } from "hono";
import { Island } from "../components/Island.tsx";
import { PageHeader } from "../components/PageHeader.tsx";
import type { AppEnv } from "../http/app_env.ts";
import { requirePageSession } from "../http/page_session.ts";
import { currentUser } from "../http/session.ts";
import Analytics, { type AnalyticsProps } from "../islands/Analytics.tsx";
import { listAgents } from "../models/agents/agents.ts";
import { periodOf, summary, team, timeseries } from "../models/analytics/queries.ts";
import { gaps, topics } from "../models/analytics/topic_queries.ts";
import { type TaggedQuery, taggedQuerySchema } from "../models/analytics/wire.ts";
import { renderPage } from "./render.tsx";
import { SignedInPage } from "./shell.tsx";

/** `GET /analytics`. */
export function analyticsPage(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/analytics", requirePageSession, async (c) => {
    const user = currentUser(c);
    const deps = c.var.deps;
    const today = (await periodOf(deps, user, {})).to;
    // A bad or too long period in the URL falls back to the last 30 days rather than an error page.
    const parsed = taggedQuerySchema.safeParse(c.req.query());
    let q: TaggedQuery = parsed.success ? parsed.data : {};
    const period = await periodOf(deps, user, q).catch(() => null);
    if (!period) q = {};
    // The tag filters every panel (the cards, series, team, questions and gaps) and the export.
    const [s, t, m, tp, g, agents] = await Promise.all([
      summary(deps, user, q),
      timeseries(deps, user, q),
      team(deps, user, q),
      topics(deps, user, { ...q, limit: 10 }),
      gaps(deps, user, { ...q, limit: 10 }),
      listAgents(deps, user),
    ]);
    const props: AnalyticsProps = {
      filters: { from: s.from, to: s.to, agentId: s.agentId ?? "", tag: s.tag ?? "" },
      today,
      agents: agents.map((a) => ({ id: a.id, name: a.name })),
      data: {
        summary: s,
        days: t.days,
        heatmap: t.heatmap,
        categories: t.categories,
        teammates: m.teammates,
        topics: tp.topics,
        gaps: g.gaps,
      },
    };
    return renderPage(
      c,
      <SignedInPage title="Analytics" current="/analytics" user={user}>
        <PageHeader title="Analytics" description="How your support is doing: volume, automation, speed and ratings." />
        <Island name="Analytics" component={Analytics} props={props} />
      </SignedInPage>,
    );
  });
  return app;
}
