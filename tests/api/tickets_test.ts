import assert from "node:assert/strict";
import { createApp } from "../../app.ts";
import { ManualClock } from "../../lib/clock.ts";
import { visitorSend } from "../../models/chat/chat.ts";
import { runEscalations } from "../../models/tickets/escalation.ts";
import { handOffToTeam } from "../../models/tickets/handoff.ts";
import { startWidgetSession } from "../../models/chat/visitors.ts";
import { addMember, call, makeTestDeps, readOutbox, signUp } from "../helpers.ts";

async function setup(opts: Parameters<typeof makeTestDeps>[0] = {}) {
  const ctx = await makeTestDeps(opts);
  const app = createApp(ctx.deps);
  const a = await signUp(app, { email: "admin@a.test", company: "A Corp" });
  const b = await signUp(app, { email: "admin@b.test", company: "B Corp" });
  const agentOf = async (cookie: string) =>
    (await (await call(app, "POST", "/api/agents", { cookie, body: { name: "Bot" } })).json()).agent;
  const agentA = await agentOf(a.cookie);
  const agentB = await agentOf(b.cookie);
  const open = async (cookie: string, agentId: string, body: Record<string, unknown> = {}) => {
    const res = await call(app, "POST", "/api/tickets", {
      cookie,
      body: { title: "Printer on fire", customerEmail: "cust@example.com", agentId, ...body },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return (await res.json()).ticket;
  };
  return { ...ctx, app, a, b, agentA, agentB, open };
}

Deno.test("POST /api/tickets opens a ticket with the seed's fields and a thread", async () => {
  const t = await setup();
  try {
    const ticket = await t.open(t.a.cookie, t.agentA.id, { priority: "high", tags: ["Billing", "billing", "vip"] });
    assert.equal(ticket.status, "open");
    assert.equal(ticket.priority, "high");
    assert.equal(ticket.customerEmail, "cust@example.com");
    assert.equal(ticket.userId, t.a.user.id);
    assert.deepEqual(ticket.tags, ["billing", "vip"]);
    assert.equal(ticket.resolvedAt, null);
    assert.equal(ticket.closedAt, null);
    assert.equal(ticket.assignedTo, null);
    assert.ok(ticket.messages.some((m: { sender: string }) => m.sender === "system"));
    const bad = await call(t.app, "POST", "/api/tickets", {
      cookie: t.a.cookie,
      body: { title: "", customerEmail: "nope", agentId: t.agentA.id, priority: "asap", tags: ["<b>"] },
    });
    assert.equal(bad.status, 400);
    const { error } = await bad.json();
    for (const f of ["title", "customerEmail", "priority", "tags.0"]) assert.ok(error.details.fields[f], f);
    const foreignAgent = await call(t.app, "POST", "/api/tickets", {
      cookie: t.a.cookie,
      body: { title: "x", customerEmail: "c@e.com", agentId: t.agentB.id },
    });
    assert.equal(foreignAgent.status, 404);
  } finally {
    await t.cleanup();
  }
});

Deno.test("PUT /api/tickets/:id/status enforces the rules and explains refusals", async () => {
  const t = await setup();
  try {
    const m = await addMember(t.app, t.dir, t.a.cookie, "m@a.test");
    const ticket = await t.open(t.a.cookie, t.agentA.id);
    const status = (cookie: string, s: string) =>
      call(t.app, "PUT", `/api/tickets/${ticket.id}/status`, { cookie, body: { status: s } });
    const invalid = await status(m.cookie, "done");
    assert.equal(invalid.status, 400);
    const resolved = await (await status(m.cookie, "resolved")).json();
    assert.ok(resolved.ticket.resolvedAt);
    const reopened = await (await status(m.cookie, "in-progress")).json();
    assert.equal(reopened.ticket.resolvedAt, null, "reopening clears resolvedAt");
    const same = await status(m.cookie, "in-progress");
    assert.equal(same.status, 409);
    const closed = await (await status(m.cookie, "closed")).json();
    assert.ok(closed.ticket.closedAt);
    const memberReopen = await status(m.cookie, "open");
    assert.equal(memberReopen.status, 409);
    assert.match((await memberReopen.json()).error.message, /only an admin/);
    const adminToResolved = await status(t.a.cookie, "resolved");
    assert.equal(adminToResolved.status, 400);
    const adminReopen = await (await status(t.a.cookie, "open")).json();
    assert.equal(adminReopen.ticket.status, "open");
    assert.equal(adminReopen.ticket.closedAt, null);
  } finally {
    await t.cleanup();
  }
});

Deno.test("every ticket endpoint answers another workspace's ticket with 404", async () => {
  const t = await setup();
  try {
    const theirs = await t.open(t.b.cookie, t.agentB.id);
    const calls: Array<[string, string, unknown?]> = [
      ["GET", `/api/tickets/${theirs.id}`],
      ["PUT", `/api/tickets/${theirs.id}`, { title: "stolen" }],
      ["POST", `/api/tickets/${theirs.id}/messages`, { content: "hi" }],
      ["PUT", `/api/tickets/${theirs.id}/status`, { status: "resolved" }],
      ["POST", `/api/tickets/${theirs.id}/escalate`, {}],
    ];
    for (const [method, path, body] of calls) {
      const res = await call(t.app, method, path, { cookie: t.a.cookie, body });
      assert.equal(res.status, 404, `${method} ${path}`);
      assert.equal((await call(t.app, method, path, { body })).status, 401, `anonymous ${method} ${path}`);
    }
    const list = await (await call(t.app, "GET", "/api/tickets", { cookie: t.a.cookie })).json();
    assert.deepEqual(list.tickets, []);
    const still = await (await call(t.app, "GET", `/api/tickets/${theirs.id}`, { cookie: t.b.cookie })).json();
    assert.equal(still.ticket.title, "Printer on fire");
    assert.equal(still.ticket.status, "open");
    const assignForeign = await call(t.app, "PUT", `/api/tickets/${(await t.open(t.a.cookie, t.agentA.id)).id}`, {
      cookie: t.a.cookie,
      body: { assignedTo: t.b.user.id },
    });
    assert.equal(assignForeign.status, 400, "cannot assign to another workspace's user");
  } finally {
    await t.cleanup();
  }
});

Deno.test("GET /api/tickets filters, searches, sorts and pages with a cursor", async () => {
  const clock = new ManualClock(Date.now());
  const t = await setup({ clock });
  try {
    const m = await addMember(t.app, t.dir, t.a.cookie, "m@a.test");
    const made = [];
    for (let i = 0; i < 7; i++) {
      clock.advance(1000);
      made.push(
        await t.open(t.a.cookie, t.agentA.id, {
          title: i === 3 ? "Refund for order 991" : `Question ${i}`,
          priority: ["low", "medium", "high", "urgent"][i % 4],
          tags: i % 2 ? ["vip"] : [],
          assignedTo: i === 5 ? m.id : undefined,
        }),
      );
    }
    const get = async (
      qs: string,
      cookie = t.a.cookie,
    ) => (await (await call(t.app, "GET", `/api/tickets?${qs}`, { cookie })).json());
    assert.deepEqual((await get("q=refund")).tickets.map((x: { title: string }) => x.title), ["Refund for order 991"]);
    assert.equal((await get("tag=vip")).tickets.length, 3);
    assert.equal((await get("priority=urgent")).tickets.length, 1);
    assert.equal((await get("assignee=unassigned")).tickets.length, 6);
    assert.equal((await get("assignee=me", m.cookie)).tickets.length, 1);
    assert.equal((await get(`assignee=${m.id}`)).tickets.length, 1);
    assert.equal((await get(`agentId=${t.agentA.id}`)).tickets.length, 7);
    const oldest = await get("sort=oldest&limit=1");
    assert.equal(oldest.tickets[0].id, made[0].id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { tickets: Array<{ id: string }>; nextCursor: string | null } = await get(
        `limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      seen.push(...page.tickets.map((x) => x.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, made.map((x) => x.id).reverse(), "newest first, every ticket once");
    const byPriority = (await get("sort=priority")).tickets.map((x: { priority: string }) => x.priority);
    assert.deepEqual(byPriority.slice(0, 3), ["urgent", "high", "high"]);
    assert.equal((await call(t.app, "GET", "/api/tickets?status=nope", { cookie: t.a.cookie })).status, 400);
    assert.equal((await call(t.app, "GET", "/api/tickets?cursor=garbage", { cookie: t.a.cookie })).status, 400);
  } finally {
    await t.cleanup();
  }
});

Deno.test("an internal note reaches no visitor path: widget history, socket events, email", async () => {
  const t = await setup();
  try {
    const { visitor } = await startWidgetSession(t.deps, { agentId: t.agentA.id });
    await t.deps.store.visitors.update(visitor.workspaceId, visitor.id, { email: "v@example.com" });
    const { conversation } = await visitorSend(t.deps, visitor, { clientId: "client-note-1", text: "help please" });
    await t.ai.idle();
    const ticket = await handOffToTeam(t.deps, conversation, "asked_for_human");
    const seen: string[] = [];
    const { conversationTopic } = await import("../../models/ports/live_bus.ts");
    const { visibleToVisitor } = await import("../../models/chat/chat.ts");
    t.deps.bus.subscribe(conversationTopic(conversation.id), (e) => {
      if (e.type === "message.created" && visibleToVisitor(e.message)) seen.push(e.message.text);
    });
    const note = await call(t.app, "POST", `/api/tickets/${ticket.id}/messages`, {
      cookie: t.a.cookie,
      body: { content: "SECRET-NOTE: customer is on the watch list", internal: true },
    });
    assert.equal(note.status, 201);
    assert.equal((await note.json()).message.metadata.internal, true);
    const reply = await call(t.app, "POST", `/api/tickets/${ticket.id}/messages`, {
      cookie: t.a.cookie,
      body: { content: "We are looking into it." },
    });
    assert.equal(reply.status, 201);
    assert.ok(!seen.some((x) => x.includes("SECRET-NOTE")), "no visitor-visible event carried the note");
    assert.ok(seen.includes("We are looking into it."));
    const history = await t.deps.store.conversations.messagesAfter(visitor.workspaceId, conversation.id, 0, {
      limit: 100,
      includeInternal: false,
    });
    assert.ok(!history.some((m) => m.text.includes("SECRET-NOTE")), "the visitor's history has no note");
    await t.ai.idle(); // the emails listener has handled every event (a fixed sleep flaked on a loaded machine)
    const mails = await readOutbox(t.dir);
    assert.ok(
      mails.some((m) => m.to === "v@example.com" && m.text.includes("We are looking into it.")),
      "offline: emailed",
    );
    assert.ok(!mails.some((m) => m.text.includes("SECRET-NOTE")), "the note was never emailed");
    const staffView = await (await call(t.app, "GET", `/api/tickets/${ticket.id}`, { cookie: t.a.cookie })).json();
    assert.ok(staffView.ticket.messages.some((m: { content: string }) => m.content.includes("SECRET-NOTE")));
    assert.equal(staffView.ticket.status, "in-progress", "a first reply moves an open ticket in progress");
  } finally {
    await t.cleanup();
  }
});

Deno.test("a handoff opens one ticket with the transcript and asks for an email when unknown", async () => {
  const t = await setup();
  try {
    const { visitor } = await startWidgetSession(t.deps, { agentId: t.agentA.id });
    const { conversation } = await visitorSend(t.deps, visitor, {
      clientId: "client-h-1",
      text: "Can I talk to a human?",
    });
    await t.ai.idle();
    const list = await (await call(t.app, "GET", "/api/tickets", { cookie: t.a.cookie })).json();
    assert.equal(list.tickets.length, 1);
    const ticket = list.tickets[0];
    assert.equal(ticket.source, "asked_for_human");
    assert.equal(ticket.conversationId, conversation.id);
    assert.equal(ticket.customerEmail, "");
    const full = await (await call(t.app, "GET", `/api/tickets/${ticket.id}`, { cookie: t.a.cookie })).json();
    const texts = full.ticket.messages.map((m: { content: string }) => m.content);
    assert.ok(texts.includes("Can I talk to a human?"), "the transcript is on the ticket");
    assert.ok(full.ticket.messages.some((m: { metadata: { event?: string } }) => m.metadata.event === "email_request"));
    const conv = await t.deps.store.conversations.get(visitor.workspaceId, conversation.id);
    assert.equal(conv?.handledBy, "human", "the AI stops answering");
    await handOffToTeam(t.deps, conv!, "asked_for_human");
    assert.equal((await (await call(t.app, "GET", "/api/tickets", { cookie: t.a.cookie })).json()).tickets.length, 1);
  } finally {
    await t.cleanup();
  }
});

Deno.test("escalation rules fire on schedule: no staff reply within N minutes", async () => {
  const clock = new ManualClock(Date.now());
  const t = await setup({ clock });
  try {
    const rules = await call(t.app, "PUT", "/api/settings/escalation", {
      cookie: t.a.cookie,
      body: { rules: [{ afterMinutes: 30, raisePriority: true, assignToAdmin: true, emailAdmins: true }] },
    });
    assert.equal(rules.status, 200);
    const ticket = await t.open(t.a.cookie, t.agentA.id, { priority: "medium" });
    const answered = await t.open(t.a.cookie, t.agentA.id, { title: "Answered" });
    await call(t.app, "POST", `/api/tickets/${answered.id}/messages`, {
      cookie: t.a.cookie,
      body: { content: "On it" },
    });
    clock.advance(29 * 60_000);
    assert.equal(await runEscalations(t.deps), 0, "not yet");
    clock.advance(2 * 60_000);
    assert.equal(await runEscalations(t.deps), 1, "only the unanswered ticket");
    assert.equal(await runEscalations(t.deps), 0, "a rule fires once per ticket");
    const after = (await (await call(t.app, "GET", `/api/tickets/${ticket.id}`, { cookie: t.a.cookie })).json()).ticket;
    assert.equal(after.priority, "high");
    assert.equal(after.assignedTo, t.a.user.id);
    assert.equal(after.escalationLevel, 1);
    assert.ok(after.messages.some((m: { metadata: { event?: string } }) => m.metadata.event === "escalated"));
    await t.ai.idle();
    assert.ok((await readOutbox(t.dir)).some((m) => m.to === "admin@a.test" && /Escalated/.test(m.subject)));
    const m = await addMember(t.app, t.dir, t.a.cookie, "m@a.test");
    assert.equal(
      (await call(t.app, "PUT", "/api/settings/escalation", { cookie: m.cookie, body: { rules: [] } })).status,
      403,
    );
  } finally {
    await t.cleanup();
  }
});

Deno.test("escalate raises priority and assigns to an admin, recorded in the thread", async () => {
  const t = await setup();
  try {
    const m = await addMember(t.app, t.dir, t.a.cookie, "m@a.test");
    const ticket = await t.open(t.a.cookie, t.agentA.id, { priority: "low" });
    const up = await (await call(t.app, "POST", `/api/tickets/${ticket.id}/escalate`, { cookie: m.cookie, body: {} }))
      .json();
    assert.equal(up.ticket.priority, "medium");
    const toAdmin = await call(t.app, "POST", `/api/tickets/${ticket.id}/escalate`, {
      cookie: m.cookie,
      body: { assignTo: t.a.user.id, reason: "angry customer" },
    });
    assert.equal((await toAdmin.json()).ticket.assignedTo, t.a.user.id);
    const notAdmin = await call(t.app, "POST", `/api/tickets/${ticket.id}/escalate`, {
      cookie: m.cookie,
      body: { assignTo: m.id },
    });
    assert.equal(notAdmin.status, 400);
    const assign = await call(t.app, "PUT", `/api/tickets/${ticket.id}`, {
      cookie: m.cookie,
      body: { assignedTo: m.id },
    });
    assert.equal((await assign.json()).ticket.assignedTo, m.id, "self-assign");
  } finally {
    await t.cleanup();
  }
});

Deno.test("a manual escalation raises the escalation level, and the scheduler carries on from the next rule", async () => {
  const clock = new ManualClock(Date.now());
  const t = await setup({ clock });
  try {
    await call(t.app, "PUT", "/api/settings/escalation", {
      cookie: t.a.cookie,
      body: {
        rules: [
          { afterMinutes: 30, raisePriority: true, assignToAdmin: false, emailAdmins: false },
          { afterMinutes: 60, raisePriority: true, assignToAdmin: false, emailAdmins: false },
        ],
      },
    });
    const ticket = await t.open(t.a.cookie, t.agentA.id, { priority: "low" });
    assert.equal(ticket.escalationLevel, 0);
    const res = await call(t.app, "POST", `/api/tickets/${ticket.id}/escalate`, { cookie: t.a.cookie, body: {} });
    assert.equal(res.status, 200);
    const up = (await res.json()).ticket;
    assert.equal(up.priority, "medium");
    assert.equal(up.escalationLevel, 1);
    const events = await t.deps.store.events.after(0, { limit: 1000 });
    const escalated = events.filter((e) => e.type === "ticket.escalated" && e.aggregateId === ticket.id);
    assert.equal(escalated.length, 1);
    assert.equal((escalated[0].payload as { level: number }).level, 1);
    clock.advance(31 * 60_000);
    assert.equal(await runEscalations(t.deps), 0, "the first step was taken by hand");
    clock.advance(30 * 60_000);
    assert.equal(await runEscalations(t.deps), 1, "the second rule fires");
    const after = (await (await call(t.app, "GET", `/api/tickets/${ticket.id}`, { cookie: t.a.cookie })).json()).ticket;
    assert.equal(after.escalationLevel, 2);
    assert.equal(after.priority, "high");
    const again = await call(t.app, "POST", `/api/tickets/${ticket.id}/escalate`, { cookie: t.a.cookie, body: {} });
    assert.equal((await again.json()).ticket.escalationLevel, 3);
    assert.equal(await runEscalations(t.deps), 0, "no rule lowers or repeats a level");
  } finally {
    await t.cleanup();
  }
});

Deno.test("canned responses: CRUD per workspace with unique shortcuts", async () => {
  const t = await setup();
  try {
    const body = { title: "Greeting", shortcut: "hello", body: "Hi! Thanks for reaching out." };
    const made = await call(t.app, "POST", "/api/canned-responses", { cookie: t.a.cookie, body });
    assert.equal(made.status, 201);
    const { cannedResponse } = await made.json();
    assert.equal((await call(t.app, "POST", "/api/canned-responses", { cookie: t.a.cookie, body })).status, 409);
    assert.equal(
      (await call(t.app, "POST", "/api/canned-responses", { cookie: t.b.cookie, body })).status,
      201,
      "per workspace",
    );
    assert.equal(
      (await call(t.app, "POST", "/api/canned-responses", {
        cookie: t.a.cookie,
        body: { ...body, shortcut: "Bad Shortcut!" },
      })).status,
      400,
    );
    const put = await call(t.app, "PUT", `/api/canned-responses/${cannedResponse.id}`, {
      cookie: t.a.cookie,
      body: { ...body, body: "Hello!" },
    });
    assert.equal((await put.json()).cannedResponse.body, "Hello!");
    for (const method of ["GET", "PUT", "DELETE"]) {
      const res = await call(t.app, method, `/api/canned-responses/${cannedResponse.id}`, {
        cookie: t.b.cookie,
        body: method === "PUT" ? body : undefined,
      });
      assert.equal(res.status, 404, method);
    }
    const list = await (await call(t.app, "GET", "/api/canned-responses", { cookie: t.a.cookie })).json();
    assert.deepEqual(list.cannedResponses.map((c: { shortcut: string }) => c.shortcut), ["hello"]);
    assert.equal(
      (await call(t.app, "DELETE", `/api/canned-responses/${cannedResponse.id}`, { cookie: t.a.cookie })).status,
      204,
    );
  } finally {
    await t.cleanup();
  }
});

Deno.test("resolving asks for a rating; the customer rates by the emailed link or the widget", async () => {
  const t = await setup();
  try {
    const ticket = await t.open(t.a.cookie, t.agentA.id);
    const early = await call(
      t.app,
      "GET",
      `/rate?w=${t.a.user.workspaceId}&t=${ticket.id}&exp=1&sig=${"0".repeat(64)}`,
    );
    assert.equal(early.status, 400);
    await call(t.app, "PUT", `/api/tickets/${ticket.id}/status`, { cookie: t.a.cookie, body: { status: "resolved" } });
    await t.ai.idle();
    const mail = (await readOutbox(t.dir)).find((m) => m.to === "cust@example.com" && /How did we do/.test(m.subject))!;
    const link = new URL(mail.links.find((l) => l.includes("/rate"))!);
    const page = await t.app.request(link.pathname + link.search);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /How did we do/);
    const form = new URLSearchParams([...link.searchParams, ["score", "4"], ["comment", "Quick and kind"]]);
    const posted = await t.app.request("/rate", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form,
    });
    assert.equal(posted.status, 200);
    const rated = (await (await call(t.app, "GET", `/api/tickets/${ticket.id}`, { cookie: t.a.cookie })).json()).ticket;
    assert.equal(rated.rating.score, 4);
    assert.equal(rated.rating.comment, "Quick and kind");
    const forged = new URLSearchParams([...link.searchParams, ["score", "1"]]);
    forged.set("t", t.agentA.id);
    const bad = await t.app.request("/rate", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: forged,
    });
    assert.equal(bad.status, 400);
  } finally {
    await t.cleanup();
  }
});

Deno.test("a ticket reply carries files the staff member uploaded; the visitor gets them live", async () => {
  const t = await setup();
  try {
    const { visitor } = await startWidgetSession(t.deps, { agentId: t.agentA.id });
    const { conversation } = await visitorSend(t.deps, visitor, { clientId: "client-file-1", text: "help please" });
    await t.ai.idle();
    const ticket = await handOffToTeam(t.deps, conversation, "asked_for_human");
    const upload = async (cookie: string) => {
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])]), "label.png");
      const res = await t.app.request("/api/conversations/uploads", {
        method: "POST",
        headers: { cookie, origin: "http://localhost" },
        body: form,
      });
      assert.equal(res.status, 201, await res.clone().text());
      return (await res.json()).attachment as { id: string; contentType: string };
    };
    const mine = await upload(t.a.cookie);
    assert.equal(mine.contentType, "image/png");
    const seen: { text: string; attachmentIds: string[] }[] = [];
    const { conversationTopic } = await import("../../models/ports/live_bus.ts");
    t.deps.bus.subscribe(conversationTopic(conversation.id), (e) => {
      if (e.type === "message.created") seen.push(e.message);
    });

    // Files alone are a reply: no text needed.
    const res = await call(t.app, "POST", `/api/tickets/${ticket.id}/messages`, {
      cookie: t.a.cookie,
      body: { content: "", attachments: [mine.id] },
    });
    assert.equal(res.status, 201, await res.clone().text());
    assert.match(res.headers.get("content-type") ?? "", /application\/json/);
    const { message } = await res.json();
    assert.equal(message.metadata.attachments.length, 1);
    assert.equal(message.metadata.attachments[0].id, mine.id);
    assert.match(message.metadata.attachments[0].url, /\/api\/files\/.+sig=/);
    assert.deepEqual(seen.at(-1)?.attachmentIds, [mine.id], "the live event carries the file");
    const stored = await t.deps.store.conversations.messagesAfter(visitor.workspaceId, conversation.id, 0, {
      limit: 100,
      includeInternal: false,
    });
    assert.deepEqual(stored.at(-1)?.attachmentIds, [mine.id]);

    // Nothing at all is still refused; another workspace's file is not found.
    const empty = await call(t.app, "POST", `/api/tickets/${ticket.id}/messages`, {
      cookie: t.a.cookie,
      body: { content: "  " },
    });
    assert.equal(empty.status, 400);
    const theirs = await upload(t.b.cookie);
    const foreign = await call(t.app, "POST", `/api/tickets/${ticket.id}/messages`, {
      cookie: t.a.cookie,
      body: { content: "see file", attachments: [theirs.id] },
    });
    assert.equal(foreign.status, 404);
  } finally {
    await t.cleanup();
  }
});
