/**
 * The heading block at the top of a dashboard page.
 *
 * @module
 */
import type { ComponentChildren } from "preact";

/** Props of {@linkcode PageHeader}. */
export interface PageHeaderProps {
  /** The page's `<h1>`. */
  title: string;
  description?: ComponentChildren;
  /** Buttons or links at the right. */
  actions?: ComponentChildren;
  /** A small label beside the title, e.g. "Coming soon". */
  badge?: string;
}

/** Title, description and actions. */
export function PageHeader({ title, description, actions, badge }: PageHeaderProps) {
  return (
    <div class="mb-8 flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
      <div class="min-w-0">
        <div class="flex flex-wrap items-center gap-3">
          <h1 class="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">{title}</h1>
          {badge && (
            <span class="rounded-full bg-amber-50 px-2.5 py-0.5 text-xs font-semibold text-amber-800 ring-1 ring-amber-200 ring-inset">
              {badge}
            </span>
          )}
        </div>
        {description && <p class="mt-2 max-w-2xl text-sm text-slate-600 sm:text-base">{description}</p>}
      </div>
      {actions && <div class="flex shrink-0 gap-3">{actions}</div>}
    </div>
  );
}
