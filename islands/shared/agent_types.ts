/**
 * The JSON shapes of the agents, knowledge, playground and provider APIs as
 * the islands receive them: the server's wire contract, imported as types
 * only (defined once, in `models/<aggregate>/wire.ts` and the answer types).
 *
 * @module
 */
export type { AgentFieldsJson, AgentJson, WidgetConfigJson } from "../../models/agents/wire.ts";
export type { JobJson, SourceJson, VersionJson } from "../../models/knowledge/wire.ts";
export type { ProviderJson } from "../../models/providers/wire.ts";
export type {
  AnswerResult as AnswerDoneJson,
  Citation as CitationJson,
  HandoffReason,
} from "../../models/answers/answer.ts";
