/**
 * The headline cards: each metric of the period with its change from the
 * period of equal length before it.
 *
 * @module
 */
import { change, csat, duration, percent } from "./format.ts";
import type { PeriodMetrics, Summary } from "./types.ts";

interface Card {
  label: string;
  value: string;
  /** The change from the previous period, or a note. */
  note: string;
}

const vs = (now: number | null, before: number | null) => {
  const c = change(now, before);
  return c ? `${c} vs previous period` : "Nothing to compare with";
};

function cards(s: Summary): Card[] {
  const p: PeriodMetrics = s.previous;
  return [
    { label: "Conversations", value: String(s.conversations), note: vs(s.conversations, p.conversations) },
    { label: "Customers", value: String(s.customers), note: vs(s.customers, p.customers) },
    {
      label: "Resolved by AI",
      value: percent(s.automationRate),
      note: `${s.aiResolved} of ${s.conversations} · ${vs(s.aiResolved, p.aiResolved)}`,
    },
    { label: "Handoffs", value: String(s.handoffs), note: vs(s.handoffs, p.handoffs) },
    {
      label: "First response (median)",
      value: duration(s.firstResponseSeconds.median),
      note: vs(s.firstResponseSeconds.median, p.firstResponseSeconds.median),
    },
    {
      label: "Resolution (median)",
      value: duration(s.resolutionSeconds.median),
      note: vs(s.resolutionSeconds.median, p.resolutionSeconds.median),
    },
    {
      label: "Customer satisfaction",
      value: csat(s.csat.average),
      note: s.csat.responses
        ? `${s.csat.responses} rating${s.csat.responses === 1 ? "" : "s"} · ${vs(s.csat.average, p.csat.average)}`
        : "No ratings in this period",
    },
    {
      // Conversations the AI answered without a ticket, rated from the widget ("This solved it").
      label: "AI answer rating",
      value: csat(s.aiCsat.average),
      note: s.aiCsat.responses
        ? `${s.aiCsat.responses} rating${s.aiCsat.responses === 1 ? "" : "s"} · ${
          vs(s.aiCsat.average, p.aiCsat.average)
        }`
        : "No ratings in this period",
    },
  ];
}

/** The cards, as a description list. */
export function Cards({ summary }: { summary: Summary }) {
  return (
    <dl class="grid grid-cols-2 gap-3 sm:gap-4 xl:grid-cols-4">
      {cards(summary).map((c) => (
        <div key={c.label} class="card p-4 sm:p-5" data-metric={c.label}>
          <dt class="text-sm font-medium text-slate-600">{c.label}</dt>
          <dd class="mt-2 text-3xl font-semibold tracking-tight text-slate-900" data-value>{c.value}</dd>
          <dd class="mt-1 text-xs text-slate-600">{c.note}</dd>
        </div>
      ))}
    </dl>
  );
}
