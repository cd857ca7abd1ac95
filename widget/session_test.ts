import assert from "node:assert/strict";
import { fetchSession } from "./session.ts";

Deno.test("the widget tells the server the language it speaks when it starts a session", async () => {
  const bodies: Record<string, unknown>[] = [];
  const fake = ((_url: string, init: RequestInit) => {
    bodies.push(JSON.parse(String(init.body)));
    return Promise.resolve(Response.json({ token: "t", visitorId: "v", agent: {}, conversations: [] }));
  }) as typeof fetch;
  await fetchSession("https://app.example", "a".repeat(24), "https://shop.example/", {
    fresh: true,
    fetch: fake,
    lang: "de",
    locale: "de-AT",
  });
  assert.equal(bodies[0].lang, "de");
  assert.equal(bodies[0].locale, "de-AT");
  assert.equal(bodies[0].pageUrl, "https://shop.example/");
});
