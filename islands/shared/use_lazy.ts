/**
 * `useLazyComponent`: a component whose code is fetched when first wanted
 * (esbuild splits a dynamic `import()` into its own chunk). Dialogs with a
 * zod-validated form use it, so a page that only shows a button does not
 * download zod.
 *
 * @module
 */
import type { ComponentType } from "preact";
import { useRef, useState } from "preact/hooks";

/** The component once loaded (null before), and `load`, which resolves to it or to null when it could not load. */
export function useLazyComponent<P>(importer: () => Promise<ComponentType<P>>) {
  const [component, setComponent] = useState<ComponentType<P> | null>(null);
  const pending = useRef<Promise<ComponentType<P> | null> | null>(null);
  function load(): Promise<ComponentType<P> | null> {
    pending.current ??= importer().then(
      (c) => {
        // A function given to a state setter is an updater: wrap the component.
        setComponent(() => c);
        return c;
      },
      () => {
        pending.current = null; // the next try asks again
        return null;
      },
    );
    return pending.current;
  }
  return { component, load };
}

/** What to say when a lazily loaded form could not be fetched. */
export const LOAD_FAILED = "We couldn't load the form. Check your connection and try again.";
