/**
 * The agent editor's form model: a flat draft of strings (what the inputs
 * hold) converted to and from the API's agent fields, validated with the
 * same zod schema the API uses, and error paths (`widgetConfig.primaryColor`,
 * `allowedDomains.2`) mapped back onto the inputs.
 *
 * @module
 */
import { agentCreateSchema, agentUpdateSchema } from "../../models/agents/agent_schemas.ts";
import type { ProviderId } from "../../models/agents/agent_schemas.ts";
import type { AgentFieldsJson } from "../shared/agent_types.ts";

/** What the editor's inputs hold. Numbers stay strings until validation. */
export interface AgentDraft {
  name: string;
  description: string;
  welcomeMessage: string;
  prompt: string;
  provider: ProviderId;
  model: string;
  temperature: string;
  maxTokens: string;
  handoffThreshold: string;
  allowedDomains: string[];
  isActive: boolean;
  primaryColor: string;
  position: "left" | "right";
  title: string;
  subtitle: string;
  /** Per-language wording of the welcome message, title and subtitle ("" = not overridden). */
  texts: Record<TextLang, LangTexts>;
}

/** The languages the widget speaks, in which the workspace may word its texts. */
export const TEXT_LANGS = ["fr", "de", "es", "en"] as const;
/** One of {@link TEXT_LANGS}. */
export type TextLang = typeof TEXT_LANGS[number];
/** One language's wording. */
export interface LangTexts {
  welcomeMessage: string;
  title: string;
  subtitle: string;
}

/** A draft field. */
export type DraftKey = keyof AgentDraft;

/** Field -> message. */
export type DraftErrors = Partial<Record<DraftKey, string>>;

/** The fields of a new agent: the schema's own defaults with an empty name. */
export function newAgentFields(): AgentFieldsJson {
  return { ...agentCreateSchema.parse({ name: "New agent" }), name: "" };
}

/** Draft for the inputs from an agent's fields. */
export function draftOf(a: AgentFieldsJson): AgentDraft {
  return {
    name: a.name,
    description: a.description,
    welcomeMessage: a.welcomeMessage,
    prompt: a.prompt,
    provider: a.provider,
    model: a.model,
    temperature: String(a.temperature),
    maxTokens: String(a.maxTokens),
    handoffThreshold: String(a.handoffThreshold),
    allowedDomains: [...a.allowedDomains],
    isActive: a.isActive,
    primaryColor: a.widgetConfig.primaryColor,
    position: a.widgetConfig.position,
    title: a.widgetConfig.title,
    subtitle: a.widgetConfig.subtitle,
    texts: Object.fromEntries(TEXT_LANGS.map((l) => {
      const t = a.widgetConfig.texts?.[l] ?? {};
      return [l, { welcomeMessage: t.welcomeMessage ?? "", title: t.title ?? "", subtitle: t.subtitle ?? "" }];
    })) as Record<TextLang, LangTexts>,
  };
}

/** The overrides worth sending: languages with at least one line written, and only those lines. */
function textsBody(texts: Record<TextLang, LangTexts>) {
  const out: Partial<Record<TextLang, Partial<LangTexts>>> = {};
  for (const l of TEXT_LANGS) {
    const written = Object.entries(texts[l]).filter(([, v]) => v.trim());
    if (written.length) out[l] = Object.fromEntries(written);
  }
  return out;
}

const num = (s: string) => (s.trim() === "" ? NaN : Number(s));

/** The request body for a draft (before validation). */
export function bodyOf(d: AgentDraft): AgentFieldsJson {
  return {
    name: d.name,
    description: d.description,
    welcomeMessage: d.welcomeMessage,
    prompt: d.prompt,
    provider: d.provider,
    model: d.model,
    temperature: num(d.temperature),
    maxTokens: num(d.maxTokens),
    handoffThreshold: num(d.handoffThreshold),
    allowedDomains: d.allowedDomains,
    isActive: d.isActive,
    widgetConfig: {
      primaryColor: d.primaryColor,
      position: d.position,
      title: d.title,
      subtitle: d.subtitle,
      texts: textsBody(d.texts),
    },
  };
}

const DRAFT_KEYS = new Set<string>(Object.keys(draftOf(newAgentFields())));

/** The input an API or zod error path belongs to, or null. */
export function fieldFor(path: string): DraftKey | null {
  const [head, sub] = path.split(".");
  if (head === "widgetConfig") return sub && DRAFT_KEYS.has(sub) ? sub as DraftKey : "primaryColor";
  return DRAFT_KEYS.has(head) ? head as DraftKey : null;
}

/** Messages that read better than zod's generic ones. */
const FRIENDLY: DraftErrors = {
  maxTokens: "Enter a whole number from 16 to 32,000.",
  temperature: "Choose a temperature from 0 to 2.",
  handoffThreshold: "Choose a threshold from 0% to 100%.",
  title: "Give the widget a title (up to 60 characters).",
};

/** Validates a draft with the API's schema; `data` is what to send. */
export function validateDraft(
  d: AgentDraft,
  mode: "create" | "update",
): { data?: AgentFieldsJson; errors: DraftErrors } {
  const parsed = (mode === "create" ? agentCreateSchema : agentUpdateSchema).safeParse(bodyOf(d));
  if (parsed.success) return { data: parsed.data as AgentFieldsJson, errors: {} };
  const errors: DraftErrors = {};
  for (const issue of parsed.error.issues) {
    const key = fieldFor(issue.path.map(String).join("."));
    if (key && !errors[key]) errors[key] = FRIENDLY[key] ?? issue.message;
  }
  return { errors };
}

/** Maps an API rejection's `details.fields` onto the inputs; unknown paths are left out. */
export function serverErrors(fields: Record<string, string>): DraftErrors {
  const errors: DraftErrors = {};
  for (const [path, message] of Object.entries(fields)) {
    const key = fieldFor(path);
    if (key && !errors[key]) errors[key] = message;
  }
  return errors;
}

/** Checks one domain for the tag input: the normalised name, or an error. */
export function checkDomain(raw: string): { domain?: string; error?: string } {
  const parsed = agentUpdateSchema.safeParse({ allowedDomains: [raw] });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Enter a domain like example.com." };
  return { domain: parsed.data.allowedDomains![0] };
}

/** The order the editor's inputs appear in (to focus the first error). */
export const FIELD_ORDER: DraftKey[] = [
  "name",
  "description",
  "welcomeMessage",
  "isActive",
  "provider",
  "model",
  "temperature",
  "maxTokens",
  "prompt",
  "handoffThreshold",
  "allowedDomains",
  "primaryColor",
  "position",
  "title",
  "subtitle",
  "texts",
];
