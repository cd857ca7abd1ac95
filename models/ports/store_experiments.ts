/**
 * The Store port, experiments: A/B tests of an agent's answers, and each conversation's assigned variant.
 * At most one experiment of an agent runs at a time (adapters answer `ConflictError` `experiment_running`).
 *
 * @module
 */
import type { Conversation } from "../chat/conversation.ts";
import type { Emit } from "../events/event.ts";
import type { Experiment } from "../experiments/experiment.ts";

/** Experiments and their assignments. */
export interface ExperimentRepo {
  /** The agent's experiments, newest first. */
  list(workspaceId: string, agentId: string): Promise<Experiment[]>;
  get(workspaceId: string, id: string): Promise<Experiment | null>;
  /** The agent's running experiment, if any. */
  running(workspaceId: string, agentId: string): Promise<Experiment | null>;
  insert(experiment: Experiment, emit?: Emit<Experiment>): Promise<void>;
  update(
    workspaceId: string,
    id: string,
    patch: Partial<Pick<Experiment, "status" | "winner" | "startedAt" | "stoppedAt">> & { updatedAt: Date },
    emit?: Emit<Experiment>,
  ): Promise<Experiment | null>;
  /**
   * Records a conversation's variant unless it has one already (the first assignment stays); answers the
   * conversation as it now is, null when it is not the workspace's.
   */
  assign(workspaceId: string, conversationId: string, experimentId: string, variant: string): Promise<
    Conversation | null
  >;
  /** The experiment's conversations with their variant. */
  assignments(workspaceId: string, experimentId: string): Promise<Array<{ conversationId: string; variant: string }>>;
  /** The variants of those of these conversations that have one (the export's column), by conversation id. */
  variantsOf(workspaceId: string, conversationIds: string[]): Promise<Map<string, string>>;
}
