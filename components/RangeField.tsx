/**
 * A labelled slider showing its current value, with end labels and a hint.
 *
 * @module
 */
import type { ComponentChildren } from "preact";

/** Props of {@linkcode RangeField}. */
export interface RangeFieldProps {
  id: string;
  name: string;
  label: string;
  value: string;
  min: number;
  max: number;
  step: number;
  /** The value as people read it ("0.3", "35%"); also the slider's `aria-valuetext`. */
  display: string;
  /** Words under the two ends ("Precise", "Creative"). */
  ends?: [string, string];
  hint?: ComponentChildren;
  error?: string;
  onInput?: (e: Event) => void;
  onBlur?: () => void;
}

/** Label row with the value, the slider, end labels, hint. */
export function RangeField(p: RangeFieldProps) {
  const describedBy = [p.hint ? `${p.id}-hint` : "", p.error ? `${p.id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div>
      <div class="flex items-center justify-between gap-2">
        <label for={p.id} class="field-label">{p.label}</label>
        <output
          for={p.id}
          class="rounded-md bg-slate-100 px-2 py-0.5 text-sm font-semibold text-slate-800 tabular-nums"
        >
          {p.display}
        </output>
      </div>
      <input
        id={p.id}
        name={p.name}
        type="range"
        min={p.min}
        max={p.max}
        step={p.step}
        value={p.value}
        aria-valuetext={p.display}
        aria-describedby={describedBy || undefined}
        aria-invalid={p.error ? "true" : undefined}
        onInput={p.onInput}
        onBlur={p.onBlur}
        class="mt-3 w-full cursor-pointer accent-indigo-600 disabled:cursor-not-allowed"
      />
      {p.ends && (
        <div class="mt-1 flex justify-between text-xs text-slate-500" aria-hidden="true">
          <span>{p.ends[0]}</span>
          <span>{p.ends[1]}</span>
        </div>
      )}
      {p.hint && <p id={`${p.id}-hint`} class="mt-2 text-xs leading-5 text-slate-500">{p.hint}</p>}
      {p.error && <p id={`${p.id}-error`} class="mt-1.5 text-sm text-red-700">{p.error}</p>}
    </div>
  );
}
