/**
 * Category use cases: staff manage the workspace's categories (`/api/categories`); new conversations and
 * tickets are tagged by the offline classifier (`classify.ts`, run by `listeners/categories.ts`); and staff
 * corrections teach it: a category tag added to a ticket by hand makes the ticket's question an example of
 * it, a removed one a counter-example.
 *
 * @module
 */
import type { z } from "zod";
import { NotFoundError } from "../../lib/errors.ts";
import { newId } from "../../lib/ids.ts";
import type { User } from "../accounts/user.ts";
import * as chat from "../chat/chat.ts";
import type { Conversation } from "../chat/conversation.ts";
import { newEvent, SYSTEM } from "../events/event.ts";
import { conversationRef } from "../events/payloads.ts";
import type { Deps } from "../ports/deps.ts";
import type { Ticket } from "../tickets/ticket.ts";
import { ticketChanges } from "../tickets/ticket_events.ts";
import { announce } from "../tickets/tickets.ts";
import { type Category, type categoryInputSchema, MAX_EXAMPLES } from "./category.ts";
import { type Classifier, classifier } from "./classify.ts";
import { embedderFor, forgetEmbeddings, nearestCategory } from "./embedded.ts";

/**
 * Each workspace's classifier, kept 10 s (every customer message asks for it: without categories, the answer is
 * null and nothing is read). Forgotten here at once when this process changes a category; another instance's
 * change is seen within the 10 s.
 */
const classifiers = new Map<string, { until: number; value: Promise<Classifier | null> }>();
const CLASSIFIER_TTL_MS = 10_000;

function workspaceClassifier(deps: Deps, workspaceId: string): Promise<Classifier | null> {
  const hit = classifiers.get(workspaceId);
  if (hit && hit.until > performance.now()) return hit.value;
  const value = deps.store.categories.list(workspaceId).then((list) => list.length ? classifier(list) : null);
  value.catch(() => classifiers.delete(workspaceId));
  classifiers.set(workspaceId, { until: performance.now() + CLASSIFIER_TTL_MS, value });
  return value;
}

const forget = (workspaceId: string) => {
  classifiers.delete(workspaceId);
  forgetEmbeddings(workspaceId);
};

/** How a category was picked: by the provider's embeddings, or offline by words shared with the examples. */
export type CategorySource = "embeddings" | "examples";

/**
 * The category to apply to `text` in a workspace, and how it was picked. When the agent's provider can embed,
 * by embeddings (`embedded.ts`); when they find no category close enough, or the provider has no key, fails or
 * is slow, the offline classifier decides (a warn log, never an error: tagging is best effort). The offline
 * pick after an embeddings "none" is kept because it only fires on shared words, where it is precise (see the
 * precision test in classify_test.ts), and a model whose similarities run low would otherwise tag nothing.
 */
export async function pickCategory(
  deps: Deps,
  workspaceId: string,
  agentId: string | undefined,
  text: string,
  signal?: AbortSignal,
): Promise<{ category: Category; source: CategorySource; score: number } | null> {
  const offline = await workspaceClassifier(deps, workspaceId);
  if (!offline) return null;
  if (agentId) {
    try {
      const embedder = await embedderFor(deps, workspaceId, agentId);
      const near = embedder && await nearestCategory(embedder, workspaceId, offline.categories, text, signal);
      if (near) return { ...near, source: "embeddings" };
    } catch (err) {
      if (signal?.aborted) throw err;
      deps.log.warn("categories: embeddings failed, offline classifier used", {
        workspaceId,
        agentId,
        err: String(err),
      });
    }
  }
  const top = offline.scores(text)[0];
  const category = offline.best(text);
  return category ? { category, source: "examples", score: top.score } : null;
}

/** Says which category was applied and how (the `conversation.categorized` event stays as it is). */
function logApplied(
  deps: Deps,
  conv: { workspaceId: string; id: string },
  picked: { category: Category; source: CategorySource; score: number },
) {
  deps.log.info("category applied", {
    workspaceId: conv.workspaceId,
    conversationId: conv.id,
    category: picked.category.name,
    source: picked.source,
    score: Number(picked.score.toFixed(3)),
  });
}

/** True when the workspace has categories to tag with (from the cache: cheap on every message). */
export async function hasCategories(deps: Deps, workspaceId: string): Promise<boolean> {
  return (await workspaceClassifier(deps, workspaceId)) !== null;
}

type Input = z.infer<typeof categoryInputSchema>;

/** The workspace's categories, by name. */
export function listCategories(deps: Deps, user: User): Promise<Category[]> {
  return deps.store.categories.list(user.workspaceId);
}

/** One category (404 for other workspaces'). */
export async function getCategory(deps: Deps, user: User, id: string): Promise<Category> {
  const c = await deps.store.categories.get(user.workspaceId, id);
  if (!c) throw new NotFoundError("Category");
  return c;
}

/** The event of a conversation's categories as they now are (analytics count conversations per category). */
const categorized = (c: Conversation) => [
  newEvent("conversation.categorized", {
    workspaceId: c.workspaceId,
    aggregateId: c.id,
    actor: SYSTEM,
    at: c.updatedAt,
    payload: { ...conversationRef(c), categories: c.categories ?? [] },
  }),
];

const distinct = (xs: string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];

/** Creates a category. */
export async function createCategory(deps: Deps, user: User, input: Input): Promise<Category> {
  const now = deps.clock.now();
  const c: Category = {
    id: newId(now),
    workspaceId: user.workspaceId,
    name: input.name,
    description: input.description,
    examples: distinct(input.examples),
    counterExamples: distinct(input.counterExamples ?? []),
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.categories.insert(c);
  forget(c.workspaceId);
  return c;
}

/** Replaces a category's name, description and examples (counter-examples kept unless given). */
export async function updateCategory(deps: Deps, user: User, id: string, input: Input): Promise<Category> {
  forget(user.workspaceId);
  const c = await deps.store.categories.update(user.workspaceId, id, {
    name: input.name,
    description: input.description,
    examples: distinct(input.examples),
    ...(input.counterExamples ? { counterExamples: distinct(input.counterExamples) } : {}),
    updatedAt: deps.clock.now(),
  });
  forget(user.workspaceId);
  if (!c) throw new NotFoundError("Category");
  return c;
}

/** Deletes a category (tags already applied stay: they are the tickets' now). */
export async function deleteCategory(deps: Deps, user: User, id: string): Promise<void> {
  forget(user.workspaceId);
  const removed = await deps.store.categories.remove(user.workspaceId, id);
  forget(user.workspaceId);
  if (!removed) throw new NotFoundError("Category");
}

/**
 * Tags a conversation from a customer's message, once (a conversation that has categories keeps them):
 * returns the conversation as it now is.
 */
export async function categorizeConversation(
  deps: Deps,
  conv: Conversation,
  text: string,
  signal?: AbortSignal,
): Promise<Conversation> {
  if (conv.categories?.length) return conv;
  const picked = await pickCategory(deps, conv.workspaceId, conv.agentId, text, signal);
  if (!picked) return conv;
  const updated = await deps.store.conversations.update(conv.workspaceId, conv.id, {
    categories: [picked.category.name],
    updatedAt: deps.clock.now(),
  }, categorized);
  if (!updated) return conv;
  logApplied(deps, conv, picked);
  chat.publish(deps, conv.workspaceId, conv.id, { type: "conversation.updated", conversation: updated });
  return updated;
}

/** Puts the conversation's categories (or, if it has none, the classifier's pick for the ticket) on a new ticket. */
export async function categorizeTicket(deps: Deps, ticket: Ticket, signal?: AbortSignal): Promise<Ticket> {
  const conv = await deps.store.conversations.get(ticket.workspaceId, ticket.conversationId);
  let names = conv?.categories ?? [];
  if (!names.length) {
    const text = `${ticket.title}\n${ticket.description}`;
    const picked = await pickCategory(deps, ticket.workspaceId, conv?.agentId, text, signal);
    names = picked ? [picked.category.name] : [];
    if (picked && conv) {
      const updated = await deps.store.conversations.update(conv.workspaceId, conv.id, {
        categories: names,
        updatedAt: deps.clock.now(),
      }, categorized);
      if (updated) logApplied(deps, conv, picked);
    }
  }
  const missing = names.filter((n) => !ticket.tags.includes(n));
  if (!missing.length) return ticket;
  const updated = await deps.store.tickets.update(ticket.workspaceId, ticket.id, {
    tags: [...ticket.tags, ...missing],
    updatedAt: deps.clock.now(),
  }, ticketChanges(ticket, SYSTEM));
  return updated ? announce(deps, updated) : ticket;
}

const keep = (list: string[], phrase: string) => list.includes(phrase) ? list : [...list, phrase].slice(-MAX_EXAMPLES);
const drop = (list: string[], phrase: string) => list.filter((x) => x !== phrase);

/**
 * Staff changed a ticket's tags: a category's tag added by hand makes the ticket's question one of its
 * examples (and no longer a counter-example), a removed one a counter-example; the conversation's
 * `categories` follow the tags.
 */
export async function learnFromTags(deps: Deps, ticket: Ticket, before: string[], after: string[]): Promise<void> {
  const added = after.filter((t) => !before.includes(t));
  const removed = before.filter((t) => !after.includes(t));
  if (!added.length && !removed.length) return;
  const categories = await deps.store.categories.list(ticket.workspaceId);
  const byName = new Map(categories.map((c) => [c.name, c]));
  const phrase = (ticket.description || ticket.title).trim().slice(0, 500);
  const now = deps.clock.now();
  for (const name of added) {
    const c = byName.get(name);
    if (!c || !phrase) continue;
    forget(c.workspaceId);
    await deps.store.categories.update(c.workspaceId, c.id, {
      examples: keep(c.examples, phrase),
      counterExamples: drop(c.counterExamples, phrase),
      updatedAt: now,
    });
    forget(c.workspaceId);
  }
  for (const name of removed) {
    const c = byName.get(name);
    if (!c || !phrase) continue;
    forget(c.workspaceId);
    await deps.store.categories.update(c.workspaceId, c.id, {
      examples: drop(c.examples, phrase),
      counterExamples: keep(c.counterExamples, phrase),
      updatedAt: now,
    });
    forget(c.workspaceId);
  }
  const conv = await deps.store.conversations.get(ticket.workspaceId, ticket.conversationId);
  if (conv) {
    const names = after.filter((t) => byName.has(t));
    const same = names.length === (conv.categories ?? []).length && names.every((n) => conv.categories?.includes(n));
    if (!same) {
      const updated = await deps.store.conversations.update(conv.workspaceId, conv.id, {
        categories: names,
        updatedAt: now,
      }, categorized);
      if (updated) {
        chat.publish(deps, conv.workspaceId, conv.id, { type: "conversation.updated", conversation: updated });
      }
    }
  }
}
