/**
 * The editor's "Chat widget" card: brand colour (picker, hex and presets),
 * corner, title and subtitle. On small screens the live preview sits here,
 * right under the inputs that change it.
 *
 * @module
 */
import type { ComponentChildren } from "preact";
import { isHexColor } from "../../components/color.ts";
import { Field } from "../../components/Field.tsx";
import { Icon } from "../../components/Icons.tsx";
import { SectionCard } from "../../components/SectionCard.tsx";
import { useState } from "preact/hooks";
import { type LangTexts, TEXT_LANGS, type TextLang } from "./agent_form.ts";
import { type AgentForm, inputId } from "./use_agent_form.ts";

const LANG_NAMES: Record<TextLang, string> = { fr: "French", de: "German", es: "Spanish", en: "English" };

/**
 * The welcome message, title and subtitle as the workspace words them in one language the widget speaks.
 * Left empty, a customer in that language sees the AI provider's translation (when the agent has a provider),
 * else the original.
 */
function LanguageTexts({ form, canEdit }: { form: AgentForm; canEdit: boolean }) {
  const [lang, setLang] = useState<TextLang>("fr");
  // The fields exist only while open: closed, the card's own title and welcome fields are the only ones so named.
  const [open, setOpen] = useState(false);
  const texts = form.draft.texts[lang];
  const field = (k: keyof LangTexts, label: string, max: number, rows = 1) => {
    const id = `agent-texts-${lang}-${k}`;
    const props = {
      id,
      name: id,
      value: texts[k],
      maxLength: max,
      readOnly: !canEdit,
      class: "field-input",
      onInput: (e: Event) =>
        form.set("texts", {
          ...form.draft.texts,
          [lang]: { ...texts, [k]: (e.currentTarget as HTMLInputElement).value },
        }),
    };
    return (
      <div>
        <label for={id} class="field-label">{label} ({LANG_NAMES[lang]})</label>
        {rows > 1 ? <textarea rows={rows} {...props} /> : <input type="text" {...props} />}
      </div>
    );
  };
  return (
    <details
      class="rounded-lg border border-slate-200 p-4"
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary class="cursor-pointer font-medium text-slate-900">In your customers' languages</summary>
      {open && (
        <>
          <p class="mt-2 text-sm text-slate-600">
            The widget speaks the customer's language. Write your welcome message, title and subtitle for a language
            here, or leave them empty: with an AI provider they are translated once, otherwise the original is shown.
          </p>
          <fieldset class="mt-3">
            <legend class="sr-only">Language</legend>
            <div class="flex flex-wrap gap-2">
              {TEXT_LANGS.map((l) => (
                <label
                  key={l}
                  class={`cursor-pointer rounded-md border px-3 py-1 text-sm has-focus-visible:outline-2 has-focus-visible:outline-indigo-600 ${
                    l === lang
                      ? "border-indigo-600 bg-indigo-50 font-semibold text-indigo-800"
                      : "border-slate-300 text-slate-700"
                  }`}
                >
                  <input
                    type="radio"
                    name="texts-lang"
                    value={l}
                    checked={l === lang}
                    onChange={() => setLang(l)}
                    class="sr-only"
                  />
                  {LANG_NAMES[l]}
                </label>
              ))}
            </div>
          </fieldset>
          <div class="mt-3 grid gap-4">
            {field("welcomeMessage", "Welcome message", 500, 2)}
            <div class="grid gap-4 sm:grid-cols-2">
              {field("title", "Widget title", 60)}
              {field("subtitle", "Subtitle", 120)}
            </div>
          </div>
        </>
      )}
    </details>
  );
}

const PRESETS: [string, string][] = [
  ["Indigo", "#4f46e5"],
  ["Blue", "#2563eb"],
  ["Teal", "#0d9488"],
  ["Green", "#16a34a"],
  ["Orange", "#ea580c"],
  ["Rose", "#e11d48"],
  ["Slate", "#0f172a"],
];

/** Props of {@linkcode WidgetSection}. */
export interface WidgetSectionProps {
  form: AgentForm;
  canEdit: boolean;
  /** The preview, shown here below `lg`. */
  preview: ComponentChildren;
}

/** Colour, position, title, subtitle. */
export function WidgetSection({ form, canEdit, preview }: WidgetSectionProps) {
  const color = form.bind("primaryColor");
  const valid = isHexColor(form.draft.primaryColor);
  return (
    <SectionCard id="agent-widget-heading" title="Chat widget" description="How the chat looks on your website.">
      <div>
        <label for={color.id} class="field-label">Brand colour</label>
        <div class="mt-1.5 flex flex-wrap items-center gap-3">
          <input
            type="color"
            aria-label="Pick a colour"
            value={valid ? form.draft.primaryColor.toLowerCase() : "#4f46e5"}
            disabled={!canEdit}
            onInput={(e) => form.set("primaryColor", (e.currentTarget as HTMLInputElement).value)}
            class="size-10 shrink-0 cursor-pointer rounded-lg border-0 bg-transparent p-0 disabled:cursor-not-allowed"
          />
          <input
            id={color.id}
            name={color.name}
            type="text"
            value={color.value}
            maxLength={7}
            spellcheck={false}
            autocomplete="off"
            aria-invalid={color.error ? "true" : undefined}
            aria-describedby={color.error ? `${color.id}-error` : undefined}
            onInput={color.onInput}
            onBlur={color.onBlur}
            class="field-input mt-0 w-28 font-mono"
          />
          <div class="flex flex-wrap gap-1.5" role="group" aria-label="Suggested colours">
            {PRESETS.map(([name, hex]) => {
              const on = form.draft.primaryColor.toLowerCase() === hex;
              return (
                <button
                  key={hex}
                  type="button"
                  class="grid size-7 place-items-center rounded-full ring-1 ring-slate-900/10 ring-offset-2 transition hover:scale-110 aria-pressed:ring-2 aria-pressed:ring-slate-900"
                  style={{ background: hex }}
                  aria-label={`${name} ${hex}`}
                  aria-pressed={on ? "true" : "false"}
                  disabled={!canEdit}
                  onClick={() => form.set("primaryColor", hex)}
                >
                  {on && <Icon name="check" class="size-4 text-white" stroke={2.5} />}
                </button>
              );
            })}
          </div>
        </div>
        {color.error && <p id={`${color.id}-error`} class="mt-1.5 text-sm text-red-700">{color.error}</p>}
      </div>
      <fieldset>
        <legend class="field-label">Position</legend>
        <div class="mt-1.5 inline-flex rounded-lg bg-slate-100 p-1" id={inputId("position")}>
          {(["left", "right"] as const).map((side) => (
            <label
              key={side}
              class={`cursor-pointer rounded-md px-4 py-1.5 text-sm font-medium has-focus-visible:outline-2 has-focus-visible:outline-indigo-600 ${
                form.draft.position === side
                  ? "bg-white text-slate-900 shadow-xs"
                  : "text-slate-600 hover:text-slate-900"
              }`}
            >
              <input
                type="radio"
                name="position"
                value={side}
                checked={form.draft.position === side}
                onChange={() => form.set("position", side)}
                class="sr-only"
              />
              Bottom {side}
            </label>
          ))}
        </div>
      </fieldset>
      <div class="grid gap-5 sm:grid-cols-2">
        <Field {...form.bind("title")} label="Widget title" required />
        <Field {...form.bind("subtitle")} label="Subtitle" hint="Optional, e.g. your reply time." />
      </div>
      <LanguageTexts form={form} canEdit={canEdit} />
      <div class="lg:hidden">{preview}</div>
    </SectionCard>
  );
}
