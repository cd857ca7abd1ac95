/**
 * Accessible tabs for islands (WAI-ARIA tabs pattern): a `tablist` of
 * buttons with arrow-key, Home and End navigation (selection follows focus)
 * and one `tabpanel` for the selected tab.
 *
 * @module
 */
import type { ComponentChildren } from "preact";

/** One tab. */
export interface TabItem<K extends string> {
  key: K;
  label: string;
}

/** Props of {@linkcode Tabs}. */
export interface TabsProps<K extends string> {
  /** Prefix of the tab and panel ids, unique on the page. */
  id: string;
  /** Accessible name of the tab list. */
  label: string;
  tabs: TabItem<K>[];
  selected: K;
  onSelect: (key: K) => void;
  /** The selected tab's panel. */
  children: ComponentChildren;
  /** `pills` (segmented, default) or `underline`. */
  variant?: "pills" | "underline";
}

/** Tab list plus the selected panel. */
export function Tabs<K extends string>(p: TabsProps<K>) {
  const tabId = (k: K) => `${p.id}-tab-${k}`;
  const move = (e: KeyboardEvent, i: number) => {
    const last = p.tabs.length - 1;
    const to = e.key === "ArrowRight"
      ? (i === last ? 0 : i + 1)
      : e.key === "ArrowLeft"
      ? (i === 0 ? last : i - 1)
      : e.key === "Home"
      ? 0
      : e.key === "End"
      ? last
      : -1;
    if (to < 0) return;
    e.preventDefault();
    p.onSelect(p.tabs[to].key);
    document.getElementById(tabId(p.tabs[to].key))?.focus();
  };
  const pills = (p.variant ?? "pills") === "pills";
  return (
    <div>
      <div
        role="tablist"
        aria-label={p.label}
        class={pills
          ? "flex flex-wrap gap-1 rounded-lg bg-slate-100 p-1"
          : "-mb-px flex gap-1 overflow-x-auto border-b border-slate-200"}
      >
        {p.tabs.map((t, i) => {
          const on = t.key === p.selected;
          return (
            <button
              key={t.key}
              id={tabId(t.key)}
              type="button"
              role="tab"
              aria-selected={on ? "true" : "false"}
              aria-controls={`${p.id}-panel`}
              tabIndex={on ? 0 : -1}
              onClick={() => p.onSelect(t.key)}
              onKeyDown={(e) => move(e, i)}
              class={pills
                ? `shrink-0 rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap transition-colors ${
                  on ? "bg-white text-slate-900 shadow-xs" : "text-slate-600 hover:text-slate-900"
                }`
                : `shrink-0 border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap ${
                  on
                    ? "border-indigo-600 text-indigo-700"
                    : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
                }`}
            >
              {t.label}
            </button>
          );
        })}
      </div>
      <div
        id={`${p.id}-panel`}
        role="tabpanel"
        aria-labelledby={tabId(p.selected)}
        tabIndex={0}
        class="mt-4 rounded-lg"
      >
        {p.children}
      </div>
    </div>
  );
}
