/**
 * `/api/auth`: the seed's register, login, profile and logout endpoints, plus
 * password reset and invite acceptance.
 *
 * @module
 */
import { z } from "@hono/zod-openapi";
import * as auth from "../models/accounts/auth.ts";
import { requestPasswordReset, resetPassword } from "../models/accounts/password_reset.ts";
import { issueSession } from "../models/accounts/session.ts";
import { acceptInvite, describeInvite } from "../models/accounts/team.ts";
import {
  acceptInviteSchema,
  forgotSchema,
  loginSchema,
  profileUpdateSchema,
  registerSchema,
  resetSchema,
} from "../models/accounts/user_schemas.ts";
import { access, errorResponses, jsonAnswer, jsonBody, OkSchema, resource, route } from "./openapi.ts";
import { userEnvelopeWire, userJson } from "../models/accounts/wire.ts";
import { requireApiSession } from "../http/api_session.ts";
import { clientAddress } from "../http/client_address.ts";
import { clearSessionCookie, currentUser, setSessionCookie } from "../http/session.ts";

const tags = ["Auth"];
const authApi = resource();

authApi.openapi(
  route({
    method: "post",
    path: "/register",
    tags,
    operationId: "register",
    security: access.public,
    summary: "Sign up: creates a workspace with you as its admin, and signs you in",
    request: { body: jsonBody(registerSchema) },
    responses: { 201: jsonAnswer(userEnvelopeWire, "Signed up"), ...errorResponses(400, 403, 409, 429) },
  }),
  async (c) => {
    const user = await auth.register(c.var.deps, c.req.valid("json"), clientAddress(c));
    setSessionCookie(c, await issueSession(c.var.deps, user));
    return c.json({ user: userJson(user) }, 201);
  },
);

authApi.openapi(
  route({
    method: "post",
    path: "/login",
    tags,
    operationId: "login",
    security: access.public,
    summary: "Sign in (same answer for an unknown email and a wrong password)",
    request: { body: jsonBody(loginSchema) },
    responses: { 200: jsonAnswer(userEnvelopeWire, "Signed in"), ...errorResponses(400, 401, 403, 429) },
  }),
  async (c) => {
    const user = await auth.login(c.var.deps, c.req.valid("json"), clientAddress(c));
    setSessionCookie(c, await issueSession(c.var.deps, user));
    return c.json({ user: userJson(user) }, 200);
  },
);

authApi.use("/profile", requireApiSession);
authApi.use("/logout", requireApiSession);

authApi.openapi(
  route({
    method: "get",
    path: "/profile",
    tags,
    operationId: "getProfile",
    security: access.session,
    summary: "Who is signed in",
    responses: { 200: jsonAnswer(userEnvelopeWire, "The current user"), ...errorResponses(401) },
  }),
  (c) => c.json({ user: userJson(currentUser(c)) }, 200),
);

authApi.openapi(
  route({
    method: "put",
    path: "/profile",
    tags,
    operationId: "updateProfile",
    security: access.session,
    summary: "Update name, company, or password (with the current password; revokes other sessions)",
    request: { body: jsonBody(profileUpdateSchema) },
    responses: { 200: jsonAnswer(userEnvelopeWire, "Updated"), ...errorResponses(400, 401, 403) },
  }),
  async (c) => {
    const { user, sessionsRevoked } = await auth.updateProfile(c.var.deps, currentUser(c), c.req.valid("json"));
    if (sessionsRevoked) setSessionCookie(c, await issueSession(c.var.deps, user));
    return c.json({ user: userJson(user) }, 200);
  },
);

authApi.openapi(
  route({
    method: "post",
    path: "/logout",
    tags,
    operationId: "logout",
    security: access.session,
    summary: "Sign out everywhere: every earlier session token stops working",
    responses: { 204: { description: "Signed out" }, ...errorResponses(401, 403) },
  }),
  async (c) => {
    await auth.logout(c.var.deps, currentUser(c));
    clearSessionCookie(c);
    return c.body(null, 204);
  },
);

authApi.openapi(
  route({
    method: "post",
    path: "/password/forgot",
    tags,
    operationId: "requestPasswordReset",
    security: access.public,
    summary: "Email a reset link (same answer whether or not the account exists)",
    request: { body: jsonBody(forgotSchema) },
    responses: { 202: jsonAnswer(OkSchema, "Accepted"), ...errorResponses(400, 403, 429) },
  }),
  async (c) => {
    await requestPasswordReset(c.var.deps, c.req.valid("json").email, clientAddress(c));
    return c.json({ ok: true as const }, 202);
  },
);

authApi.openapi(
  route({
    method: "post",
    path: "/password/reset",
    tags,
    operationId: "resetPassword",
    security: access.public,
    summary: "Set a new password with a reset token (single use; revokes every session)",
    request: { body: jsonBody(resetSchema) },
    responses: { 200: jsonAnswer(OkSchema, "Password changed"), ...errorResponses(400, 403, 429) },
  }),
  async (c) => {
    const { token, password } = c.req.valid("json");
    await resetPassword(c.var.deps, token, password, clientAddress(c));
    clearSessionCookie(c);
    return c.json({ ok: true as const }, 200);
  },
);

const InvitePreview = z.object({ invite: z.object({ email: z.string(), role: z.string(), workspace: z.string() }) });

authApi.openapi(
  route({
    method: "post",
    path: "/invite/preview",
    tags,
    operationId: "previewInvite",
    security: access.public,
    summary: "What an invite token is for (email, role, workspace)",
    request: { body: jsonBody(z.object({ token: acceptInviteSchema.shape.token })) },
    responses: { 200: jsonAnswer(InvitePreview, "The invite"), ...errorResponses(400, 403) },
  }),
  async (c) => c.json({ invite: await describeInvite(c.var.deps, c.req.valid("json").token) }, 200),
);

authApi.openapi(
  route({
    method: "post",
    path: "/invite/accept",
    tags,
    operationId: "acceptInvite",
    security: access.public,
    summary: "Accept an invite: creates your account in the team and signs you in",
    request: { body: jsonBody(acceptInviteSchema) },
    responses: { 201: jsonAnswer(userEnvelopeWire, "Joined"), ...errorResponses(400, 403, 409) },
  }),
  async (c) => {
    const user = await acceptInvite(c.var.deps, c.req.valid("json"));
    setSessionCookie(c, await issueSession(c.var.deps, user));
    return c.json({ user: userJson(user) }, 201);
  },
);

/** The `/api/auth` sub-app. */
export default authApi;
