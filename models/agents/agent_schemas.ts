/**
 * zod schemas for agents (the seed's Agent model plus what the product
 * needs). Pure (only zod): shared by the API and the dashboard's forms.
 *
 * @module
 */
import { z } from "zod";

/** Where an agent's answers come from. `local` is the built-in offline responder. */
export const PROVIDERS = ["local", "lyzr", "openai", "anthropic"] as const;
/** An AI provider id. */
export type ProviderId = typeof PROVIDERS[number];

/** The seed's knowledge item types. */
export const KNOWLEDGE_TYPES = ["text", "website", "document"] as const;
/** A knowledge item type. */
export type KnowledgeType = typeof KNOWLEDGE_TYPES[number];

const hostname = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(\*\.)?([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
    message: "Enter a domain like example.com.",
  });

/** One language's own wording of the texts the workspace writes for the widget (empty: not overridden). */
const languageTexts = z.object({
  welcomeMessage: z.string().trim().max(500).optional(),
  title: z.string().trim().max(60).optional(),
  subtitle: z.string().trim().max(120).optional(),
});
/** Per-language overrides of the welcome message, title and subtitle, in the languages the widget speaks. */
export const widgetTextsSchema = z.object({
  en: languageTexts.optional(),
  fr: languageTexts.optional(),
  de: languageTexts.optional(),
  es: languageTexts.optional(),
}).meta({ id: "WidgetTexts" });

/** The widget's look. */
const widgetConfigSchema = z.object({
  primaryColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: "Use a hex colour like #4f46e5." }).default("#4f46e5"),
  position: z.enum(["left", "right"]).default("right"),
  title: z.string().trim().min(1).max(60).default("Chat with us"),
  subtitle: z.string().trim().max(120).default("We typically reply in a few minutes"),
  texts: widgetTextsSchema.optional(),
});

/** Fields a client may set on an agent (create: required ones; update: any subset). */
export const agentFields = {
  name: z.string().trim().min(1, { message: "Give your agent a name." }).max(80),
  description: z.string().trim().max(500).default(""),
  welcomeMessage: z.string().trim().max(500).default("Hi! How can I help you today?"),
  model: z.string().trim().max(100).default(""),
  temperature: z.number().min(0).max(2).default(0.3),
  maxTokens: z.number().int().min(16).max(32_000).default(800),
  prompt: z.string().max(8000).default(
    "You are a friendly, concise support agent. Answer only from the knowledge provided. " +
      "If the answer is not there, say so and offer to connect the visitor with a person.",
  ),
  isActive: z.boolean().default(true),
  provider: z.enum(PROVIDERS).default("local"),
  /** Below this confidence (0-1) the conversation is handed to a human. */
  // Calibrated on the labelled help-centre questions of `deno task eval` (README: "Knowledge and answers").
  handoffThreshold: z.number().min(0).max(1).default(0.4),
  /** Domains answers may link to or show images from (besides the knowledge sources' own hosts). */
  allowedDomains: z.array(hostname).max(50).default([]),
  widgetConfig: widgetConfigSchema.default({
    primaryColor: "#4f46e5",
    position: "right",
    title: "Chat with us",
    subtitle: "We typically reply in a few minutes",
  }),
};

/** Body of `POST /api/agents`. */
export const agentCreateSchema = z.object(agentFields);

/** Body of `PUT /api/agents/:id`: any subset; the widget config may be partial. */
export const agentUpdateSchema = z.object({
  name: agentFields.name.optional(),
  description: z.string().trim().max(500).optional(),
  welcomeMessage: z.string().trim().max(500).optional(),
  model: z.string().trim().max(100).optional(),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().min(16).max(32_000).optional(),
  prompt: z.string().max(8000).optional(),
  isActive: z.boolean().optional(),
  provider: z.enum(PROVIDERS).optional(),
  handoffThreshold: z.number().min(0).max(1).optional(),
  allowedDomains: z.array(hostname).max(50).optional(),
  // Spelled out: `.partial()` would keep the defaults and reset fields the client did not send.
  widgetConfig: z.object({
    primaryColor: widgetConfigSchema.shape.primaryColor.unwrap().optional(),
    position: z.enum(["left", "right"]).optional(),
    title: z.string().trim().min(1).max(60).optional(),
    subtitle: z.string().trim().max(120).optional(),
    texts: widgetTextsSchema.optional(),
  }).optional(),
});

/** Body of `POST /api/agents/:id/train` as JSON (`text` or `website`); documents come as multipart. */
export const trainSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("text"),
    content: z.string().trim().min(1, { message: "Paste some text." }).max(500_000),
    metadata: z.object({ title: z.string().trim().max(200).optional() }).loose().default({}),
  }),
  z.object({
    type: z.literal("website"),
    content: z.url({ protocol: /^https?$/, message: "Enter a full http(s) URL." }).max(2000),
    metadata: z.object({
      maxPages: z.number().int().min(1).max(500).default(50),
      maxDepth: z.number().int().min(0).max(5).default(2),
    }).loose().default({ maxPages: 50, maxDepth: 2 }),
  }),
]);

/** Body of `POST /api/agents/:id/ask` (the playground). */
export const askSchema = z.object({
  message: z.string().trim().min(1, { message: "Ask something." }).max(4000),
  sessionId: z.string().regex(/^[\w-]{1,64}$/).optional(),
});
