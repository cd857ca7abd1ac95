/**
 * The analytics page's island: the filters (kept in the URL with
 * `history.replaceState`), the cards with the change from the previous
 * period, the charts (uPlot, bundled only here) with their tables, the team
 * table, the hour-of-week heatmap, common questions and knowledge gaps (with
 * their fix) and the CSV download. The server renders the first period; each
 * filter change fetches `/api/analytics/{summary,timeseries,team,topics,gaps}`.
 *
 * @module
 */
import { useRef, useState } from "preact/hooks";
import { EmptyState } from "../components/EmptyState.tsx";
import { Cards } from "./analytics/Cards.tsx";
import { DailyChart, ReasonsChart } from "./analytics/Charts.tsx";
import { CategoryChart, SentimentChart } from "./analytics/Trends.tsx";
import { Filters } from "./analytics/Filters.tsx";
import { filterQuery } from "./analytics/format.ts";
import { TeamTable } from "./analytics/TeamTable.tsx";
import { Heatmap } from "./analytics/Heatmap.tsx";
import { Gaps, Topics } from "./analytics/Questions.tsx";
import type {
  AnalyticsData,
  AnalyticsFilters,
  CategoryVolume,
  Gap,
  SeriesDay,
  Summary,
  Teammate,
  Topic,
} from "./analytics/types.ts";
import { api } from "./shared/api.ts";

/** Props of {@linkcode Analytics}. */
export interface AnalyticsProps {
  filters: AnalyticsFilters;
  /** Today in the workspace's time zone. */
  today: string;
  agents: { id: string; name: string }[];
  data: AnalyticsData;
}

async function load(f: AnalyticsFilters): Promise<AnalyticsData | string> {
  // The tag filters every panel, as it does the export.
  const q = filterQuery(f);
  const [s, t, m, tp, g] = await Promise.all([
    api<Summary>("GET", `/api/analytics/summary?${q}`),
    api<{ days: SeriesDay[]; heatmap: number[][]; categories: CategoryVolume[] }>(
      "GET",
      `/api/analytics/timeseries?${q}`,
    ),
    api<{ teammates: Teammate[] }>("GET", `/api/analytics/team?${q}`),
    api<{ topics: Topic[] }>("GET", `/api/analytics/topics?${q}&limit=10`),
    api<{ gaps: Gap[] }>("GET", `/api/analytics/gaps?${q}&limit=10`),
  ]);
  for (const r of [s, t, m, tp, g]) if (!r.ok) return r.error.message;
  if (!s.ok || !t.ok || !m.ok || !tp.ok || !g.ok) return "";
  return {
    summary: s.data,
    days: t.data.days,
    heatmap: t.data.heatmap,
    categories: t.data.categories,
    teammates: m.data.teammates,
    topics: tp.data.topics,
    gaps: g.data.gaps,
  };
}

/** The analytics dashboard. */
export default function Analytics(props: AnalyticsProps) {
  const [filters, setFilters] = useState(props.filters);
  const [data, setData] = useState(props.data);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const latest = useRef(0);

  const change = async (next: AnalyticsFilters) => {
    if (next.from > next.to) return setError("The first day must not be after the last.");
    setFilters(next);
    history.replaceState(null, "", `${location.pathname}?${filterQuery(next)}`);
    const mine = ++latest.current;
    setBusy(true);
    const answer = await load(next);
    if (mine !== latest.current) return; // a newer change is on its way
    setBusy(false);
    if (typeof answer === "string") return setError(answer);
    setError("");
    setData(answer);
  };

  const s = data.summary;
  const empty = !s.conversations && !s.handoffs && !s.csat.responses && !data.teammates.length;
  return (
    <div class="space-y-6" aria-busy={busy}>
      <Filters filters={filters} today={props.today} agents={props.agents} onChange={change} />
      <div class="flex flex-wrap items-center justify-between gap-3">
        <p class="text-sm text-slate-600" aria-live="polite" data-period>
          {busy ? "Updating…" : `${s.from} to ${s.to} (${s.timeZone})`}
        </p>
        <a class="btn-secondary" href={`/api/analytics/export.csv?${filterQuery(filters)}`} download>
          Download CSV
        </a>
      </div>
      {error && <p role="alert" class="text-sm font-medium text-red-700">{error}</p>}
      {filters.tag && (
        <p class="text-sm text-slate-600" data-tag-note>
          Every panel and the CSV: conversations started in the period whose ticket is tagged{" "}
          <strong>{filters.tag}</strong>, each counted on the day it started.
        </p>
      )}
      <Cards summary={s} />
      {empty
        ? (
          <EmptyState icon="analytics" title="No conversations in this period">
            <p>
              Pick a longer period or another agent. Once visitors chat with your agents, their conversations, the share
              resolved by AI, handoffs and ratings show up here.
            </p>
          </EmptyState>
        )
        : (
          <>
            <DailyChart days={data.days} />
            <div class="grid items-start gap-6 lg:grid-cols-2">
              <ReasonsChart summary={s} />
              <TeamTable teammates={data.teammates} />
            </div>
            <div class="grid items-start gap-6 lg:grid-cols-2">
              <SentimentChart days={data.days} summary={s} />
              <CategoryChart days={data.days} categories={data.categories} />
            </div>
            <Heatmap heatmap={data.heatmap} timeZone={s.timeZone} />
            <div class="grid items-start gap-6 lg:grid-cols-2">
              <Topics topics={data.topics} />
              <Gaps gaps={data.gaps} onFixed={() => change(filters)} />
            </div>
          </>
        )}
    </div>
  );
}
