/**
 * A labelled `<textarea>` wired like {@linkcode Field} (`aria-invalid`,
 * `aria-describedby` for its hint and error).
 *
 * @module
 */
import type { ComponentChildren } from "preact";
import { describedBy, FieldHelp } from "./FieldHelp.tsx";

/** Props of {@linkcode TextAreaField}. */
export interface TextAreaFieldProps {
  id: string;
  name: string;
  label: string;
  value: string;
  error?: string;
  hint?: ComponentChildren;
  rows?: number;
  required?: boolean;
  readOnly?: boolean;
  placeholder?: string;
  maxLength?: number;
  /** Monospace, for prompts and pasted text. */
  mono?: boolean;
  onInput?: (e: Event) => void;
  onBlur?: () => void;
}

/** Label, textarea, hint and error message. */
export function TextAreaField(p: TextAreaFieldProps) {
  return (
    <div>
      <label for={p.id} class="field-label">{p.label}</label>
      <textarea
        id={p.id}
        name={p.name}
        rows={p.rows ?? 4}
        value={p.value}
        required={p.required}
        readOnly={p.readOnly}
        placeholder={p.placeholder}
        maxLength={p.maxLength}
        aria-invalid={p.error ? "true" : undefined}
        aria-describedby={describedBy(p)}
        onInput={p.onInput}
        onBlur={p.onBlur}
        class={`field-input resize-y ${p.mono ? "font-mono text-[13px] sm:text-[13px]" : ""} ${
          p.readOnly ? "bg-slate-50 text-slate-600" : ""
        }`}
      />
      <FieldHelp {...p} />
    </div>
  );
}
