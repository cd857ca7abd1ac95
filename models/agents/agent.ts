/**
 * Agent: an AI support agent of a workspace (the seed's Agent model). Its
 * `knowledgeBase` is the list of knowledge items it was trained with, shaped
 * as the seed writes it (`{ type, content, metadata }`).
 *
 * @module
 */
import type { KnowledgeType, ProviderId } from "./agent_schemas.ts";

/** The widget's look. */
export interface WidgetConfig {
  primaryColor: string;
  position: "left" | "right";
  title: string;
  subtitle: string;
  /**
   * What the workspace wrote for a language the widget speaks, over the welcome message, title and subtitle
   * (any may be left out: then the provider's translation, else the original, is shown).
   */
  texts?: Partial<Record<"en" | "fr" | "de" | "es", { welcomeMessage?: string; title?: string; subtitle?: string }>>;
}

/** A knowledge item as the seed shapes it. */
export interface KnowledgeItem {
  type: KnowledgeType;
  content: string;
  metadata: Record<string, unknown>;
}

/** A stored agent. */
export interface Agent {
  id: string;
  workspaceId: string;
  /** The creator (seed: `userId`). */
  userId: string;
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
  widgetConfig: WidgetConfig;
  /** The knowledge version answers are drawn from (null before any training). */
  activeVersionId: string | null;
  /**
   * Never stored: the knowledge version a running experiment's variant answers from instead of the active
   * one (set by `withVariant`; retrieval searches it with `searchVersion`).
   */
  pinnedVersionId?: string;
  /** The id of the mirrored agent on Lyzr, when the provider is `lyzr`. */
  lyzrAgentId?: string;
  createdAt: Date;
  updatedAt: Date;
}
