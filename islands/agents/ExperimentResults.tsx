/**
 * One experiment's results (`GET /api/agents/:id/experiments/:experimentId/results`): each variant's
 * conversations, automation and handoff rates and CSAT with their 95% intervals, the verdict, and for admins
 * the button that promotes a variant. Part of `islands/AgentExperiments.tsx`.
 *
 * @module
 */
import { Alert } from "../../components/Alert.tsx";
import { Badge } from "../../components/Badge.tsx";
import type { ExperimentResultsJson } from "../../models/experiments/wire.ts";

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

function Rate({ p }: { p: ExperimentResultsJson["variants"][number]["automationRate"] }) {
  if (!p.trials) return <span class="text-slate-500">–</span>;
  return (
    <span>
      <span class="font-medium text-slate-900">{pct(p.rate)}</span>
      <span class="block whitespace-nowrap text-xs text-slate-500">{pct(p.low)} – {pct(p.high)}</span>
    </span>
  );
}

/** The results table and verdict. */
export function Results(
  { results, canPromote, onPromote }: {
    results: ExperimentResultsJson;
    canPromote: boolean;
    onPromote: (key: string) => void;
  },
) {
  const e = results.experiment;
  return (
    <div class="space-y-3">
      <Alert tone={results.verdict.better ? "success" : "info"} title={results.verdict.text}>
        Automation rate of {results.comparison?.challenger} against the control {results.comparison?.control}
        {results.comparison ? ` (p = ${results.comparison.pValue.toFixed(3)})` : ""}. Ranges are 95% intervals.
      </Alert>
      <div class="overflow-x-auto">
        <table class="w-full text-left text-sm">
          <caption class="sr-only">Results of {e.name} per variant</caption>
          <thead class="text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" class="py-2 pr-3 font-medium">Variant</th>
              <th scope="col" class="py-2 pr-3 font-medium">Conversations</th>
              <th scope="col" class="py-2 pr-3 font-medium">Automation rate</th>
              <th scope="col" class="py-2 pr-3 font-medium">Handoff rate</th>
              <th scope="col" class="py-2 pr-3 font-medium">CSAT (4–5)</th>
              {canPromote && (
                <th scope="col" class="py-2 font-medium">
                  <span class="sr-only">Promote</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody class="divide-y divide-slate-100">
            {results.variants.map((v) => (
              <tr key={v.key}>
                <th scope="row" class="py-2 pr-3 font-medium text-slate-900">
                  {v.key} · {v.name}
                  {e.winner === v.key && <Badge tone="indigo" class="ml-2">Winner</Badge>}
                </th>
                <td class="py-2 pr-3">{v.conversations}</td>
                <td class="py-2 pr-3">
                  <Rate p={v.automationRate} />
                </td>
                <td class="py-2 pr-3">
                  <Rate p={v.handoffRate} />
                </td>
                <td class="py-2 pr-3">
                  <Rate p={v.csat} />
                </td>
                {canPromote && (
                  <td class="py-2 text-right">
                    <button type="button" class="btn-secondary" onClick={() => onPromote(v.key)}>
                      Promote {v.key}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
