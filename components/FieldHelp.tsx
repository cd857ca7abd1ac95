/**
 * What every labelled control of a form says under itself: its hint, and
 * its error (with the alert icon), each with the id the control's
 * `aria-describedby` names. Shared by {@linkcode Field}, `TextAreaField` and
 * `SelectField`.
 *
 * @module
 */
import type { ComponentChildren } from "preact";
import { Icon } from "./Icons.tsx";

/** The parts of a control's props that say something under it. */
export interface HelpProps {
  id: string;
  hint?: ComponentChildren;
  error?: string;
}

/** The control's `aria-describedby`: its error, then its hint (undefined with neither). */
export function describedBy({ id, hint, error }: HelpProps): string | undefined {
  return [error ? `${id}-error` : "", hint ? `${id}-hint` : ""].filter(Boolean).join(" ") || undefined;
}

/** The hint, then the error. */
export function FieldHelp({ id, hint, error }: HelpProps) {
  return (
    <>
      {hint && <p id={`${id}-hint`} class="mt-1.5 text-xs text-slate-500">{hint}</p>}
      {error && (
        <p id={`${id}-error`} class="mt-1.5 flex items-start gap-1.5 text-sm text-red-700">
          <Icon name="alert" class="mt-px size-4 shrink-0" />
          <span>{error}</span>
        </p>
      )}
    </>
  );
}
