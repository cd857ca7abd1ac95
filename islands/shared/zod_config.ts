/**
 * zod's settings for the browser, imported first by every island bundle (the
 * entry `tasks/build.ts` writes), before any schema module runs. `jitless`:
 * zod would otherwise probe `new Function("")` while building an object
 * schema (to compile a fast parser), which the pages' CSP (`script-src 'self'`,
 * no `unsafe-eval`) blocks and reports as a violation on every page with a
 * form. The interpreted parser is what runs under that CSP anyway.
 *
 * This is what `z.config({ jitless: true })` does, without importing zod:
 * zod keeps its settings in `globalThis.__zod_globalConfig` (shared by every
 * copy of zod on the page), and an import here would put zod into the islands
 * that have no form (esbuild then shares its chunk with them). In either order
 * of evaluation zod and this module end up with the same object.
 * `zod_config_test.ts` checks zod still reads it.
 *
 * @module
 */

/** What this module sets, merged into zod's global configuration. */
export const BROWSER_ZOD_CONFIG = { jitless: true } as const;

const g = globalThis as { __zod_globalConfig?: Record<string, unknown> };
Object.assign(g.__zod_globalConfig ??= {}, BROWSER_ZOD_CONFIG);
