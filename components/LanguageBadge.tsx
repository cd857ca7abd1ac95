/**
 * The customer's language as a small badge ("FR"), its name in the tooltip and for screen readers.
 *
 * @module
 */
import { Badge } from "./Badge.tsx";

/** A language's English name (`fr` -> "French"); the code when the runtime does not know it. */
export function languageLabel(code: string): string {
  try {
    return new Intl.DisplayNames(["en"], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The badge; nothing when the language is unknown, or English when `hideEnglish` (most are). */
export function LanguageBadge({ language, hideEnglish }: { language?: string; hideEnglish?: boolean }) {
  if (!language || (hideEnglish && language === "en")) return null;
  const name = languageLabel(language);
  return (
    <span title={`Customer's language: ${name}`} data-language={language}>
      <Badge tone="violet">
        <span class="sr-only">Customer's language:</span>
        <span aria-hidden="true">{language.toUpperCase()}</span>
        <span class="sr-only">{name}</span>
      </Badge>
    </span>
  );
}
