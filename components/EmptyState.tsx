/**
 * A friendly empty state: icon, headline, explanation and next steps.
 *
 * @module
 */
import type { ComponentChildren } from "preact";
import { Icon, type IconName } from "./Icons.tsx";

/** Props of {@linkcode EmptyState}. */
export interface EmptyStateProps {
  icon: IconName;
  title: string;
  children: ComponentChildren;
  /** Links or buttons under the text. */
  actions?: ComponentChildren;
}

/** A centered card for a page with nothing to show yet. */
export function EmptyState({ icon, title, children, actions }: EmptyStateProps) {
  return (
    <section class="card px-6 py-14 text-center sm:px-12" aria-labelledby="empty-title">
      <div class="mx-auto grid size-14 place-items-center rounded-2xl bg-indigo-50 text-indigo-600 ring-1 ring-indigo-100">
        <Icon name={icon} class="size-7" />
      </div>
      <h2 id="empty-title" class="mt-5 text-lg font-semibold text-slate-900">{title}</h2>
      <div class="mx-auto mt-2 max-w-lg text-sm leading-6 text-slate-600">{children}</div>
      {actions && <div class="mt-6 flex flex-wrap justify-center gap-3">{actions}</div>}
    </section>
  );
}
