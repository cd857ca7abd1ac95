/**
 * The home page's getting-started checklist with a progress bar.
 *
 * @module
 */
import { Icon } from "./Icons.tsx";

/** One step of the checklist. */
export interface Step {
  title: string;
  text: string;
  href: string;
  cta: string;
  done: boolean;
}

/** Props of {@linkcode GettingStarted}. */
export interface GettingStartedProps {
  steps: Step[];
}

/** Numbered steps, each with a link to where it is done. */
export function GettingStarted({ steps }: GettingStartedProps) {
  const done = steps.filter((s) => s.done).length;
  const pct = Math.round((done / steps.length) * 100);
  return (
    <section class="card overflow-hidden" aria-labelledby="start-heading">
      <div class="flex flex-col gap-3 border-b border-slate-200 px-5 py-5 sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <div>
          <h2 id="start-heading" class="text-base font-semibold text-slate-900">Getting started</h2>
          <p class="mt-1 text-sm text-slate-600">Four steps to your first AI-answered conversation.</p>
        </div>
        <div class="flex items-center gap-3 sm:w-56">
          <div
            class="h-2 flex-1 overflow-hidden rounded-full bg-slate-100"
            role="progressbar"
            aria-label="Setup progress"
            aria-valuemin={0}
            aria-valuemax={steps.length}
            aria-valuenow={done}
          >
            <div
              class={`h-full rounded-full bg-indigo-600 ${
                ["w-0", "w-1/4", "w-2/4", "w-3/4", "w-full"][Math.round(pct / 25)]
              }`}
            />
          </div>
          <span class="text-sm font-medium whitespace-nowrap text-slate-600">{done} of {steps.length}</span>
        </div>
      </div>
      <ol class="divide-y divide-slate-100">
        {steps.map((s, i) => (
          <li key={s.title} class="flex flex-col gap-4 px-5 py-5 sm:flex-row sm:items-center sm:px-6">
            <div class="flex flex-1 gap-4">
              {s.done
                ? (
                  <span class="grid size-8 shrink-0 place-items-center rounded-full bg-emerald-500 text-white">
                    <Icon name="check" class="size-4" stroke={2.5} />
                  </span>
                )
                : (
                  <span class="grid size-8 shrink-0 place-items-center rounded-full bg-indigo-50 text-sm font-semibold text-indigo-700 ring-1 ring-indigo-200">
                    {i + 1}
                  </span>
                )}
              <div>
                <h3 class={`text-sm font-semibold ${s.done ? "text-slate-500 line-through" : "text-slate-900"}`}>
                  {s.title}
                  {s.done && <span class="sr-only">(done)</span>}
                </h3>
                <p class="mt-1 text-sm text-slate-600">{s.text}</p>
              </div>
            </div>
            <a href={s.href} class={`${s.done ? "btn-ghost" : "btn-secondary"} shrink-0 self-start sm:self-center`}>
              {s.cta}
              <Icon name="arrowRight" class="size-4" />
            </a>
          </li>
        ))}
      </ol>
    </section>
  );
}
