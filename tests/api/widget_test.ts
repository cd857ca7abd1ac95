import assert from "node:assert/strict";
import { createApp } from "../../app.ts";
import { hmacSha256Hex } from "../../lib/crypto.ts";
import { visitorSend } from "../../models/chat/chat.ts";
import { systemText, systemTexts } from "../../models/chat/system_texts.ts";
import { identitySecret } from "../../models/chat/visitors.ts";
import { handOffToTeam } from "../../models/tickets/handoff.ts";
import { strings } from "../../widget/i18n.ts";
import { call, makeTestDeps, signUp } from "../helpers.ts";

async function setup() {
  const ctx = await makeTestDeps();
  const app = createApp(ctx.deps);
  const a = await signUp(app, { email: "admin@a.test" });
  const { agent } = await (await call(app, "POST", "/api/agents", { cookie: a.cookie, body: { name: "Bot" } })).json();
  const session = async (body: Record<string, unknown> = {}) =>
    await call(app, "POST", "/api/widget/session", {
      origin: "https://shop.example",
      body: { agentId: agent.id, ...body },
    });
  return { ...ctx, app, a, agent, session };
}

Deno.test("POST /api/widget/session works from any origin and keeps returning visitors", async () => {
  const t = await setup();
  try {
    const res = await t.session();
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("access-control-allow-origin"), "*");
    assert.equal(res.headers.get("cross-origin-resource-policy"), "cross-origin");
    const body = await res.json();
    assert.equal(body.agent.id, t.agent.id);
    assert.equal(body.agent.widgetConfig.position, "right");
    assert.equal(body.agent.prompt, undefined, "no private agent fields");
    const again = await (await t.session({ token: body.token })).json();
    assert.equal(again.visitorId, body.visitorId, "the same visitor comes back");
    const stranger = await (await t.session({ token: "forged.token.value" })).json();
    assert.notEqual(stranger.visitorId, body.visitorId, "a bad token starts a new visitor");
    const preflight = await t.app.request("/api/widget/session", {
      method: "OPTIONS",
      headers: { origin: "https://shop.example", "access-control-request-method": "POST" },
    });
    assert.equal(preflight.status, 204);
  } finally {
    await t.cleanup();
  }
});

Deno.test("an inactive or unknown agent's widget session answers 404", async () => {
  const t = await setup();
  try {
    await call(t.app, "PUT", `/api/agents/${t.agent.id}`, { cookie: t.a.cookie, body: { isActive: false } });
    const res = await t.session();
    assert.equal(res.status, 404);
    assert.equal((await res.json()).error.code, "agent_unavailable");
    const unknown = await t.session({ agentId: "65f1c0ffee0000000000abcd" });
    assert.equal(unknown.status, 404);
    const bad = await t.session({ agentId: "nope" });
    assert.equal(bad.status, 400);
  } finally {
    await t.cleanup();
  }
});

Deno.test("identify verifies an email only with the agent's HMAC signature", async () => {
  const t = await setup();
  try {
    const { token } = await (await t.session()).json();
    const identify = (body: unknown) =>
      call(t.app, "POST", "/api/widget/identify", {
        origin: "https://shop.example",
        headers: { authorization: `Bearer ${token}` },
        body,
      });
    const claimed = await (await identify({ email: "ceo@bigcorp.example", name: "Pat" })).json();
    assert.equal(claimed.visitor.verified, false);
    const wrong = await identify({ email: "ceo@bigcorp.example", userHash: "0".repeat(64) });
    assert.equal(wrong.status, 401);
    const userHash = await hmacSha256Hex(await identitySecret(t.deps, t.agent.id), "ceo@bigcorp.example");
    const proven = await (await identify({ email: "ceo@bigcorp.example", userHash })).json();
    assert.equal(proven.visitor.verified, true);
    const anonymous = await call(t.app, "POST", "/api/widget/identify", {
      origin: "https://shop.example",
      body: { email: "x@y.example" },
    });
    assert.equal(anonymous.status, 401);
  } finally {
    await t.cleanup();
  }
});

Deno.test("uploads are sniffed from their bytes and never served as active content", async () => {
  const t = await setup();
  try {
    const { token } = await (await t.session()).json();
    const upload = async (bytes: Uint8Array<ArrayBuffer> | string, name: string, type: string) => {
      const form = new FormData();
      form.append("file", new File([bytes], name, { type }));
      return await call(t.app, "POST", "/api/widget/uploads", {
        origin: "https://shop.example",
        headers: { authorization: `Bearer ${token}` },
        form,
      });
    };
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const img = await upload(png, "photo.html", "text/html");
    assert.equal(img.status, 201);
    const { attachment } = await img.json();
    assert.equal(attachment.contentType, "image/png", "type from the bytes, not the name");
    const served = await call(t.app, "GET", new URL(attachment.url).pathname + new URL(attachment.url).search);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get("content-type"), "image/png");
    assert.match(served.headers.get("content-disposition")!, /^inline/);
    assert.equal(served.headers.get("x-content-type-options"), "nosniff");
    await served.body?.cancel();

    const svg =
      await (await upload('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "x.svg", "image/svg+xml"))
        .json();
    assert.equal(svg.attachment.contentType, "text/plain");
    const svgServed = await call(
      t.app,
      "GET",
      new URL(svg.attachment.url).pathname + new URL(svg.attachment.url).search,
    );
    assert.equal(svgServed.headers.get("content-type"), "text/plain; charset=utf-8");
    assert.match(svgServed.headers.get("content-disposition")!, /^attachment/);
    assert.match(svgServed.headers.get("content-security-policy")!, /sandbox/);
    await svgServed.body?.cancel();

    const tampered = new URL(attachment.url);
    tampered.searchParams.set("sig", "0".repeat(64));
    assert.equal((await call(t.app, "GET", tampered.pathname + tampered.search)).status, 404);

    const huge = await upload(new Uint8Array(11 * 1024 * 1024), "big.bin", "application/octet-stream");
    assert.equal(huge.status, 413);
    const noToken = await call(t.app, "POST", "/api/widget/uploads", { origin: null, form: new FormData() });
    assert.equal(noToken.status, 401);
  } finally {
    await t.cleanup();
  }
});

Deno.test("the system writes to the visitor in the language their widget speaks", async () => {
  const t = await setup();
  try {
    const started = await t.session({ lang: "fr-CA" });
    assert.equal(started.status, 200);
    const { visitorId, token } = await started.json();
    const visitor = await t.deps.store.visitors.get(t.a.user.workspaceId, visitorId);
    assert.equal(visitor?.lang, "fr", "stored on the visitor");
    const { conversation } = await visitorSend(t.deps, visitor!, { clientId: "fr-1", text: "Bonjour" });
    await t.ai.idle(); // the AI answers first (and may hand off by itself: nothing to answer from)
    await handOffToTeam(t.deps, conversation, "asked_for_human");
    const id = conversation.id;
    const staff = (path: string) => call(t.app, "POST", path, { cookie: t.a.cookie, body: {} });
    assert.equal((await staff(`/api/conversations/${id}/handback`)).status, 200);
    assert.equal((await staff(`/api/conversations/${id}/takeover`)).status, 200);
    const ticket = (await t.deps.store.tickets.forConversation(t.a.user.workspaceId, id))!;
    const resolved = await call(t.app, "PUT", `/api/tickets/${ticket.id}/status`, {
      cookie: t.a.cookie,
      body: { status: "resolved" },
    });
    assert.equal(resolved.status, 200);
    const seen = await t.deps.store.conversations.messagesAfter(t.a.user.workspaceId, id, 0, {
      limit: 100,
      includeInternal: false,
    });
    const lines = seen.filter((m) => m.sender === "system").map((m) => m.text);
    const name = (await t.deps.store.users.get(t.a.user.workspaceId, t.a.user.id))!.name.split(" ")[0];
    for (
      const french of [
        "Une personne de notre équipe va vous répondre ici.",
        "Laissez votre e-mail pour recevoir notre réponse même si vous fermez cette page.",
        "L'assistant IA vous répond de nouveau.",
        `${name}, de l'équipe, a rejoint la conversation.`,
        "Comment nous sommes-nous débrouillés ? Merci de noter cette conversation.",
      ]
    ) assert.ok(lines.includes(french), `missing: ${french}; lines: ${JSON.stringify(lines)}`);
    const english = Object.values(systemTexts("en")).map((l) => l.replace("{name}", name));
    assert.deepEqual(lines.filter((l) => english.includes(l)), [], "no line in English");
    // A returning visitor whose widget now speaks German is written to in German from then on.
    await t.session({ token, lang: "de" });
    assert.equal((await t.deps.store.visitors.get(t.a.user.workspaceId, visitorId))?.lang, "de");
    const bad = await t.session({ lang: "x".repeat(36) });
    assert.equal(bad.status, 400);
  } finally {
    await t.cleanup();
  }
});

Deno.test("a visitor whose language is unknown or not spoken is written to in English", async () => {
  const t = await setup();
  try {
    for (const lang of [undefined, "ja"]) {
      const { visitorId } = await (await t.session(lang ? { lang } : {})).json();
      const visitor = await t.deps.store.visitors.get(t.a.user.workspaceId, visitorId);
      assert.equal(visitor?.lang, undefined);
      const { conversation } = await visitorSend(t.deps, visitor!, { clientId: `en-${lang}`, text: "Hello" });
      await handOffToTeam(t.deps, conversation, "asked_for_human");
      const seen = await t.deps.store.conversations.messagesAfter(t.a.user.workspaceId, conversation.id, 0, {
        limit: 100,
        includeInternal: false,
      });
      assert.ok(seen.some((m) => m.text === "A person from our team will follow up here."), String(lang));
    }
  } finally {
    await t.cleanup();
  }
});

Deno.test("the lines the widget recognises are word for word the widget's own, in each language it speaks", () => {
  for (const lang of ["en", "fr", "de", "es"] as const) {
    assert.equal(systemText(lang, "handoff"), strings(lang).handoff, lang);
    assert.equal(systemText(lang, "emailRequest"), strings(lang).emailAsk, lang);
  }
});

Deno.test("a visitor rates the AI's answer in a conversation without a ticket; not before it answers", async () => {
  const t = await setup();
  try {
    const { agent } = await (await call(t.app, "POST", "/api/agents", {
      cookie: t.a.cookie,
      body: { name: "Sure bot", handoffThreshold: 0 },
    })).json();
    const { token, visitorId } = await (await t.session({ agentId: agent.id })).json();
    const visitor = await t.deps.store.visitors.get(t.a.user.workspaceId, visitorId);
    const rate = (id: string, body: unknown, bearer = token) =>
      call(t.app, "POST", `/api/widget/conversations/${id}/rating`, {
        origin: "https://shop.example",
        headers: { authorization: `Bearer ${bearer}` },
        body,
      });
    const { conversation } = await visitorSend(t.deps, visitor!, { clientId: "rate-ai-1", text: "Do you ship?" });
    await t.ai.idle();
    assert.equal((await rate(conversation.id, { score: 6 })).status, 400);
    const ok = await rate(conversation.id, { score: 4, comment: "Thanks" });
    assert.equal(ok.status, 200, await ok.clone().text());
    const events = await t.deps.store.events.after(0, { limit: 100, types: ["conversation.rated"] });
    assert.deepEqual(events.map((e) => e.payload), [{
      conversationId: conversation.id,
      agentId: agent.id,
      visitorId,
      score: 4,
      comment: "Thanks",
    }]);
    const { token: stranger } = await (await t.session({ agentId: agent.id })).json();
    assert.equal((await rate(conversation.id, { score: 1 }, stranger)).status, 404, "another visitor");
    await handOffToTeam(
      t.deps,
      (await t.deps.store.conversations.get(t.a.user.workspaceId, conversation.id))!,
      "asked_for_human",
    );
    const open = await rate(conversation.id, { score: 5 });
    assert.equal(open.status, 409, "with the team: its ticket is rated once resolved");
    // Before the AI answers (its listener stopped, so the question stays the last word): nothing to rate yet.
    await t.ai.stop();
    const { conversation: waiting } = await visitorSend(t.deps, visitor!, { clientId: "rate-ai-2", text: "Hello?" });
    const early = await rate(waiting.id, { score: 4 });
    assert.equal(early.status, 409);
    assert.equal((await early.json()).error.code, "not_answered");
  } finally {
    await t.cleanup();
  }
});
