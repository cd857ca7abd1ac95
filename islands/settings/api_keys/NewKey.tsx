/**
 * A key just created, shown this once: the key in a read-only field, a copy
 * button (or the text selected for Ctrl+C where the clipboard is refused),
 * and a plain warning that it cannot be shown again.
 *
 * @module
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { Icon } from "../../../components/Icons.tsx";
import type { CreatedKey } from "./rest.ts";

/** Props of {@linkcode NewKey}. */
export interface NewKeyProps {
  created: CreatedKey;
  onDone(): void;
}

/** The once-only key. */
export function NewKey({ created, onDone }: NewKeyProps) {
  const [copy, setCopy] = useState<"idle" | "copied" | "select">("idle");
  const input = useRef<HTMLInputElement>(null);
  // The region takes focus so a screen reader reads the warning before anything else.
  const region = useRef<HTMLDivElement>(null);
  useEffect(() => region.current?.focus(), []);

  async function onCopy() {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopy("copied");
    } catch {
      // No clipboard access (insecure context, denied permission): select the text for the keyboard.
      input.current?.focus();
      input.current?.select();
      setCopy("select");
    }
  }

  return (
    <div
      ref={region}
      tabIndex={-1}
      class="card border-l-4 border-amber-400 px-5 py-4 outline-none sm:px-6"
      role="region"
      aria-label="New API key"
    >
      <p class="text-sm font-semibold text-slate-900">
        Copy the key “{created.apiKey.name}” now: you won't see it again.
      </p>
      <p class="mt-1 text-sm text-slate-600">
        Frontdesk keeps only a hash of it. Send it as <code class="font-mono">Authorization: Bearer &lt;key&gt;</code>
        {" "}
        (see the <a href="/api/docs" class="link">API reference</a>). If you lose it, revoke it and create another.
      </p>
      <div class="mt-3 flex flex-col gap-2 sm:flex-row">
        <label for="new-api-key" class="sr-only">API key</label>
        <input
          id="new-api-key"
          ref={input}
          readOnly
          class="field-input mt-0 font-mono"
          value={created.key}
          onFocus={(e) => (e.currentTarget as HTMLInputElement).select()}
        />
        <button
          type="button"
          class={copy === "copied" ? "btn-secondary shrink-0 text-emerald-700" : "btn-primary shrink-0"}
          onClick={onCopy}
        >
          <Icon name={copy === "copied" ? "check" : "copy"} class="size-4" />
          {copy === "copied" ? "Copied" : "Copy key"}
        </button>
      </div>
      <p class="mt-2 text-sm text-slate-600" aria-live="polite">
        {copy === "copied"
          ? "Copied to your clipboard."
          : copy === "select"
          ? "Your browser didn't allow copying. The key is selected: press Ctrl+C (⌘C on a Mac)."
          : ""}
      </p>
      <button type="button" class="btn-secondary mt-2" onClick={onDone}>I have stored it</button>
    </div>
  );
}
