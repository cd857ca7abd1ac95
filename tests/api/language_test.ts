import assert from "node:assert/strict";
import { createApp } from "../../app.ts";
import { visitorSend } from "../../models/chat/chat.ts";
import { fillCustomerEmail, handOffToTeam } from "../../models/tickets/handoff.ts";
import { answerTexts } from "../../models/language/answer_texts.ts";
import { startAnthropicFake } from "../fakes/anthropic_fake.ts";
import type { FakeServer } from "../fakes/fake_server.ts";
import { startLyzrFake } from "../fakes/lyzr_fake.ts";
import { startOpenAiFake } from "../fakes/openai_fake.ts";
import { call, makeTestDeps, readOutbox, signUp } from "../helpers.ts";
import { customerTexts } from "../../models/language/customer_texts.ts";
import { systemTexts } from "../../models/chat/system_texts.ts";

const FAKES: Record<string, { start: () => FakeServer; key: string; path: string }> = {
  openai: { start: () => startOpenAiFake(), key: "sk-test-openai", path: "/v1/chat/completions" },
  anthropic: { start: () => startAnthropicFake(), key: "sk-ant-test", path: "/v1/messages" },
  lyzr: { start: () => startLyzrFake(), key: "sk-default-test", path: "/v3/inference/stream/" },
};

async function setup(provider: "local" | "openai" | "anthropic" | "lyzr" = "local") {
  const fake = provider === "local" ? null : FAKES[provider].start();
  const t = await makeTestDeps();
  const app = createApp(t.deps);
  const a = await signUp(app, { email: "admin@a.test" });
  if (fake) {
    const saved = await call(app, "PUT", `/api/settings/providers/${provider}`, {
      cookie: a.cookie,
      body: { apiKey: FAKES[provider].key, baseUrl: fake.url },
    });
    assert.equal(saved.status, 200);
  }
  // Sentiment by the provider off: these tests count and script the provider's requests (it has its own tests).
  const rule = await call(app, "PUT", "/api/settings/sentiment", {
    cookie: a.cookie,
    body: { threshold: -0.6, raisePriority: "high", handoff: false, byProvider: false },
  });
  assert.equal(rule.status, 200);
  const { agent } = await (await call(app, "POST", "/api/agents", {
    cookie: a.cookie,
    body: { name: "Bot", provider },
  })).json();
  const wid = a.user.workspaceId;
  /** A visitor whose widget speaks `lang` writes `text`; the AI answers (listeners drained). */
  const visit = async (lang: string | undefined, text: string, locale?: string) => {
    const started = await call(app, "POST", "/api/widget/session", {
      origin: "https://shop.example",
      // The widget sends the language it speaks and the browser's own (here the same unless told).
      body: { agentId: agent.id, ...(lang ? { lang, locale: locale ?? lang } : {}) },
    });
    const { visitorId } = await started.json();
    const visitor = (await t.deps.store.visitors.get(wid, visitorId))!;
    const { conversation } = await visitorSend(t.deps, visitor, { clientId: `c-${crypto.randomUUID()}`, text });
    await t.runner.idle();
    await t.ai.idle();
    const messages = await t.deps.store.conversations.messagesAfter(wid, conversation.id, 0, {
      limit: 100,
      includeInternal: false,
    });
    return { conversation, visitor, messages };
  };
  const train = async (title: string, content: string) => {
    const res = await call(app, "POST", `/api/agents/${agent.id}/train`, {
      cookie: a.cookie,
      body: { type: "text", content, metadata: { title } },
    });
    assert.equal(res.status, 202, await res.clone().text());
    await t.runner.idle();
  };
  return {
    t,
    app,
    a,
    wid,
    agent,
    fake,
    visit,
    train,
    async close() {
      await t.cleanup();
      await fake?.close();
    },
  };
}

for (const provider of ["openai", "anthropic", "lyzr"] as const) {
  Deno.test(`${provider}: the provider is told to answer in the customer's language (browser, then their words)`, async () => {
    const s = await setup(provider);
    try {
      // An English browser, a French customer: their words win.
      const fr = await s.visit("en-US", "Bonjour, ma commande n'est toujours pas arrivée, pouvez-vous vérifier ?");
      const conv = await call(s.app, "GET", `/api/conversations/${fr.conversation.id}`, { cookie: s.a.cookie });
      assert.equal((await conv.json()).conversation.language, "fr");
      const asked = s.fake!.requests.filter((r) => r.path === FAKES[provider].path);
      assert.equal(asked.length, 1);
      assert.match(JSON.stringify(asked[0].body), /Answer in French: it is the customer's language/);
      // A German browser and a message that says nothing about language ("ok"): German, from the browser.
      const de = await s.visit("de-DE", "ok");
      assert.equal(de.conversation.language, "de");
      const second = s.fake!.requests.filter((r) => r.path === FAKES[provider].path);
      assert.equal(second.length, 2);
      assert.match(JSON.stringify(second[1].body), /Answer in German/);
    } finally {
      await s.close();
    }
  });
}

Deno.test("a browser in a language the widget does not speak: the provider still answers in it", async () => {
  const s = await setup("openai");
  try {
    // The widget speaks English to an Italian browser; the conversation is Italian, and so is the answer asked for.
    const it = await s.visit("en", "ok", "it-IT");
    assert.equal(it.conversation.language, "it");
    assert.equal(it.visitor.locale, "it");
    const asked = s.fake!.requests.filter((r) => r.path === "/v1/chat/completions");
    assert.match(JSON.stringify(asked.at(-1)!.body), /Answer in Italian/);
    // No locale at all (an older widget): the widget's language.
    const started = await call(s.app, "POST", "/api/widget/session", {
      origin: "https://shop.example",
      body: { agentId: s.agent.id, lang: "de" },
    });
    const visitor = (await s.t.deps.store.visitors.get(s.wid, (await started.json()).visitorId))!;
    assert.equal(visitor.locale, undefined);
    const { conversation } = await visitorSend(s.t.deps, visitor, { clientId: "c-old-widget", text: "ok" });
    assert.equal(conversation.language, "de");
  } finally {
    await s.close();
  }
});

Deno.test("the built-in responder answers from knowledge in the customer's language, and its own lines in it", async () => {
  const s = await setup("local");
  try {
    await s.train(
      "Delivery times",
      "Standard delivery takes 3 to 5 business days. Express delivery arrives the next business day.",
    );
    await s.train(
      "Délais de livraison",
      "La livraison standard prend de 3 à 5 jours ouvrés. La livraison express arrive le jour ouvré suivant.",
    );
    const fr = await s.visit("fr-FR", "Combien de jours prend la livraison express ?");
    const answer = fr.messages.find((m) => m.authorKind === "ai")!;
    assert.match(answer.text, /livraison express arrive le jour ouvré suivant/);
    assert.deepEqual(answer.citations.map((c) => c.title), ["Délais de livraison"]);
    const en = await s.visit("en-US", "How many days does express delivery take?");
    assert.match(
      en.messages.find((m) => m.authorKind === "ai")!.text,
      /Express delivery arrives the next business day/,
    );
    // Nothing on the question: "I couldn't find…" in Spanish; the handoff lines in Spanish too.
    const es = await s.visit("es-ES", "¿Puedo pagar con criptomonedas en vuestra tienda?");
    const said = es.messages.filter((m) => m.authorKind === "ai" || m.authorKind === "system").map((m) => m.text);
    assert.ok(said.includes(answerTexts("es").noAnswer), said.join(" | "));
    const de = await s.visit("de-DE", "Ich möchte bitte mit einem Menschen sprechen");
    const deSaid = de.messages.filter((m) => m.authorKind !== "visitor").map((m) => m.text);
    assert.ok(deSaid.includes(answerTexts("de").askedForHuman), deSaid.join(" | "));
    assert.ok(deSaid.includes("Eine Person aus unserem Team meldet sich hier bei Ihnen."), deSaid.join(" | "));
  } finally {
    await s.close();
  }
});

Deno.test("system lines follow the customer's written language over their browser's", async () => {
  const s = await setup("local");
  try {
    const { conversation } = await s.visit("en-GB", "Bonjour, je voudrais annuler mon abonnement s'il vous plaît");
    const current = (await s.t.deps.store.conversations.get(s.wid, conversation.id))!;
    assert.equal(current.language, "fr");
    if (current.handledBy === "ai") await handOffToTeam(s.t.deps, current, "asked_for_human");
    const seen = await s.t.deps.store.conversations.messagesAfter(s.wid, conversation.id, 0, {
      limit: 100,
      includeInternal: false,
    });
    const lines = seen.filter((m) => m.sender === "system").map((m) => m.text);
    assert.ok(lines.includes("Une personne de notre équipe va vous répondre ici."), lines.join(" | "));
    assert.ok(
      lines.includes("Laissez votre e-mail pour recevoir notre réponse même si vous fermez cette page."),
      lines.join(" | "),
    );
  } finally {
    await s.close();
  }
});

Deno.test("staff translate a customer's message and their draft reply through the agent's provider", async () => {
  const s = await setup("openai");
  try {
    const { conversation } = await s.visit("fr-FR", "Bonjour, ma commande n'est toujours pas arrivée");
    s.fake!.script([{ kind: "ok", text: "Hello, my order still hasn't arrived" }]);
    const path = `/api/conversations/${conversation.id}/translate`;
    const res = await call(s.app, "POST", path, {
      cookie: s.a.cookie,
      body: { text: "Bonjour, ma commande n'est toujours pas arrivée", to: "en" },
    });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), {
      text: "Hello, my order still hasn't arrived",
      from: "fr",
      to: "en",
      provider: "openai",
    });
    const sent = s.fake!.requests.filter((r) => r.path === "/v1/chat/completions").at(-1)!;
    assert.match(JSON.stringify(sent.body), /into English\. Reply with the translation only/);
    assert.match(JSON.stringify(sent.body), /ma commande n'est toujours pas arriv/);
    // The draft reply, into the customer's language.
    s.fake!.script([{ kind: "ok", text: "Votre colis part aujourd'hui." }]);
    const reply = await call(s.app, "POST", path, {
      cookie: s.a.cookie,
      body: { text: "Your parcel ships today.", to: "fr" },
    });
    assert.equal((await reply.json()).text, "Votre colis part aujourd'hui.");
    assert.match(JSON.stringify(s.fake!.requests.at(-1)!.body), /into French/);
    // The provider failing: 503, never a 500.
    s.fake!.script([
      { kind: "status", status: 500 },
      { kind: "status", status: 500 },
      { kind: "status", status: 500 },
      { kind: "status", status: 500 },
    ]);
    const failed = await call(s.app, "POST", path, { cookie: s.a.cookie, body: { text: "Hi", to: "fr" } });
    assert.equal(failed.status, 503);
    assert.equal((await failed.json()).error.code, "provider_failed");
    const bad = await call(s.app, "POST", path, { cookie: s.a.cookie, body: { text: "Hi", to: "French" } });
    assert.equal(bad.status, 400);
    // Another workspace's conversation: 404.
    const b = await signUp(s.app, { email: "admin@b.test" });
    const other = await call(s.app, "POST", path, { cookie: b.cookie, body: { text: "Hi", to: "fr" } });
    assert.equal(other.status, 404);
  } finally {
    await s.close();
  }
});

Deno.test("translation with the built-in responder: 409 translation_unavailable", async () => {
  const s = await setup("local");
  try {
    const { conversation } = await s.visit("fr-FR", "Bonjour, ma commande n'est toujours pas arrivée");
    const res = await call(s.app, "POST", `/api/conversations/${conversation.id}/translate`, {
      cookie: s.a.cookie,
      body: { text: "Bonjour", to: "en" },
    });
    assert.equal(res.status, 409);
    assert.equal((await res.json()).error.code, "translation_unavailable");
  } finally {
    await s.close();
  }
});

Deno.test("lyzr: a translation goes to the agent's mirror in its own session, the instruction in the message", async () => {
  const s = await setup("lyzr");
  try {
    const { conversation } = await s.visit("de-DE", "Wo finde ich meine Rechnungen?");
    const res = await call(s.app, "POST", `/api/conversations/${conversation.id}/translate`, {
      cookie: s.a.cookie,
      body: { text: "Wo finde ich meine Rechnungen?", to: "en" },
    });
    assert.equal(res.status, 200);
    const sent = s.fake!.requests.filter((r) => r.path === "/v3/inference/stream/").at(-1)!;
    const body = sent.body as { message: string; session_id: string };
    assert.match(body.message, /into English/);
    assert.equal(body.session_id, `translate-${conversation.id}`);
  } finally {
    await s.close();
  }
});

/** HTML text with its apostrophes and ampersands as written. */
const unescape = (html: string) => html.replace(/&#39;|&#x27;|&apos;/g, "'").replace(/&amp;/g, "&");

const WRITES = {
  fr: "Bonjour, mon imprimante ne marche plus depuis hier",
  de: "Hallo, mein Drucker funktioniert seit gestern nicht mehr",
  es: "Hola, mi impresora no funciona desde ayer",
} as const;

Deno.test("emails and the rating page speak the customer's language (fr, de, es)", async () => {
  const s = await setup("local");
  try {
    for (const [lang, text] of Object.entries(WRITES) as [keyof typeof WRITES, string][]) {
      const email = `cust-${lang}@example.com`;
      const { conversation, visitor } = await s.visit(`${lang}-XX`, text);
      await s.t.deps.store.visitors.update(s.wid, visitor.id, { email });
      const current = (await s.t.deps.store.conversations.get(s.wid, conversation.id))!;
      assert.equal(current.language, lang);
      const handed = await handOffToTeam(s.t.deps, current, "asked_for_human");
      await fillCustomerEmail(s.t.deps, s.wid, visitor.id, email);
      const ticket = (await s.t.deps.store.tickets.get(s.wid, handed.id))!;
      const reply = await call(s.app, "POST", `/api/tickets/${ticket.id}/messages`, {
        cookie: s.a.cookie,
        body: { content: "Ok!" },
      });
      assert.equal(reply.status, 201);
      const resolved = await call(s.app, "PUT", `/api/tickets/${ticket.id}/status`, {
        cookie: s.a.cookie,
        body: { status: "resolved" },
      });
      assert.equal(resolved.status, 200);
      await s.t.runner.idle();
      await s.t.ai.idle();
      const t = customerTexts(lang);
      const mails = (await readOutbox(s.t.dir)).filter((m) => m.to === email);
      const replied = mails.find((m) => m.subject === t.replySubject.replace("{title}", ticket.title));
      assert.ok(replied, `${lang}: reply email; got ${mails.map((m) => m.subject).join(" | ")}`);
      assert.ok(replied.text.includes(t.continueLink) && replied.text.includes(t.sentBy), replied.text);
      const rating = mails.find((m) => m.subject === t.ratingSubject.replace("{title}", ticket.title));
      assert.ok(rating, `${lang}: rating email`);
      assert.ok(rating.text.includes(t.ratingBody) && (rating.html ?? "").includes(`lang="${lang}"`));
      // The system's lines in the thread, in the language too.
      const thread = await s.t.deps.store.conversations.messagesAfter(s.wid, conversation.id, 0, {
        limit: 100,
        includeInternal: false,
      });
      const lines = thread.filter((m) => m.sender === "system").map((m) => m.text);
      assert.ok(lines.includes(systemTexts(lang).handoff), lines.join(" | "));
      assert.ok(lines.includes(systemTexts(lang).ratingRequest), lines.join(" | "));
      // The rating page behind the link, and its thanks.
      const link = new URL(rating.links.find((l) => l.includes("/rate"))!);
      const page = await s.app.request(link.pathname + link.search);
      assert.equal(page.status, 200);
      const html = unescape(await page.text());
      assert.ok(html.includes(`<html lang="${lang}"`), `${lang}: page language`);
      for (const k of ["pageHeading", "yourRating", "label1", "label5", "send"] as const) {
        assert.ok(html.includes(t[k]), `${lang}: ${k}`);
      }
      const posted = await s.app.request("/rate", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams([...link.searchParams, ["score", "5"]]),
      });
      assert.equal(posted.status, 200);
      assert.ok(unescape(await posted.text()).includes(t.thanksBody.replace("{score}", "5")), `${lang}: thanks`);
    }
    // A link that is not valid answers in the browser's language.
    const bad = await s.app.request(`/rate?w=x&t=y&exp=1&sig=z`, { headers: { "accept-language": "de-CH, en;q=0.5" } });
    assert.equal(bad.status, 400);
    assert.ok((await bad.text()).includes(customerTexts("de").invalidHeading));
  } finally {
    await s.close();
  }
});

Deno.test("every customer text exists in en, fr, de, es, translated, with the same placeholders", () => {
  const en = customerTexts("en");
  const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const lang of ["fr", "de", "es"] as const) {
    const t = customerTexts(lang);
    assert.deepEqual(Object.keys(t).sort(), Object.keys(en).sort(), lang);
    for (const [k, v] of Object.entries(t)) {
      assert.deepEqual(holes(v), holes(en[k as keyof typeof en]), `${lang}.${k}`);
    }
    assert.notEqual(t.ratingBody, en.ratingBody);
  }
});
