import assert from "node:assert/strict";
import { agentName, fileSize, isInlineImage, messageTime, relativeTime, safeHref } from "./format.ts";

Deno.test("relativeTime reads now, minutes, hours, days, then a date (with the year when not this one)", () => {
  const now = Date.parse("2026-03-10T12:00:00Z");
  assert.equal(relativeTime("2026-03-10T11:59:30Z", now, "UTC"), "now");
  assert.equal(relativeTime("2026-03-10T11:55:00Z", now, "UTC"), "5m");
  assert.equal(relativeTime("2026-03-10T09:00:00Z", now, "UTC"), "3h");
  assert.equal(relativeTime("2026-03-08T12:00:00Z", now, "UTC"), "2d");
  assert.equal(relativeTime("2026-02-01T12:00:00Z", now, "UTC"), "Feb 1");
  assert.equal(relativeTime("2025-12-24T12:00:00Z", now, "UTC"), "Dec 24, 2025");
  assert.equal(relativeTime("not a date", now, "UTC"), "");
});

Deno.test("messageTime shows the time today and the date before", () => {
  const now = Date.parse("2026-03-10T12:00:00Z");
  assert.equal(messageTime("2026-03-10T09:05:00Z", now, "UTC"), "9:05 AM");
  assert.equal(messageTime("2026-03-04T14:05:00Z", now, "UTC"), "Mar 4, 2:05 PM");
});

Deno.test("only PNG, JPEG, GIF and WebP attachments are drawn inline (never SVG)", () => {
  for (const t of ["image/png", "image/jpeg", "image/gif", "image/webp", "IMAGE/PNG; charset=x"]) {
    assert.ok(isInlineImage({ contentType: t }), t);
  }
  for (const t of ["image/svg+xml", "text/html", "application/pdf", "image/bmp"]) {
    assert.ok(!isInlineImage({ contentType: t }), t);
  }
  assert.equal(fileSize(512), "512 B");
  assert.equal(fileSize(2048), "2 KB");
  assert.equal(fileSize(3 * 1024 * 1024 + 100_000), "3.1 MB");
});

Deno.test("safeHref lets through http(s) and same-site paths only", () => {
  assert.equal(safeHref("https://shop.example/cart?x=1"), "https://shop.example/cart?x=1");
  assert.equal(safeHref("/api/files/abc?sig=1"), "/api/files/abc?sig=1");
  for (
    const bad of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "data:text/html,<b>",
      "//evil.example/x",
      "/\\evil",
      "",
      undefined,
    ]
  ) {
    assert.equal(safeHref(bad), null, String(bad));
  }
});

Deno.test("agentName names the agent, or says it was removed", () => {
  const agents = [{ id: "a1", name: "Apollo Helper" }];
  assert.equal(agentName(agents, "a1"), "Apollo Helper");
  assert.equal(agentName(agents, "a2"), "Removed agent");
});
