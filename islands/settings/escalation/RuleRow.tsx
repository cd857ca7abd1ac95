/**
 * One escalation rule in the form: the delay in minutes (with how long that
 * is, in words), the three things it does, and its Remove button.
 *
 * @module
 */
import { Icon } from "../../../components/Icons.tsx";
import { delayWords, MAX_MINUTES, type RuleDraft } from "./rules.ts";

/** The id of row `key`'s delay input (focus goes there when a row is added). */
export const minutesId = (key: string): string => `${key}-minutes`;

/** Props of {@linkcode RuleRow}. */
export interface RuleRowProps {
  rule: RuleDraft;
  /** 1-based, for the labels. */
  n: number;
  error?: string;
  onChange: (rule: RuleDraft) => void;
  onRemove: () => void;
}

const FLAGS = [
  ["raisePriority", "Raise the priority one step"],
  ["assignToAdmin", "Assign it to an admin if unassigned"],
  ["emailAdmins", "Email the admins"],
] as const;

/** A fieldset per rule. */
export function RuleRow({ rule, n, error, onChange, onRemove }: RuleRowProps) {
  const id = minutesId(rule.key);
  const minutes = Number(rule.afterMinutes);
  const words = Number.isInteger(minutes) && minutes >= 1 && minutes <= MAX_MINUTES ? delayWords(minutes) : "";
  return (
    // Named by a heading, not a <legend>: a legend only names its fieldset as the first child, beside no Remove button.
    <fieldset class="px-5 py-4 sm:px-6" aria-labelledby={`${rule.key}-title`}>
      <div class="flex items-center justify-between gap-3">
        <h3 id={`${rule.key}-title`} class="text-sm font-semibold text-slate-900">Rule {n}</h3>
        <button
          type="button"
          class="btn-ghost -mr-2 px-2 py-1 text-red-700 hover:bg-red-50 hover:text-red-800"
          onClick={onRemove}
        >
          <Icon name="trash" class="size-4" />
          Remove<span class="sr-only">{` rule ${n}`}</span>
        </button>
      </div>
      <div class="mt-3 grid gap-4 sm:grid-cols-[15rem_minmax(0,1fr)]">
        <div>
          <label for={id} class="field-label">Minutes without a staff reply</label>
          <input
            id={id}
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_MINUTES}
            step={1}
            value={rule.afterMinutes}
            aria-invalid={error ? "true" : undefined}
            aria-describedby={error ? `${id}-error` : words ? `${id}-hint` : undefined}
            onInput={(e) => onChange({ ...rule, afterMinutes: (e.currentTarget as HTMLInputElement).value })}
            class="field-input"
          />
          {error
            ? (
              <p id={`${id}-error`} class="mt-1.5 flex items-start gap-1.5 text-sm text-red-700">
                <Icon name="alert" class="mt-0.5 size-4 shrink-0" />
                {error}
              </p>
            )
            : words && <p id={`${id}-hint`} class="mt-1.5 text-xs text-slate-500">{words}</p>}
        </div>
        <div class="space-y-2 sm:pt-7">
          {FLAGS.map(([flag, label]) => (
            <label key={flag} class="flex items-center gap-2.5 text-sm text-slate-800">
              <input
                type="checkbox"
                checked={rule[flag]}
                onChange={(e) => onChange({ ...rule, [flag]: (e.currentTarget as HTMLInputElement).checked })}
                class="size-4 rounded border-slate-300 accent-indigo-600"
              />
              {label}
            </label>
          ))}
        </div>
      </div>
    </fieldset>
  );
}
