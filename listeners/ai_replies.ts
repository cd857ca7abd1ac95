/**
 * The AI responder: a listener on `message.created` for customers' messages
 * in AI-handled conversations. A provider's answer is written as a message
 * (seq taken when it starts, `streaming` until done, client id `ai:<question
 * id>` so a redelivered event never answers twice), its tokens streamed on
 * the live bus to everyone watching, the partial text persisted as it goes,
 * the finished answer's `message.created` recorded, and on a handoff the
 * conversation passed to a person. Answers interrupted by a restart are
 * marked `interrupted` at start-up, never left half-visible. The built-in
 * responder's answer, whole at once, is written once it is composed (the
 * visitor sees the agent typing meanwhile).
 *
 * @module
 */
import type { ChatTurn } from "../models/ports/ai_provider.ts";
import { type AnswerInput, answerQuestion, type AnswerResult } from "../models/answers/answer.ts";
import { agentForConversation } from "../models/experiments/experiments.ts";
import { appendAndPublish, messageCreated, publish } from "../models/chat/chat.ts";
import type { EventPayload } from "../models/events/catalog.ts";
import { handOffToTeam } from "../models/tickets/handoff.ts";
import { messageSentiment } from "../models/sentiment/sentiment.ts";
import { cachedRuleOf, strongNegative } from "../models/sentiment/rules.ts";
import { PRIORITIES } from "../models/tickets/ticket_schemas.ts";
import type { Conversation, Message } from "../models/chat/conversation.ts";
import type { Deps } from "../models/ports/deps.ts";
import type { Listener } from "./runner.ts";
import { backgroundTurn } from "../lib/background.ts";
import pLimit from "p-limit";

const PERSIST_EVERY_MS = 1000;
/**
 * Answers composed at once per process, other than the built-in responder's on its threads: a provider's (a
 * streaming request to it, and a write of the text so far each second) or the built-in responder's on the event
 * loop (`AI_WORKERS=0`). The listener holds up to 4,096 questions so that the threads' queue sees the backlog;
 * these wait their turn here instead, as many at once as before it held more.
 */
const ANSWERS_AT_ONCE = 256;
const answerTurns = pLimit(ANSWERS_AT_ONCE);
/**
 * Tokens after the first go out together at most this often. A provider yields a word or less at a time
 * and the built-in responder a whole answer's words at once: a frame per token (shaped, serialised and sent
 * to each of the visitor's tabs and each staff member watching) was most of an instance's work under load,
 * for no visible difference (the widget shows the text as it grows either way). The first token goes at once.
 */
const TOKEN_FRAME_MS = 40;

/** Coalesces streamed tokens into frames: the first at once, then what came in each `TOKEN_FRAME_MS`. */
function tokenFrames(send: (text: string) => void) {
  let pending = "";
  let first = true;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (pending) send(pending);
    pending = "";
  };
  return {
    push(text: string) {
      if (first) {
        first = false;
        return send(text);
      }
      pending += text;
      timer ??= setTimeout(flush, TOKEN_FRAME_MS);
    },
    /** Sends what is pending now (before any other frame about the answer). */
    flush,
    /** Drops what is pending (the answer ended otherwise). */
    drop() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      pending = "";
    },
  };
}

/** Marks answers a restart cut off; returns how many. */
export async function recoverInterrupted(deps: Deps): Promise<number> {
  const cut = await deps.store.conversations.streamingMessages();
  for (const m of cut) {
    const conversation = await deps.store.conversations.get(m.workspaceId, m.conversationId);
    if (!conversation) continue;
    const updated = await deps.store.conversations.updateMessage(
      m.workspaceId,
      m.id,
      {
        status: "interrupted",
        text: m.text ? `${m.text} …` : "This answer was interrupted. Please ask again.",
      },
      deps.clock.now(),
      (message) => messageCreated({ message, conversation }),
    );
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
  // The workspace's sentiment rule: a strongly negative message goes to a person at once, unanswered by the AI.
  const felt = messageSentiment(question.metadata);
  if (felt) {
    const rule = await cachedRuleOf(deps, conv.workspaceId);
    if (rule.handoff && strongNegative(rule, felt.score)) {
      // Opened at the rule's priority: the rule's listener may have seen this message before the ticket existed.
      await handOffToTeam(deps, current, "negative_sentiment", {
        priority: rule.raisePriority && PRIORITIES.indexOf(rule.raisePriority) > PRIORITIES.indexOf("high")
          ? rule.raisePriority
          : undefined,
      });
      return;
    }
  }
  // A running A/B test answers with the customer's variant (recorded on the conversation at its first answer).
  const { agent: answering } = await agentForConversation(deps, agent, current);
  const local = answering.provider === "local";
  const input: AnswerInput = {
    agent: answering,
    question: question.text,
    // The built-in responder answers the question alone (it has no use for the turns before it).
    history: local ? [] : await historyFor(deps, current, question.seq),
    sessionId: conv.id,
    userId: conv.visitorId,
    signal,
    askedAt: question.createdAt.getTime(),
    ...(current.language ? { language: current.language } : {}),
  };
  // The built-in responder with threads: its queue bounds the work, and gives up what would wait too long.
  if (local && deps.answers) return await replyAtOnce(deps, current, question, input, agent.name);
  // Any other answer takes one of `ANSWERS_AT_ONCE` turns (the listener holds many more questions than that).
  await answerTurns(() => {
    if (signal?.aborted) return;
    return local
      ? replyAtOnce(deps, current, question, input, agent.name)
      : streamReply(deps, current, question, input, agent.name, signal);
  });
}

/** A provider's answer, streamed: written as it comes, its tokens told live, then finished (and handed off if asked). */
async function streamReply(
  deps: Deps,
  conv: Conversation,
  question: Message,
  input: AnswerInput,
  name: string,
  signal?: AbortSignal,
): Promise<void> {
  const { message: reply, conversation: withReply, created } = await deps.store.conversations.append(
    conv.workspaceId,
    conv.id,
    {
      clientId: `ai:${question.id}`,
      sender: "agent",
      authorKind: "ai",
      authorName: name,
      text: "",
      attachmentIds: [],
      citations: [],
      status: "streaming",
      internal: false,
      metadata: { replyTo: question.id },
    },
    deps.clock.now(),
  );
  // Answered (or interrupted) before: a redelivered event must not answer twice.
  if (!created) return;
  publish(deps, conv.workspaceId, conv.id, { type: "message.created", message: reply, conversation: withReply });
  const started = performance.now();
  let firstTokenMs: number | null = null;
  let text = "";
  let persisted = Date.now();
  const events = answerQuestion(deps, input);
  const frames = tokenFrames((piece) =>
    publish(deps, conv.workspaceId, conv.id, {
      type: "ai.token",
      conversationId: conv.id,
      messageId: reply.id,
      text: piece,
    })
  );
  try {
    for await (const event of events) {
      if (event.type === "token") {
        firstTokenMs ??= Math.round(performance.now() - started);
        text += event.text;
        frames.push(event.text);
        if (Date.now() - persisted > PERSIST_EVERY_MS) {
          persisted = Date.now();
          await deps.store.conversations.updateMessage(conv.workspaceId, reply.id, { text }, deps.clock.now());
        }
      } else if (event.type === "reset") {
        frames.drop();
        text = "";
        const m = await deps.store.conversations.updateMessage(conv.workspaceId, reply.id, { text }, deps.clock.now());
        if (m) publish(deps, conv.workspaceId, conv.id, { type: "message.updated", message: m });
      } else {
        frames.flush();
        if (signal?.aborted) {
          // Stopped (a shutdown, or the lease moved): the provider's failure is ours, not a reason to hand the
          // customer to the team. Keep the words so far; the answer stays `streaming` for whoever stops or starts
          // this listener to mark `interrupted`.
          await deps.store.conversations.updateMessage(conv.workspaceId, reply.id, { text }, deps.clock.now());
          return;
        }
        const done = await deps.store.conversations.updateMessage(
          conv.workspaceId,
          reply.id,
          finished(event.result, question, firstTokenMs),
          deps.clock.now(),
          (message) => messageCreated({ message, conversation: withReply }),
        );
        if (done) {
          publish(deps, conv.workspaceId, conv.id, { type: "message.updated", message: done });
          // The inbox list shows the last message's text: tell it the answer is written.
          const fresh = await deps.store.conversations.get(conv.workspaceId, conv.id);
          if (fresh) publish(deps, conv.workspaceId, conv.id, { type: "conversation.updated", conversation: fresh });
        }
        if (event.result.handoff) await handOffAfterAnswer(deps, conv, event.result.handoff);
      }
    }
  } finally {
    frames.drop();
  }
}

/**
 * Whether the answer itself tells the customer a person follows up: a failed or overloaded responder's
 * answer does ("... a person will follow up here"), so the hand-off adds no line saying it again (under
 * overload that line was one more write for each of thousands of conversations given up as busy).
 */
const saysSo = (handoff: NonNullable<AnswerResult["handoff"]>) => handoff === "provider_failed";

/** A finished answer's fields, as the message stores them. */
function finished(r: AnswerResult, question: Message, firstTokenMs: number | null) {
  return {
    text: r.text,
    status: "complete" as const,
    citations: r.citations.map((c) => ({ title: c.title, ...(c.url ? { url: c.url } : {}) })),
    metadata: {
      replyTo: question.id,
      html: r.html,
      confidence: r.confidence,
      handoff: r.handoff,
      provider: r.provider,
      firstTokenMs,
    },
  };
}

/**
 * The built-in responder's answer, written once it is whole (it comes all at once: streaming it would only
 * delay it). Meanwhile the visitor sees the agent "typing". One append, through the same path as a visitor's
 * message (under load, on the append worker with theirs), instead of a placeholder now and an update with its
 * event on the event loop later: the loop's writes per answer were what held visitors' acks up at 5,000
 * visitors. Its client id (`ai:<question id>`) keeps a redelivered event from answering twice; nothing is
 * written before the answer is, so a restart meanwhile leaves nothing half-visible to mark.
 */
async function replyAtOnce(
  deps: Deps,
  conv: Conversation,
  question: Message,
  input: AnswerInput,
  name: string,
): Promise<void> {
  const { workspaceId, id } = conv;
  publish(deps, workspaceId, id, { type: "typing", conversationId: id, from: "ai", on: true, name });
  const started = performance.now();
  let result: AnswerResult | null = null;
  for await (const event of answerQuestion(deps, input)) if (event.type === "done") result = event.result;
  // Answers come back together (a backlog given up as busy at once): written in the loop's background slices.
  await backgroundTurn();
  // Stopped (a shutdown, the lease moved): nothing was written, and the question is delivered again.
  if (!result || input.signal?.aborted) {
    publish(deps, workspaceId, id, { type: "typing", conversationId: id, from: "ai", on: false });
    return;
  }
  const { message, created } = await appendAndPublish(deps, conv, {
    clientId: `ai:${question.id}`,
    sender: "agent",
    authorKind: "ai",
    authorName: name,
    attachmentIds: [],
    internal: false,
    ...finished(result, question, Math.round(performance.now() - started)),
  });
  // Answered before (a redelivered event): the hand-off it asked for may be what a crash cut off.
  const handoff = created ? result.handoff : message.metadata?.handoff as AnswerResult["handoff"] | undefined;
  if (handoff) await handOffAfterAnswer(deps, conv, handoff);
}

/** Hands the conversation to the team after an answer that asked for it (unless someone has taken it since). */
async function handOffAfterAnswer(deps: Deps, conv: Conversation, handoff: NonNullable<AnswerResult["handoff"]>) {
  const now = await deps.store.conversations.get(conv.workspaceId, conv.id);
  if (now && now.handledBy !== "ai") return;
  await handOffToTeam(deps, now ?? conv, handoff, { quiet: saysSo(handoff) });
}

/** The AI responder as a listener: each customer message of an AI-handled conversation gets one answer. */
export const aiReplies: Listener = {
  name: "ai-replies",
  types: ["message.created"],
  // Room for every question the answering threads' queue may hold (`AI_QUEUE_MAX`, 2,000 by default) and those
  // behind their conversation's previous one: the queue, which gives up at once what would wait too long, must
  // see the backlog. Held in the event log instead (256 at a time), questions reached it only once they had
  // waited out the bound, and thousands were given up together.
  maxInFlight: 4096,
  // A customer's message written while the AI had the conversation (a human-handled chat is the hot path).
  wants(event) {
    const { message, handledBy } = event.payload as EventPayload<"message.created">;
    return message.author.kind === "customer" && handledBy === "ai";
  },
  async handle(event, { deps, signal }) {
    const { message } = event.payload as EventPayload<"message.created">;
    const conversation = await deps.store.conversations.get(event.workspaceId, event.aggregateId);
    if (conversation?.handledBy !== "ai") return;
    const question = await deps.store.conversations.getMessage(event.workspaceId, message.id);
    if (!question) return;
    await replyTo(deps, conversation, question, signal);
  },
};
