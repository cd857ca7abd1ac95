/**
 * The hour-of-week heatmap as a table: one row per local weekday, one cell
 * per hour, each cell its number (shaded by its share of the busiest hour),
 * so the chart and its accessible numbers are one thing.
 *
 * @module
 */

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** Conversations started by weekday (0 = Monday) and hour. */
export function Heatmap({ heatmap, timeZone }: { heatmap: number[][]; timeZone: string }) {
  const max = Math.max(1, ...heatmap.flat());
  return (
    <section class="card min-w-0 p-5" aria-labelledby="heatmap-heading">
      <h2 id="heatmap-heading" class="text-base font-semibold text-slate-900">When chats start</h2>
      <p class="mt-1 text-sm text-slate-600">Conversations started, by weekday and hour ({timeZone}).</p>
      <div class="mt-3 overflow-x-auto" tabIndex={0} role="region" aria-label="When chats start: the numbers">
        <table class="w-full border-separate border-spacing-0.5 text-center text-xs tabular-nums" data-table="heatmap">
          <caption class="sr-only">Conversations started per weekday (rows) and hour of the day (columns)</caption>
          <thead>
            <tr>
              <th scope="col" class="sr-only">Weekday</th>
              {heatmap[0].map((_, h) => <th scope="col" key={h} class="px-0.5 font-medium text-slate-600">{h}</th>)}
            </tr>
          </thead>
          <tbody>
            {heatmap.map((hours, d) => (
              <tr key={d}>
                <th scope="row" class="pr-2 text-left font-medium text-slate-700">
                  <abbr title={WEEKDAYS[d]}>{WEEKDAYS[d].slice(0, 3)}</abbr>
                </th>
                {hours.map((n, h) => (
                  <td
                    key={h}
                    class={`h-6 min-w-6 rounded px-0.5 ${n / max > 0.5 ? "text-white" : "text-slate-800"}`}
                    style={{ backgroundColor: n ? `rgb(79 70 229 / ${(0.12 + 0.88 * n / max).toFixed(2)})` : "" }}
                  >
                    {n || ""}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
