/**
 * zod's settings for the browser, imported first by every island bundle (the
 * entry `tasks/build.ts` writes), before any schema module runs. `jitless`:
 * zod would otherwise probe `new Function("")` while building an object
 * schema (to compile a fast parser), which the pages' CSP (`script-src 'self'`,
 * no `unsafe-eval`) blocks and reports as a violation on every page with a
 * form. The interpreted parser is what runs under that CSP anyway.
 *
 * @module
 */
import { config } from "zod";

config({ jitless: true });
