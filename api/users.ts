/**
 * `/api/users` (admin only, scoped to the admin's workspace): the seed's list,
 * get, update and delete, plus team invites.
 *
 * @module
 */
import { z } from "@hono/zod-openapi";
import * as team from "../models/accounts/team.ts";
import { inviteSchema, userUpdateSchema } from "../models/accounts/user_schemas.ts";
import { access, errorResponses, IdParam, jsonAnswer, jsonBody, resource, route } from "./openapi.ts";
import { inviteJson, inviteWire, userEnvelopeWire, userJson, userWire } from "../models/accounts/wire.ts";
import { requireApiSession } from "../http/api_session.ts";
import { currentUser } from "../http/session.ts";

const tags = ["Users"];
const usersApi = resource();
usersApi.use("*", requireApiSession);

const adminErrors = errorResponses(401, 403);

usersApi.openapi(
  route({
    method: "get",
    path: "/",
    tags,
    operationId: "listUsers",
    security: access.session,
    summary: "Members of your workspace",
    responses: { 200: jsonAnswer(z.object({ users: z.array(userWire) }), "The members"), ...adminErrors },
  }),
  async (c) => {
    const users = await team.listUsers(c.var.deps, currentUser(c));
    return c.json({ users: users.map(userJson) }, 200);
  },
);

// Invites come before `/:id` so the literal path wins.
usersApi.openapi(
  route({
    method: "get",
    path: "/invites",
    tags,
    operationId: "listInvites",
    security: access.session,
    summary: "Pending invites",
    responses: { 200: jsonAnswer(z.object({ invites: z.array(inviteWire) }), "Pending invites"), ...adminErrors },
  }),
  async (c) => {
    const invites = await team.listInvites(c.var.deps, currentUser(c));
    return c.json({ invites: invites.map(team.publicInvite).map(inviteJson) }, 200);
  },
);

usersApi.openapi(
  route({
    method: "post",
    path: "/invites",
    tags,
    operationId: "createInvite",
    security: access.session,
    summary: "Invite a teammate by email (single-use link, valid 7 days)",
    request: { body: jsonBody(inviteSchema) },
    responses: {
      201: jsonAnswer(z.object({ invite: inviteWire }), "Invite sent"),
      ...errorResponses(400, 401, 403, 409, 429),
    },
  }),
  async (c) => {
    const invite = await team.inviteUser(c.var.deps, currentUser(c), c.req.valid("json"));
    return c.json({ invite: inviteJson(team.publicInvite(invite)) }, 201);
  },
);

usersApi.openapi(
  route({
    method: "delete",
    path: "/invites/{id}",
    tags,
    operationId: "revokeInvite",
    security: access.session,
    summary: "Withdraw a pending invite",
    request: { params: IdParam },
    responses: { 204: { description: "Withdrawn" }, ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    await team.revokeInvite(c.var.deps, currentUser(c), c.req.valid("param").id);
    return c.body(null, 204);
  },
);

usersApi.openapi(
  route({
    method: "get",
    path: "/{id}",
    tags,
    operationId: "getUser",
    security: access.session,
    summary: "One member",
    request: { params: IdParam },
    responses: { 200: jsonAnswer(userEnvelopeWire, "The member"), ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const user = await team.getUser(c.var.deps, currentUser(c), c.req.valid("param").id);
    return c.json({ user: userJson(user) }, 200);
  },
);

usersApi.openapi(
  route({
    method: "put",
    path: "/{id}",
    tags,
    operationId: "updateUser",
    security: access.session,
    summary: "Rename a member or change their role (a workspace keeps at least one admin)",
    request: { params: IdParam, body: jsonBody(userUpdateSchema) },
    responses: { 200: jsonAnswer(userEnvelopeWire, "Updated"), ...errorResponses(400, 401, 403, 404, 409) },
  }),
  async (c) => {
    const user = await team.updateUser(c.var.deps, currentUser(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json({ user: userJson(user) }, 200);
  },
);

usersApi.openapi(
  route({
    method: "delete",
    path: "/{id}",
    tags,
    operationId: "deleteUser",
    security: access.session,
    summary: "Remove a member (not the last admin)",
    request: { params: IdParam },
    responses: { 204: { description: "Removed" }, ...errorResponses(400, 401, 403, 404, 409) },
  }),
  async (c) => {
    await team.deleteUser(c.var.deps, currentUser(c), c.req.valid("param").id);
    return c.body(null, 204);
  },
);

/** The `/api/users` sub-app. */
export default usersApi;
