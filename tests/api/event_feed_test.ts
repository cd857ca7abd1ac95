import assert from "node:assert/strict";
import { createApp } from "../../app.ts";
import { call, makeTestDeps, signUp, startServer } from "../helpers.ts";
import { connect } from "../realtime/ws_client.ts";

type Ev = { id: string; type: string; cursor: string; actor: { kind: string }; payload: Record<string, unknown> };

async function setup() {
  const ctx = await makeTestDeps();
  const app = createApp(ctx.deps);
  const a = await signUp(app, { email: "admin@a.test", company: "A Corp" });
  const b = await signUp(app, { email: "admin@b.test", company: "B Corp" });
  const agentOf = async (cookie: string) =>
    (await (await call(app, "POST", "/api/agents", { cookie, body: { name: "Bot" } })).json()).agent;
  const agentA = await agentOf(a.cookie);
  const agentB = await agentOf(b.cookie);
  const key = async (body: Record<string, unknown>) =>
    (await (await call(app, "POST", "/api/api-keys", { cookie: a.cookie, body })).json()) as {
      apiKey: { id: string };
      key: string;
    };
  const ticket = async (cookie: string, agentId: string, title: string) => {
    const res = await call(app, "POST", "/api/tickets", {
      cookie,
      body: { title, customerEmail: "cust@example.com", agentId },
    });
    assert.equal(res.status, 201);
    return (await res.json()).ticket as { id: string };
  };
  const note = async (ticketId: string, content: string, internal: boolean) => {
    const res = await call(app, "POST", `/api/tickets/${ticketId}/messages`, {
      cookie: a.cookie,
      body: { content, internal },
    });
    assert.equal(res.status, 201);
  };
  return { ...ctx, app, a, b, agentA, agentB, key, ticket, note };
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function page(t: Awaited<ReturnType<typeof setup>>, query: string, headers: Record<string, string>) {
  const res = await call(t.app, "GET", `/api/events${query}`, { headers, origin: null });
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()) as { events: Ev[]; next: string; more: boolean };
}

Deno.test("GET /api/events pages through the workspace's events with an opaque cursor, filtered by type", async () => {
  const t = await setup();
  try {
    const { key } = await t.key({ name: "poller", scope: "read" });
    for (let i = 0; i < 3; i++) await t.ticket(t.a.cookie, t.agentA.id, `Ticket ${i}`);
    await t.ticket(t.b.cookie, t.agentB.id, "B's ticket");

    const all: Ev[] = [];
    let cursor = "";
    for (let guard = 0; guard < 20; guard++) {
      const p = await page(t, `?limit=2${cursor ? `&after=${cursor}` : ""}`, bearer(key));
      all.push(...p.events);
      cursor = p.next;
      if (!p.more) break;
    }
    assert.ok(all.length >= 4, "agent.created, conversation.started and ticket.created events");
    assert.equal(new Set(all.map((e) => e.id)).size, all.length, "no event twice");
    assert.ok(all.every((e) => (e as unknown as { workspaceId: string }).workspaceId === t.a.user.workspaceId));
    assert.deepEqual(
      all.filter((e) => e.type === "ticket.created").map((e) => (e.payload.ticket as { title: string }).title),
      ["Ticket 0", "Ticket 1", "Ticket 2"],
    );
    // Nothing new: the same cursor comes back and the page is empty.
    const idle = await page(t, `?after=${cursor}`, bearer(key));
    assert.deepEqual([idle.events, idle.next], [[], cursor]);

    const typed = await page(t, "?types=ticket.created", bearer(key));
    assert.deepEqual(typed.events.map((e) => e.type), ["ticket.created", "ticket.created", "ticket.created"]);

    const bad = await call(t.app, "GET", "/api/events?after=nope", { headers: bearer(key), origin: null });
    assert.equal(bad.status, 400);
    const badType = await call(t.app, "GET", "/api/events?types=ticket.exploded", {
      headers: bearer(key),
      origin: null,
    });
    assert.equal(badType.status, 400);
  } finally {
    await t.cleanup();
  }
});

Deno.test("internal notes reach sessions and keys with the internal permission only", async () => {
  const t = await setup();
  try {
    const plain = await t.key({ name: "plain", scope: "read" });
    const staffy = await t.key({ name: "staffy", scope: "read", internal: true });
    const tk = await t.ticket(t.a.cookie, t.agentA.id, "Refund");
    await t.note(tk.id, "SECRET-NOTE watch list", true);
    await t.note(tk.id, "We are on it", false);
    const texts = (p: { events: Ev[] }) =>
      p.events.map((e) => e.payload.message as { text: string; sender: string } | undefined)
        .filter((m) => m && m.sender !== "system").map((m) => m!.text);
    assert.deepEqual(texts(await page(t, "?limit=500", bearer(plain.key))), ["We are on it"]);
    assert.deepEqual(texts(await page(t, "?limit=500", bearer(staffy.key))), [
      "SECRET-NOTE watch list",
      "We are on it",
    ]);
    assert.deepEqual(texts(await page(t, "?limit=500", { cookie: t.a.cookie })), [
      "SECRET-NOTE watch list",
      "We are on it",
    ]);
  } finally {
    await t.cleanup();
  }
});

Deno.test("/api/events/ws streams committed events, resumes from a cursor, and closes when the key is revoked", async () => {
  const t = await setup();
  const server = await startServer(t.deps);
  try {
    const { apiKey, key } = await t.key({ name: "stream", scope: "read" });
    const isTicket = (title: string) => (f: unknown) => {
      const fr = f as { type: string; event?: Ev };
      return fr.type === "event" && fr.event!.type === "ticket.created" &&
        (fr.event!.payload.ticket as { title: string }).title === title;
    };
    // A browser-style client: the key in the first frame.
    const ws = await connect(`${server.url}/api/events/ws`);
    ws.send({ type: "hello", key });
    await ws.waitFor((f) => f.type === ("welcome" as never));
    await t.ticket(t.a.cookie, t.agentA.id, "Live one");
    await t.ticket(t.b.cookie, t.agentB.id, "Other workspace");
    const live = await ws.waitFor(isTicket("Live one")) as unknown as { cursor: string };
    await ws.close();
    assert.ok(!ws.frames.some(isTicket("Other workspace")));

    // Missed while away, then live again: resumed with the header and ?after=.
    await t.ticket(t.a.cookie, t.agentA.id, "While away");
    const back = await connect(`${server.url}/api/events/ws?after=${live.cursor}`, bearer(key));
    await back.waitFor(isTicket("While away"));
    assert.ok(!back.frames.some(isTicket("Live one")), "nothing before the cursor");
    await t.ticket(t.a.cookie, t.agentA.id, "After resume");
    await back.waitFor(isTicket("After resume"));
    const events = back.frames.filter((f) => f.type === ("event" as never)) as unknown as Array<{ event: Ev }>;
    assert.equal(new Set(events.map((f) => f.event.id)).size, events.length, "nothing twice");

    const del = await call(t.app, "DELETE", `/api/api-keys/${apiKey.id}`, { cookie: t.a.cookie });
    assert.equal(del.status, 204);
    assert.equal((await back.closed).code, 4401);

    const refused = await fetch(`${server.url}/api/events/ws`, { headers: { ...bearer(key), upgrade: "websocket" } });
    assert.equal(refused.status, 401);
    await refused.body?.cancel();
    const noKey = await connect(`${server.url}/api/events/ws`);
    noKey.send({ type: "hello", key: "fd_live_nope" });
    assert.equal((await noKey.closed).code, 4401);
  } finally {
    await server.close();
    await t.cleanup();
  }
});
