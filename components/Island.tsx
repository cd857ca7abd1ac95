/**
 * The server half of the islands layer (Fresh's model): a page renders an
 * interactive component through {@linkcode Island}, which server-renders it,
 * writes its props as JSON beside it and records that the page must load
 * `/static/build/islands/<Name>-<hash>.js` (named by the build's manifest, see
 * `assets.ts`). That bundle (built by `tasks/build.ts`) hydrates the element in
 * the browser; see `islands/shared/hydrate.ts`.
 *
 * @module
 */
import { type ComponentType, createContext } from "preact";
import { useContext } from "preact/hooks";
import { islandAssets } from "./assets.ts";

/** The islands a page uses, collected while it renders. */
export type IslandSet = Set<string>;

/** Carries the current page's {@linkcode IslandSet}; `routes/render.tsx` provides a fresh one per request. */
export const IslandsContext = createContext<IslandSet | null>(null);

/** Serialises island props for a `<script type="application/json">`: `<` is escaped so no `</script>` can end it. */
export function serializeProps(props: unknown): string {
  return JSON.stringify(props ?? {}).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(
    /\u2029/g,
    "\\u2029",
  );
}

/** Props of {@linkcode Island}. `props` must survive `JSON.stringify` unchanged (plain data). */
export interface IslandProps<P> {
  /** The file name in `islands/` without `.tsx`, e.g. `LoginForm`. */
  name: string;
  /** That file's default export. */
  component: ComponentType<P>;
  /** Plain JSON data handed to the component on the server and again in the browser. */
  props: P;
}

/**
 * Renders an island: its JSON props in a `<script type="application/json" data-island-props>`
 * immediately followed by `<div data-island="Name">` holding the server-rendered component.
 * The browser hydrates that div's content with the same props.
 */
export function Island<P>({ name, component: Component, props }: IslandProps<P>) {
  const islands = useContext(IslandsContext);
  if (!islands) throw new Error(`<Island name="${name}"> rendered outside IslandsContext`);
  islands.add(name);
  return (
    <>
      <script
        type="application/json"
        data-island-props={name}
        dangerouslySetInnerHTML={{ __html: serializeProps(props) }}
      />
      <div data-island={name}>
        <Component {...(props as P & object)} />
      </div>
    </>
  );
}

/**
 * Module scripts for every island rendered so far, each chunk they import
 * preloaded once (no request waterfall). Place it last in `<body>`: rendering is
 * depth-first, so by then the page's islands are all known.
 */
export function IslandScripts() {
  const islands = [...(useContext(IslandsContext) ?? [])].sort().map(islandAssets);
  const preload = [...new Set(islands.flatMap((i) => i.preload))].sort();
  return (
    <>
      {preload.map((href) => <link key={href} rel="modulepreload" href={href} />)}
      {islands.map((i) => <script key={i.src} type="module" src={i.src} />)}
    </>
  );
}
