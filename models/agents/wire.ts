/**
 * The wire contract of agents: the JSON the API sends for an agent (dates as
 * ISO strings, the remote Lyzr id never), as zod schemas. `api/` uses them
 * for its OpenAPI answers; islands import the inferred types only.
 *
 * Adding a field to an agent: the domain type (`agent.ts`), its input schema
 * (`agent_schemas.ts`, when clients may set it) and `agentFieldsWire` here;
 * then the Store adapter keeps it.
 *
 * @module
 */
import { z } from "zod";
import type { Agent, KnowledgeItem } from "./agent.ts";
import { KNOWLEDGE_TYPES, PROVIDERS, widgetTextsSchema } from "./agent_schemas.ts";

/** An agent's widget look. */
const widgetConfigWire = z.object({
  primaryColor: z.string(),
  position: z.enum(["left", "right"]),
  title: z.string(),
  subtitle: z.string(),
  /** Per-language wording of the welcome message, title and subtitle (en, fr, de, es), where the workspace wrote one. */
  texts: widgetTextsSchema.optional(),
});

/** The fields of an agent its editor shows and sends. */
const agentFieldsWire = z.object({
  name: z.string(),
  description: z.string(),
  welcomeMessage: z.string(),
  model: z.string(),
  temperature: z.number(),
  maxTokens: z.number(),
  prompt: z.string(),
  isActive: z.boolean(),
  provider: z.enum(PROVIDERS),
  handoffThreshold: z.number(),
  allowedDomains: z.array(z.string()),
  widgetConfig: widgetConfigWire,
});

/** An agent as clients see it (`knowledgeBase` only where the seed's API gives it). */
export const agentWire = agentFieldsWire.extend({
  id: z.string(),
  workspaceId: z.string(),
  userId: z.string(),
  activeVersionId: z.string().nullable(),
  knowledgeBase: z.array(z.object({
    type: z.enum(KNOWLEDGE_TYPES),
    content: z.string(),
    metadata: z.record(z.string(), z.unknown()),
  })).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
}).meta({ id: "Agent" });

/** `widgetConfig` of an agent. */
export type WidgetConfigJson = z.infer<typeof widgetConfigWire>;
/** The editable fields of an agent. */
export type AgentFieldsJson = z.infer<typeof agentFieldsWire>;
/** An agent as `GET /api/agents/:id` gives it. */
export type AgentJson = z.infer<typeof agentWire>;

/** Shapes an agent (with its knowledge base when given). */
export function agentJson(a: Agent, knowledgeBase?: KnowledgeItem[]): AgentJson {
  const { lyzrAgentId: _remote, ...rest } = a;
  return {
    ...rest,
    ...(knowledgeBase ? { knowledgeBase } : {}),
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}
