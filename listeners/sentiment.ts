/**
 * Sentiment by the provider: each customer message the offline lexicon scored when it was stored is scored
 * again by its conversation's agent's AI provider (when the agent is on one with a key, and the workspace's
 * sentiment setting `byProvider` is on). Off the chat path: the message and its lexicon score are already
 * stored and acknowledged; this listener only replaces the score when the provider answers.
 *
 * What changes, in one write with its event: the message's `metadata.sentiment` (and `sentimentBy`, which
 * makes a redelivered event a no-op) and the conversation's rolling sentiment recomputed from its messages
 * (`ConversationRepo.rescoreMessage`: one transaction, so a message appended meanwhile is never left out).
 * `message.sentiment_scored` tells the rest: the `categories` listener raises the ticket's priority on a
 * strongly negative score, analytics swaps the score in its counters. The handoff half of the rule runs here:
 * the AI responder looked at the lexicon's score before answering, so a message only the provider finds
 * strongly negative goes to the team now (if the AI still has the conversation).
 *
 * @module
 */
import type { Agent } from "../models/agents/agent.ts";
import { publish } from "../models/chat/chat.ts";
import type { EventPayload } from "../models/events/catalog.ts";
import { newEvent, SYSTEM } from "../models/events/event.ts";
import type { Deps } from "../models/ports/deps.ts";
import { providerSentiment } from "../models/sentiment/provider.ts";
import { hasModelProvider } from "../models/providers/providers.ts";
import { cachedRuleOf, strongNegative } from "../models/sentiment/rules.ts";
import { labelOf, messageSentiment } from "../models/sentiment/sentiment.ts";
import { handOffToTeam } from "../models/tickets/handoff.ts";
import { PRIORITIES } from "../models/tickets/ticket_schemas.ts";
import type { Listener } from "./runner.ts";

/**
 * The agent when it can score (a model provider with a key), else null; kept 10 s per agent. Every customer
 * message comes here, most to agents on the built-in responder: two reads per message would be a cost on the
 * chat's busiest path for nothing. A change of provider or key is seen within the 10 s.
 */
const agents = new Map<string, { until: number; value: Promise<Agent | null>; settled?: Agent | null }>();
function scoringAgent(deps: Deps, workspaceId: string, agentId: string): Promise<Agent | null> {
  const key = `${workspaceId}:${agentId}`;
  const hit = agents.get(key);
  if (hit && hit.until > performance.now()) return hit.value;
  const value = deps.store.agents.get(workspaceId, agentId)
    .then(async (a) => a && await hasModelProvider(deps, a) ? a : null);
  if (agents.size >= 10_000) agents.clear();
  const entry: { until: number; value: Promise<Agent | null>; settled?: Agent | null } = {
    until: performance.now() + 10_000,
    value,
  };
  value.then((a) => entry.settled = a, () => agents.delete(key));
  agents.set(key, entry);
  return value;
}

/** True when the cache has settled that this agent cannot score (no read: `wants` is synchronous). */
function knownNotToScore(workspaceId: string, agentId: string): boolean {
  const hit = agents.get(`${workspaceId}:${agentId}`);
  return !!hit && hit.until > performance.now() && hit.settled === null;
}

/** The provider-sentiment listener. */
export const sentiment: Listener = {
  name: "sentiment",
  types: ["message.created"],
  wants(event) {
    const { message, agentId } = event.payload as EventPayload<"message.created">;
    if (message.author.kind !== "customer" || !message.sentiment || !message.text.trim()) return false;
    // An agent known (within the 10 s) not to score is passed over without waking the listener up.
    return !knownNotToScore(event.workspaceId, agentId);
  },
  async handle(event, { deps, signal }) {
    const p = event.payload as EventPayload<"message.created">;
    const ws = event.workspaceId;
    const rule = await cachedRuleOf(deps, ws);
    if (!rule.byProvider) return;
    const agent = await scoringAgent(deps, ws, p.agentId);
    if (!agent) return;
    const stored = await deps.store.conversations.getMessage(ws, p.message.id);
    const previous = stored && messageSentiment(stored.metadata);
    if (!stored || !previous) return;
    // Scored before (this event redelivered): the score and the conversation's roll were written together.
    if (stored.metadata.sentimentBy) return;
    const scored = await providerSentiment(deps, agent, {
      text: stored.text,
      conversationId: stored.conversationId,
      visitorId: p.visitorId,
    }, signal);
    if (!scored) return; // the lexicon's score stands
    // The score and the conversation's roll in one transaction: a message the customer sends meanwhile is in
    // the roll or rolls on top of it (recomputing here, then writing, used to leave it out).
    const rescored = await deps.store.conversations.rescoreMessage(
      ws,
      stored.id,
      scored,
      agent.provider,
      deps.clock.now(),
      ({ message: m, conversation: c }) => {
        const convScore = c.sentimentScore ?? scored.score;
        return [
          newEvent("message.sentiment_scored", {
            workspaceId: ws,
            aggregateId: m.conversationId,
            actor: SYSTEM,
            at: deps.clock.now(),
            payload: {
              conversationId: m.conversationId,
              agentId: p.agentId,
              visitorId: p.visitorId,
              messageId: m.id,
              messageCreatedAt: m.createdAt.toISOString(),
              previous,
              sentiment: scored,
              conversationSentiment: { score: convScore, label: labelOf(convScore) },
              provider: agent.provider,
            },
          }),
        ];
      },
    );
    if (!rescored) return;
    const { message: updated, conversation: conv } = rescored;
    // The visitor never sees a score: the update is for the team's sockets only.
    publish(deps, ws, conv.id, { type: "message.updated", message: updated, staffOnly: true });
    publish(deps, ws, conv.id, { type: "conversation.updated", conversation: conv });
    // The handoff half of the rule, for what only the provider found strongly negative (the AI responder
    // already handed off on the lexicon's score).
    if (
      conv && conv.handledBy === "ai" && rule.handoff && strongNegative(rule, scored.score) &&
      !strongNegative(rule, previous.score)
    ) {
      // Opened at the rule's priority when it is above the handoff's usual `high` (as the AI responder does).
      await handOffToTeam(deps, conv, "negative_sentiment", {
        priority: rule.raisePriority && PRIORITIES.indexOf(rule.raisePriority) > PRIORITIES.indexOf("high")
          ? rule.raisePriority
          : undefined,
      });
    }
  },
};
