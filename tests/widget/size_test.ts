/**
 * The widget's size budget (DESIGN.md): the loader every page downloads stays
 * at or under 6 KB gzip, and everything a visitor can download for the widget
 * (loader + chat bundle + any chunk) at or under 30 KB gzip. Builds the widget
 * first, prints the sizes.
 *
 * @module
 */
import assert from "node:assert/strict";
import { basename, relative } from "node:path";
import { BUILD_DIR, buildWidget, WIDGET_LOADER } from "../../tasks/build.ts";

const LOADER_BUDGET = 6 * 1024;
const TOTAL_BUDGET = 30 * 1024;

async function gzipSize(path: string): Promise<number> {
  const file = await Deno.open(path);
  let size = 0;
  for await (const chunk of file.readable.pipeThrough(new CompressionStream("gzip"))) size += chunk.length;
  return size;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

Deno.test("the widget loader is <= 6 KB gzip and all widget JavaScript <= 30 KB gzip", async () => {
  const files = (await buildWidget()).filter((f) => f.endsWith(".js"));
  assert.ok(files.includes(WIDGET_LOADER), "widget.js was built");
  assert.ok(files.some((f) => basename(f) === "chat.js"), "widget/chat.js was built");
  let total = 0;
  let loader = 0;
  for (const f of files) {
    const gz = await gzipSize(f);
    const raw = (await Deno.stat(f)).size;
    console.log(`  ${relative(BUILD_DIR, f).padEnd(18)} ${kb(raw).padStart(8)} raw ${kb(gz).padStart(8)} gzip`);
    total += gz;
    if (f === WIDGET_LOADER) loader = gz;
  }
  console.log(`  ${"total".padEnd(18)} ${"".padStart(12)} ${kb(total).padStart(8)} gzip (budget ${kb(TOTAL_BUDGET)})`);
  assert.ok(loader <= LOADER_BUDGET, `widget.js is ${kb(loader)} gzip, over the ${kb(LOADER_BUDGET)} budget`);
  assert.ok(total <= TOTAL_BUDGET, `the widget's JavaScript is ${kb(total)} gzip, over the ${kb(TOTAL_BUDGET)} budget`);
});
