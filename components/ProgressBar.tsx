/**
 * A named progress bar (`role="progressbar"`). With no total yet it shows an
 * indeterminate stripe and says so in `aria-valuetext`.
 *
 * @module
 */

/** Props of {@linkcode ProgressBar}. */
export interface ProgressBarProps {
  /** Accessible name, e.g. "Crawling help.example.com". */
  label: string;
  done: number;
  total: number;
  /** What is counted: "pages", "chunks". */
  unit: string;
  /** Shown when the total is not known yet. */
  waiting?: string;
  /** Replaces the "3 of 10 pages" text. */
  valueText?: string;
}

/** A thin bar with "3 of 10 pages" beside it. */
export function ProgressBar({ label, done, total, unit, waiting = "Waiting to start…", valueText }: ProgressBarProps) {
  const known = total > 0;
  const now = Math.min(done, total);
  const pct = known ? Math.round((now / total) * 100) : 0;
  const text = valueText ?? (known ? `${now} of ${total} ${unit}` : waiting);
  return (
    <div class="flex items-center gap-3">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={known ? total : 100}
        aria-valuenow={known ? now : undefined}
        aria-valuetext={text}
        class="relative h-2 flex-1 overflow-hidden rounded-full bg-slate-100"
      >
        {known
          ? (
            <div
              class="h-full rounded-full bg-indigo-600 transition-[width] duration-500"
              style={{ width: `${pct}%` }}
            />
          )
          : <div class="absolute inset-y-0 left-0 w-1/3 animate-pulse rounded-full bg-indigo-300" />}
      </div>
      <span class="shrink-0 text-xs font-medium text-slate-600 tabular-nums">{text}</span>
    </div>
  );
}
