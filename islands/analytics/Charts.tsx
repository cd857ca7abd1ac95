/**
 * The two charts: conversations, AI-resolved and handoffs per day (lines),
 * and handoffs by reason (bars). Each is a figure: a text label, the canvas
 * (hidden from assistive technology) and a table of its numbers behind a
 * "Show the numbers" toggle.
 *
 * @module
 */
import type { ComponentChildren } from "preact";
import { useMemo } from "preact/hooks";
import { uPlot, UPlotChart } from "./UPlot.tsx";
import type { SeriesDay, Summary } from "./types.ts";

const LINES = [
  { key: "conversations", label: "Conversations", color: "#4f46e5" },
  { key: "aiResolved", label: "Resolved by AI", color: "#0d9488" },
  { key: "handoffs", label: "Handoffs", color: "#d97706" },
] as const;

/** Handoff reasons, in the API's order, as people read them. */
export const REASONS = [
  ["customer", "Customer asked"],
  ["lowConfidence", "Low confidence"],
  ["providerError", "Provider error"],
  ["staff", "Teammate took over"],
] as const;

/** The same, short enough to sit under a bar. */
const SHORT = ["Asked", "Confidence", "Error", "Teammate"];

export const AXIS = { stroke: "#475569", grid: { stroke: "#e2e8f0" }, ticks: { stroke: "#e2e8f0" } };
export const integers = (_u: uPlot, splits: number[]) => splits.map((v) => (Number.isInteger(v) ? String(v) : ""));

interface FigureProps {
  id: string;
  title: string;
  /** What the chart shows, in words (read before the table). */
  summary: string;
  legend?: ComponentChildren;
  chart: ComponentChildren;
  table: ComponentChildren;
}

/** A chart's key: a short line in each series' colour, then its name (the table says the same to screen readers). */
export function LineLegend({ lines }: { lines: readonly { label: string; color: string }[] }) {
  return (
    <ul class="mt-3 flex flex-wrap gap-4 text-xs text-slate-700" aria-hidden="true">
      {lines.map((l) => (
        <li key={l.label} class="flex items-center gap-1.5">
          <span class="inline-block h-0.5 w-4" style={{ background: l.color }} />
          {l.label}
        </li>
      ))}
    </ul>
  );
}

export function Figure({ id, title, summary, legend, chart, table }: FigureProps) {
  return (
    <figure class="card min-w-0 p-5" aria-labelledby={`${id}-title`}>
      <figcaption>
        <h2 id={`${id}-title`} class="text-base font-semibold text-slate-900">{title}</h2>
        <p class="mt-1 text-sm text-slate-600">{summary}</p>
      </figcaption>
      {legend}
      <div class="mt-4">{chart}</div>
      <details class="mt-3 text-sm">
        <summary class="cursor-pointer font-medium text-indigo-700">Show the numbers</summary>
        {/* Focusable: a scrolling region must be reachable from the keyboard. */}
        <div class="mt-2 max-h-80 overflow-auto" tabIndex={0} role="region" aria-label={`${title}: the numbers`}>
          {table}
        </div>
      </details>
    </figure>
  );
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
export const th = "py-1.5 pr-4 text-left font-medium text-slate-600";
export const td = "py-1.5 pr-4 text-right tabular-nums";

/** The x values of a per-day chart: each day's noon (UTC), in seconds. */
export const dayTimes = (days: SeriesDay[]) => days.map((d) => Date.parse(`${d.day}T12:00:00Z`) / 1000);

/**
 * The options of a chart of counts per day, one line each (the daily chart's and the categories'): the y axis from 0,
 * at least 4 high, whole numbers; points shown up to a month of days.
 */
export function countLinesOptions(
  lines: readonly { label: string; color: string }[],
  dayCount: number,
): Omit<uPlot.Options, "width" | "height"> {
  return {
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(max, 4)] } },
    axes: [{ ...AXIS }, { ...AXIS, values: integers }],
    series: [
      {},
      ...lines.map((l) => ({ label: l.label, stroke: l.color, width: 2, points: { show: dayCount <= 31 } })),
    ],
  };
}

/** Conversations, AI-resolved and handoffs per day. */
export function DailyChart({ days }: { days: SeriesDay[] }) {
  const data = useMemo<uPlot.AlignedData>(
    () => [dayTimes(days), ...LINES.map((l) => days.map((d) => d[l.key]))],
    [days],
  );
  const options = useMemo(() => countLinesOptions(LINES, days.length), [days.length]);
  const total = (k: (typeof LINES)[number]["key"]) => days.reduce((n, d) => n + d[k], 0);
  return (
    <Figure
      id="daily"
      title="Conversations per day"
      summary={`${plural(total("conversations"), "conversation")}, ${total("aiResolved")} resolved by AI and ${
        plural(total("handoffs"), "handoff")
      } over ${days.length} days.`}
      legend={<LineLegend lines={LINES} />}
      chart={<UPlotChart name="daily" options={options} data={data} height={260} />}
      table={
        <table class="w-full" data-table="daily">
          <caption class="sr-only">Conversations, resolved by AI and handoffs per day</caption>
          <thead>
            <tr>
              <th scope="col" class={th}>Day</th>
              {LINES.map((l) => <th key={l.key} scope="col" class={`${th} text-right`}>{l.label}</th>)}
            </tr>
          </thead>
          <tbody class="divide-y divide-slate-100">
            {days.map((d) => (
              <tr key={d.day}>
                <th scope="row" class="py-1.5 pr-4 text-left font-normal">{d.day}</th>
                {LINES.map((l) => <td key={l.key} class={td}>{d[l.key]}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

/** Handoffs by reason. */
export function ReasonsChart({ summary }: { summary: Summary }) {
  const counts = REASONS.map(([k]) => summary.handoffReasons[k]);
  const data = useMemo<uPlot.AlignedData>(() => [REASONS.map((_, i) => i), counts], [counts.join()]);
  const options = useMemo<Omit<uPlot.Options, "width" | "height">>(() => ({
    legend: { show: false },
    cursor: { show: false },
    scales: {
      x: { time: false, range: [-0.5, REASONS.length - 0.5] },
      y: { range: (_u, _min, max) => [0, Math.max(max, 4)] },
    },
    axes: [
      {
        ...AXIS,
        grid: { show: false },
        splits: () => REASONS.map((_, i) => i),
        values: () => SHORT,
      },
      { ...AXIS, values: integers },
    ],
    series: [{}, {
      label: "Handoffs",
      fill: "#6366f1",
      stroke: "#4f46e5",
      paths: uPlot.paths.bars!({ size: [0.6, 80] }),
      points: { show: false },
    }],
  }), []);
  return (
    <Figure
      id="reasons"
      title="Handoffs by reason"
      summary={summary.handoffs
        ? REASONS.map(([k, label]) => `${label}: ${summary.handoffReasons[k]}`).join(", ") + "."
        : "No handoffs in this period."}
      chart={<UPlotChart name="reasons" options={options} data={data} height={220} />}
      table={
        <table class="w-full" data-table="reasons">
          <caption class="sr-only">Handoffs by reason</caption>
          <thead>
            <tr>
              <th scope="col" class={th}>Reason</th>
              <th scope="col" class={`${th} text-right`}>Handoffs</th>
            </tr>
          </thead>
          <tbody class="divide-y divide-slate-100">
            {REASONS.map(([k, label]) => (
              <tr key={k} data-reason={k}>
                <th scope="row" class="py-1.5 pr-4 text-left font-normal">{label}</th>
                <td class={td}>{summary.handoffReasons[k]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
