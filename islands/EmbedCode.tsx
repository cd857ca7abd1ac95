/**
 * The Embed tab: the agent's script tag in a read-only code block with a
 * "Copy" button (clipboard, or the text selected for Ctrl+C where the
 * clipboard is refused), and install notes per site builder in tabs.
 *
 * @module
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { Alert } from "../components/Alert.tsx";
import { Icon } from "../components/Icons.tsx";
import { SectionCard } from "../components/SectionCard.tsx";
import { Tabs } from "./shared/Tabs.tsx";

/** Install notes per platform, as `GET /api/agents/:id/embed` gives them. */
export type Platform = "html" | "wordpress" | "shopify" | "webflow" | "wix" | "squarespace" | "react";

const PLATFORMS: { key: Platform; label: string }[] = [
  { key: "html", label: "HTML" },
  { key: "wordpress", label: "WordPress" },
  { key: "shopify", label: "Shopify" },
  { key: "webflow", label: "Webflow" },
  { key: "wix", label: "Wix" },
  { key: "squarespace", label: "Squarespace" },
  { key: "react", label: "React" },
];

/** Props of {@linkcode EmbedCode}. */
export interface EmbedCodeProps {
  snippet: string;
  instructions: Partial<Record<Platform, string>>;
  isActive: boolean;
  /** Link to the agent's Settings tab (to turn it on). */
  settingsHref: string;
}

/** Snippet, copy button and per-platform notes. */
export default function EmbedCode({ snippet, instructions, isActive, settingsHref }: EmbedCodeProps) {
  const [copy, setCopy] = useState<"idle" | "copied" | "select">("idle");
  const [platform, setPlatform] = useState<Platform>("html");
  const code = useRef<HTMLElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function onCopy() {
    clearTimeout(timer.current);
    try {
      await navigator.clipboard.writeText(snippet);
      setCopy("copied");
      timer.current = setTimeout(() => setCopy("idle"), 2500);
    } catch {
      // No clipboard access (insecure context, denied permission): select the text for the keyboard.
      const el = code.current;
      if (el) {
        getSelection()?.selectAllChildren(el);
        el.focus();
      }
      setCopy("select");
    }
  }

  const shown = PLATFORMS.filter((p) => instructions[p.key]);
  return (
    <div class="space-y-8">
      {!isActive && (
        <Alert tone="info" title="This agent is inactive">
          The snippet won't show the chat until you turn the agent on in its{" "}
          <a href={settingsHref} class="link">settings</a>.
        </Alert>
      )}
      <SectionCard
        id="snippet-heading"
        title="Your embed snippet"
        description="Add this one line to every page where the chat should appear, just before </body>."
        actions={
          <button
            type="button"
            class={copy === "copied" ? "btn-secondary text-emerald-700" : "btn-primary"}
            onClick={onCopy}
          >
            {copy === "copied"
              ? <Icon name="check" class="size-4" stroke={2.5} />
              : <Icon name="copy" class="size-4" />}
            {copy === "copied" ? "Copied" : "Copy snippet"}
          </button>
        }
      >
        <pre class="overflow-x-auto rounded-lg bg-slate-900 p-4 text-[13px] leading-6 text-slate-100"><code
          ref={code}
          tabIndex={-1}
          class="whitespace-pre-wrap break-all outline-none selection:bg-indigo-500/60"
        >{snippet}</code></pre>
        <p class="text-sm text-slate-600" aria-live="polite">
          {copy === "copied"
            ? "Copied to your clipboard."
            : copy === "select"
            ? "Your browser didn't allow copying. The snippet is selected: press Ctrl+C (⌘C on a Mac)."
            : "The widget loads asynchronously and won't slow your page down."}
        </p>
      </SectionCard>
      {shown.length > 0 && (
        <SectionCard
          id="install-heading"
          title="Install on your platform"
          description="Where the snippet goes on popular site builders."
        >
          <Tabs id="platform" label="Platforms" tabs={shown} selected={platform} onSelect={setPlatform}>
            <p class="text-sm leading-6 text-slate-700">{instructions[platform]}</p>
          </Tabs>
          <p class="flex items-start gap-2 text-xs text-slate-500">
            <Icon name="info" class="size-4 shrink-0" />
            After publishing, open your site: the chat bubble appears in the corner you chose.
          </p>
        </SectionCard>
      )}
    </div>
  );
}
