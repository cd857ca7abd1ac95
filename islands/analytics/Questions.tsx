/**
 * Common questions and knowledge gaps: the topics with their change from
 * the previous period, and the gaps, each open one with its fix: a dialog
 * where the answer is written, added to the agent's knowledge in one step
 * (`POST /api/analytics/gaps/{id}/resolve`).
 *
 * @module
 */
import { useState } from "preact/hooks";
import { Badge } from "../../components/Badge.tsx";
import { Dialog } from "../shared/Dialog.tsx";
import { api } from "../shared/api.ts";
import type { Gap, Topic } from "./types.ts";

/** The topics table. */
export function Topics({ topics }: { topics: Topic[] }) {
  return (
    <section class="card min-w-0 p-5" aria-labelledby="topics-heading">
      <h2 id="topics-heading" class="text-base font-semibold text-slate-900">Common questions</h2>
      {topics.length
        ? (
          <div class="mt-3 overflow-x-auto" tabIndex={0} role="region" aria-label="Common questions: the numbers">
            <table class="w-full text-left text-sm" data-table="topics">
              <caption class="sr-only">Topics of the customers' questions, the most asked first</caption>
              <thead class="text-slate-600">
                <tr>
                  <th scope="col" class="py-2 pr-4 font-medium">Topic</th>
                  <th scope="col" class="py-2 pr-4 text-right font-medium">Questions</th>
                  <th scope="col" class="py-2 text-right font-medium">Change</th>
                </tr>
              </thead>
              <tbody class="divide-y divide-slate-100">
                {topics.map((t) => (
                  <tr key={t.id}>
                    <th scope="row" class="py-2 pr-4 font-normal text-slate-900">
                      {t.label}
                      {t.examples.length > 1 && (
                        <span class="block text-xs text-slate-600">Also: {t.examples.slice(1).join(" · ")}</span>
                      )}
                    </th>
                    <td class="py-2 pr-4 text-right tabular-nums">{t.questions}</td>
                    <td class="py-2 text-right tabular-nums">{t.change > 0 ? `+${t.change}` : t.change}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
        : <p class="mt-3 text-sm text-slate-600">No questions answered by the AI in this period.</p>}
    </section>
  );
}

/** The gaps list with the fix-it action. */
export function Gaps({ gaps, onFixed }: { gaps: Gap[]; onFixed: () => void }) {
  const [fixing, setFixing] = useState<Gap | null>(null);
  const [error, setError] = useState("");
  const [saving, setSaving] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setSaving(true);
    const res = await api("POST", `/api/analytics/gaps/${fixing!.id}/resolve`, {
      answer: String(form.get("answer") ?? ""),
      question: String(form.get("question") ?? "") || undefined,
    });
    setSaving(false);
    if (!res.ok) return setError(res.error.fields.answer ?? res.error.message);
    setFixing(null);
    onFixed();
  };
  return (
    <section class="card min-w-0 p-5" aria-labelledby="gaps-heading">
      <h2 id="gaps-heading" class="text-base font-semibold text-slate-900">Knowledge gaps</h2>
      <p class="mt-1 text-sm text-slate-600">Questions the AI answered unsure. Add the answer once; it learns it.</p>
      {gaps.length
        ? (
          <ul class="mt-3 divide-y divide-slate-100" data-list="gaps">
            {gaps.map((g) => (
              <li key={g.id} class="flex flex-wrap items-center justify-between gap-3 py-3">
                <div class="min-w-0">
                  <p class="font-medium text-slate-900">{g.label}</p>
                  <p class="text-xs text-slate-600">
                    {g.questions} unsure {g.questions === 1 ? "answer" : "answers"}, last on {g.lastDay}
                  </p>
                </div>
                {g.resolved ? <Badge tone="emerald">Fixed</Badge> : (
                  <button
                    type="button"
                    class="btn-secondary"
                    onClick={() => {
                      setError("");
                      setFixing(g);
                    }}
                  >
                    Add an answer
                  </button>
                )}
              </li>
            ))}
          </ul>
        )
        : <p class="mt-3 text-sm text-slate-600">No gaps: the AI answered every question with confidence.</p>}
      {fixing && (
        <Dialog
          id="fix-gap"
          title="Teach the AI this answer"
          description="It becomes a text source of the agent's knowledge; the next customer asking gets it."
          onClose={() => setFixing(null)}
        >
          <form class="space-y-4" onSubmit={submit}>
            <div>
              <label class="field-label" for="fix-question">Question</label>
              <input
                id="fix-question"
                name="question"
                class="field-input"
                defaultValue={fixing.label}
                maxLength={200}
              />
            </div>
            <div>
              <label class="field-label" for="fix-answer">Answer</label>
              <textarea id="fix-answer" name="answer" class="field-input min-h-32" required maxLength={20000} />
            </div>
            {error && <p role="alert" class="text-sm font-medium text-red-700">{error}</p>}
            <div class="flex justify-end gap-2">
              <button type="button" class="btn-secondary" onClick={() => setFixing(null)}>Cancel</button>
              <button type="submit" class="btn-primary" disabled={saving}>
                {saving ? "Saving…" : "Add to knowledge"}
              </button>
            </div>
          </form>
        </Dialog>
      )}
    </section>
  );
}
