/**
 * The browser half of the islands layer: each island bundle calls
 * {@linkcode hydrateIslands} with its component, which hydrates every
 * `<div data-island="Name">` on the page with the props serialised in the
 * `<script type="application/json" data-island-props>` just before it
 * (see `components/Island.tsx`).
 *
 * @module
 */
import { type ComponentType, h, hydrate } from "preact";

/** Hydrates every element of island `name` with `component`. */
export function hydrateIslands<P>(name: string, component: ComponentType<P>): void {
  for (const el of document.querySelectorAll<HTMLElement>(`[data-island="${name}"]`)) {
    const script = el.previousElementSibling;
    let props = {} as P;
    if (script instanceof HTMLScriptElement && script.dataset.islandProps === name) {
      props = JSON.parse(script.textContent || "{}") as P;
    }
    hydrate(h(component as ComponentType<P & object>, props as P & object), el);
    // Said on the element so that browser tests (and anyone debugging) can tell a live island from its HTML.
    el.dataset.hydrated = "";
  }
}
