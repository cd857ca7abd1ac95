/**
 * The top of a form: the server's rejection in an alert, and a polite live
 * region that tells screen-reader users how many fields need attention
 * (each field's own message is tied to it with `aria-describedby`).
 *
 * @module
 */
import { Alert } from "./Alert.tsx";

/** Props of {@linkcode FormMessages}. */
export interface FormMessagesProps {
  formError: string | null;
  errorCount: number;
}

/** Form-level error alert plus the field-error live region. */
export function FormMessages({ formError, errorCount }: FormMessagesProps) {
  const summary = errorCount === 0
    ? ""
    : errorCount === 1
    ? "1 field needs attention."
    : `${errorCount} fields need attention.`;
  return (
    <>
      {formError && <Alert tone="error">{formError}</Alert>}
      <p class="sr-only" aria-live="polite">{summary}</p>
    </>
  );
}
