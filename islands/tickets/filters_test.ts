import assert from "node:assert/strict";
import {
  apiQuery,
  appendPage,
  applyTicket,
  compareTickets,
  DEFAULT_QUERY,
  isFresher,
  matches,
  normalizeTag,
  parseQuery,
  queryString,
  ticketsUrl,
} from "./filters.ts";
import type { TicketQuery, WireTicket } from "./types.ts";

const ME = "5f0000000000000000000001";
const OTHER = "5f0000000000000000000002";

function ticket(over: Partial<WireTicket> = {}): WireTicket {
  return {
    id: "6a0000000000000000000001",
    conversationId: "6b0000000000000000000001",
    agentId: "6c0000000000000000000001",
    title: "Parcel never arrived",
    description: "",
    status: "open",
    priority: "medium",
    customerEmail: "ada@shop.example",
    assignedTo: null,
    userId: ME,
    tags: [],
    source: "asked_for_human",
    rating: null,
    escalationLevel: 0,
    resolvedAt: null,
    closedAt: null,
    createdAt: "2026-03-04T10:00:00.000Z",
    updatedAt: "2026-03-04T10:00:00.000Z",
    ...over,
  };
}
const q = (over: Partial<TicketQuery> = {}): TicketQuery => ({ ...DEFAULT_QUERY, ...over });

Deno.test("parseQuery keeps valid filters and drops malformed ones", () => {
  const f = parseQuery(
    new URLSearchParams(
      "status=resolved&priority=urgent&assignee=me&tag=%20VIP%20&agentId=6c0000000000000000000001&q=%20refund%20&sort=priority",
    ),
  );
  assert.deepEqual(f, {
    status: "resolved",
    priority: "urgent",
    assignee: "me",
    tag: "vip",
    agentId: "6c0000000000000000000001",
    q: "refund",
    sort: "priority",
  });
  assert.deepEqual(
    parseQuery(new URLSearchParams("status=done&priority=x&assignee=bob&tag=%23%23&agentId=1&sort=random")),
    DEFAULT_QUERY,
  );
  assert.equal(parseQuery(new URLSearchParams("assignee=unassigned")).assignee, "unassigned");
  assert.equal(parseQuery(new URLSearchParams(`assignee=${OTHER}`)).assignee, OTHER);
});

Deno.test("queryString and ticketsUrl leave defaults out and round-trip through parseQuery", () => {
  assert.equal(queryString(DEFAULT_QUERY), "");
  assert.equal(ticketsUrl(DEFAULT_QUERY), "/inbox/tickets");
  const f = q({ status: "open", q: "a b", sort: "updated" });
  assert.equal(
    ticketsUrl(f, "6a0000000000000000000001"),
    "/inbox/tickets/6a0000000000000000000001?status=open&q=a+b&sort=updated",
  );
  assert.deepEqual(parseQuery(new URLSearchParams(queryString(f))), f);
});

Deno.test("apiQuery always names the sort and the page size, and the cursor when given", () => {
  assert.equal(apiQuery(DEFAULT_QUERY), "sort=newest&limit=25");
  assert.equal(
    apiQuery(q({ assignee: "me", sort: "oldest" }), "abc", 10),
    "assignee=me&sort=oldest&limit=10&cursor=abc",
  );
});

Deno.test("normalizeTag lowercases and trims, and refuses what the server would", () => {
  assert.equal(normalizeTag("  Billing "), "billing");
  assert.equal(normalizeTag("needs follow-up"), "needs follow-up");
  assert.equal(normalizeTag("#vip"), null);
  assert.equal(normalizeTag(""), null);
  assert.equal(normalizeTag("x".repeat(41)), null);
});

Deno.test("matches checks every filter; the text search admits new tickets by title but keeps listed ones", () => {
  const t = ticket({ status: "in-progress", priority: "high", assignedTo: ME, tags: ["vip"] });
  assert.ok(matches(t, q(), ME));
  assert.ok(matches(t, q({ status: "in-progress", priority: "high", assignee: "me", tag: "vip" }), ME));
  assert.ok(!matches(t, q({ status: "open" }), ME));
  assert.ok(!matches(t, q({ priority: "low" }), ME));
  assert.ok(!matches(t, q({ assignee: "unassigned" }), ME));
  assert.ok(!matches(t, q({ assignee: OTHER }), ME));
  assert.ok(matches(ticket(), q({ assignee: "unassigned" }), ME));
  assert.ok(!matches(t, q({ tag: "billing" }), ME));
  assert.ok(!matches(t, q({ agentId: "6c0000000000000000000009" }), ME));
  assert.ok(matches(t, q({ q: "PARCEL" }), ME));
  assert.ok(!matches(t, q({ q: "refund" }), ME));
  assert.ok(matches(t, q({ q: "refund" }), ME, true), "the server found it in the thread");
});

Deno.test("compareTickets follows the server's orders, ties by id", () => {
  const a = ticket({
    id: "6a0000000000000000000001",
    createdAt: "2026-03-01T00:00:00Z",
    updatedAt: "2026-03-09T00:00:00Z",
  });
  const b = ticket({ id: "6a0000000000000000000002", createdAt: "2026-03-02T00:00:00Z", priority: "urgent" });
  const c = ticket({ id: "6a0000000000000000000003", createdAt: "2026-03-02T00:00:00Z", priority: "urgent" });
  const ids = (sort: TicketQuery["sort"]) => [a, b, c].sort(compareTickets(sort)).map((t) => t.id.slice(-1));
  assert.deepEqual(ids("newest"), ["3", "2", "1"]);
  assert.deepEqual(ids("oldest"), ["1", "2", "3"]);
  assert.deepEqual(ids("updated"), ["1", "3", "2"]);
  assert.deepEqual(ids("priority"), ["3", "2", "1"]);
});

Deno.test("applyTicket inserts in order, replaces, removes what no longer matches, and ignores stale copies", () => {
  const old = ticket({ id: "6a0000000000000000000001", createdAt: "2026-03-01T00:00:00Z" });
  const list = { tickets: [old], cursor: null };
  const fresh = ticket({ id: "6a0000000000000000000002", createdAt: "2026-03-05T00:00:00Z" });
  const added = applyTicket(list, fresh, q(), ME);
  assert.deepEqual(added.tickets.map((t) => t.id), [fresh.id, old.id]);

  const resolved = { ...fresh, status: "resolved" as const, updatedAt: "2026-03-06T00:00:00Z" };
  assert.equal(applyTicket(added, resolved, q(), ME).tickets[0].status, "resolved");
  assert.deepEqual(applyTicket(added, resolved, q({ status: "open" }), ME).tickets.map((t) => t.id), [old.id]);

  const stale = { ...fresh, title: "Old title", updatedAt: "2026-03-04T00:00:00Z" };
  const updated = applyTicket(added, { ...fresh, updatedAt: "2026-03-05T00:00:00Z", title: "New" }, q(), ME);
  assert.equal(applyTicket(updated, stale, q(), ME).tickets[0].title, "New");
});

Deno.test("applyTicket leaves a ticket that sorts past the loaded pages for 'Load more'", () => {
  const newer = ticket({ id: "6a0000000000000000000005", createdAt: "2026-03-05T00:00:00Z" });
  const list = { tickets: [newer], cursor: "more" };
  const older = ticket({ id: "6a0000000000000000000001", createdAt: "2026-03-01T00:00:00Z" });
  assert.equal(applyTicket(list, older, q(), ME), list);
  assert.equal(applyTicket({ ...list, cursor: null }, older, q(), ME).tickets.length, 2);
});

Deno.test("appendPage skips tickets already listed; isFresher compares updatedAt", () => {
  const a = ticket({ id: "6a0000000000000000000001" });
  const b = ticket({ id: "6a0000000000000000000002" });
  assert.deepEqual(appendPage({ tickets: [a], cursor: "x" }, [a, b], null), { tickets: [a, b], cursor: null });
  assert.ok(isFresher(a, undefined));
  assert.ok(isFresher({ ...a, updatedAt: "2026-03-05T00:00:00Z" }, a));
  assert.ok(!isFresher(a, { ...a, updatedAt: "2026-03-05T00:00:00Z" }));
});
