/**
 * The API reference at `/api/docs` in a real browser: it renders the document with curl examples, every
 * request it makes goes to the app's own origin (each one is listed), the app's CSP is never violated,
 * and Scalar's "Ask AI", "Developer Tools" and "Generate SDK" controls are not shown. Screenshot: `tests/e2e/screenshots/api-docs.png`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { browserTest, SHOTS } from "./browser.ts";

browserTest("api docs: /api/docs renders the reference with curl examples from our own origin only", async (e2e) => {
  const page = e2e.watch(await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } }));
  const origins = new Set<string>();
  page.on("request", (r) => origins.add(new URL(r.url()).origin));
  const res = await page.goto(`${e2e.url}/api/docs`);
  assert.equal(res?.status(), 200);
  assert.match(res!.headers()["content-security-policy"], /script-src 'self'/);
  await page.getByText("Frontdesk API", { exact: false }).first().waitFor();
  await page.getByText("curl", { exact: false }).first().waitFor({ timeout: 15_000 });
  // Loaded, then a moment for late requests (fonts, lazy chunks). Not "networkidle": under load the
  // bundle's own polling can keep the network from ever being idle for 500 ms.
  await page.waitForLoadState("load");
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `${SHOTS}api-docs.png` });
  // One reference (ours, configured), and none of the controls that lead to Scalar's hosted services.
  assert.equal(await page.getByRole("heading", { name: "Frontdesk API", exact: true }).count(), 1);
  for (const control of ["Ask AI", "Developer Tools", "Generate SDK", "Generate SDKs & MCP"]) {
    assert.equal(await page.getByText(control, { exact: true }).count(), 0, `${control} is shown`);
  }
  const foreign = [...origins].filter((o) => o !== e2e.url && !o.startsWith("data:") && o !== "null");
  assert.deepEqual(foreign, [], `requests left the origin: ${[...origins].join(", ")}`);
  // The bundle's zod probes whether `new Function` works (caught, then it validates without it): the CSP
  // blocks the probe, which is the CSP doing its job. Anything else is a failure.
  const probe = /CSP violation script-src blocked=eval at .*\/static\/build\/vendor\/scalar-/;
  assert.deepEqual(e2e.errors.filter((e) => !probe.test(e)), []);
});
