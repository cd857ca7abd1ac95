/**
 * A card with a heading row (title, description, optional actions) and a
 * padded body: the building block of the agent and settings pages.
 *
 * @module
 */
import type { ComponentChildren } from "preact";

/** Props of {@linkcode SectionCard}. */
export interface SectionCardProps {
  /** Id of the heading (the section is labelled by it). */
  id: string;
  title: string;
  description?: ComponentChildren;
  /** At the right of the heading row. */
  actions?: ComponentChildren;
  /** Heading level (default 2). */
  level?: 2 | 3;
  children: ComponentChildren;
  /** Classes of the body (default padded with vertical spacing). */
  bodyClass?: string;
  class?: string;
}

/** Heading row plus body. */
export function SectionCard(p: SectionCardProps) {
  const H = p.level === 3 ? "h3" : "h2";
  return (
    <section class={`card ${p.class ?? ""}`} aria-labelledby={p.id}>
      <div class="flex flex-col gap-3 border-b border-slate-200 px-5 py-4 sm:flex-row sm:items-start sm:justify-between sm:px-6">
        <div class="min-w-0">
          <H id={p.id} class="text-base font-semibold text-slate-900">{p.title}</H>
          {p.description && <p class="mt-1 text-sm text-slate-600">{p.description}</p>}
        </div>
        {p.actions && <div class="flex shrink-0 flex-wrap gap-2">{p.actions}</div>}
      </div>
      <div class={p.bodyClass ?? "space-y-5 px-5 py-5 sm:px-6"}>{p.children}</div>
    </section>
  );
}
