/**
 * Customers' sentiment per day (average score and share of negative
 * messages, lines) and the volume per category (conversations per day of the
 * period's largest categories, lines), each a figure with a table of its
 * numbers, like the other charts (`Charts.tsx`).
 *
 * @module
 */
import { useMemo } from "preact/hooks";
import { AXIS, countLinesOptions, dayTimes as x, Figure, LineLegend, plural, td, th } from "./Charts.tsx";
import { percent } from "./format.ts";
import { uPlot, UPlotChart } from "./UPlot.tsx";
import type { CategoryVolume, SeriesDay, Summary } from "./types.ts";

const score = (n: number | null) => (n === null ? "–" : n.toFixed(2));
/** "2 (40%)", or "0" on a day with nothing to share out. */
const withShare = (n: number, share: number | null) => (share === null ? String(n) : `${n} (${percent(share)})`);

const SENTIMENT = [
  { label: "Average sentiment (−1 to 1)", color: "#4f46e5", pick: (d: SeriesDay) => d.sentiment.average },
  { label: "Negative messages (share)", color: "#dc2626", pick: (d: SeriesDay) => d.sentiment.negativeMessageShare },
] as const;

/** The average sentiment of customers' messages and the share of negative ones, per day. */
export function SentimentChart({ days, summary }: { days: SeriesDay[]; summary: Summary }) {
  const data = useMemo<uPlot.AlignedData>(() => [x(days), ...SENTIMENT.map((l) => days.map(l.pick))], [days]);
  const options = useMemo<Omit<uPlot.Options, "width" | "height">>(() => ({
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true }, y: { range: [-1, 1] } },
    axes: [{ ...AXIS }, { ...AXIS }],
    // Days without scored messages are gaps, not zeros (a zero is a neutral day).
    // Points too: a day with scores between quiet days is a lone point, which a line alone would not show.
    series: [
      {},
      ...SENTIMENT.map((l) => ({ label: l.label, stroke: l.color, width: 2, points: { show: true, size: 6 } })),
    ],
  }), []);
  const s = summary.sentiment;
  return (
    <Figure
      id="sentiment"
      title="Customer sentiment"
      summary={s.messages
        ? `Average ${score(s.average)} over ${plural(s.messages, "scored message")}; ${
          percent(s.negativeMessageShare)
        } of messages negative; ${plural(s.negativeConversations, "conversation")} (${
          percent(s.negativeConversationShare)
        }) with a negative message.`
        : "No customer messages with a sentiment in this period."}
      legend={<LineLegend lines={SENTIMENT} />}
      chart={<UPlotChart name="sentiment" options={options} data={data} height={220} />}
      table={
        <table class="w-full" data-table="sentiment">
          <caption class="sr-only">Customer sentiment per day</caption>
          <thead>
            <tr>
              <th scope="col" class={th}>Day</th>
              <th scope="col" class={`${th} text-right`}>Scored messages</th>
              <th scope="col" class={`${th} text-right`}>Average</th>
              <th scope="col" class={`${th} text-right`}>Negative messages</th>
              <th scope="col" class={`${th} text-right`}>Negative conversations</th>
            </tr>
          </thead>
          <tbody class="divide-y divide-slate-100">
            {days.map((d) => (
              <tr key={d.day}>
                <th scope="row" class="whitespace-nowrap py-1.5 pr-4 text-left font-normal">{d.day}</th>
                <td class={td}>{d.sentiment.messages}</td>
                <td class={td}>{score(d.sentiment.average)}</td>
                <td class={td}>{withShare(d.sentiment.negativeMessages, d.sentiment.negativeMessageShare)}</td>
                <td class={td}>
                  {withShare(d.sentiment.negativeConversations, d.sentiment.negativeConversationShare)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

const PALETTE = ["#4f46e5", "#0d9488", "#d97706", "#db2777", "#0369a1"];
/** Categories drawn (the largest); the table lists them all. */
const DRAWN = PALETTE.length;

/** Conversations per day of the period's largest categories; the table has every category's totals. */
export function CategoryChart({ days, categories }: { days: SeriesDay[]; categories: CategoryVolume[] }) {
  const drawn = categories.slice(0, DRAWN).map((c, i) => ({ name: c.name, label: c.name, color: PALETTE[i] }));
  const key = drawn.map((c) => c.name).join("\u0000");
  const data = useMemo<uPlot.AlignedData>(() => [
    x(days),
    ...drawn.map((c) => days.map((d) => d.categories.find((v) => v.name === c.name)?.conversations ?? 0)),
  ], [days, key]);
  const options = useMemo(() => countLinesOptions(drawn, days.length), [key, days.length]);
  const conversations = categories.reduce((n, c) => n + c.conversations, 0);
  const tickets = categories.reduce((n, c) => n + c.tickets, 0);
  return (
    <Figure
      id="categories"
      title="Volume per category"
      summary={categories.length
        ? `${plural(conversations, "categorized conversation")} and ${plural(tickets, "ticket")} in ${
          plural(categories.length, "category")
        }; the largest: ${categories[0].name}.`
        : "No categorized conversations in this period (categories are set up under Settings, Categories)."}
      legend={drawn.length > 0 && <LineLegend lines={drawn} />}
      chart={drawn.length > 0 && <UPlotChart name="categories" options={options} data={data} height={220} />}
      table={
        <table class="w-full" data-table="categories">
          <caption class="sr-only">Conversations and tickets per category</caption>
          <thead>
            <tr>
              <th scope="col" class={th}>Category</th>
              <th scope="col" class={`${th} text-right`}>Conversations</th>
              <th scope="col" class={`${th} text-right`}>Tickets</th>
            </tr>
          </thead>
          <tbody class="divide-y divide-slate-100">
            {categories.map((c) => (
              <tr key={c.name} data-category={c.name}>
                <th scope="row" class="py-1.5 pr-4 text-left font-normal">{c.name}</th>
                <td class={td}>{c.conversations}</td>
                <td class={td}>{c.tickets}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
