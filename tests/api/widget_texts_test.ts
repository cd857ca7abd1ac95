import assert from "node:assert/strict";
import { translationsSettled } from "../../models/language/widget_texts.ts";
import { openAiWorkspaces } from "../fakes/openai_workspace.ts";
import { call } from "../helpers.ts";

const WELCOME = "Hi! How can we help you today?";
const FR = { welcomeMessage: "Bonjour ! Comment pouvons-nous vous aider ?", title: "Discutez avec nous", subtitle: "" };

/** Is this chat request a translation of the widget's texts, and into which language? */
const translationInto = (body: Record<string, unknown>) => {
  const text = JSON.stringify(body.messages ?? "");
  return text.includes("support chat widget") ? /into (\w+)/.exec(text)?.[1] : undefined;
};

async function setup() {
  const t = await openAiWorkspaces();
  const workspace = async (email: string, provider = "openai") => {
    const w = await t.workspace(email, {
      provider,
      agent: { welcomeMessage: WELCOME, widgetConfig: { title: "Chat with us", subtitle: "" } },
    });
    const session = async () => {
      const res = await call(t.app, "POST", "/api/widget/session", { body: { agentId: w.agent.id, locale: "fr-FR" } });
      assert.equal(res.status, 200);
      return (await res.json()).agent.texts as Record<string, typeof FR>;
    };
    return { ...w, session };
  };
  return { ...t, workspace, translations: () => t.chatRequests(translationInto) };
}

Deno.test("widget texts: the workspace's own wording per language wins; without a provider, the original", async () => {
  const t = await setup();
  try {
    const a = await t.workspace("admin@a.test", "local");
    const put = await call(t.app, "PUT", `/api/agents/${a.agent.id}`, {
      cookie: a.admin.cookie,
      body: { widgetConfig: { texts: { fr: { welcomeMessage: "Salut ! On vous écoute." } } } },
    });
    assert.equal(put.status, 200);
    assert.deepEqual((await put.json()).agent.widgetConfig.texts, {
      fr: { welcomeMessage: "Salut ! On vous écoute." },
    });
    const texts = await a.session();
    // The title left as the product's default comes in the product's own translation, no provider needed.
    assert.deepEqual(texts.fr, {
      welcomeMessage: "Salut ! On vous écoute.",
      title: "Discutez avec nous",
      subtitle: "",
    });
    assert.deepEqual(texts.de, { welcomeMessage: WELCOME, title: "Schreiben Sie uns", subtitle: "" });
    assert.deepEqual(texts.en, { ...texts.de, title: "Chat with us" });
    await translationsSettled(a.agent.id);
    assert.equal(t.translations().length, 0, "the built-in responder translates nothing");

    // Bad input is refused with the usual 400.
    const bad = await call(t.app, "PUT", `/api/agents/${a.agent.id}`, {
      cookie: a.admin.cookie,
      body: { widgetConfig: { texts: { fr: { title: "x".repeat(61) } } } },
    });
    assert.equal(bad.status, 400);
  } finally {
    await t.close();
  }
});

Deno.test("widget texts: translated once by the agent's provider, cached, and kept under the workspace's own", async () => {
  const t = await setup();
  try {
    const into: Record<string, typeof FR> = {
      French: FR,
      German: { welcomeMessage: "Hallo! Wie können wir helfen?", title: "Chatten Sie mit uns", subtitle: "" },
      Spanish: { welcomeMessage: "¡Hola! ¿Cómo podemos ayudarte?", title: "Chatea con nosotros", subtitle: "" },
    };
    t.fakeOpts.textFor = (body) => {
      const lang = translationInto(body);
      return lang ? "```json\n" + JSON.stringify(into[lang]) + "\n```" : undefined;
    };
    const a = await t.workspace("admin@a.test");
    // The first session does not wait: the original, while the translations are made in the background.
    assert.equal((await a.session()).fr.welcomeMessage, WELCOME);
    await translationsSettled(a.agent.id);
    const texts = await a.session();
    assert.deepEqual(texts.fr, FR);
    // The default title keeps the product's own German, not the provider's.
    assert.deepEqual(texts.de, { ...into.German, title: "Schreiben Sie uns" });
    assert.deepEqual(texts.es, into.Spanish);
    assert.equal(texts.en.welcomeMessage, WELCOME, "the original language is not translated");
    // One request per language, each asking for JSON with the three texts.
    const sent = t.translations();
    assert.deepEqual(sent.map((r) => translationInto(r.body as never)).sort(), ["French", "German", "Spanish"]);
    const request = sent[0].body as { messages: { content: string }[]; temperature: number };
    assert.ok(request.messages.at(-1)!.content.includes(JSON.stringify(WELCOME)));
    assert.equal(request.temperature, 0);
    // Cached: later sessions ask nothing.
    await a.session();
    await translationsSettled(a.agent.id);
    assert.equal(t.translations().length, 3);

    // The workspace's own French title wins over the translation; the rest stays translated.
    await call(t.app, "PUT", `/api/agents/${a.agent.id}`, {
      cookie: a.admin.cookie,
      body: { widgetConfig: { texts: { fr: { title: "Le support" } } } },
    });
    assert.deepEqual((await a.session()).fr, { ...FR, title: "Le support" });

    // New wording: translated again.
    await call(t.app, "PUT", `/api/agents/${a.agent.id}`, {
      cookie: a.admin.cookie,
      body: { welcomeMessage: "Hello there, ask us anything." },
    });
    assert.equal((await a.session()).de.welcomeMessage, "Hello there, ask us anything.");
    await translationsSettled(a.agent.id);
    assert.equal(t.translations().length, 6);

    // Another workspace's agent never shows A's translations (kept per agent, in A's settings).
    const b = await t.workspace("admin@b.test", "local");
    assert.equal((await b.session()).fr.welcomeMessage, WELCOME);
  } finally {
    await t.close();
  }
});

Deno.test("widget texts: a failed translation shows the original and is not retried at once", async () => {
  const t = await setup();
  try {
    const warnings = t.watchWarnings();
    t.fakeOpts.textFor = (body) => translationInto(body) ? "Sure! Here it is: Bonjour" : undefined;
    const a = await t.workspace("admin@a.test");
    await a.session();
    await translationsSettled(a.agent.id);
    const asked = t.translations().length;
    assert.ok(asked >= 1);
    assert.ok(warnings.includes("widget texts: translation failed, original shown"));
    const texts = await a.session();
    assert.equal(texts.fr.welcomeMessage, WELCOME);
    await translationsSettled(a.agent.id);
    assert.equal(t.translations().length, asked, "no new attempt within the pause");
  } finally {
    await t.close();
  }
});
