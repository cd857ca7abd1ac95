/**
 * Widget visitors: signed tokens scoped to one agent and visitor, the public
 * session the widget starts with, and identity from the host page (with
 * optional HMAC verification using the agent's identity secret).
 *
 * @module
 */
import { sign, verify } from "hono/jwt";
import { hmacSha256Hex, timingSafeEqual } from "../../lib/crypto.ts";
import { NotFoundError, UnauthorizedError } from "../../lib/errors.ts";
import { isId, newId } from "../../lib/ids.ts";
import type { Agent } from "../agents/agent.ts";
import type { Conversation, Visitor } from "./conversation.ts";
import { publish } from "./chat.ts";
import { langOf } from "./system_texts.ts";
import { languageOfTag } from "../language/detect.ts";
import { customerActor, newEvent } from "../events/event.ts";
import type { Deps } from "../ports/deps.ts";
import { visitorTopic } from "../ports/live_bus.ts";

const VISITOR_TTL_S = 180 * 24 * 3600;

/** Visitor tokens use their own key, so a session token can never pass as one (and back). */
function visitorKey(deps: Deps): string {
  return `${deps.config.jwtSecret}:visitor-token`;
}

/** The agent's identity secret: HMAC of the server secret and the agent id (shown to admins). */
export async function identitySecret(deps: Deps, agentId: string): Promise<string> {
  return await hmacSha256Hex(`${deps.config.jwtSecret}:identity`, agentId);
}

/** Signs a token for a visitor. */
async function issueVisitorToken(deps: Deps, v: Visitor): Promise<string> {
  const iat = Math.floor(deps.clock.now().getTime() / 1000);
  return await sign(
    { typ: "visitor", vid: v.id, wid: v.workspaceId, aid: v.agentId, iat, exp: iat + VISITOR_TTL_S },
    visitorKey(deps),
    "HS256",
  );
}

/** The visitor a token names; throws UnauthorizedError for a bad, expired or foreign token. */
export async function authenticateVisitor(deps: Deps, token: string, agentId?: string): Promise<Visitor> {
  let claims: Record<string, unknown>;
  try {
    claims = await verify(token, visitorKey(deps), "HS256");
  } catch {
    throw new UnauthorizedError("Your chat session is invalid or has expired.", "invalid_visitor_token");
  }
  const { typ, vid, wid, aid } = claims;
  if (typ !== "visitor" || !isId(vid) || !isId(wid) || !isId(aid) || (agentId && aid !== agentId)) {
    throw new UnauthorizedError("Your chat session is invalid.", "invalid_visitor_token");
  }
  const visitor = await deps.store.visitors.get(wid, vid);
  if (!visitor || visitor.agentId !== aid) {
    throw new UnauthorizedError("Your chat session is invalid.", "invalid_visitor_token");
  }
  return visitor;
}

/** What the widget needs to show itself. */
export interface WidgetSession {
  token: string;
  visitor: Visitor;
  agent: Agent;
  conversations: Conversation[];
}

/** Starts (or resumes, with a valid token for this agent) a visitor's session. Inactive agents are unavailable. */
export async function startWidgetSession(
  deps: Deps,
  input: { agentId: string; token?: string; lang?: string; locale?: string },
): Promise<WidgetSession> {
  const agent = await deps.store.agents.findPublic(input.agentId);
  if (!agent || !agent.isActive) throw new NotFoundError("Chat", "agent_unavailable");
  const now = deps.clock.now();
  // The language the widget speaks to the visitor (its latest word wins): the system writes to them in it.
  const lang = langOf(input.lang);
  // The browser's own language, any: new conversations start in it (see models/language/detect.ts).
  const locale = languageOfTag(input.locale);
  let visitor: Visitor | null = null;
  if (input.token) {
    visitor = await authenticateVisitor(deps, input.token, agent.id).catch(() => null);
    if (visitor) {
      visitor = await deps.store.visitors.update(visitor.workspaceId, visitor.id, { lastSeenAt: now, lang, locale });
    }
  }
  if (!visitor) {
    visitor = {
      id: newId(now),
      workspaceId: agent.workspaceId,
      agentId: agent.id,
      verified: false,
      ...(lang ? { lang } : {}),
      ...(locale ? { locale } : {}),
      createdAt: now,
      lastSeenAt: now,
    };
    await deps.store.visitors.insert(visitor);
  }
  const conversations = await deps.store.conversations.listForVisitor(visitor.workspaceId, visitor.id);
  return { token: await issueVisitorToken(deps, visitor), visitor, agent, conversations };
}

/**
 * Records who the visitor is, as the host page says. With a `userHash` equal to
 * HMAC-SHA256(identity secret, email) the email is marked verified; without one
 * it is kept as the visitor's own claim; a wrong hash is refused.
 */
export async function identifyVisitor(
  deps: Deps,
  visitor: Visitor,
  input: { email?: string; name?: string; userHash?: string },
): Promise<Visitor> {
  let verified = visitor.verified;
  if (input.userHash) {
    if (!input.email) throw new UnauthorizedError("userHash needs the email it signs.", "identity_invalid");
    const expected = await hmacSha256Hex(await identitySecret(deps, visitor.agentId), input.email.trim().toLowerCase());
    if (!timingSafeEqual(expected, input.userHash.toLowerCase())) {
      throw new UnauthorizedError("The identity signature does not match.", "identity_invalid");
    }
    verified = true;
  } else if (input.email && input.email !== visitor.email) {
    verified = false;
  }
  const updated = await deps.store.visitors.update(visitor.workspaceId, visitor.id, {
    name: input.name,
    email: input.email,
    verified,
  }, (v) =>
    v.email === visitor.email && v.name === visitor.name && v.verified === visitor.verified ? [] : [
      newEvent("customer.identified", {
        workspaceId: v.workspaceId,
        aggregateId: v.id,
        actor: customerActor(v.id),
        at: deps.clock.now(),
        payload: {
          visitorId: v.id,
          agentId: v.agentId,
          ...(v.email ? { email: v.email } : {}),
          ...(v.name ? { name: v.name } : {}),
          verified: v.verified,
        },
      }),
    ]);
  // The visitor's open sockets (on any instance) write their next messages under the new name.
  if (updated) deps.bus.publish(visitorTopic(updated.id), { type: "visitor.updated", visitor: updated });
  // The inbox shows who the visitor now is without waiting for their next message.
  for (const conversation of await deps.store.conversations.listForVisitor(visitor.workspaceId, visitor.id)) {
    publish(deps, visitor.workspaceId, conversation.id, { type: "conversation.updated", conversation });
  }
  return updated ?? visitor;
}
