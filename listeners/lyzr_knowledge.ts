/**
 * Keeps the Lyzr knowledge base of each agent whose knowledge lives in Lyzr in step with its active
 * knowledge version (trained, source removed, rolled back: empty and retrain, see
 * `models/providers/lyzr_knowledge.ts`), and deletes it with its agent. Idempotent: the KB records the
 * version it holds, so a redelivered event is a no-op; a failure throws, and the runner retries.
 *
 * @module
 */
import { dropLyzrKnowledge, syncLyzrKnowledge } from "../models/providers/lyzr_knowledge.ts";
import type { Listener } from "./runner.ts";

/** The Lyzr knowledge-base sync. */
export const lyzrKnowledge: Listener = {
  name: "lyzr_knowledge",
  types: ["knowledge.trained", "knowledge.source_removed", "knowledge.rolled_back", "agent.deleted"],
  async handle(event, { deps }) {
    const { agentId } = event.payload as { agentId: string };
    if (event.type === "agent.deleted") {
      await dropLyzrKnowledge(deps, event.workspaceId, agentId);
      return;
    }
    const agent = await deps.store.agents.get(event.workspaceId, agentId);
    if (agent) await syncLyzrKnowledge(deps, agent);
  },
};
