import assert from "node:assert/strict";
import { stubModule } from "./build_islands.ts";

Deno.test("a stubbed zod module keeps every export name, and each throws when called", async () => {
  const source = [
    "export const INVALID = Symbol.for('x');",
    "export class ZodCompileAsyncError extends Error {}",
    "export function compile(schema) { return schema; }",
    "function a() {}",
    "export { a, a as renamed };",
  ].join("\n");
  const stub = stubModule("core/compile.js", source);
  const mod = await import(`data:text/javascript,${encodeURIComponent(stub)}`);
  assert.deepEqual(Object.keys(mod).sort(), ["INVALID", "ZodCompileAsyncError", "a", "compile", "renamed"]);
  assert.throws(() => mod.compile({}), /zod's core\/compile\.js is not in the browser build/);
  assert.throws(() => stubModule("x.js", "export * from './y.js';"), /cannot stub x\.js/);
});
