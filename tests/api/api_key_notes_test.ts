/**
 * Internal notes and API keys on the REST side: the rule of the event feed and stream
 * (`models/events/feed.ts`) holds on every read that returns a thread or searches one. A key
 * without the `internal` permission never sees an internal note (nor a staff-only line) in
 * `GET /api/tickets/:id`, `GET /api/conversations/:id`, the answers of writes, nor finds a ticket
 * by a note's words in `GET /api/tickets?q=`; a key with it, and a session, see them. Writing:
 * a `read` key writes nothing; a `write` key without `internal` may reply to the customer but not
 * write a note (403 `internal_not_allowed`), since it could not read back what it wrote.
 *
 * @module
 */
import assert from "node:assert/strict";
import { createApp } from "../../app.ts";
import { call, makeTestDeps, signUp } from "../helpers.ts";

const NOTE = "Refund approved by finance, do not tell the customer yet";
const REPLY = "Thanks for waiting, your parcel ships today";

type Thread = { content: string; metadata: { internal?: boolean } }[];

async function setup() {
  const ctx = await makeTestDeps();
  const app = createApp(ctx.deps);
  const a = await signUp(app, { email: "admin@a.test", company: "A Corp" });
  const session = (method: string, path: string, body?: unknown) => call(app, method, path, { cookie: a.cookie, body });
  const key = async (body: Record<string, unknown>) => {
    const res = await session("POST", "/api/api-keys", { name: "k", ...body });
    assert.equal(res.status, 201);
    return ((await res.json()) as { key: string }).key;
  };
  const { agent } = await (await session("POST", "/api/agents", { name: "Helper" })).json();
  const opened = await session("POST", "/api/tickets", {
    title: "Parcel 1042 late",
    customerEmail: "grace@shop.example",
    agentId: agent.id,
  });
  assert.equal(opened.status, 201);
  const { ticket } = await opened.json();
  for (const body of [{ content: NOTE, internal: true }, { content: REPLY }]) {
    assert.equal((await session("POST", `/api/tickets/${ticket.id}/messages`, body)).status, 201);
  }
  // A priority change leaves a staff-only line in the thread, as notes are.
  assert.equal((await session("PUT", `/api/tickets/${ticket.id}`, { priority: "urgent" })).status, 200);
  const keys = {
    read: await key({ scope: "read" }),
    readInternal: await key({ scope: "read", internal: true }),
    write: await key({ scope: "write" }),
    writeInternal: await key({ scope: "write", internal: true }),
  };
  const withKey = (k: string, method: string, path: string, body?: unknown) =>
    call(app, method, path, { headers: { authorization: `Bearer ${k}` }, origin: null, body });
  return { ...ctx, app, session, keys, withKey, ticket: ticket as { id: string; conversationId: string } };
}

const notes = (thread: Thread) => thread.filter((m) => m.metadata.internal);

Deno.test("a key without `internal` reads a ticket's thread without its notes; with it, and signed in, with them", async () => {
  const t = await setup();
  try {
    const read = async (res: Response) => {
      assert.equal(res.status, 200);
      return ((await res.json()) as { ticket: { messages: Thread } }).ticket.messages;
    };
    const path = `/api/tickets/${t.ticket.id}`;
    for (const k of [t.keys.read, t.keys.write]) {
      const thread = await read(await t.withKey(k, "GET", path));
      assert.deepEqual(notes(thread), []);
      assert.ok(!JSON.stringify(thread).includes("Refund approved"));
      assert.ok(thread.some((m) => m.content === REPLY), "the customer-facing thread is all there");
    }
    for (
      const thread of [
        await read(await t.withKey(t.keys.readInternal, "GET", path)),
        await read(await t.session("GET", path)),
      ]
    ) {
      assert.ok(notes(thread).some((m) => m.content === NOTE));
      assert.ok(notes(thread).some((m) => m.content.startsWith("Priority changed")), "staff-only lines too");
    }
  } finally {
    await t.cleanup();
  }
});

Deno.test("a key without `internal` reads a conversation without its notes; with it, and signed in, with them", async () => {
  const t = await setup();
  try {
    const read = async (res: Response) => {
      assert.equal(res.status, 200);
      return ((await res.json()) as { messages: { text: string; internal?: boolean }[] }).messages;
    };
    const path = `/api/conversations/${t.ticket.conversationId}`;
    const plain = await read(await t.withKey(t.keys.read, "GET", path));
    assert.deepEqual(plain.filter((m) => m.internal), []);
    assert.ok(!JSON.stringify(plain).includes("Refund approved"));
    assert.ok(plain.some((m) => m.text === REPLY));
    for (
      const thread of [
        await read(await t.withKey(t.keys.readInternal, "GET", path)),
        await read(await t.session("GET", path)),
      ]
    ) {
      assert.ok(thread.some((m) => m.internal && m.text === NOTE));
    }
  } finally {
    await t.cleanup();
  }
});

Deno.test("a key without `internal` cannot find a ticket by the words of its notes", async () => {
  const t = await setup();
  try {
    const found = async (res: Response) => {
      assert.equal(res.status, 200);
      return ((await res.json()) as { tickets: { id: string }[] }).tickets.map((x) => x.id);
    };
    const byNote = "/api/tickets?q=finance";
    assert.deepEqual(await found(await t.withKey(t.keys.read, "GET", byNote)), []);
    assert.deepEqual(await found(await t.withKey(t.keys.readInternal, "GET", byNote)), [t.ticket.id]);
    assert.deepEqual(await found(await t.session("GET", byNote)), [t.ticket.id]);
    assert.deepEqual(await found(await t.withKey(t.keys.read, "GET", "/api/tickets?q=parcel%20ships")), [t.ticket.id]);
  } finally {
    await t.cleanup();
  }
});

Deno.test("only a write key with `internal` writes notes; a plain write key replies, and its answers hold no notes", async () => {
  const t = await setup();
  try {
    const path = `/api/tickets/${t.ticket.id}/messages`;
    const refused = await t.withKey(t.keys.read, "POST", path, { content: "Note from a read key", internal: true });
    assert.equal(refused.status, 403);
    assert.equal((await refused.json()).error.code, "insufficient_scope");

    const noNotes = await t.withKey(t.keys.write, "POST", path, { content: "Note from a plain key", internal: true });
    assert.equal(noNotes.status, 403);
    assert.match(noNotes.headers.get("content-type")!, /json/);
    assert.equal((await noNotes.json()).error.code, "internal_not_allowed");

    const reply = await t.withKey(t.keys.write, "POST", path, { content: "A reply from the CRM" });
    assert.equal(reply.status, 201);
    const replied = await reply.json();
    assert.ok(!replied.message.metadata.internal);
    assert.ok(!JSON.stringify(replied).includes("Refund approved"));

    // Changing a ticket answers the ticket without its thread; it holds nothing of the notes either.
    const changed = await t.withKey(t.keys.write, "PUT", `/api/tickets/${t.ticket.id}`, { priority: "high" });
    assert.equal(changed.status, 200);
    assert.ok(!JSON.stringify(await changed.json()).includes("Refund approved"));

    const written = await t.withKey(t.keys.writeInternal, "POST", path, {
      content: "Note from the CRM",
      internal: true,
    });
    assert.equal(written.status, 201);
    assert.equal((await written.json()).message.metadata.internal, true);

    const { ticket } = await (await t.session("GET", `/api/tickets/${t.ticket.id}`)).json();
    const contents = (ticket.messages as Thread).map((m) => m.content);
    assert.ok(contents.includes("Note from the CRM") && contents.includes("A reply from the CRM"));
    assert.ok(!contents.includes("Note from a plain key") && !contents.includes("Note from a read key"));
  } finally {
    await t.cleanup();
  }
});

Deno.test("a plain write key replaying the client id of a note gets no note back", async () => {
  const t = await setup();
  try {
    const path = `/api/tickets/${t.ticket.id}/messages`;
    const clientId = "note-0123456789";
    assert.equal((await t.session("POST", path, { content: "Secret note", internal: true, clientId })).status, 201);
    const replay = await t.withKey(t.keys.write, "POST", path, { content: "hello", clientId });
    assert.equal(replay.status, 403);
    assert.ok(!JSON.stringify(await replay.json()).includes("Secret note"));
    const staff = await t.withKey(t.keys.write, "POST", `/api/conversations/${t.ticket.conversationId}/messages`, {
      clientId,
      text: "hello",
    });
    assert.equal(staff.status, 403);
    assert.ok(!JSON.stringify(await staff.json()).includes("Secret note"));
  } finally {
    await t.cleanup();
  }
});
