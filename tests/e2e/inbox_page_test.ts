/**
 * The Inbox page as the server renders it (no browser needed): the island
 * with the most recent conversations and the agents as JSON, the deep link
 * with its conversation selected, and 404 for any other workspace's id.
 *
 * @module
 */
import assert from "node:assert/strict";
import { createApp } from "../../app.ts";
import { visitorSend } from "../../models/chat/chat.ts";
import { identifyVisitor, startWidgetSession } from "../../models/chat/visitors.ts";
import { call, makeTestDeps, signUp } from "../helpers.ts";

async function setup() {
  const ctx = await makeTestDeps();
  const app = createApp(ctx.deps);
  const a = await signUp(app, { email: "admin@a.test", company: "A" });
  const b = await signUp(app, { email: "admin@b.test", company: "B" });
  const { agent } = await (await call(app, "POST", "/api/agents", { cookie: a.cookie, body: { name: "A bot" } }))
    .json();
  const { visitor } = await startWidgetSession(ctx.deps, { agentId: agent.id });
  await identifyVisitor(ctx.deps, visitor, { name: "Ada </script><script>alert(1)</script>" });
  const { conversation } = await visitorSend(ctx.deps, visitor, {
    clientId: "client-000001",
    text: "<img src=x onerror=alert(1)>",
    pageUrl: "https://shop.example/cart",
  });
  await ctx.ai.idle();
  return { ...ctx, app, a, b, agent, conversation };
}

/** The JSON props of the Inbox island in a page. */
function props(html: string) {
  const m = /<script type="application\/json" data-island-props="Inbox">(.*?)<\/script>/s.exec(html);
  assert.ok(m, "the Inbox island is on the page");
  return JSON.parse(m[1]);
}

Deno.test("GET /inbox renders the Inbox island with the conversations and agents, safely", async () => {
  const t = await setup();
  try {
    const res = await call(t.app, "GET", "/inbox", { cookie: t.a.cookie });
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /^text\/html/);
    assert.equal(res.headers.get("cache-control"), "no-store");
    const html = await res.text();
    assert.match(html, /<title>Inbox · Frontdesk<\/title>/);
    assert.match(html, /<script type="module" src="\/static\/build\/islands\/Inbox-[A-Z2-7]{8}\.js"><\/script>/);
    const p = props(html);
    assert.equal(p.selectedId, null);
    assert.deepEqual(p.agents, [{ id: t.agent.id, name: "A bot", canTranslate: false }]);
    assert.equal(p.conversations.length, 1);
    assert.equal(p.conversations[0].id, t.conversation.id);
    assert.equal(p.conversations[0].visitorName, "Ada </script><script>alert(1)</script>");
    assert.equal(p.conversations[0].pageUrl, "https://shop.example/cart");
    assert.equal(p.nextCursor, null);
    assert.ok(!html.includes("<script>alert(1)"), "names cannot break out of the props or the markup");
    assert.ok(!html.includes("<img src=x"), "previews are text");
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.ok(scripts.every((s) => /type="application\/json"|src="\/static\//.test(s)), scripts.join("\n"));
  } finally {
    await t.cleanup();
  }
});

Deno.test("GET /inbox/:id renders with the conversation selected; another workspace's or an unknown id is a 404 page", async () => {
  const t = await setup();
  try {
    const res = await call(t.app, "GET", `/inbox/${t.conversation.id}`, { cookie: t.a.cookie });
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.equal(props(html).selectedId, t.conversation.id);
    assert.match(html, /aria-current="true"/);
    for (
      const [cookie, id] of [[t.b.cookie, t.conversation.id], [t.a.cookie, "65f1c0ffee0000000000abcd"], [
        t.a.cookie,
        "not-an-id",
      ]]
    ) {
      const other = await call(t.app, "GET", `/inbox/${id}`, { cookie });
      assert.equal(other.status, 404, id);
      assert.match(await other.text(), /not found/i);
    }
    const theirs = props(await (await call(t.app, "GET", "/inbox", { cookie: t.b.cookie })).text());
    assert.deepEqual(theirs.conversations, [], "another workspace sees none of it");
    const out = await call(t.app, "GET", `/inbox/${t.conversation.id}`);
    assert.equal(out.status, 302);
    assert.equal(out.headers.get("location"), `/login?next=%2Finbox%2F${t.conversation.id}`);
  } finally {
    await t.cleanup();
  }
});
