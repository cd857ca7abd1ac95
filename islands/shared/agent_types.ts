/**
 * The JSON shapes of the agents, knowledge, playground and provider APIs as
 * the islands receive them (dates as ISO strings). Types only.
 *
 * @module
 */
import type { ProviderId } from "../../models/agents/agent_schemas.ts";

/** `widgetConfig` of an agent. */
export interface WidgetConfigJson {
  primaryColor: string;
  position: "left" | "right";
  title: string;
  subtitle: string;
}

/** The editable fields of an agent (what the editor island gets and sends). */
export interface AgentFieldsJson {
  name: string;
  description: string;
  welcomeMessage: string;
  model: string;
  temperature: number;
  maxTokens: number;
  prompt: string;
  isActive: boolean;
  provider: ProviderId;
  handoffThreshold: number;
  allowedDomains: string[];
  widgetConfig: WidgetConfigJson;
}

/** `AgentJson` of `GET /api/agents/:id`. */
export interface AgentJson extends AgentFieldsJson {
  id: string;
  workspaceId: string;
  userId: string;
  activeVersionId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** An ingestion run. */
export interface JobJson {
  id: string;
  state: "queued" | "running" | "done" | "failed";
  progressDone: number;
  progressTotal: number;
  error?: string;
  attempts: number;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
}

/** A knowledge source with its latest job. */
export interface SourceJson {
  id: string;
  type: "text" | "website" | "document";
  title: string;
  url?: string;
  /** Text (truncated), the start URL, or the file name. */
  content: string;
  status: "queued" | "running" | "ready" | "failed";
  error?: string;
  chunkCount: number;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  job: JobJson | null;
}

/** A knowledge version. */
export interface VersionJson {
  id: string;
  number: number;
  reason: string;
  sourceCount: number;
  chunkCount: number;
  createdAt: string;
  active: boolean;
}

/** A citation of a playground answer. */
export interface CitationJson {
  sourceId: string;
  title: string;
  url?: string;
}

/** Why an answer would go to a person. */
export type HandoffReason = "asked_for_human" | "low_confidence" | "provider_failed";

/** The `done` event of `POST /api/agents/:id/ask`. */
export interface AnswerDoneJson {
  text: string;
  html: string;
  citations: CitationJson[];
  confidence: number;
  handoff: HandoffReason | null;
  provider: string;
}

/** A provider's settings as admins see them (never the key). */
export interface ProviderJson {
  provider: "lyzr" | "openai" | "anthropic";
  configured: boolean;
  keyHint?: string;
  baseUrl?: string;
  defaultModel?: string;
  extra: Record<string, string>;
  updatedAt?: string;
}
