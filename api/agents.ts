/**
 * `/api/agents`: the seed's agent endpoints (list, create, get, update,
 * delete, embed). Training, sources, versions and the playground are mounted
 * on the same prefix from `knowledge.ts` and `ask.ts`.
 *
 * @module
 */
import { z } from "@hono/zod-openapi";
import { agentCreateSchema, agentUpdateSchema } from "../models/agents/agent_schemas.ts";
import * as agents from "../models/agents/agents.ts";
import { agentJson, agentWire } from "../models/agents/wire.ts";
import { getLyzrKnowledge, setLyzrKnowledge } from "../models/providers/lyzr_knowledge.ts";
import { access, errorResponses, IdParam, jsonAnswer, jsonBody, resource, route } from "./openapi.ts";
import { requireApiSession } from "../http/api_session.ts";
import { currentUser } from "../http/session.ts";

const tags = ["Agents"];
const agentsApi = resource();
agentsApi.use("*", requireApiSession);

const AgentEnvelope = z.object({ agent: agentWire });

agentsApi.openapi(
  route({
    method: "get",
    path: "/",
    tags,
    operationId: "listAgents",
    security: access.staff,
    summary: "Agents of your workspace",
    responses: { 200: jsonAnswer(z.object({ agents: z.array(agentWire) }), "The agents"), ...errorResponses(401) },
  }),
  async (c) => {
    const list = await agents.listAgents(c.var.deps, currentUser(c));
    return c.json({ agents: list.map((a) => agentJson(a)) }, 200);
  },
);

agentsApi.openapi(
  route({
    method: "post",
    path: "/",
    tags,
    operationId: "createAgent",
    security: access.staff,
    summary: "Create an agent (admins)",
    request: { body: jsonBody(agentCreateSchema) },
    responses: { 201: jsonAnswer(AgentEnvelope, "Created"), ...errorResponses(400, 401, 403) },
  }),
  async (c) => {
    const agent = await agents.createAgent(c.var.deps, currentUser(c), c.req.valid("json"));
    return c.json({ agent: agentJson(agent, []) }, 201);
  },
);

agentsApi.openapi(
  route({
    method: "get",
    path: "/{id}",
    tags,
    operationId: "getAgent",
    security: access.staff,
    summary: "One agent, with its knowledge base",
    request: { params: IdParam },
    responses: { 200: jsonAnswer(AgentEnvelope, "The agent"), ...errorResponses(400, 401, 404) },
  }),
  async (c) => {
    const agent = await agents.getAgent(c.var.deps, currentUser(c), c.req.valid("param").id);
    return c.json({ agent: agentJson(agent, await agents.knowledgeBase(c.var.deps, agent)) }, 200);
  },
);

agentsApi.openapi(
  route({
    method: "put",
    path: "/{id}",
    tags,
    operationId: "updateAgent",
    security: access.staff,
    summary: "Update an agent (admins; any subset of fields)",
    request: { params: IdParam, body: jsonBody(agentUpdateSchema) },
    responses: { 200: jsonAnswer(AgentEnvelope, "Updated"), ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const agent = await agents.updateAgent(c.var.deps, currentUser(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json({ agent: agentJson(agent, await agents.knowledgeBase(c.var.deps, agent)) }, 200);
  },
);

agentsApi.openapi(
  route({
    method: "delete",
    path: "/{id}",
    tags,
    operationId: "deleteAgent",
    security: access.staff,
    summary: "Delete an agent and its knowledge (admins)",
    request: { params: IdParam },
    responses: { 204: { description: "Deleted" }, ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    await agents.deleteAgent(c.var.deps, currentUser(c), c.req.valid("param").id);
    return c.body(null, 204);
  },
);

const EmbedSchema = z.object({ snippet: z.string(), instructions: z.record(z.string(), z.string()) });

agentsApi.openapi(
  route({
    method: "get",
    path: "/{id}/embed",
    tags,
    operationId: "getEmbedSnippet",
    security: access.staff,
    summary: "The one-line script tag to paste into a site, with install notes",
    request: { params: IdParam },
    responses: { 200: jsonAnswer(EmbedSchema, "The snippet"), ...errorResponses(400, 401, 404) },
  }),
  async (c) => {
    const agent = await agents.getAgent(c.var.deps, currentUser(c), c.req.valid("param").id);
    return c.json(agents.embedSnippet(c.var.deps, agent), 200);
  },
);

const LyzrKnowledgeWire = z.object({
  lyzrKnowledge: z.object({
    store: z.enum(["frontdesk", "lyzr"]),
    status: z.enum(["off", "pending", "ready", "error"]),
    trainedVersionId: z.string().nullable(),
    documents: z.number().int(),
    error: z.string().nullable(),
    syncedAt: z.string().nullable(),
  }).meta({ id: "LyzrKnowledge" }),
});

agentsApi.openapi(
  route({
    method: "get",
    path: "/{id}/lyzr-knowledge",
    tags,
    operationId: "getLyzrKnowledge",
    security: access.staff,
    summary:
      "Where the agent's knowledge is searched: Frontdesk (default) or a Lyzr knowledge base, and its sync state",
    request: { params: IdParam },
    responses: { 200: jsonAnswer(LyzrKnowledgeWire, "The setting"), ...errorResponses(400, 401, 404) },
  }),
  async (c) => {
    const lyzrKnowledge = await getLyzrKnowledge(c.var.deps, currentUser(c), c.req.valid("param").id);
    return c.json({ lyzrKnowledge }, 200);
  },
);

agentsApi.openapi(
  route({
    method: "put",
    path: "/{id}/lyzr-knowledge",
    tags,
    operationId: "setLyzrKnowledge",
    security: access.staff,
    summary: "Keep the agent's knowledge in Lyzr (agents on the Lyzr provider) or in Frontdesk (admins)",
    description: "`lyzr` creates a Lyzr knowledge base for the agent, trains it with the chunks of the active " +
      "knowledge version and attaches it to the agent on Lyzr; later knowledge changes retrain it. " +
      "`frontdesk` deletes that knowledge base.",
    request: { params: IdParam, body: jsonBody(z.object({ store: z.enum(["frontdesk", "lyzr"]) })) },
    responses: { 200: jsonAnswer(LyzrKnowledgeWire, "The setting"), ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const lyzrKnowledge = await setLyzrKnowledge(c.var.deps, currentUser(c), id, c.req.valid("json").store);
    return c.json({ lyzrKnowledge }, 200);
  },
);

/** The `/api/agents` sub-app. */
export default agentsApi;
