/**
 * Agent use cases: list, create, read, update, delete, the embed snippet.
 * Admins manage agents; every member can read them. Agents on Lyzr are
 * mirrored there on create, update and delete.
 *
 * @module
 */
import type { z } from "zod";
import { NotFoundError } from "../../lib/errors.ts";
import { newId } from "../../lib/ids.ts";
import type { Agent, KnowledgeItem } from "./agent.ts";
import type { agentCreateSchema, agentUpdateSchema } from "./agent_schemas.ts";
import { requireAdmin } from "../accounts/auth.ts";
import { actorOf, newEvent } from "../events/event.ts";
import type { Deps } from "../ports/deps.ts";
import { syncMirror } from "../providers/providers.ts";
import type { User } from "../accounts/user.ts";

/** Agents of the caller's workspace. */
export function listAgents(deps: Deps, user: User): Promise<Agent[]> {
  return deps.store.agents.list(user.workspaceId);
}

/** One agent of the caller's workspace (404 for any other). */
export async function getAgent(deps: Deps, user: User, id: string): Promise<Agent> {
  const agent = await deps.store.agents.get(user.workspaceId, id);
  if (!agent) throw new NotFoundError("Agent");
  return agent;
}

/** Creates an agent (admins). */
export async function createAgent(deps: Deps, user: User, input: z.infer<typeof agentCreateSchema>): Promise<Agent> {
  requireAdmin(user);
  const now = deps.clock.now();
  const agent: Agent = {
    ...input,
    id: newId(now),
    workspaceId: user.workspaceId,
    userId: user.id,
    activeVersionId: null,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.agents.insert(agent, (a) => [
    newEvent("agent.created", {
      workspaceId: a.workspaceId,
      aggregateId: a.id,
      actor: actorOf(user),
      at: a.createdAt,
      payload: { agentId: a.id, name: a.name, provider: a.provider },
    }),
  ]);
  return await syncMirror(deps, agent);
}

/** Updates an agent (admins); the widget config may be given in part. */
export async function updateAgent(
  deps: Deps,
  user: User,
  id: string,
  input: z.infer<typeof agentUpdateSchema>,
): Promise<Agent> {
  requireAdmin(user);
  const current = await getAgent(deps, user, id);
  const { widgetConfig, ...rest } = input;
  const updated = await deps.store.agents.update(user.workspaceId, id, {
    ...rest,
    ...(widgetConfig ? { widgetConfig: { ...current.widgetConfig, ...widgetConfig } } : {}),
    updatedAt: deps.clock.now(),
  }, (a) => [
    newEvent("agent.updated", {
      workspaceId: a.workspaceId,
      aggregateId: a.id,
      actor: actorOf(user),
      at: a.updatedAt,
      payload: { agentId: a.id, fields: Object.keys(input) },
    }),
  ]);
  if (!updated) throw new NotFoundError("Agent");
  return await syncMirror(deps, updated);
}

/** Deletes an agent and all its knowledge (admins). */
export async function deleteAgent(deps: Deps, user: User, id: string): Promise<void> {
  requireAdmin(user);
  const agent = await getAgent(deps, user, id);
  const deleted = await deps.store.agents.remove(user.workspaceId, id, (agentId) => [
    newEvent("agent.deleted", {
      workspaceId: user.workspaceId,
      aggregateId: agentId,
      actor: actorOf(user),
      at: deps.clock.now(),
      payload: { agentId },
    }),
  ]);
  if (!deleted) throw new NotFoundError("Agent");
  await syncMirror(deps, agent, { deleted: true });
}

/** The agent's knowledge as the seed shapes it (`knowledgeBase` items of the active version). */
export async function knowledgeBase(deps: Deps, agent: Agent): Promise<KnowledgeItem[]> {
  const sources = await deps.store.knowledge.listSources(agent.workspaceId, agent.id);
  return sources.filter((s) => s.active).map((s) => ({
    type: s.type,
    content: s.type === "text" && s.content.length > 2000 ? s.content.slice(0, 2000) + "…" : s.content,
    metadata: {
      ...s.metadata,
      sourceId: s.id,
      title: s.title,
      ...(s.url ? { url: s.url } : {}),
      status: s.status,
      chunks: s.chunkCount,
      ...(s.type === "text" && s.content.length > 2000 ? { truncated: true } : {}),
    },
  }));
}

/** What a customer pastes into their site, with notes for common site builders. */
export function embedSnippet(deps: Deps, agent: Agent): { snippet: string; instructions: Record<string, string> } {
  const snippet = `<script src="${deps.config.appUrl}/widget.js" data-agent-id="${agent.id}" async></script>`;
  return {
    snippet,
    instructions: {
      html: "Paste the snippet just before </body> on every page where the chat should appear.",
      wordpress:
        "Appearance → Theme File Editor → footer.php, paste before </body>; or use a header/footer plugin (e.g. WPCode) and add it to the footer.",
      shopify: "Online Store → Themes → Edit code → layout/theme.liquid, paste before </body>, then Save.",
      webflow: "Project Settings → Custom Code → Footer Code, paste, Save, then Publish.",
      wix: "Settings → Custom Code → Add Custom Code, paste, choose All pages, place in Body - end.",
      squarespace: "Settings → Advanced → Code Injection → Footer, paste and Save.",
      react:
        "Add the snippet to public/index.html before </body>, or create the script element in a useEffect once at app start.",
    },
  };
}
