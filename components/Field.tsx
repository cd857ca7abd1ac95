/**
 * A labelled form input with its hint and error wired for assistive
 * technology (`aria-invalid`, `aria-describedby`). Used by the form islands.
 *
 * @module
 */
import type { ComponentChildren } from "preact";
import { describedBy, FieldHelp } from "./FieldHelp.tsx";

/** Props of {@linkcode Field}: the binding from `useForm` plus presentation. */
export interface FieldProps {
  id: string;
  name: string;
  label: string;
  value: string;
  error?: string;
  hint?: string;
  type?: "text" | "email" | "password";
  autocomplete?: string;
  required?: boolean;
  readOnly?: boolean;
  /** The id of a `<datalist>` of suggestions. */
  list?: string;
  inputMode?: "numeric" | "text";
  /** Shown at the right of the label row (e.g. a "Forgot password?" link). */
  aside?: ComponentChildren;
  onInput?: (e: Event) => void;
  onBlur?: () => void;
}

/** Label, input, hint and error message. */
export function Field(p: FieldProps) {
  return (
    <div>
      <div class="flex items-center justify-between gap-2">
        <label for={p.id} class="field-label">{p.label}</label>
        {p.aside && <div class="text-sm">{p.aside}</div>}
      </div>
      <input
        id={p.id}
        name={p.name}
        // Preact 11 types narrow <input> props by a literal `type`; all three kinds share these props.
        type={(p.type ?? "text") as "text"}
        value={p.value}
        autocomplete={p.autocomplete}
        required={p.required}
        readOnly={p.readOnly}
        list={p.list}
        inputMode={p.inputMode}
        aria-invalid={p.error ? "true" : undefined}
        aria-describedby={describedBy(p)}
        onInput={p.onInput}
        onBlur={p.onBlur}
        class={`field-input ${p.readOnly ? "bg-slate-50 text-slate-600" : ""}`}
      />
      <FieldHelp {...p} />
    </div>
  );
}
