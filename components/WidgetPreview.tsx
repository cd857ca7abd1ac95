/**
 * A live mock of the chat widget on a customer's page: the launcher bubble
 * in the chosen colour and corner, and the open panel with its title,
 * subtitle and the welcome message. Pure markup; the agent editor island
 * re-renders it as the form changes.
 *
 * @module
 */
import { isHexColor, textOn } from "./color.ts";
import { Icon } from "./Icons.tsx";

/** Props of {@linkcode WidgetPreview}. */
export interface WidgetPreviewProps {
  primaryColor: string;
  position: "left" | "right";
  title: string;
  subtitle: string;
  welcomeMessage: string;
  /** False shows a note that the widget stays hidden. */
  isActive: boolean;
  /** Unique on the page (the caption's id derives from it). */
  id: string;
}

const FALLBACK = "#4f46e5";

/** The mock page with the widget open on it. */
export function WidgetPreview(p: WidgetPreviewProps) {
  const color = isHexColor(p.primaryColor) ? p.primaryColor : FALLBACK;
  const ink = textOn(color);
  const side = p.position === "left" ? "left-4" : "right-4";
  return (
    <figure class="card overflow-hidden" aria-labelledby={`${p.id}-caption`}>
      <figcaption
        id={`${p.id}-caption`}
        class="flex items-center justify-between gap-3 border-b border-slate-200 px-4 py-3"
      >
        <span class="text-sm font-semibold text-slate-900">Live preview</span>
        <span class="text-xs text-slate-500">
          {p.isActive ? `Bottom ${p.position} of your site` : "Hidden on your site while inactive"}
        </span>
      </figcaption>
      <div class="relative h-[27rem] bg-slate-100" data-part="page">
        <div class="flex items-center gap-1.5 border-b border-slate-200 bg-white px-3 py-2" aria-hidden="true">
          <span class="size-2.5 rounded-full bg-red-300" />
          <span class="size-2.5 rounded-full bg-amber-300" />
          <span class="size-2.5 rounded-full bg-emerald-300" />
          <span class="ml-2 h-4 flex-1 rounded-full bg-slate-100" />
        </div>
        {!p.isActive && (
          <p
            class="absolute top-12 left-1/2 -translate-x-1/2 rounded-full bg-slate-800 px-3 py-1 text-xs font-semibold text-white"
            aria-hidden="true"
          >
            Inactive
          </p>
        )}
        <div class="space-y-2.5 p-5" aria-hidden="true">
          <div class="h-3 w-2/5 rounded bg-slate-300" />
          <div class="h-2 w-4/5 rounded bg-slate-200" />
          <div class="h-2 w-3/5 rounded bg-slate-200" />
          <div class="h-2 w-2/3 rounded bg-slate-200" />
        </div>
        <div
          class={`absolute bottom-20 ${side} flex w-[min(17.5rem,calc(100%-2rem))] flex-col overflow-hidden rounded-2xl bg-white shadow-xl ring-1 ring-slate-900/10`}
        >
          <div class="flex items-center gap-3 px-4 py-3" style={{ background: color, color: ink }}>
            <span class="grid size-8 shrink-0 place-items-center rounded-full bg-white/20" aria-hidden="true">
              <Icon name="chat" class="size-4" stroke={2} />
            </span>
            <div class="min-w-0">
              <p class="truncate text-sm font-semibold">{p.title || "Chat with us"}</p>
              {p.subtitle && <p class="truncate text-xs">{p.subtitle}</p>}
            </div>
          </div>
          <div class="space-y-2 px-3 py-4">
            {p.welcomeMessage && (
              <p class="mr-8 rounded-2xl rounded-tl-sm bg-slate-100 px-3 py-2 text-xs leading-5 break-words text-slate-800">
                {p.welcomeMessage}
              </p>
            )}
            <p
              class="ml-10 rounded-2xl rounded-tr-sm px-3 py-2 text-xs leading-5"
              style={{ background: color, color: ink }}
              aria-hidden="true"
            >
              Do you ship to Canada?
            </p>
          </div>
          <div class="flex items-center gap-2 border-t border-slate-100 px-3 py-2.5" aria-hidden="true">
            <span class="h-7 flex-1 rounded-full bg-white px-3 text-[11px] leading-7 text-slate-500 ring-1 ring-slate-200">
              Type your message…
            </span>
            <span class="grid size-7 place-items-center rounded-full" style={{ background: color, color: ink }}>
              <Icon name="arrowRight" class="size-3.5" stroke={2.25} />
            </span>
          </div>
        </div>
        <span
          class={`absolute bottom-4 ${side} grid size-12 place-items-center rounded-full shadow-lg`}
          style={{ background: color, color: ink }}
          data-part="launcher"
          aria-hidden="true"
        >
          <Icon name="close" class="size-5" stroke={2.25} />
        </span>
      </div>
    </figure>
  );
}
