import assert from "node:assert/strict";
import { render } from "preact-render-to-string";
import { Message } from "./Message.tsx";
import { msg } from "./test_data.ts";
import type { WireMessage } from "./types.ts";

const now = { at: Date.parse("2026-03-04T12:00:00Z"), tz: "UTC" };
const show = (m: Partial<WireMessage>, seen = false) =>
  render(<Message message={msg(m)} agentName="Apollo Helper" visitorName="Visitor #ab12" seen={seen} now={now} />);

Deno.test("hostile visitor and staff text renders as inert text: no tags, no links", () => {
  const hostile = "<img src=x onerror=alert(1)> <script>alert(1)</script> [x](javascript:alert(1))";
  for (const kind of ["visitor", "staff"] as const) {
    const html = show({ text: hostile, author: { kind } });
    assert.ok(!/<img|<script|<a /i.test(html), html);
    assert.ok(html.includes("&lt;img src=x onerror=alert(1)>"));
    assert.ok(html.includes("[x](javascript:alert(1))"));
  }
});

Deno.test("an AI answer's html is used only once complete; while streaming its text is plain", () => {
  const streaming = show({ author: { kind: "ai" }, status: "streaming", text: "<b>so far</b>", html: "<p>x</p>" });
  assert.ok(streaming.includes("&lt;b>so far&lt;/b>"));
  assert.ok(!streaming.includes("<p>x</p>"));
  const done = show({ author: { kind: "ai" }, text: "Five days", html: "<p>Five <strong>days</strong></p>" });
  assert.ok(done.includes("<p>Five <strong>days</strong></p>"));
  assert.ok(done.includes("Apollo Helper"));
});

Deno.test("an interrupted answer says so; citations link only to http(s)", () => {
  const html = show({
    author: { kind: "ai" },
    status: "interrupted",
    text: "Refunds take …",
    citations: [{ title: "FAQ", url: "https://help.example/faq" }, { title: "Evil", url: "javascript:alert(1)" }, {
      title: "Notes",
    }],
  });
  assert.match(html, /Interrupted/);
  assert.match(html, /<a href="https:\/\/help.example\/faq" target="_blank" rel="noopener noreferrer"/);
  assert.ok(!html.includes("javascript:"));
  assert.match(html, />Evil</);
});

Deno.test("attachments: allowed images inline, SVG and others only as links", () => {
  const html = show({
    attachments: [
      { id: "f1", name: "shot.png", contentType: "image/png", size: 10, url: "/api/files/f1?sig=a" },
      { id: "f2", name: "logo.svg", contentType: "image/svg+xml", size: 10, url: "/api/files/f2?sig=b" },
      { id: "f3", name: "bad.png", contentType: "image/png", size: 10, url: "javascript:alert(1)" },
    ],
  });
  assert.equal(html.match(/<img /g)?.length, 1);
  assert.match(html, /<img src="\/api\/files\/f1\?sig=a" alt="shot.png"/);
  assert.match(html, /<a href="\/api\/files\/f2\?sig=b"[^>]*download="logo.svg"/);
  assert.ok(!html.includes("javascript:"));
});

Deno.test("system lines are centred text; 'Seen' shows only where told", () => {
  assert.match(show({ author: { kind: "system" }, text: "Ada joined." }), /data-kind="system"/);
  assert.match(show({ author: { kind: "staff", name: "Ada" } }, true), /Seen/);
  assert.ok(!show({ author: { kind: "staff", name: "Ada" } }).includes("Seen"));
});

Deno.test("internal notes and internal system lines are marked as the team's only", () => {
  const note = show({ author: { kind: "staff", name: "Ada" }, text: "VIP customer", internal: true });
  assert.match(note, /data-kind="note"/);
  assert.match(note, /Internal note/);
  assert.match(
    show({ author: { kind: "system" }, text: "Ticket opened.", internal: true }),
    /only your team sees this/,
  );
  assert.ok(!show({ author: { kind: "system" }, text: "Ada joined." }).includes("only your team"));
});
