import assert from "node:assert/strict";
import { createApp } from "../../app.ts";
import { visitorSend } from "../../models/chat/chat.ts";
import { staffHistory, visitorHistory } from "../../models/chat/history.ts";
import { startWidgetSession } from "../../models/chat/visitors.ts";
import { slackSignature, zendeskSignature } from "../../models/integrations/signing.ts";
import { handOffToTeam } from "../../models/tickets/handoff.ts";
import { slackReplies } from "../../listeners/integrations.ts";
import { startSlackFake } from "../fakes/slack_fake.ts";
import { startZendeskFake } from "../fakes/zendesk_fake.ts";
import { addMember, call, makeTestDeps, signUp } from "../helpers.ts";

const SIGNING_SECRET = "8f742231b10e8888abcd99aa85a5e0f1";
/** A reader who sees the whole thread, notes included (staff signed in, not an API key). */
const SIGNED_IN = {};
const ZENDESK_SECRET = "zendesk-webhook-secret-123";

async function setup(env: Record<string, string> = {}) {
  const slack = startSlackFake({ clientId: "111.222", clientSecret: "app-secret" });
  const zendesk = startZendeskFake();
  const ctx = await makeTestDeps({ env: { SLACK_API_URL: slack.url, ...env } });
  const app = createApp(ctx.deps);
  const a = await signUp(app, { email: "ada@a.test", company: "A Corp" });
  const b = await signUp(app, { email: "bob@b.test", company: "B Corp" });
  const agent = (await (await call(app, "POST", "/api/agents", { cookie: a.cookie, body: { name: "Bot" } })).json())
    .agent;
  slack.users.set("U0ADA0001", "Ada@A.test");
  slack.users.set("U0STRANGER", "someone@else.test");
  /** A visitor asks, then the conversation is handed to the team. */
  const handoff = async (text = "My parcel never arrived") => {
    const { visitor } = await startWidgetSession(ctx.deps, { agentId: agent.id });
    const { conversation } = await visitorSend(ctx.deps, visitor, { clientId: crypto.randomUUID(), text });
    const ticket = await handOffToTeam(ctx.deps, conversation, "asked_for_human");
    await ctx.ai.idle();
    return { visitor, conversation, ticket };
  };
  return {
    ...ctx,
    app,
    a,
    b,
    slack,
    zendesk,
    handoff,
    async close() {
      await ctx.cleanup();
      await slack.close();
      await zendesk.close();
    },
  };
}

type Setup = Awaited<ReturnType<typeof setup>>;

async function connectSlack(t: Setup, mode: "two_way" | "alerts_only") {
  const res = await call(t.app, "PUT", "/api/integrations/slack", {
    cookie: t.a.cookie,
    body: { botToken: t.slack.botToken, signingSecret: SIGNING_SECRET, channelId: "C0SUPPORT", mode },
  });
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()).slack;
}

/** Sends a Slack request signed like Slack does (`v0:<ts>:<body>`), `age` seconds old. */
async function slackPost(
  t: Setup,
  path: string,
  body: string,
  opts: { secret?: string | null; age?: number; retry?: number; type?: string; query?: string } = {},
) {
  const ts = String(Math.floor(Date.now() / 1000) - (opts.age ?? 0));
  const headers: Record<string, string> = { "content-type": opts.type ?? "application/json" };
  if (opts.secret !== null) {
    headers["x-slack-request-timestamp"] = ts;
    headers["x-slack-signature"] = await slackSignature(opts.secret ?? SIGNING_SECRET, ts, body);
  }
  if (opts.retry) {
    headers["x-slack-retry-num"] = String(opts.retry);
    headers["x-slack-retry-reason"] = "http_timeout";
  }
  return await call(t.app, "POST", `/api/integrations/slack/${path}${opts.query ?? ""}`, {
    body,
    headers,
    origin: null,
  });
}

function threadReply(t: Setup, threadTs: string, text: string, extra: Record<string, unknown> = {}) {
  const eventId = `Ev${crypto.randomUUID().replace(/-/g, "").slice(0, 10).toUpperCase()}`;
  return {
    eventId,
    body: JSON.stringify({
      token: "legacy-verification-token",
      team_id: t.slack.teamId,
      api_app_id: "A0FAKE",
      type: "event_callback",
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      event: {
        type: "message",
        channel: "C0SUPPORT",
        user: "U0ADA0001",
        text,
        ts: `${Math.floor(Date.now() / 1000)}.${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`,
        thread_ts: threadTs,
        channel_type: "channel",
        ...extra,
      },
    }),
  };
}

Deno.test("integrations are admin-only, never return credentials, and another workspace cannot see or touch them", async () => {
  const t = await setup();
  try {
    const member = await addMember(t.app, t.dir, t.a.cookie, "mia@a.test");
    assert.equal((await call(t.app, "GET", "/api/integrations", { cookie: member.cookie })).status, 403);
    assert.equal((await call(t.app, "GET", "/api/integrations", {})).status, 401);
    const empty = await (await call(t.app, "GET", "/api/integrations", { cookie: t.a.cookie })).json();
    assert.equal(empty.slack.status, "not_connected");
    assert.equal(empty.zendesk.status, "not_connected");

    const bad = await call(t.app, "PUT", "/api/integrations/slack", {
      cookie: t.a.cookie,
      body: { botToken: "xoxb-wrong-token", signingSecret: SIGNING_SECRET },
    });
    assert.equal(bad.status, 400);
    assert.match((await bad.json()).error.message, /invalid_auth/);

    const slack = await connectSlack(t, "two_way");
    assert.equal(slack.status, "connected");
    assert.equal(slack.channelName, "support");
    assert.equal(slack.teamId, t.slack.teamId);
    assert.match(slack.eventsUrl, new RegExp(`/api/integrations/slack/events\\?workspace=${t.a.user.workspaceId}$`));
    const zd = await call(t.app, "PUT", "/api/integrations/zendesk", {
      cookie: t.a.cookie,
      body: {
        baseUrl: t.zendesk.url,
        email: t.zendesk.email,
        apiToken: t.zendesk.apiToken,
        webhookSecret: ZENDESK_SECRET,
      },
    });
    assert.equal(zd.status, 200, await zd.clone().text());

    const state = await (await call(t.app, "GET", "/api/integrations", { cookie: t.a.cookie })).text();
    for (const secret of [t.slack.botToken, SIGNING_SECRET, t.zendesk.apiToken, ZENDESK_SECRET]) {
      assert.ok(!state.includes(secret), "no credential in the answer");
    }
    const stored = await t.deps.store.integrations.get(t.a.user.workspaceId, "slack");
    assert.ok(stored && !stored.secretsSealed.includes(t.slack.botToken), "sealed at rest");
    assert.match(stored!.secretsSealed, /^v1\./);

    // Workspace B sees nothing of A's and cannot touch it.
    const other = await (await call(t.app, "GET", "/api/integrations", { cookie: t.b.cookie })).json();
    assert.equal(other.slack.status, "not_connected");
    assert.equal((await call(t.app, "DELETE", "/api/integrations/slack", { cookie: t.b.cookie })).status, 404);
    assert.equal((await call(t.app, "POST", "/api/integrations/zendesk/test", { cookie: t.b.cookie })).status, 404);
    assert.equal((await call(t.app, "GET", "/api/integrations/slack/channels", { cookie: t.b.cookie })).status, 404);

    const channels = await (await call(t.app, "GET", "/api/integrations/slack/channels", { cookie: t.a.cookie }))
      .json();
    assert.deepEqual(channels.channels.map((c: { name: string }) => c.name), ["support", "vip-support"]);

    // A failing test call becomes the connection's state, with the error and its time.
    t.slack.failNext("auth.test", "token_revoked");
    const test = await (await call(t.app, "POST", "/api/integrations/slack/test", { cookie: t.a.cookie })).json();
    assert.equal(test.ok, false);
    const after = await (await call(t.app, "GET", "/api/integrations", { cookie: t.a.cookie })).json();
    assert.equal(after.slack.status, "error");
    assert.match(after.slack.lastError, /revoked/);
    assert.ok(after.slack.lastErrorAt);
    const again = await (await call(t.app, "POST", "/api/integrations/slack/test", { cookie: t.a.cookie })).json();
    assert.equal(again.ok, true);

    assert.equal((await call(t.app, "DELETE", "/api/integrations/slack", { cookie: t.a.cookie })).status, 204);
    assert.equal(await t.deps.store.integrations.get(t.a.user.workspaceId, "slack"), null);
  } finally {
    await t.close();
  }
});

Deno.test("Slack's OAuth install trades the code for a bot token when the state is the admin's own", async () => {
  const t = await setup({
    SLACK_CLIENT_ID: "111.222",
    SLACK_CLIENT_SECRET: "app-secret",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
  });
  try {
    const state = await (await call(t.app, "GET", "/api/integrations", { cookie: t.a.cookie })).json();
    const install = new URL(state.slack.installUrl);
    assert.equal(install.pathname, "/oauth/v2/authorize");
    assert.match(install.searchParams.get("scope")!, /chat:write/);
    const signedState = install.searchParams.get("state")!;
    const forged = await call(t.app, "GET", `/api/integrations/slack/oauth/callback?code=good-code&state=x.y.1.z`, {
      cookie: t.a.cookie,
    });
    assert.equal(forged.status, 200);
    assert.match(await forged.text(), /slack=error/);
    assert.equal(await t.deps.store.integrations.get(t.a.user.workspaceId, "slack"), null);
    const res = await call(
      t.app,
      "GET",
      `/api/integrations/slack/oauth/callback?code=good-code&state=${encodeURIComponent(signedState)}`,
      { cookie: t.a.cookie },
    );
    assert.equal(res.status, 200);
    assert.match(await res.text(), /url=\/settings\/integrations\?slack=connected/);
    const conn = await t.deps.store.integrations.get(t.a.user.workspaceId, "slack");
    assert.equal(conn?.settings.via, "oauth");
    // OAuth installs are verified with the app's signing secret, found by team id.
    const verify = await slackPost(t, "events", JSON.stringify({ type: "url_verification", challenge: "c-123" }));
    assert.equal((await verify.json()).challenge, "c-123");
  } finally {
    await t.close();
  }
});

Deno.test("Slack: a handoff posts a Block Kit alert, a thread reply reaches the customer as the teammate, retries and loops change nothing", async () => {
  const t = await setup();
  try {
    await connectSlack(t, "two_way");
    const { conversation, ticket, visitor } = await t.handoff();
    const alert = t.slack.messages.find((m) => m.channel === "C0SUPPORT" && !m.thread_ts);
    assert.ok(alert, "an alert was posted");
    assert.equal(t.slack.messages.filter((m) => !m.thread_ts).length, 1, "one alert per conversation");
    const json = JSON.stringify(alert.blocks);
    for (const piece of ["Open in Frontdesk", "Assign to me", "My parcel never arrived", "assign_to_me"]) {
      assert.ok(json.includes(piece), piece);
    }
    assert.ok(json.includes(`/inbox/tickets/${ticket.id}`));

    const q = `?workspace=${t.a.user.workspaceId}`;
    const challenge = await slackPost(t, "events", JSON.stringify({ type: "url_verification", challenge: "abc" }), {
      query: q,
    });
    assert.equal(challenge.status, 200);
    assert.equal((await challenge.json()).challenge, "abc");

    const reply = threadReply(t, alert.ts, "Hi! I'm on it &amp; will check <https://track.example|the tracking>.");
    assert.equal((await slackPost(t, "events", reply.body, { secret: null })).status, 401, "unsigned");
    assert.equal((await slackPost(t, "events", reply.body, { age: 6 * 60 })).status, 401, "stale");
    assert.equal((await slackPost(t, "events", reply.body, { secret: "wrong-secret-0123456789" })).status, 401);
    const tampered = await slackPost(t, "events", reply.body.replace("on it", "off it"), { secret: null });
    assert.equal(tampered.status, 401);

    assert.equal((await slackPost(t, "events", reply.body)).status, 200);
    assert.equal((await slackPost(t, "events", reply.body, { retry: 1 })).status, 200, "Slack's retry");
    const seen = (await visitorHistory(t.deps, conversation, 0)).filter((m) => m.authorKind === "staff");
    assert.equal(seen.length, 1, "delivered once despite the retry");
    assert.equal(seen[0].text, "Hi! I'm on it & will check the tracking (https://track.example).");
    assert.equal(seen[0].authorId, t.a.user.id);
    const events = await t.deps.store.events.after(0, { limit: 500, types: ["message.created"] });
    const logged = events.find((e) => (e.payload as { message: { id: string } }).message.id === seen[0].id);
    assert.deepEqual(logged?.actor, { kind: "staff", id: t.a.user.id });

    // Our bot's own messages (and bot messages, edits) are never replies: no loops.
    for (
      const extra of [{ user: t.slack.botUserId }, { bot_id: "B0FAKE001" }, { subtype: "message_changed" }]
    ) {
      const own = threadReply(t, alert.ts, "A person will follow up", extra);
      assert.equal((await slackPost(t, "events", own.body)).status, 200);
    }
    // A note stays internal; a stranger's reply stays in Slack (with a word from the bot in the thread).
    await slackPost(t, "events", threadReply(t, alert.ts, "note: customer sounds upset").body);
    await slackPost(t, "events", threadReply(t, alert.ts, "I'm not on the team", { user: "U0STRANGER" }).body);
    const visible = (await visitorHistory(t.deps, conversation, 0)).filter((m) => m.authorKind === "staff");
    assert.equal(visible.length, 1, "nothing else reached the customer");
    const all = await staffHistory(t.deps, SIGNED_IN, conversation, 0);
    const note = all.find((m) => m.text === "customer sounds upset");
    assert.equal(note?.internal, true);
    assert.ok(t.slack.messages.some((m) => m.thread_ts === alert.ts && /does not match/.test(m.text)));
    assert.equal(visitor.workspaceId, t.a.user.workspaceId);

    // "Assign to me": a signed block_actions payload assigns the ticket; the alert is edited to say so.
    const payload = {
      type: "block_actions",
      team: { id: t.slack.teamId, domain: "fake" },
      user: { id: "U0ADA0001", username: "ada", team_id: t.slack.teamId },
      api_app_id: "A0FAKE",
      container: { type: "message", message_ts: alert.ts, channel_id: "C0SUPPORT" },
      channel: { id: "C0SUPPORT", name: "support" },
      message: { ts: alert.ts },
      response_url: "https://hooks.slack.invalid/actions/1",
      actions: [{ action_id: "assign_to_me", block_id: "b1", value: ticket.id, type: "button" }],
    };
    const form = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const type = "application/x-www-form-urlencoded";
    assert.equal((await slackPost(t, "interactions", form, { type, secret: null })).status, 401);
    assert.equal((await slackPost(t, "interactions", form, { type, query: q })).status, 200);
    assert.equal((await t.deps.store.tickets.get(t.a.user.workspaceId, ticket.id))?.assignedTo, t.a.user.id);
    await t.ai.idle();
    assert.ok(alert.edits >= 1, "chat.update edited the alert");
    const edited = JSON.stringify(alert.blocks);
    assert.ok(edited.includes("Ada") && !edited.includes("assign_to_me"), edited);

    // Resolving in Frontdesk edits it again.
    await call(t.app, "PUT", `/api/tickets/${ticket.id}/status`, { cookie: t.a.cookie, body: { status: "resolved" } });
    await t.ai.idle();
    assert.match(JSON.stringify(alert.blocks), /Resolved/);
    assert.equal(t.slack.messages.filter((m) => !m.thread_ts).length, 1, "still one alert");
  } finally {
    await t.close();
  }
});

Deno.test("Slack in alerts-only mode never sends a thread reply to the customer", async () => {
  const t = await setup();
  try {
    await connectSlack(t, "alerts_only");
    const { conversation } = await t.handoff();
    const alert = t.slack.messages.find((m) => !m.thread_ts)!;
    assert.ok(alert);
    const res = await slackPost(t, "events", threadReply(t, alert.ts, "Sure, refund on its way").body);
    assert.equal(res.status, 200);
    const staff = (await staffHistory(t.deps, SIGNED_IN, conversation, 0)).filter((m) => m.authorKind === "staff");
    assert.equal(staff.length, 0);
    // Nor is a reply written in Frontdesk mirrored into the thread: alerts only.
    const ticket = await t.deps.store.tickets.forConversation(t.a.user.workspaceId, conversation.id);
    const sent = await call(t.app, "POST", `/api/tickets/${ticket!.id}/messages`, {
      cookie: t.a.cookie,
      body: { content: "Refund on its way" },
    });
    assert.equal(sent.status, 201);
    await t.ai.idle();
    assert.deepEqual(t.slack.messages.filter((m) => m.thread_ts === alert.ts), []);
  } finally {
    await t.close();
  }
});

/** A Zendesk ticket event webhook, signed like Zendesk does (base64 HMAC of timestamp + body). */
Deno.test("Slack two-way: a staff reply written in Frontdesk is mirrored into the alert's thread once; notes and replies from Slack are not", async () => {
  const t = await setup();
  try {
    await connectSlack(t, "two_way");
    const { conversation, ticket } = await t.handoff();
    const alert = t.slack.messages.find((m) => m.channel === "C0SUPPORT" && !m.thread_ts)!;
    assert.ok(alert);
    const inThread = () => t.slack.messages.filter((m) => m.thread_ts === alert.ts);
    const post = (body: Record<string, unknown>) =>
      call(t.app, "POST", `/api/tickets/${ticket.id}/messages`, { cookie: t.a.cookie, body });

    assert.equal((await post({ content: "We refunded you <today> & sent a label" })).status, 201);
    assert.equal((await post({ content: "Customer is a VIP", internal: true })).status, 201);
    await t.ai.idle();
    assert.equal(inThread().length, 1, "the reply, not the note");
    assert.equal(inThread()[0].channel, "C0SUPPORT");
    assert.equal(
      inThread()[0].text,
      "*Ada* replied to the customer in Frontdesk:\nWe refunded you &lt;today&gt; &amp; sent a label",
    );

    // A reply written in the Slack thread reaches the customer and is not echoed back into the thread.
    assert.equal((await slackPost(t, "events", threadReply(t, alert.ts, "Anything else I can do?").body)).status, 200);
    await t.ai.idle();
    const fromSlack = (await visitorHistory(t.deps, conversation, 0)).find((m) => m.text === "Anything else I can do?");
    assert.equal(fromSlack?.metadata.via, "slack");
    assert.equal(inThread().length, 1, "no echo");

    // The listener handling the reply's event again (a redelivery after a crash) posts nothing twice.
    const events = await t.deps.store.events.after(0, { limit: 500, types: ["message.created"] });
    const replyEvent = events.find((e) =>
      (e.payload as { message: { text: string } }).message.text.startsWith("We refunded you")
    )!;
    await slackReplies.handle(replyEvent, { deps: t.deps, signal: new AbortController().signal });
    assert.equal(inThread().length, 1, "mirrored once");

    // Another workspace's Slack never hears of it: B has no connection, its replies post nothing.
    assert.equal(t.slack.messages.filter((m) => !m.thread_ts).length, 1);
  } finally {
    await t.close();
  }
});

async function zendeskPost(t: Setup, event: Record<string, unknown>, opts: { secret?: string | null } = {}) {
  const body = JSON.stringify({
    account_id: 12514403,
    id: crypto.randomUUID(),
    time: new Date().toISOString(),
    zendesk_event_version: "2022-11-06",
    ...event,
  });
  const ts = new Date().toISOString();
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (opts.secret !== null) {
    headers["x-zendesk-webhook-signature-timestamp"] = ts;
    headers["x-zendesk-webhook-signature"] = await zendeskSignature(opts.secret ?? ZENDESK_SECRET, ts, body);
  }
  return await call(t.app, "POST", `/api/integrations/zendesk/webhook?workspace=${t.a.user.workspaceId}`, {
    body,
    headers,
    origin: null,
  });
}

Deno.test("Zendesk: a handoff creates a ticket, public comments reach the customer, status syncs both ways without echo", async () => {
  const t = await setup();
  try {
    const res = await call(t.app, "PUT", "/api/integrations/zendesk", {
      cookie: t.a.cookie,
      body: {
        baseUrl: t.zendesk.url,
        email: t.zendesk.email,
        apiToken: t.zendesk.apiToken,
        webhookSecret: ZENDESK_SECRET,
      },
    });
    assert.equal(res.status, 200);
    const { conversation, ticket, visitor } = await t.handoff("Where is order 42?");
    await t.deps.store.visitors.update(visitor.workspaceId, visitor.id, { lastSeenAt: new Date() });
    assert.equal(t.zendesk.tickets.length, 1);
    const zd = t.zendesk.tickets[0];
    assert.equal(zd.external_id, ticket.id);
    assert.match(zd.comments[0].body, /Where is order 42\?/);
    assert.match(zd.comments[0].body, new RegExp(`/inbox/tickets/${ticket.id}`));
    assert.equal(zd.comments[0].public, false, "the transcript is not mailed to the customer");

    const comment = (body: string, author: number, isPublic = true) => ({
      type: "zen:event-type:ticket.comment_added",
      subject: `zen:ticket:${zd.id}`,
      detail: { id: String(zd.id), status: "OPEN", external_id: ticket.id },
      event: {
        comment: {
          id: String(Math.floor(Math.random() * 1e9)),
          body,
          is_public: isPublic,
          author: { id: String(author), is_staff: true, name: "X" },
        },
      },
    });
    t.zendesk.users.set(77, "ada@a.test");
    assert.equal((await zendeskPost(t, comment("Unsigned", 77), { secret: null })).status, 401);
    assert.equal((await zendeskPost(t, comment("Forged", 77), { secret: "not-the-secret" })).status, 401);
    const other = await call(t.app, "POST", `/api/integrations/zendesk/webhook?workspace=${t.b.user.workspaceId}`, {
      body: "{}",
      headers: { "x-zendesk-webhook-signature": "x", "x-zendesk-webhook-signature-timestamp": "y" },
      origin: null,
    });
    assert.equal(other.status, 401);

    assert.equal((await zendeskPost(t, comment("Your order ships today.", 77))).status, 200);
    assert.equal((await zendeskPost(t, comment("Internal: check warehouse", 77, false))).status, 200);
    assert.equal((await zendeskPost(t, comment("Transcript echo", t.zendesk.agentId))).status, 200);
    const seen = (await visitorHistory(t.deps, conversation, 0)).filter((m) => m.authorKind === "staff");
    assert.deepEqual(seen.map((m) => m.text), ["Your order ships today."]);
    assert.equal(seen[0].authorId, t.a.user.id);

    // Zendesk solved -> Frontdesk resolved, and nothing is sent back to Zendesk.
    await t.ai.idle();
    const putsBefore = t.zendesk.requests.filter((r) => r.method === "PUT").length;
    const solved = {
      type: "zen:event-type:ticket.status_changed",
      detail: { id: String(zd.id), status: "SOLVED" },
      event: { current: "SOLVED", previous: "OPEN" },
    };
    assert.equal((await zendeskPost(t, solved)).status, 200);
    assert.equal((await t.deps.store.tickets.get(t.a.user.workspaceId, ticket.id))?.status, "resolved");
    await t.ai.idle();
    assert.equal(t.zendesk.requests.filter((r) => r.method === "PUT").length, putsBefore, "no echo");

    // Frontdesk reopened -> Zendesk open.
    await call(t.app, "PUT", `/api/tickets/${ticket.id}/status`, {
      cookie: t.a.cookie,
      body: { status: "in-progress" },
    });
    await t.ai.idle();
    assert.equal(zd.status, "open");
  } finally {
    await t.close();
  }
});

Deno.test("Slack: a post whose answer was lost (posted, then the call failed) is found by its metadata, not posted again", async () => {
  const t = await setup();
  try {
    await connectSlack(t, "two_way");
    // Slack keeps each of the next two posts, then the answer is lost (as when the poster dies before reading it).
    let lose = 2;
    t.slack.onPost = () => {
      if (lose-- > 0) throw new Error("the answer is lost");
    };
    const { ticket, conversation } = await t.handoff();
    const alerts = () => t.slack.messages.filter((m) => m.channel === "C0SUPPORT" && !m.thread_ts);
    assert.equal(alerts().length, 1, "one alert, though its first post failed");
    assert.deepEqual(alerts()[0].metadata?.event_payload.conversation_id, conversation.id);
    const link = await t.deps.store.integrations.link(t.a.user.workspaceId, "slack", conversation.id);
    assert.equal(link?.remoteId, `C0SUPPORT:${alerts()[0].ts}`, "the lost alert adopted as the conversation's");
    assert.ok(t.slack.calls.some((c) => c.method === "conversations.history" && c.args.include_all_metadata));

    const res = await call(t.app, "POST", `/api/tickets/${ticket.id}/messages`, {
      cookie: t.a.cookie,
      body: { content: "Refund sent" },
    });
    assert.equal(res.status, 201);
    await t.ai.idle();
    const inThread = t.slack.messages.filter((m) => m.thread_ts === alerts()[0].ts);
    assert.equal(inThread.length, 1, "the reply mirrored once, though its first post failed");
    assert.equal(inThread[0].metadata?.event_type, "frontdesk_reply");
    assert.ok(t.slack.calls.some((c) => c.method === "conversations.replies"));
    assert.equal(lose, 0);
  } finally {
    await t.close();
  }
});

Deno.test("Slack: where the channel's history cannot be read (not a member), a lost alert is posted again rather than never", async () => {
  const t = await setup();
  try {
    await connectSlack(t, "alerts_only");
    let lose = 1;
    t.slack.onPost = () => {
      if (lose-- > 0) throw new Error("the answer is lost");
    };
    t.slack.failNext("conversations.history", "not_in_channel");
    const { conversation } = await t.handoff();
    const alerts = t.slack.messages.filter((m) => m.channel === "C0SUPPORT" && !m.thread_ts);
    assert.equal(alerts.length, 2, "at least once: the lost one, and the one kept");
    const link = await t.deps.store.integrations.link(t.a.user.workspaceId, "slack", conversation.id);
    assert.equal(link?.remoteId, `C0SUPPORT:${alerts[1].ts}`);
  } finally {
    await t.close();
  }
});
