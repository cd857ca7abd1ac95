/**
 * The widget's budget (DESIGN.md) over the wire: what a visitor's browser
 * actually receives from the running server, asking as browsers do
 * (`Accept-Encoding: br, gzip, deflate`): the loader <= 6 KB and the loader plus
 * the chat bundle it imports <= 30 KB, counted as the `Content-Length` sent.
 * Every part arrives compressed; the stable loader URL is cached briefly, the
 * content-named chat for a year.
 *
 * @module
 */
import assert from "node:assert/strict";
import { build } from "../../tasks/build.ts";
import { widgetBytes } from "../../tasks/wire_bytes.ts";
import { makeTestDeps, startServer } from "../helpers.ts";

const LOADER_BUDGET = 6 * 1024;
const TOTAL_BUDGET = 30 * 1024;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

Deno.test("the widget as sent over the wire: loader <= 6 KB, everything <= 30 KB, compressed and cached", async () => {
  await build({ ifStale: true, quiet: true });
  const ctx = await makeTestDeps();
  const server = await startServer(ctx.deps);
  try {
    const { loader, files, total } = await widgetBytes(server.url);
    for (const f of files) {
      console.log(`  ${new URL(f.url).pathname.padEnd(28)} ${kb(f.bytes).padStart(8)} ${f.encoding ?? "identity"}`);
      assert.ok(f.encoding === "br" || f.encoding === "gzip", `${f.url} was sent without compression`);
    }
    console.log(`  ${"total".padEnd(28)} ${kb(total).padStart(8)} (budget ${kb(TOTAL_BUDGET)})`);
    assert.ok(files.length >= 2, "the loader imports the chat bundle");
    assert.ok(loader.bytes <= LOADER_BUDGET, `widget.js is ${kb(loader.bytes)} on the wire, over ${kb(LOADER_BUDGET)}`);
    assert.ok(total <= TOTAL_BUDGET, `the widget is ${kb(total)} on the wire, over ${kb(TOTAL_BUDGET)}`);
    assert.equal(loader.cacheControl, "public, max-age=300");
    for (const f of files.slice(1)) assert.equal(f.cacheControl, "public, max-age=31536000, immutable", f.url);
  } finally {
    await server.close();
    await ctx.cleanup();
  }
});
