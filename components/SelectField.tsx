/**
 * A labelled `<select>` with its hint, wired like {@linkcode Field}
 * (`aria-describedby`). The choices are `[value, label]` pairs.
 *
 * @module
 */
import type { ComponentChildren } from "preact";
import { describedBy, FieldHelp } from "./FieldHelp.tsx";

/** Props of {@linkcode SelectField}. */
export interface SelectFieldProps {
  id: string;
  name: string;
  label: string;
  value: string;
  options: readonly (readonly [value: string, label: string])[];
  hint?: ComponentChildren;
  error?: string;
  onInput?: (e: Event) => void;
}

/** Label, select, hint and error message. */
export function SelectField(p: SelectFieldProps) {
  return (
    <div>
      <label for={p.id} class="field-label">{p.label}</label>
      <select
        id={p.id}
        name={p.name}
        value={p.value}
        onInput={p.onInput}
        aria-invalid={p.error ? "true" : undefined}
        aria-describedby={describedBy(p)}
        class="field-input"
      >
        {p.options.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
      </select>
      <FieldHelp {...p} />
    </div>
  );
}
