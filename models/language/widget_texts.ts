/**
 * What the workspace itself wrote for the widget (the agent's welcome message, the widget's title and
 * subtitle) in each language the widget speaks (en, fr, de, es). Per language, first what the workspace
 * wrote for it (`widgetConfig.texts`, set in the agent editor), then a translation by the agent's AI
 * provider (OpenAI, Anthropic, Lyzr), else the original.
 *
 * Translations are made once per wording: the first widget session after the texts change (or a
 * provider is set up) starts them in the background, one request per language asking for strict JSON,
 * and keeps them in the workspace's settings under the agent and the texts' hash; a session never waits
 * for them (that visitor sees the original). A failure is logged and tried again after a pause.
 *
 * @module
 */
import { z } from "zod";
import { sha256Hex } from "../../lib/crypto.ts";
import type { Agent, WidgetConfig } from "../agents/agent.ts";
import { type Lang, LANGS } from "../chat/system_texts.ts";
import type { Deps } from "../ports/deps.ts";
import { hasModelProvider, providerFor } from "../providers/providers.ts";
import { detectLanguage, languageName } from "./detect.ts";

/** The workspace-written lines the widget shows. */
export interface WidgetTexts {
  welcomeMessage: string;
  title: string;
  subtitle: string;
}

/** Per-language overrides as the workspace writes them (any field may be left to the original). */
export type WidgetTextOverrides = Partial<Record<Lang, Partial<WidgetTexts>>>;

const translatedSchema = z.strictObject({
  welcomeMessage: z.string().max(1000),
  title: z.string().max(200),
  subtitle: z.string().max(300),
});

/** Stored per agent: the translations of one wording of its texts (`hash`). */
interface Cached {
  hash: string;
  texts: Partial<Record<Lang, WidgetTexts>>;
}

/**
 * The product's own wording (an agent's defaults) in each language: a text left as it is needs no provider,
 * and an agent whose texts are all the defaults never asks one.
 */
const DEFAULTS: Record<Lang, WidgetTexts> = {
  en: {
    welcomeMessage: "Hi! How can I help you today?",
    title: "Chat with us",
    subtitle: "We typically reply in a few minutes",
  },
  fr: {
    welcomeMessage: "Bonjour ! Comment puis-je vous aider aujourd'hui ?",
    title: "Discutez avec nous",
    subtitle: "Nous répondons généralement en quelques minutes",
  },
  de: {
    welcomeMessage: "Hallo! Wie kann ich Ihnen heute helfen?",
    title: "Schreiben Sie uns",
    subtitle: "Wir antworten meist innerhalb weniger Minuten",
  },
  es: {
    welcomeMessage: "¡Hola! ¿En qué puedo ayudarte hoy?",
    title: "Chatea con nosotros",
    subtitle: "Solemos responder en pocos minutos",
  },
};
const FIELDS = ["welcomeMessage", "title", "subtitle"] as const;
const isDefault = (texts: WidgetTexts, f: (typeof FIELDS)[number]) => texts[f] === DEFAULTS.en[f];

const key = (agentId: string) => `widget_texts:${agentId}`;
/** After a failed translation, the next attempt waits this long (a bad key must not cost a request per visitor). */
const RETRY_AFTER_MS = 10 * 60_000;
/** Longest wait for one language's translation. */
const TIMEOUT_MS = 20_000;

const originalOf = (agent: Agent): WidgetTexts => ({
  welcomeMessage: agent.welcomeMessage,
  title: agent.widgetConfig.title || agent.name,
  subtitle: agent.widgetConfig.subtitle,
});

async function hashOf(texts: WidgetTexts): Promise<string> {
  return (await sha256Hex(JSON.stringify([texts.welcomeMessage, texts.title, texts.subtitle]))).slice(0, 32);
}

/** The language the workspace wrote its texts in (English unless the detector is sure of one of the four). */
export function sourceLanguage(texts: WidgetTexts): Lang {
  const found = detectLanguage(`${texts.welcomeMessage} ${texts.subtitle}`);
  return (LANGS as readonly string[]).includes(found ?? "") ? found as Lang : "en";
}

/** Translations under way, per agent and wording, and when each failed last. */
const inFlight = new Map<string, Promise<void>>();
const failedAt = new Map<string, number>();

/**
 * The texts in each of the four languages: the workspace's override, else the provider's cached translation,
 * else the original. Starts the missing translations in the background (see the module doc).
 */
export async function widgetTexts(deps: Deps, agent: Agent): Promise<Record<Lang, WidgetTexts>> {
  const original = originalOf(agent);
  const hash = await hashOf(original);
  const cached = await deps.store.settings.get<Cached>(agent.workspaceId, key(agent.id));
  const translated = cached?.hash === hash ? cached.texts : {};
  const from = sourceLanguage(original);
  const written = FIELDS.some((f) => !isDefault(original, f));
  const missing = written ? LANGS.filter((l) => l !== from && !translated[l]) : [];
  if (missing.length) void startTranslation(deps, agent, original, hash, missing);
  const overrides = (agent.widgetConfig as WidgetConfig & { texts?: WidgetTextOverrides }).texts ?? {};
  return Object.fromEntries(LANGS.map((l) => {
    const base = translated[l] ?? original;
    const own = overrides[l] ?? {};
    const text = (f: (typeof FIELDS)[number]) => own[f] || (isDefault(original, f) ? DEFAULTS[l][f] : base[f]);
    return [l, { welcomeMessage: text("welcomeMessage"), title: text("title"), subtitle: text("subtitle") }];
  })) as Record<Lang, WidgetTexts>;
}

/** Resolves once the translations started for this agent are done (tests; nothing waits for them otherwise). */
export async function translationsSettled(agentId: string): Promise<void> {
  for (const [k, p] of [...inFlight]) if (k.startsWith(`${agentId}:`)) await p;
}

function startTranslation(deps: Deps, agent: Agent, original: WidgetTexts, hash: string, langs: Lang[]) {
  const flight = `${agent.id}:${hash}`;
  if (inFlight.has(flight) || Date.now() - (failedAt.get(flight) ?? -Infinity) < RETRY_AFTER_MS) return;
  const run = (async () => {
    if (!await hasModelProvider(deps, agent)) return; // the built-in responder, or no key: the original it is
    const done: Partial<Record<Lang, WidgetTexts>> = {};
    for (const lang of langs) {
      const t = await translateTexts(deps, agent, original, lang).catch((err) => {
        deps.log.warn("widget texts: translation failed, original shown", {
          agentId: agent.id,
          lang,
          err: String(err),
        });
        failedAt.set(flight, Date.now());
        return null;
      });
      if (t) done[lang] = t;
    }
    if (!Object.keys(done).length) return;
    // Merged with what is stored for this wording (another instance may have translated other languages).
    const now = await deps.store.settings.get<Cached>(agent.workspaceId, key(agent.id));
    const texts = { ...(now?.hash === hash ? now.texts : {}), ...done };
    await deps.store.settings.put(agent.workspaceId, key(agent.id), { hash, texts }, deps.clock.now());
  })().catch((err) => deps.log.warn("widget texts: could not keep translations", { err: String(err) }))
    .finally(() => inFlight.delete(flight));
  inFlight.set(flight, run);
}

/** One language's translation of the three texts, by the agent's provider, as strict JSON. */
async function translateTexts(deps: Deps, agent: Agent, original: WidgetTexts, lang: Lang): Promise<WidgetTexts> {
  const provider = await providerFor(deps, agent.workspaceId, agent.provider);
  const prompt = `Translate the values of this JSON object into ${languageName(lang)} for a website's support ` +
    "chat widget, keeping the keys, the tone, names and links. Reply with the JSON object only.\n" +
    JSON.stringify(original);
  let out = "";
  for await (
    const piece of provider.stream({
      model: agent.model,
      temperature: 0,
      maxTokens: 600,
      system: "You translate short user-interface texts. Reply with JSON only.",
      messages: [{ role: "user", content: prompt }],
      question: prompt,
      passages: [],
      sessionId: `widget-texts-${agent.id}`,
      userId: agent.userId,
      remoteAgentId: agent.lyzrAgentId,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
  ) out += piece;
  const json = out.match(/\{[\s\S]*\}/)?.[0];
  const parsed = translatedSchema.parse(JSON.parse(json ?? "null"));
  // An empty line stays empty (no subtitle); one the model dropped falls back to the original.
  return {
    welcomeMessage: original.welcomeMessage ? parsed.welcomeMessage || original.welcomeMessage : "",
    title: parsed.title || original.title,
    subtitle: original.subtitle ? parsed.subtitle || original.subtitle : "",
  };
}
