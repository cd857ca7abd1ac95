/**
 * Settings → Escalation: the workspace's rules for tickets nobody on the
 * team has answered ("after N minutes without a staff reply: raise the
 * priority, assign it to an admin, email the admins"). Admins add, change,
 * remove and save them here (`PUT /api/settings/escalation`, validated with
 * the API's `escalationRulesSchema`); everyone else reads them in words
 * (`settings/escalation/RuleSentences.tsx`, no script), as the API lets them.
 *
 * @module
 */
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import { FormMessages } from "../components/FormMessages.tsx";
import { Icon } from "../components/Icons.tsx";
import { SubmitButton } from "../components/SubmitButton.tsx";
import { api } from "./shared/api.ts";
import { useFlash } from "./shared/use_flash.ts";
import { minutesId, RuleRow } from "./settings/escalation/RuleRow.tsx";
import {
  type EscalationRule,
  type EscalationRules as Rules,
  MAX_RULES,
  newDraft,
  parseDrafts,
  type RuleDraft,
  toDrafts,
} from "./settings/escalation/rules.ts";

/** Props of {@linkcode EscalationRules}. */
export interface EscalationRulesProps {
  rules: EscalationRule[];
}

/** The message of one row's delay, keyed by the row, or nothing. */
function rowError(rule: RuleDraft): Record<string, string> {
  const parsed = parseDrafts([rule]);
  return parsed.ok ? {} : parsed.errors;
}

/** The rules' editor (admins; others get `RuleSentences`, server-rendered). */
export default function EscalationRules(props: EscalationRulesProps) {
  const [drafts, setDrafts] = useState(() => toDrafts(props.rules));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [ready, setReady] = useState(false);
  const saved = useFlash<string>();
  const focusNext = useRef<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => setReady(true), []);
  useLayoutEffect(() => {
    const id = focusNext.current;
    focusNext.current = null;
    if (id) (document.getElementById(id) ?? addButton.current)?.focus();
  }, [drafts]);

  function change(next: RuleDraft[]) {
    setDrafts(next);
    saved.clear();
  }

  async function save(e: Event) {
    e.preventDefault();
    if (busy) return;
    setFormError(null);
    const parsed = parseDrafts(drafts);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      const first = drafts.find((d) => parsed.errors[d.key]);
      if (first) document.getElementById(minutesId(first.key))?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    const res = await api<Rules>("PUT", "/api/settings/escalation", parsed.rules);
    setBusy(false);
    if (!res.ok) return setFormError(res.error.message);
    // The server keeps them in order of their delay.
    setDrafts(toDrafts(res.data.rules));
    saved.show(res.data.rules.length ? "Escalation rules saved." : "Escalation rules removed.");
  }

  const errorCount = Object.keys(errors).length;
  return (
    <form method="post" noValidate onSubmit={save} class="card" aria-label="Escalation rules">
      <div class={`px-5 sm:px-6 ${formError ? "pt-4" : ""}`}>
        <FormMessages formError={formError} errorCount={errorCount} />
      </div>
      {drafts.length === 0
        ? (
          <p class="px-5 py-6 text-sm text-slate-600 sm:px-6">
            No rules: tickets wait for the team as they are. Add one to raise the priority or alert the admins when a
            ticket goes unanswered.
          </p>
        )
        : (
          <div class="divide-y divide-slate-100">
            {drafts.map((d, i) => (
              <RuleRow
                key={d.key}
                rule={d}
                n={i + 1}
                error={errors[d.key]}
                onChange={(rule) => {
                  change(drafts.map((x) => x.key === d.key ? rule : x));
                  // A rule shown in error is checked again as it is corrected.
                  if (errors[d.key]) setErrors(({ [d.key]: _old, ...others }) => ({ ...others, ...rowError(rule) }));
                }}
                onRemove={() => {
                  const rest = drafts.filter((x) => x.key !== d.key);
                  focusNext.current = rest[i] ? minutesId(rest[i].key) : "escalation-add";
                  setErrors(({ [d.key]: _gone, ...others }) => others);
                  change(rest);
                }}
              />
            ))}
          </div>
        )}
      <div class="flex flex-col gap-3 border-t border-slate-100 px-5 py-4 sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <div class="flex items-center gap-3">
          <button
            ref={addButton}
            id="escalation-add"
            type="button"
            class="btn-secondary"
            disabled={!ready || drafts.length >= MAX_RULES}
            onClick={() => {
              const d = newDraft(drafts);
              focusNext.current = minutesId(d.key);
              change([...drafts, d]);
            }}
          >
            <Icon name="plus" class="size-4" />
            Add rule
          </button>
          {drafts.length >= MAX_RULES && <span class="text-xs text-slate-500">Up to {MAX_RULES} rules.</span>}
        </div>
        <div class="flex items-center gap-3 sm:flex-row-reverse">
          <SubmitButton ready={ready} busy={busy} busyLabel="Saving…" class="btn-primary">Save rules</SubmitButton>
          <p role="status" class="flex items-center gap-1.5 text-sm font-medium text-emerald-700 empty:hidden">
            {saved.value && <Icon name="checkCircle" class="size-4" />}
            {saved.value ?? ""}
          </p>
        </div>
      </div>
    </form>
  );
}
