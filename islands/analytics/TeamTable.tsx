/**
 * The team table: per teammate over the period, replies, first responses
 * after a handoff, tickets resolved and the CSAT of what they resolved.
 *
 * @module
 */
import { csat, duration } from "./format.ts";
import type { Teammate } from "./types.ts";

/** The table, or a line saying nobody replied. */
export function TeamTable({ teammates }: { teammates: Teammate[] }) {
  return (
    <section class="card min-w-0 p-5" aria-labelledby="team-heading">
      <h2 id="team-heading" class="text-base font-semibold text-slate-900">Team</h2>
      {teammates.length
        ? (
          // Focusable: on a phone the table scrolls sideways, and the keyboard must reach it.
          <div class="mt-3 overflow-x-auto" tabIndex={0} role="region" aria-label="Team: the numbers">
            <table class="w-full text-left text-sm" data-table="team">
              <caption class="sr-only">Per teammate in the period</caption>
              <thead class="text-slate-600">
                <tr>
                  <th scope="col" class="py-2 pr-4 font-medium">Teammate</th>
                  <th scope="col" class="py-2 pr-4 text-right font-medium">Replies</th>
                  <th scope="col" class="py-2 pr-4 text-right font-medium">First response (avg)</th>
                  <th scope="col" class="py-2 pr-4 text-right font-medium">Resolved</th>
                  <th scope="col" class="py-2 text-right font-medium">CSAT</th>
                </tr>
              </thead>
              <tbody class="divide-y divide-slate-100">
                {teammates.map((t) => (
                  <tr key={t.userId}>
                    <th scope="row" class="py-2 pr-4 font-medium text-slate-900">{t.name ?? "Former teammate"}</th>
                    <td class="py-2 pr-4 text-right tabular-nums">{t.replies}</td>
                    <td class="py-2 pr-4 text-right tabular-nums">
                      {duration(t.firstResponseSecondsAverage)}
                      {t.firstResponses ? ` (${t.firstResponses})` : ""}
                    </td>
                    <td class="py-2 pr-4 text-right tabular-nums">{t.resolved}</td>
                    <td class="py-2 text-right tabular-nums">{csat(t.csat.average)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
        : <p class="mt-3 text-sm text-slate-600">No teammate replied in this period.</p>}
    </section>
  );
}
