/**
 * A tag input for domain names: type one and press Enter (or a comma, or
 * leave the field) to add it; each tag has its own remove button; Backspace
 * in the empty field removes the last one. Every entry is checked with the
 * agent schema before it becomes a tag.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { Icon } from "../../components/Icons.tsx";
import { checkDomain } from "./agent_form.ts";

/** Props of {@linkcode TagInput}. */
export interface TagInputProps {
  id: string;
  label: string;
  hint: string;
  values: string[];
  /** An error from the form (e.g. the server's). */
  error?: string;
  max?: number;
  onChange: (values: string[]) => void;
}

/** Labelled input with removable tags. */
export function TagInput({ id, label, hint, values, error, max = 50, onChange }: TagInputProps) {
  const [text, setText] = useState("");
  const [ownError, setOwnError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState("");
  const shown = ownError ?? error;

  function add(): boolean {
    const raw = text.trim().replace(/,$/, "");
    if (!raw) return false;
    const { domain, error: bad } = checkDomain(raw);
    if (!domain) {
      setOwnError(bad ?? "Enter a domain like example.com.");
      return false;
    }
    if (values.length >= max) {
      setOwnError(`At most ${max} domains.`);
      return false;
    }
    setOwnError(null);
    setText("");
    if (!values.includes(domain)) {
      onChange([...values, domain]);
      setAnnounce(`Added ${domain}.`);
    }
    return true;
  }

  function remove(domain: string) {
    onChange(values.filter((v) => v !== domain));
    setAnnounce(`Removed ${domain}.`);
    document.getElementById(id)?.focus();
  }

  return (
    <div>
      <label for={id} class="field-label">{label}</label>
      <div
        class={`mt-1.5 flex flex-wrap items-center gap-1.5 rounded-lg bg-white px-2 py-1.5 shadow-xs ring-1 ring-inset focus-within:ring-2 ${
          shown ? "ring-red-500 focus-within:ring-red-600" : "ring-slate-300 focus-within:ring-indigo-600"
        }`}
      >
        {values.length > 0 && (
          <ul class="contents" aria-label={`${label}: ${values.length} added`}>
            {values.map((v) => (
              <li
                key={v}
                class="inline-flex items-center gap-1 rounded-md bg-indigo-50 py-0.5 pr-1 pl-2 text-sm text-indigo-800 ring-1 ring-indigo-200 ring-inset"
              >
                {v}
                <button
                  type="button"
                  class="grid size-5 place-items-center rounded text-indigo-500 hover:bg-indigo-100 hover:text-indigo-800"
                  aria-label={`Remove ${v}`}
                  onClick={() => remove(v)}
                >
                  <Icon name="close" class="size-3.5" stroke={2.25} />
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          id={id}
          type="text"
          value={text}
          autocomplete="off"
          spellcheck={false}
          placeholder={values.length ? "Add another…" : "example.com"}
          aria-invalid={shown ? "true" : undefined}
          aria-describedby={`${id}-hint${shown ? ` ${id}-error` : ""}`}
          class="min-w-32 flex-1 border-0 bg-transparent px-1 py-1 text-base text-slate-900 placeholder:text-slate-400 focus:ring-0 focus:outline-none sm:text-sm"
          onInput={(e) => {
            const value = (e.currentTarget as HTMLInputElement).value;
            setText(value);
            if (ownError) setOwnError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter" || e.key === ",") {
              e.preventDefault();
              add();
            } else if (e.key === "Backspace" && text === "" && values.length) {
              remove(values[values.length - 1]);
            }
          }}
          onBlur={() => add()}
        />
      </div>
      <p id={`${id}-hint`} class="mt-1.5 text-xs text-slate-500">{hint}</p>
      {shown && (
        <p id={`${id}-error`} class="mt-1.5 flex items-start gap-1.5 text-sm text-red-700">
          <Icon name="alert" class="mt-px size-4 shrink-0" />
          <span>{shown}</span>
        </p>
      )}
      <p class="sr-only" aria-live="polite">{announce}</p>
    </div>
  );
}
