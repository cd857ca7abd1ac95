import assert from "node:assert/strict";
import { createApp } from "../../app.ts";
import { visitorSend } from "../../models/chat/chat.ts";
import { identifyVisitor, startWidgetSession } from "../../models/chat/visitors.ts";
import { payloadProblems } from "../../models/events/catalog.ts";
import { rateAsVisitor } from "../../models/tickets/ratings.ts";
import { call, makeTestDeps, signUp } from "../helpers.ts";

Deno.test("a whole support flow records its facts in the event log, each valid against the catalog", async () => {
  const t = await makeTestDeps();
  try {
    const app = createApp(t.deps);
    const admin = await signUp(app, { email: "admin@events.test" });
    const other = await signUp(app, { email: "admin@other.test" });
    const { agent } = await (await call(app, "POST", "/api/agents", { cookie: admin.cookie, body: { name: "Bot" } }))
      .json();
    const { visitor } = await startWidgetSession(t.deps, { agentId: agent.id });
    const { conversation } = await visitorSend(t.deps, visitor, { clientId: "client-ev-0001", text: "hello" });
    await t.ai.idle();
    await visitorSend(t.deps, visitor, {
      clientId: "client-ev-0002",
      conversationId: conversation.id,
      text: "I want to talk to a human",
    });
    await t.ai.idle();
    const me = await identifyVisitor(t.deps, visitor, { email: "grace@customer.test", name: "Grace" });
    const { tickets } = await (await call(app, "GET", "/api/tickets", { cookie: admin.cookie })).json();
    const ticketId = tickets[0].id;
    await call(app, "PUT", `/api/tickets/${ticketId}`, {
      cookie: admin.cookie,
      body: { customerEmail: "grace@customer.test" },
    });
    const reply = await call(app, "POST", `/api/tickets/${ticketId}/messages`, {
      cookie: admin.cookie,
      body: { content: "We are on it." },
    });
    assert.equal(reply.status, 201);
    await call(app, "POST", `/api/tickets/${ticketId}/messages`, {
      cookie: admin.cookie,
      body: { content: "Checked the warehouse", internal: true },
    });
    await call(app, "PUT", `/api/tickets/${ticketId}`, {
      cookie: admin.cookie,
      body: { priority: "high", assignedTo: admin.user.id },
    });
    assert.equal(
      (await call(app, "PUT", `/api/tickets/${ticketId}/status`, {
        cookie: admin.cookie,
        body: { status: "resolved" },
      }))
        .status,
      200,
    );
    await rateAsVisitor(t.deps, me, conversation.id, { score: 5, comment: "Great" });
    await t.ai.idle();

    const events = await t.deps.store.events.after(0, { limit: 1000 });
    for (const e of events) assert.deepEqual(payloadProblems(e.type, e.payload), [], `${e.type} #${e.position}`);
    const types = events.filter((e) => e.workspaceId === admin.user.workspaceId).map((e) => e.type);
    for (
      const expected of [
        "agent.created",
        "conversation.started",
        "message.created",
        "conversation.handed_off",
        "ticket.created",
        "customer.identified",
        "ticket.updated",
        "ticket.assigned",
        "ticket.status_changed",
        "ticket.rated",
      ]
    ) assert.ok(types.includes(expected as never), `${expected} in ${types.join(", ")}`);
    assert.ok(types.indexOf("conversation.started") < types.indexOf("conversation.handed_off"));
    assert.ok(types.indexOf("ticket.created") < types.indexOf("ticket.rated"));
    const handoff = events.find((e) => e.type === "conversation.handed_off")!;
    assert.equal((handoff.payload as { reason: string }).reason, "asked_for_human");
    assert.equal(handoff.actor.kind, "customer");
    const messages = events.filter((e) => e.type === "message.created").map((e) =>
      (e.payload as { message: { author: { kind: string }; text: string; internal: boolean } }).message
    );
    assert.ok(messages.some((m) => m.author.kind === "ai"), "the AI's finished answer is recorded");
    assert.ok(messages.some((m) => m.author.kind === "staff" && m.internal), "internal notes are marked internal");
    assert.ok(!messages.some((m) => m.text === ""), "never an unfinished (streaming) answer");
    // Per aggregate, in order; the other workspace saw none of it.
    const positions = events.map((e) => e.position);
    assert.deepEqual(positions, [...positions].sort((a, b) => a - b));
    const otherEvents = await t.deps.store.events.after(0, { limit: 1000, workspaceId: other.user.workspaceId });
    assert.deepEqual(otherEvents, []);
    // The emails listener sent the reply (customer offline) and the rating request.
    assert.deepEqual(await t.deps.store.events.deadLetters(), []);
    const outbox = await (await import("../helpers.ts")).readOutbox(t.dir);
    assert.equal(outbox.filter((m) => m.text.includes("We are on it.")).length, 1);
    assert.equal(outbox.filter((m) => m.text.includes("Checked the warehouse")).length, 0, "notes never emailed");
    assert.equal(outbox.filter((m) => /How did we do/.test(m.subject)).length, 1);
  } finally {
    await t.cleanup();
  }
});
