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
import { type AgentForm, inputId } from "./use_agent_form.ts";

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
      <div class="lg:hidden">{preview}</div>
    </SectionCard>
  );
}
