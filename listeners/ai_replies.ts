/**
 * The AI responder: a listener on new visitor messages in AI-handled
 * conversations. It writes the answer as a message (seq taken when it
 * starts, `streaming` until done), streams its tokens to everyone watching,
 * persists the partial text as it goes, and on a handoff passes the
 * conversation to a person. Answers interrupted by a restart are marked
 * `interrupted` at start-up, never left half-visible.
 *
 * @module
 */
import type { ChatTurn } from "../models/ports/ai_provider.ts";
import { answer } from "../models/answers/answer.ts";
import { CHAT_TOPIC, publish } from "../models/chat/chat.ts";
import { handOffToTeam } from "../models/tickets/handoff.ts";
import type { Conversation, Message } from "../models/chat/conversation.ts";
import type { Deps } from "../models/ports/deps.ts";

const PERSIST_EVERY_MS = 1000;

/** Marks answers a restart cut off; returns how many. */
export async function recoverInterrupted(deps: Deps): Promise<number> {
  const cut = await deps.store.conversations.streamingMessages();
  for (const m of cut) {
    const updated = await deps.store.conversations.updateMessage(m.workspaceId, m.id, {
      status: "interrupted",
      text: m.text ? `${m.text} …` : "This answer was interrupted. Please ask again.",
    }, deps.clock.now());
    if (updated) publish(deps, m.workspaceId, m.conversationId, { type: "message.updated", message: updated });
  }
  return cut.length;
}

async function historyFor(deps: Deps, conv: Conversation, upTo: number): Promise<ChatTurn[]> {
  const msgs = await deps.store.conversations.messagesAfter(conv.workspaceId, conv.id, Math.max(0, upTo - 16), {
    limit: 16,
    includeInternal: true,
  });
  return msgs
    .filter((m) => m.seq < upTo && !m.internal && m.sender !== "system" && m.status !== "streaming" && m.text.trim())
    .slice(-12)
    .map((m) => ({ role: m.sender === "user" ? "user" : "assistant", content: m.text }));
}

/** Answers one visitor message (the caller serialises per conversation). */
export async function replyTo(deps: Deps, conv: Conversation, question: Message, signal?: AbortSignal): Promise<void> {
  const agent = await deps.store.agents.get(conv.workspaceId, conv.agentId);
  if (!agent || !agent.isActive || !question.text.trim()) return;
  const current = await deps.store.conversations.get(conv.workspaceId, conv.id);
  if (!current || current.handledBy !== "ai") return;
  const { message: reply, conversation: withReply } = await deps.store.conversations.append(conv.workspaceId, conv.id, {
    sender: "agent",
    authorKind: "ai",
    authorName: agent.name,
    text: "",
    attachmentIds: [],
    citations: [],
    status: "streaming",
    internal: false,
    metadata: { replyTo: question.id },
  }, deps.clock.now());
  publish(deps, conv.workspaceId, conv.id, { type: "message.created", message: reply, conversation: withReply });
  let text = "";
  let persisted = Date.now();
  const events = answer(deps, {
    agent,
    question: question.text,
    history: await historyFor(deps, current, question.seq),
    sessionId: conv.id,
    userId: conv.visitorId,
    signal,
  });
  for await (const event of events) {
    if (event.type === "token") {
      text += event.text;
      publish(deps, conv.workspaceId, conv.id, {
        type: "ai.token",
        conversationId: conv.id,
        messageId: reply.id,
        text: event.text,
      });
      if (Date.now() - persisted > PERSIST_EVERY_MS) {
        persisted = Date.now();
        await deps.store.conversations.updateMessage(conv.workspaceId, reply.id, { text }, deps.clock.now());
      }
    } else if (event.type === "reset") {
      text = "";
      const m = await deps.store.conversations.updateMessage(conv.workspaceId, reply.id, { text }, deps.clock.now());
      if (m) publish(deps, conv.workspaceId, conv.id, { type: "message.updated", message: m });
    } else {
      const r = event.result;
      const done = await deps.store.conversations.updateMessage(conv.workspaceId, reply.id, {
        text: r.text,
        status: "complete",
        citations: r.citations.map((c) => ({ title: c.title, ...(c.url ? { url: c.url } : {}) })),
        metadata: {
          replyTo: question.id,
          html: r.html,
          confidence: r.confidence,
          handoff: r.handoff,
          provider: r.provider,
        },
      }, deps.clock.now());
      if (done) {
        publish(deps, conv.workspaceId, conv.id, { type: "message.updated", message: done });
        // The inbox list shows the last message's text: tell it the answer is written.
        const fresh = await deps.store.conversations.get(conv.workspaceId, conv.id);
        if (fresh) publish(deps, conv.workspaceId, conv.id, { type: "conversation.updated", conversation: fresh });
      }
      if (r.handoff) {
        await handOffToTeam(
          deps,
          (await deps.store.conversations.get(conv.workspaceId, conv.id)) ?? current,
          r.handoff,
        );
      }
    }
  }
}

/** Answers visitor questions left unanswered by a stop (the last message of an AI-handled conversation). */
export async function answerPending(deps: Deps, signal?: AbortSignal): Promise<number> {
  const pending = await deps.store.conversations.awaitingAi(200);
  for (const { conversation, question } of pending) {
    await replyTo(deps, conversation, question, signal).catch((err) =>
      deps.log.error("AI reply after restart failed", { err, conversationId: conversation.id })
    );
  }
  return pending.length;
}

/** The running responder. */
export interface AiReplies {
  /** Resolves when no answer is being written (tests). */
  idle(): Promise<void>;
  /** Stops listening and waits for answers in flight (aborted). */
  stop(): Promise<void>;
}

/** Starts the responder. */
export function startAiReplies(deps: Deps): AiReplies {
  const queues = new Map<string, Promise<void>>();
  const ac = new AbortController();
  const unsubscribe = deps.bus.subscribe(CHAT_TOPIC, (event) => {
    if (event.type !== "message.created") return;
    const { message, conversation } = event;
    if (message.authorKind !== "visitor" || conversation.handledBy !== "ai") return;
    // One answer at a time per conversation, in message order.
    const prev = queues.get(conversation.id) ?? Promise.resolve();
    const next = prev.then(() => replyTo(deps, conversation, message, ac.signal)).catch((err) =>
      deps.log.error("AI reply failed", { err, conversationId: conversation.id })
    );
    queues.set(conversation.id, next);
    next.finally(() => {
      if (queues.get(conversation.id) === next) queues.delete(conversation.id);
    });
  });
  return {
    async idle() {
      while (queues.size) await Promise.allSettled([...queues.values()]);
    },
    async stop() {
      unsubscribe();
      ac.abort();
      await Promise.allSettled([...queues.values()]);
    },
  };
}
