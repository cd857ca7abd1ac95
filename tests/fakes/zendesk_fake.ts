/**
 * A local stand-in for Zendesk's Support API v2: HTTP basic auth as
 * `{email}/token:{api_token}`, `GET /api/v2/users/me.json`,
 * `GET /api/v2/users/{id}.json`, `GET /api/v2/tickets.json?external_id=`,
 * `POST /api/v2/tickets.json` (201) and `PUT /api/v2/tickets/{id}.json`;
 * errors as Zendesk words them (`{ error, description }`). It keeps the
 * tickets it was sent and records every request.
 *
 * @module
 */

/** A ticket the fake holds. */
export interface FakeZendeskTicket {
  id: number;
  subject: string;
  status: string;
  external_id: string | null;
  requester?: { name: string; email: string };
  comments: Array<{ body: string; public: boolean; author_id: number }>;
  tags: string[];
}

/** The fake's handle. */
export interface ZendeskFake {
  url: string;
  email: string;
  apiToken: string;
  /** The API agent's user id. */
  agentId: number;
  tickets: FakeZendeskTicket[];
  requests: Array<{ method: string; path: string; body: unknown }>;
  /** Zendesk users: id -> email (the API agent is there). */
  users: Map<number, string>;
  close(): Promise<void>;
}

/** Starts the fake on 127.0.0.1 and a free port. */
export function startZendeskFake(): ZendeskFake {
  const email = "agent@acme.test";
  const apiToken = "zd-token-0123456789abcdef";
  const agentId = 9001;
  const tickets: FakeZendeskTicket[] = [];
  const requests: ZendeskFake["requests"] = [];
  const users = new Map<number, string>([[agentId, email]]);
  let nextId = 100;
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, async (req) => {
    const url = new URL(req.url);
    const text = await req.text();
    const body = text ? JSON.parse(text) : undefined;
    requests.push({ method: req.method, path: url.pathname + url.search, body });
    const auth = req.headers.get("authorization") ?? "";
    if (auth !== `Basic ${btoa(`${email}/token:${apiToken}`)}`) {
      return Response.json({ error: "Couldn't authenticate you" }, { status: 401 });
    }
    const p = url.pathname;
    if (req.method === "GET" && p === "/api/v2/users/me.json") {
      return Response.json({ user: { id: agentId, email, name: "API Agent", role: "agent" } });
    }
    const user = /^\/api\/v2\/users\/(\d+)\.json$/.exec(p);
    if (req.method === "GET" && user) {
      const e = users.get(Number(user[1]));
      return e
        ? Response.json({ user: { id: Number(user[1]), email: e, name: e } })
        : Response.json({ error: "RecordNotFound", description: "Not found" }, { status: 404 });
    }
    if (req.method === "GET" && p === "/api/v2/tickets.json") {
      const ext = url.searchParams.get("external_id");
      return Response.json({ tickets: tickets.filter((t) => t.external_id === ext), count: 0 });
    }
    if (req.method === "POST" && p === "/api/v2/tickets.json") {
      const t = body.ticket;
      if (!t?.comment?.body) {
        return Response.json({ error: "RecordInvalid", description: "Record validation errors" }, { status: 422 });
      }
      const ticket: FakeZendeskTicket = {
        id: nextId++,
        subject: t.subject,
        status: "new",
        external_id: t.external_id ?? null,
        requester: t.requester,
        comments: [{ body: t.comment.body, public: t.comment.public !== false, author_id: agentId }],
        tags: t.tags ?? [],
      };
      tickets.push(ticket);
      return Response.json({ ticket: { id: ticket.id, status: ticket.status, external_id: ticket.external_id } }, {
        status: 201,
      });
    }
    const one = /^\/api\/v2\/tickets\/(\d+)\.json$/.exec(p);
    if (req.method === "PUT" && one) {
      const ticket = tickets.find((t) => t.id === Number(one[1]));
      if (!ticket) return Response.json({ error: "RecordNotFound", description: "Not found" }, { status: 404 });
      if (body.ticket.status) ticket.status = body.ticket.status;
      if (body.ticket.comment) ticket.comments.push({ ...body.ticket.comment, author_id: agentId });
      return Response.json({ ticket: { id: ticket.id, status: ticket.status, external_id: ticket.external_id } });
    }
    return Response.json({ error: "InvalidEndpoint", description: "Not found" }, { status: 404 });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    email,
    apiToken,
    agentId,
    tickets,
    requests,
    users,
    close: () => server.shutdown(),
  };
}
