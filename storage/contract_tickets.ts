/**
 * The Store contract, tickets part: tickets (scoped, filtered, sorted and paged by key, searched in titles and
 * threads, the escalation scheduler's query), canned responses (shortcuts unique per workspace) and workspace
 * settings. Registered by `storeContract` in `contract.ts`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { ConflictError, NotFoundError } from "../lib/errors.ts";
import { newId } from "../lib/ids.ts";
import { systemLine } from "../models/chat/chat.ts";
import type { Conversation } from "../models/chat/conversation.ts";
import { newEvent } from "../models/events/event.ts";
import type { HandOffChange, Store } from "../models/ports/store.ts";
import type { Ticket } from "../models/tickets/ticket.ts";
import { contractTest, T0, twoWorkspaces } from "./contract_accounts.ts";
import { conversationIn } from "./contract_conversations.ts";

const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

/** A ticket of `conv` (not stored). */
export const ticketOf = (conv: Conversation, patch: Partial<Ticket> = {}): Ticket => ({
  id: newId(),
  workspaceId: conv.workspaceId,
  conversationId: conv.id,
  agentId: conv.agentId,
  title: "Parcel lost",
  description: "",
  status: "open",
  priority: "medium",
  customerEmail: "c@x.test",
  assignedTo: null,
  userId: newId(),
  tags: [],
  source: "staff",
  resolvedAt: null,
  closedAt: null,
  rating: null,
  escalationLevel: 0,
  createdAt: T0,
  updatedAt: T0,
  ...patch,
});

async function ticketIn(store: Store, workspaceId: string, patch: Partial<Ticket> = {}): Promise<Ticket> {
  const t = ticketOf(await conversationIn(store, workspaceId), patch);
  await store.tickets.insert(t);
  return t;
}

/** An event of the contract's own (its payload is not what the catalog checks here). */
// deno-lint-ignore no-explicit-any
const event = (type: any, workspaceId: string, aggregateId: string, payload: any) =>
  newEvent(type, { workspaceId, aggregateId, actor: { kind: "system" }, at: T0, payload });

/** Registers the tickets part of the contract. */
export function ticketsContract(name: string, open: () => Promise<Store>): void {
  const test = contractTest(name, open);

  test("tickets are scoped, updated in place and found by their conversation", async (store) => {
    const { a, b } = await twoWorkspaces(store);
    const t = await ticketIn(store, a.id, { customerName: "Ada", tags: ["vip"] });
    assert.deepEqual(await store.tickets.get(a.id, t.id), t);
    assert.equal(await store.tickets.get(b.id, t.id), null);
    assert.equal((await store.tickets.forConversation(a.id, t.conversationId))?.id, t.id);
    assert.equal(await store.tickets.forConversation(b.id, t.conversationId), null);
    assert.equal(await store.tickets.update(b.id, t.id, { title: "x", updatedAt: T0 }), null);
    const rating = { score: 5, comment: "great", at: minutes(9) };
    const u = await store.tickets.update(a.id, t.id, {
      status: "resolved",
      resolvedAt: minutes(5),
      priority: "urgent",
      rating,
      updatedAt: minutes(5),
    });
    assert.equal(u?.status, "resolved");
    assert.deepEqual(u?.rating, rating);
    assert.equal(u?.priority, "urgent");
    assert.equal(u?.customerName, "Ada", "a patch keeps what it does not name");
    assert.deepEqual(await store.tickets.get(a.id, t.id), u);
  });

  test("a hand-off is one write: the switch, the ticket, the lines and their events; again, nothing new", async (store) => {
    const { a, b } = await twoWorkspaces(store);
    const conv = await conversationIn(store, a.id);
    const ticket = ticketOf(conv, { priority: "high", customerEmail: "", source: "provider_failed" });
    const seen: HandOffChange[] = [];
    const handOff = (workspaceId: string, t = ticket) =>
      store.tickets.handOff({
        workspaceId,
        conversationId: conv.id,
        at: minutes(1),
        switched: (c) => [event("conversation.handed_off", c.workspaceId, c.id, { handledBy: c.handledBy })],
        ticket: t,
        opened: (t) => [event("ticket.created", t.workspaceId, t.id, { conversationId: t.conversationId })],
        lines: (change) => {
          seen.push(change);
          return change.switched || change.opened
            ? [systemLine("A person will follow up."), systemLine("Ticket", {}, true)]
            : [];
        },
        appended: ({ message, conversation }) => [
          event("message.created", conversation.workspaceId, conversation.id, { seq: message.seq }),
        ],
      });
    const before = await store.events.after(0, { limit: 100, workspaceId: a.id });
    await assert.rejects(handOff(b.id), NotFoundError, "another workspace's conversation");
    const done = await handOff(a.id);
    assert.equal(done.switched, true);
    assert.equal(done.opened, true);
    assert.deepEqual(done.ticket, ticket);
    assert.equal(done.conversation.handledBy, "human");
    assert.equal(done.conversation.lastSeq, 0, "the conversation as handed over, before the lines");
    assert.deepEqual(done.lines.map((l) => [l.message.seq, l.message.internal, l.conversation.lastSeq]), [
      [1, false, 1],
      [2, true, 2],
    ]);
    assert.equal(done.lines[1].conversation.lastPublicSeq, 1, "a staff-only line takes no public seq");
    const stored = await store.conversations.get(a.id, conv.id);
    assert.equal(stored?.handledBy, "human");
    assert.equal(stored?.lastSeq, 2);
    assert.deepEqual(await store.tickets.forConversation(a.id, conv.id), ticket);
    assert.deepEqual(
      (await store.conversations.messagesAfter(a.id, conv.id, 0, { limit: 9, includeInternal: true }))
        .map((m) => m.text),
      ["A person will follow up.", "Ticket"],
    );
    const written = (await store.events.after(0, { limit: 100, workspaceId: a.id })).slice(before.length);
    assert.deepEqual(written.map((e) => e.type), [
      "conversation.handed_off",
      "ticket.created",
      "message.created",
      "message.created",
    ]);
    // Handed off already, with its ticket: a second hand-off (another ticket offered) changes nothing.
    const again = await handOff(a.id, { ...ticket, id: newId() });
    assert.deepEqual([again.switched, again.opened, again.ticket.id, again.lines.length], [false, false, ticket.id, 0]);
    assert.equal((await store.conversations.get(a.id, conv.id))?.lastSeq, 2);
    assert.equal((await store.events.after(0, { limit: 100, workspaceId: a.id })).length, before.length + 4);
    assert.deepEqual(seen.map((c) => [c.switched, c.opened]), [[true, true], [false, false]]);
  });

  test("ticket lists filter, sort and page by key", async (store) => {
    const { a, b } = await twoWorkspaces(store);
    const t1 = await ticketIn(store, a.id, { priority: "low", createdAt: minutes(1), tags: ["billing"] });
    const t2 = await ticketIn(store, a.id, { priority: "urgent", createdAt: minutes(2), assignedTo: "u1" });
    const t3 = await ticketIn(store, a.id, { priority: "high", createdAt: minutes(3), title: "Refund please" });
    await ticketIn(store, b.id, { createdAt: minutes(4) });
    const ids = async (f: Parameters<Store["tickets"]["list"]>[1]) =>
      (await store.tickets.list(a.id, f)).map((r) => r.ticket.id);
    assert.deepEqual(await ids({ sort: "newest", limit: 10 }), [t3.id, t2.id, t1.id]);
    assert.deepEqual(await ids({ sort: "oldest", limit: 10 }), [t1.id, t2.id, t3.id]);
    assert.deepEqual(await ids({ sort: "priority", limit: 10 }), [t2.id, t3.id, t1.id]);
    assert.deepEqual(await ids({ sort: "newest", limit: 10, assignedTo: null }), [t3.id, t1.id]);
    assert.deepEqual(await ids({ sort: "newest", limit: 10, assignedTo: "u1" }), [t2.id]);
    assert.deepEqual(await ids({ sort: "newest", limit: 10, tag: "billing" }), [t1.id]);
    assert.deepEqual(await ids({ sort: "newest", limit: 10, q: "REFUND" }), [t3.id], "case-insensitive title");
    for (const sort of ["newest", "oldest", "priority", "updated"] as const) {
      const all = await store.tickets.list(a.id, { sort, limit: 10 });
      const first = await store.tickets.list(a.id, { sort, limit: 2 });
      const rest = await store.tickets.list(a.id, {
        sort,
        limit: 2,
        after: { key: first[1].key, id: first[1].ticket.id },
      });
      assert.deepEqual([...first, ...rest].map((r) => r.ticket.id), all.map((r) => r.ticket.id), sort);
    }
  });

  test("ticket search reads the thread; the scheduler sees tickets no staff answered", async (store) => {
    const { a } = await twoWorkspaces(store);
    const quiet = await ticketIn(store, a.id, { createdAt: minutes(0) });
    const answered = await ticketIn(store, a.id, { createdAt: minutes(0) });
    const fresh = await ticketIn(store, a.id, { createdAt: minutes(50) });
    const line = { attachmentIds: [], citations: [], status: "complete" as const, metadata: {} };
    await store.conversations.append(a.id, quiet.conversationId, {
      ...line,
      sender: "user",
      authorKind: "visitor",
      text: "My order 5521-X never came",
      internal: false,
    }, minutes(1));
    await store.conversations.append(a.id, quiet.conversationId, {
      ...line,
      sender: "agent",
      authorKind: "staff",
      text: "note to self",
      internal: true,
    }, minutes(2));
    await store.conversations.append(a.id, answered.conversationId, {
      ...line,
      sender: "agent",
      authorKind: "staff",
      text: "On it!",
      internal: false,
    }, minutes(2));
    assert.deepEqual(
      (await store.tickets.list(a.id, { sort: "newest", limit: 10, q: "5521-x" })).map((r) => r.ticket.id),
      [quiet.id],
    );
    const search = (q: string, searchInternal: boolean) =>
      store.tickets.list(a.id, { sort: "newest", limit: 10, q, searchInternal }).then((r) => r.map((x) => x.ticket.id));
    assert.deepEqual(await search("note to self", false), [], "an internal note is matched only for who may see it");
    assert.deepEqual(await search("note to self", true), [quiet.id]);
    const due = await store.tickets.awaitingStaff(minutes(30), 1, 10);
    assert.deepEqual(due.map((t) => t.id), [quiet.id], "an internal note is no answer; newer tickets wait");
    assert.ok(!due.some((t) => t.id === fresh.id));
    await store.tickets.update(a.id, quiet.id, { escalationLevel: 1, updatedAt: minutes(31) });
    assert.deepEqual(await store.tickets.awaitingStaff(minutes(30), 1, 10), []);
  });

  test("canned shortcuts are unique per workspace; settings are JSON values per workspace", async (store) => {
    const { a, b, adminA } = await twoWorkspaces(store);
    const canned = (workspaceId: string, shortcut: string) => ({
      id: newId(),
      workspaceId,
      title: shortcut,
      shortcut,
      body: "Hello!",
      createdBy: adminA.id,
      createdAt: T0,
      updatedAt: T0,
    });
    const hi = canned(a.id, "hi");
    const bye = canned(a.id, "bye");
    await store.canned.insert(hi);
    await store.canned.insert(bye);
    await store.canned.insert(canned(b.id, "hi"));
    await assert.rejects(
      store.canned.insert(canned(a.id, "hi")),
      (e) => e instanceof ConflictError && e.code === "shortcut_taken",
    );
    await assert.rejects(
      store.canned.update(a.id, bye.id, { title: "x", shortcut: "hi", body: "x", updatedAt: T0 }),
      (e) => e instanceof ConflictError && e.code === "shortcut_taken",
    );
    assert.deepEqual((await store.canned.list(a.id)).map((c) => c.shortcut), ["bye", "hi"]);
    assert.deepEqual(await store.canned.get(a.id, hi.id), hi);
    assert.equal(await store.canned.get(b.id, hi.id), null);
    assert.equal(await store.canned.remove(b.id, hi.id), false);
    assert.equal(await store.canned.remove(a.id, hi.id), true);

    assert.equal(await store.settings.get(a.id, "escalation"), null);
    await store.settings.put(a.id, "escalation", { rules: [{ after: 30 }] }, T0);
    await store.settings.put(a.id, "escalation", { rules: [{ after: 60 }] }, T0);
    await store.settings.put(a.id, "list", [1, 2], T0);
    assert.deepEqual(await store.settings.get(a.id, "escalation"), { rules: [{ after: 60 }] });
    assert.deepEqual(await store.settings.get(a.id, "list"), [1, 2]);
    assert.equal(await store.settings.get(b.id, "escalation"), null);
    assert.deepEqual(await store.settings.workspacesWith("escalation"), [a.id]);
  });
}
