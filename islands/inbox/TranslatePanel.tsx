/**
 * Under the thread, for a customer who writes in another language than the team's: their latest
 * messages translated into English by the agent's AI provider, on demand (each translation is a
 * provider call, so nothing is translated until asked). Kept per message while the thread is open.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { languageLabel } from "../../components/LanguageBadge.tsx";
import { Icon } from "../../components/Icons.tsx";
import type { WireMessage } from "../staff_chat/types.ts";
import { translate } from "./rest.ts";

/** How many of the customer's latest messages are translated. */
const LATEST = 5;
/** The team's language (the dashboard's). */
export const STAFF_LANGUAGE = "en";

/** Props of {@linkcode TranslatePanel}. */
export interface TranslatePanelProps {
  conversationId: string;
  language: string;
  messages: WireMessage[];
}

/** "Translate the customer's messages" and what it gave. */
export function TranslatePanel(p: TranslatePanelProps) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const latest = p.messages.filter((m) => m.author.kind === "visitor" && m.text.trim()).slice(-LATEST);
  const name = languageLabel(p.language);

  async function run() {
    setOpen(true);
    setError(null);
    setBusy(true);
    for (const m of latest) {
      if (done[m.id]) continue;
      const res = await translate(p.conversationId, m.text, STAFF_LANGUAGE);
      if (!res.ok) {
        setError(res.error.message);
        break;
      }
      setDone((d) => ({ ...d, [m.id]: res.data.text }));
    }
    setBusy(false);
  }

  if (!latest.length) return null;
  return (
    <section aria-label="Translation" class="border-t border-slate-200 bg-violet-50/40 px-3 py-2 sm:px-4">
      <div class="flex flex-wrap items-center gap-2">
        <button
          type="button"
          class="btn-secondary px-2.5 py-1 text-xs"
          onClick={open && !busy ? () => setOpen(false) : run}
          disabled={busy}
          aria-expanded={open ? "true" : "false"}
          aria-controls="inbox-translation"
        >
          <Icon name="sparkles" class="size-4 text-violet-600" />
          {busy ? "Translating…" : open ? "Hide translation" : `Translate from ${name}`}
        </button>
        <span class="text-xs text-slate-600">The customer writes in {name}.</span>
      </div>
      {open && (
        <div id="inbox-translation" class="mt-2 max-h-48 space-y-2 overflow-y-auto" aria-live="polite">
          {error && <p class="text-xs text-red-700" role="alert">{error}</p>}
          {latest.filter((m) => done[m.id]).map((m) => (
            <figure key={m.id} class="rounded-md bg-white px-3 py-2 text-sm shadow-xs ring-1 ring-slate-200">
              <blockquote lang={p.language} class="text-xs text-slate-600">{m.text}</blockquote>
              <figcaption lang="en" class="mt-1 text-slate-900">{done[m.id]}</figcaption>
            </figure>
          ))}
        </div>
      )}
    </section>
  );
}
