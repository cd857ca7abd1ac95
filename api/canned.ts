/**
 * `/api/canned-responses`: the workspace's saved replies (CRUD), inserted in
 * replies by their `/shortcut`.
 *
 * @module
 */
import { z } from "@hono/zod-openapi";
import * as canned from "../models/tickets/canned.ts";
import { cannedSchema } from "../models/tickets/ticket_schemas.ts";
import { cannedJson, cannedWire } from "../models/tickets/wire.ts";
import { access, errorResponses, IdParam, jsonAnswer, jsonBody, resource, route } from "./openapi.ts";
import { requireApiSession } from "../http/api_session.ts";
import { currentUser } from "../http/session.ts";

const tags = ["Canned responses"];
const cannedApi = resource();
cannedApi.use("*", requireApiSession);

const One = z.object({ cannedResponse: cannedWire });

cannedApi.openapi(
  route({
    method: "get",
    path: "/",
    tags,
    operationId: "listCannedResponses",
    security: access.staff,
    summary: "Canned responses",
    responses: { 200: jsonAnswer(z.object({ cannedResponses: z.array(cannedWire) }), "All"), ...errorResponses(401) },
  }),
  async (c) => c.json({ cannedResponses: (await canned.listCanned(c.var.deps, currentUser(c))).map(cannedJson) }, 200),
);

cannedApi.openapi(
  route({
    method: "post",
    path: "/",
    tags,
    operationId: "createCannedResponse",
    security: access.staff,
    summary: "Save a canned response (shortcuts are unique per workspace)",
    request: { body: jsonBody(cannedSchema) },
    responses: { 201: jsonAnswer(One, "Saved"), ...errorResponses(400, 401, 409) },
  }),
  async (c) =>
    c.json({
      cannedResponse: cannedJson(await canned.createCanned(c.var.deps, currentUser(c), c.req.valid("json"))),
    }, 201),
);

cannedApi.openapi(
  route({
    method: "get",
    path: "/{id}",
    tags,
    operationId: "getCannedResponse",
    security: access.staff,
    summary: "One canned response",
    request: { params: IdParam },
    responses: { 200: jsonAnswer(One, "It"), ...errorResponses(400, 401, 404) },
  }),
  async (c) =>
    c.json({
      cannedResponse: cannedJson(await canned.getCanned(c.var.deps, currentUser(c), c.req.valid("param").id)),
    }, 200),
);

cannedApi.openapi(
  route({
    method: "put",
    path: "/{id}",
    tags,
    operationId: "updateCannedResponse",
    security: access.staff,
    summary: "Replace a canned response",
    request: { params: IdParam, body: jsonBody(cannedSchema) },
    responses: { 200: jsonAnswer(One, "Saved"), ...errorResponses(400, 401, 404, 409) },
  }),
  async (c) => {
    const saved = await canned.updateCanned(c.var.deps, currentUser(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json({ cannedResponse: cannedJson(saved) }, 200);
  },
);

cannedApi.openapi(
  route({
    method: "delete",
    path: "/{id}",
    tags,
    operationId: "deleteCannedResponse",
    security: access.staff,
    summary: "Delete a canned response",
    request: { params: IdParam },
    responses: { 204: { description: "Deleted" }, ...errorResponses(400, 401, 404) },
  }),
  async (c) => {
    await canned.deleteCanned(c.var.deps, currentUser(c), c.req.valid("param").id);
    return c.body(null, 204);
  },
);

/** The `/api/canned-responses` sub-app. */
export default cannedApi;
