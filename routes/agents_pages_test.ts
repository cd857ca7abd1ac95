import assert from "node:assert/strict";
import { createApp } from "../app.ts";
import { call, makeTestDeps, readOutbox, sessionCookieOf, signUp } from "../tests/helpers.ts";

async function setup() {
  const ctx = await makeTestDeps();
  const app = createApp(ctx.deps);
  const admin = await signUp(app, { email: "owner@agents.test", name: "Olive Owner", company: "Agents & Co" });
  return { ...ctx, app, admin };
}

const get = (app: Parameters<typeof call>[0], path: string, cookie?: string) => call(app, "GET", path, { cookie });

/** The JSON props of island `name` in a page. */
function islandProps(html: string, name: string): Record<string, unknown> {
  const m = new RegExp(`data-island-props="${name}">(.*?)</script>`).exec(html);
  assert.ok(m, `island ${name} on the page`);
  return JSON.parse(m[1]);
}

async function createAgent(t: Awaited<ReturnType<typeof setup>>, body: Record<string, unknown>) {
  const res = await call(t.app, "POST", "/api/agents", { cookie: t.admin.cookie, body });
  assert.equal(res.status, 201);
  return (await res.json()).agent as { id: string };
}

async function member(t: Awaited<ReturnType<typeof setup>>) {
  await call(t.app, "POST", "/api/users/invites", { cookie: t.admin.cookie, body: { email: "mo@agents.test" } });
  await new Promise((r) => setTimeout(r, 20));
  const link = (await readOutbox(t.dir)).at(-1)!.links.find((l) => l.includes("/invite?token="))!;
  const token = new URL(link).searchParams.get("token")!;
  const res = await call(t.app, "POST", "/api/auth/invite/accept", {
    body: { token, name: "Mo Member", password: "member pass 1" },
  });
  return sessionCookieOf(res);
}

Deno.test("GET /agents explains the three steps when empty, then lists agents with provider, state and links", async () => {
  const t = await setup();
  try {
    const empty = await (await get(t.app, "/agents", t.admin.cookie)).text();
    assert.match(empty, /Create your first agent/);
    assert.match(empty, /Create<\/p>.*Teach<\/p>.*Embed<\/p>/s);
    assert.match(empty, /href="\/agents\/new"/);
    assert.doesNotMatch(empty, /Coming soon/);

    const a = await createAgent(t, { name: "Helper <b>", provider: "openai", isActive: false });
    const html = await (await get(t.app, "/agents", t.admin.cookie)).text();
    assert.match(html, /Helper &lt;b>/);
    assert.match(html, />OpenAI</);
    assert.match(html, />Inactive</);
    assert.match(html, /0 knowledge sources/);
    for (const tab of ["", "/knowledge", "/playground", "/embed"]) {
      assert.ok(html.includes(`href="/agents/${a.id}${tab}"`));
    }
  } finally {
    await t.cleanup();
  }
});

Deno.test("GET /agents/new gives admins the editor with the schema's defaults and members a 403 page", async () => {
  const t = await setup();
  try {
    const res = await get(t.app, "/agents/new", t.admin.cookie);
    assert.equal(res.status, 200);
    const html = await res.text();
    const props = islandProps(html, "AgentEditor");
    assert.equal(props.canEdit, true);
    assert.deepEqual(props.configured, { lyzr: false, openai: false, anthropic: false });
    assert.equal((props.agent as { provider: string }).provider, "local");
    assert.match(html, /<script type="module" src="\/static\/build\/islands\/AgentEditor-[A-Z2-7]{8}\.js"><\/script>/);
    assert.ok(!/ on[a-z]+=/i.test(html), "no inline event handlers");

    const mo = await member(t);
    assert.equal((await get(t.app, "/agents/new", mo)).status, 403);
    const list = await (await get(t.app, "/agents", mo)).text();
    assert.doesNotMatch(list, /href="\/agents\/new"/);
  } finally {
    await t.cleanup();
  }
});

Deno.test("agent tabs render with aria-current on the active tab; members get the editor read-only", async () => {
  const t = await setup();
  try {
    const a = await createAgent(t, { name: "Helper", widgetConfig: { primaryColor: "#0d9488", position: "left" } });
    const tabs: [string, string, string][] = [
      ["", "Settings", "AgentEditor"],
      ["/knowledge", "Knowledge", "KnowledgeManager"],
      ["/playground", "Playground", "Playground"],
      ["/embed", "Embed", "EmbedCode"],
    ];
    for (const [suffix, label, island] of tabs) {
      const res = await get(t.app, `/agents/${a.id}${suffix}`, t.admin.cookie);
      assert.equal(res.status, 200, suffix);
      const html = await res.text();
      assert.match(html, new RegExp(`<title>Helper – ${label} · Frontdesk</title>`));
      assert.match(html, new RegExp(`href="/agents/${a.id}${suffix}" aria-current="page"`));
      assert.equal(html.match(/aria-current="page"/g)?.length, 2, "the tab and the Agents nav link");
      islandProps(html, island);
    }
    const editor = islandProps(await (await get(t.app, `/agents/${a.id}`, t.admin.cookie)).text(), "AgentEditor");
    assert.deepEqual((editor.agent as { widgetConfig: unknown }).widgetConfig, {
      primaryColor: "#0d9488",
      position: "left",
      title: "Chat with us",
      subtitle: "We typically reply in a few minutes",
    });
    assert.ok(!("workspaceId" in (editor.agent as object)), "only the editable fields go to the browser");
    const embed = islandProps(await (await get(t.app, `/agents/${a.id}/embed`, t.admin.cookie)).text(), "EmbedCode");
    assert.match(String(embed.snippet), new RegExp(`data-agent-id="${a.id}"`));

    const mo = await member(t);
    const asMember = islandProps(await (await get(t.app, `/agents/${a.id}`, mo)).text(), "AgentEditor");
    assert.equal(asMember.canEdit, false);
    assert.equal(asMember.configured, null);
    assert.equal(
      islandProps(await (await get(t.app, `/agents/${a.id}/knowledge`, mo)).text(), "KnowledgeManager").canEdit,
      false,
    );
    assert.equal((await get(t.app, `/agents/${a.id}/playground`, mo)).status, 200);
  } finally {
    await t.cleanup();
  }
});

Deno.test("another workspace's agent and unknown ids answer the 404 page on every tab", async () => {
  const t = await setup();
  try {
    const a = await createAgent(t, { name: "Private" });
    const other = await signUp(t.app, { email: "else@agents.test", company: "Elsewhere" });
    for (const suffix of ["", "/knowledge", "/playground", "/embed"]) {
      const res = await get(t.app, `/agents/${a.id}${suffix}`, other.cookie);
      assert.equal(res.status, 404, suffix);
      assert.doesNotMatch(await res.text(), /Private/);
    }
    assert.equal((await get(t.app, "/agents/not-an-id", t.admin.cookie)).status, 404);
    assert.equal((await get(t.app, `/agents/${a.id}/knowledge`)).status, 302, "signed out: sent to sign in");
  } finally {
    await t.cleanup();
  }
});

Deno.test("GET /settings shows admins each provider's state and key hint, never the key; members a note", async () => {
  const t = await setup();
  try {
    const saved = await call(t.app, "PUT", "/api/settings/providers/openai", {
      cookie: t.admin.cookie,
      body: { apiKey: "sk-secret-key-0123456789wxyz", defaultModel: "gpt-4o-mini" },
    });
    assert.equal(saved.status, 200);
    const html = await (await get(t.app, "/settings", t.admin.cookie)).text();
    assert.doesNotMatch(html, /Coming soon/);
    assert.ok(!html.includes("sk-secret-key-0123456789wxyz"), "the key never reaches the page");
    const { providers } = islandProps(html, "ProviderSettings") as {
      providers: { provider: string; configured: boolean; keyHint?: string; defaultModel?: string }[];
    };
    assert.deepEqual(providers.map((p) => [p.provider, p.configured]), [["lyzr", false], ["openai", true], [
      "anthropic",
      false,
    ]]);
    assert.equal(providers[1].keyHint, "sk-…wxyz");
    assert.equal(providers[1].defaultModel, "gpt-4o-mini");
    assert.match(html, /built-in offline responder needs no key/);

    const mo = await member(t);
    const asMember = await (await get(t.app, "/settings", mo)).text();
    assert.match(asMember, /Only workspace admins can see and change AI provider keys/);
    assert.doesNotMatch(asMember, /data-island-props="ProviderSettings"/);
  } finally {
    await t.cleanup();
  }
});
