/**
 * A form's submit button: disabled until the island has hydrated (so no form
 * is ever sent unvalidated) and while a request is in flight, with a spinner.
 *
 * @module
 */
import type { ComponentChildren } from "preact";

/** Props of {@linkcode SubmitButton}. */
export interface SubmitButtonProps {
  /** True once hydrated. */
  ready: boolean;
  /** True while the request runs. */
  busy: boolean;
  children: ComponentChildren;
  /** Label while busy, e.g. "Signing in…". */
  busyLabel?: string;
  /** Extra classes; default style is the primary button. */
  class?: string;
}

/** The small spinning circle shown in busy buttons. */
export function Spinner() {
  return (
    <svg class="size-4 animate-spin" viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <circle cx="12" cy="12" r="9" stroke="currentColor" stroke-opacity="0.25" stroke-width="3" />
      <path d="M21 12a9 9 0 0 0-9-9" stroke="currentColor" stroke-width="3" stroke-linecap="round" />
    </svg>
  );
}

/** `<button type="submit">` with busy state. */
export function SubmitButton(
  { ready, busy, children, busyLabel, class: cls = "btn-primary w-full" }: SubmitButtonProps,
) {
  return (
    <button type="submit" class={cls} disabled={!ready || busy}>
      {busy && <Spinner />}
      {busy && busyLabel ? busyLabel : children}
    </button>
  );
}
