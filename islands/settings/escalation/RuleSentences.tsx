/**
 * The escalation rules in words, for those who may not change them (the
 * API lets only admins): server-rendered, no script.
 *
 * @module
 */
import { actionWords, delayWords, type EscalationRule } from "./rules.ts";

/** The rules in words (for those who may not change them). */
export function RuleSentences({ rules }: { rules: EscalationRule[] }) {
  return (
    <div class="card">
      {rules.length === 0
        ? (
          <p class="px-5 py-6 text-sm text-slate-600 sm:px-6">
            No escalation rules: tickets wait for the team as they are.
          </p>
        )
        : (
          <ol class="divide-y divide-slate-100" aria-label="Escalation rules">
            {rules.map((r, i) => (
              <li key={i} class="px-5 py-3.5 text-sm text-slate-700 sm:px-6">
                After <strong class="font-semibold text-slate-900">{delayWords(r.afterMinutes)}</strong>{" "}
                without a staff reply: {actionWords(r)}.
              </li>
            ))}
          </ol>
        )}
      <p class="border-t border-slate-100 px-5 py-3 text-xs text-slate-500 sm:px-6">Only admins can change them.</p>
    </div>
  );
}
