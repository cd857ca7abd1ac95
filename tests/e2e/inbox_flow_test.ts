/**
 * The Inbox in a real browser, with visitors played from Deno over real
 * WebSockets: the empty state, a conversation appearing live with its AI
 * answer, take over, a staff reply reaching the visitor, typing and "Seen",
 * hostile visitor text staying inert, hand back, filters, a dropped
 * connection that resumes, the deep link, and the phone layout. Screenshots
 * go to `tests/e2e/screenshots/inbox-*.png`.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { createApp } from "../../app.ts";
import type { ServerFrame } from "../../realtime/protocol.ts";
import { call, type CallOptions, signUp } from "../helpers.ts";
import { connect, type TestSocket } from "../realtime/ws_client.ts";
import { DESKTOP, type E2E, expectAccessible, hasChromium, MOBILE, SHOTS, startE2E } from "./browser.ts";

const FAQ = `# Shipping & returns FAQ

## How long does shipping take?
Standard shipping takes 3 to 5 business days within the continental US.

## When will I get my refund?
Refunds are issued within 5 business days of receiving the returned item. The money goes back to your original payment method.

## Do you offer gift wrapping?
Yes. Choose gift wrapping at checkout for $5 per item.
`;

const QUESTION = "how long until I get my money back after a return?";
const HOSTILE = ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "[x](javascript:alert(1))"];

/** A visitor on the customer's site: a widget session and its socket. */
async function visitor(e2e: E2E, agentId: string, name?: string) {
  const session = await fetch(`${e2e.url}/api/widget/session`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: "https://shop.example" },
    body: JSON.stringify({ agentId }),
  }).then((r) => r.json()) as { token: string; visitorId: string };
  if (name) {
    const res = await fetch(`${e2e.url}/api/widget/identify`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${session.token}` },
      body: JSON.stringify({ name, email: `${name.split(" ")[0].toLowerCase()}@shop.example` }),
    });
    assert.equal(res.status, 200);
  }
  const ws = await connect(`${e2e.url}/api/widget/ws`);
  ws.send({ type: "hello", token: session.token });
  await ws.waitFor((f) => f.type === "welcome");
  let n = 0;
  let conversationId = "";
  return {
    ws,
    label: name ?? `Visitor #${session.visitorId.slice(-4)}`,
    get conversationId() {
      return conversationId;
    },
    /** Uploads a file as the widget does; returns its id. */
    async upload(name: string, bytes: Uint8Array<ArrayBuffer>) {
      const form = new FormData();
      form.append("file", new File([bytes], name));
      const res = await fetch(`${e2e.url}/api/widget/uploads`, {
        method: "POST",
        headers: { authorization: `Bearer ${session.token}` },
        body: form,
      });
      assert.equal(res.status, 201);
      return (await res.json()).attachment.id as string;
    },
    /** Sends a message and waits for its ack. */
    async say(text: string, attachments?: string[]) {
      const clientId = `visitor-${session.visitorId.slice(-6)}-${++n}`;
      ws.send({
        type: "send",
        clientId,
        text,
        ...(attachments ? { attachments } : {}),
        ...(conversationId ? { conversationId } : { pageUrl: "https://shop.example/returns?order=4711" }),
      });
      const ack = await ws.waitFor((f) => f.type === "ack" && f.clientId === clientId) as Extract<
        ServerFrame,
        { type: "ack" }
      >;
      conversationId = ack.message.conversationId;
      return ack.message;
    },
  };
}

const log = (page: Page) => page.getByRole("log");
const row = (page: Page, label: string) =>
  page.getByRole("list", { name: "Conversations" }).getByRole("link").filter({ hasText: label });

/** Waits until the thread is scrolled to its end. */
async function atBottom(page: Page) {
  const el = await log(page).elementHandle();
  await page.waitForFunction((l) => l!.scrollHeight - l!.scrollTop - l!.clientHeight < 2, el, { timeout: 2000 });
}

/**
 * The Inbox fits the viewport (its panes scroll, not the page), so the shot is
 * of the viewport: a full-page capture resizes it, and the thread's scroll
 * position with it.
 */
async function shot(page: Page, name: string) {
  await page.waitForTimeout(200); // let transitions settle
  await expectAccessible(page, name);
  await page.screenshot({ path: `${SHOTS}${name}.png` });
}

Deno.test({
  name: "inbox: conversations arrive live, staff take over and reply, hostile text stays inert, phones get two views",
  ignore: !hasChromium,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const e2e = await startE2E();
    const sockets: TestSocket[] = [];
    try {
      const app = createApp(e2e.ctx.deps);
      const admin = await signUp(app, { name: "Margaret Hamilton", email: "margaret@apollo.test", company: "Apollo" });
      const api = (method: string, path: string, opts: CallOptions = {}) =>
        call(app, method, path, { cookie: admin.cookie, origin: e2e.url, ...opts });
      const { agent } = await (await api("POST", "/api/agents", { body: { name: "Apollo Helper" } })).json();
      const trained = await api("POST", `/api/agents/${agent.id}/train`, {
        body: { type: "text", content: FAQ, metadata: { title: "Shipping & returns FAQ" } },
      });
      assert.equal(trained.status, 202);
      await e2e.ctx.runner.idle();

      const context = await e2e.browser.newContext({ viewport: DESKTOP });
      const [name, value] = admin.cookie.split("=");
      await context.addCookies([{ name, value, url: e2e.url }]);
      const page = e2e.watch(await context.newPage());
      // The realtime socket goes through a route, so the test can drop it and refuse reconnections.
      let offline = false;
      let live: { close(): Promise<void> } | null = null;
      await page.routeWebSocket(/\/api\/realtime$/, (ws) => {
        if (offline) return void ws.close({ code: 1006 });
        const server = ws.connectToServer();
        live = { close: () => Promise.all([ws.close(), server.close()]).then(() => {}) };
      });
      const dialogs: string[] = [];
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        d.dismiss();
      });

      // Empty: says what to do, and is already live.
      await page.goto(`${e2e.url}/inbox`);
      assert.equal(await page.title(), "Inbox · Frontdesk");
      await page.getByRole("heading", { name: "No conversations yet" }).waitFor();
      assert.equal(await page.getByRole("link", { name: "Embed the widget" }).getAttribute("href"), "/agents");
      await page.getByRole("status").filter({ hasText: "Live" }).waitFor();
      await shot(page, "inbox-empty");

      // A visitor asks; the conversation appears without a reload, unread, with the AI's answer.
      const anon = await visitor(e2e, agent.id);
      sockets.push(anon.ws);
      await anon.say(QUESTION);
      const anonRow = row(page, anon.label);
      await anonRow.waitFor();
      await anonRow.getByText("AI", { exact: true }).waitFor();
      await anonRow.getByText(/unread message/).waitFor();
      await e2e.ctx.ai.idle();

      // A second, identified visitor lands on top.
      const ada = await visitor(e2e, agent.id, "Ada Lovelace");
      sockets.push(ada.ws);
      await ada.say("Do you offer gift wrapping?");
      await row(page, "Ada Lovelace").waitFor();
      const names = await page.getByRole("list", { name: "Conversations" }).getByRole("link").allInnerTexts();
      assert.match(names[0], /Ada Lovelace/, "the newest conversation is first");
      await e2e.ctx.ai.idle();
      await shot(page, "inbox-list");

      // Open the first visitor's conversation: the URL follows, the thread shows the cited answer.
      await anonRow.click();
      await page.waitForURL(`${e2e.url}/inbox/${anon.conversationId}`);
      assert.equal(await anonRow.getAttribute("aria-current"), "true");
      await log(page).getByText(QUESTION).waitFor();
      await log(page).getByText(/5 business days/).first().waitFor({ timeout: 15_000 });
      const citation = log(page).getByRole("link", { name: "Shipping & returns FAQ" });
      if (await citation.count()) assert.equal(await citation.first().getAttribute("rel"), "noopener noreferrer");
      assert.equal(await log(page).getAttribute("aria-live"), "polite");
      // At this width the details are a panel over the thread, opened on demand.
      const detailsToggle = page.getByRole("button", { name: "Visitor details", exact: true });
      assert.equal(await detailsToggle.getAttribute("aria-expanded"), "false");
      await detailsToggle.click();
      await page.getByRole("complementary", { name: "Visitor details" }).getByText(
        "https://shop.example/returns?order=4711",
      )
        .waitFor();
      assert.equal(await anonRow.getByText(/unread message/).count(), 0, "an open thread is read");
      await shot(page, "inbox-thread-details");
      // The panel over the thread took focus; Escape closes it and gives focus back.
      const closeDetails = page.getByRole("button", { name: "Close visitor details" });
      assert.ok(await closeDetails.evaluate((el) => el === document.activeElement));
      await page.keyboard.press("Escape");
      assert.equal(await detailsToggle.getAttribute("aria-expanded"), "false");
      assert.ok(await detailsToggle.evaluate((el) => el === document.activeElement));
      await shot(page, "inbox-thread");

      // Take over: the AI stops; the visitor is told.
      await page.getByRole("button", { name: "Take over" }).click();
      await page.getByRole("button", { name: "Hand back to AI" }).waitFor();
      await log(page).getByText("Margaret from the team joined the conversation.").waitFor();
      await anon.ws.waitFor((f) => f.type === "conversation" && f.conversation.handledBy === "human");

      // Reply from the Inbox (Enter sends); the visitor's socket gets the staff message.
      const reply = page.getByRole("textbox", { name: "Reply" });
      await reply.fill("Hi! I'm Margaret.");
      await reply.press("Shift+Enter");
      await reply.pressSequentially("I'll check your refund now.");
      await reply.press("Enter");
      const text = "Hi! I'm Margaret.\nI'll check your refund now.";
      const got = await anon.ws.waitFor((f) =>
        f.type === "message" && f.message.author.kind === "staff" && f.message.text === text
      ) as Extract<ServerFrame, { type: "message" }>;
      assert.equal(got.message.author.name, "Margaret Hamilton");
      assert.equal(await reply.inputValue(), "", "the box is cleared");
      const staffBubble = log(page).locator('[data-kind="staff"]').filter({ hasText: "I'll check your refund now." });
      await staffBubble.getByText("Margaret Hamilton").waitFor();
      assert.equal(await log(page).getByText("Sending…").count(), 0, "acknowledged");

      // The visitor types, then reads: "typing…" then "Seen".
      anon.ws.send({ type: "typing", conversationId: anon.conversationId, on: true });
      await page.getByText(`${anon.label} is typing…`).waitFor();
      anon.ws.send({ type: "read", conversationId: anon.conversationId, seq: got.message.seq });
      await staffBubble.getByText("Seen").waitFor();

      // Hostile text arrives as text: no dialog, no image, no link.
      for (const h of HOSTILE) await anon.say(h);
      for (const h of HOSTILE) await log(page).getByText(h, { exact: true }).waitFor();
      assert.equal(await page.getByText(`${anon.label} is typing…`).count(), 0, "a message ends typing");
      assert.equal(await log(page).locator("img, script").count(), 0);
      assert.equal(await log(page).locator('a[href^="javascript:"]').count(), 0);
      await page.waitForTimeout(300);
      assert.deepEqual(dialogs, []);
      await atBottom(page); // the log follows the newest message
      await shot(page, "inbox-taken-over");

      // Filters: the taken-over one needs a human; the other is the AI's.
      await page.getByRole("button", { name: "Needs human" }).click();
      await row(page, anon.label).waitFor();
      assert.equal(await row(page, "Ada Lovelace").count(), 0);
      await page.getByRole("button", { name: "AI-handled" }).click();
      await row(page, "Ada Lovelace").waitFor();
      assert.equal(await row(page, anon.label).count(), 0);
      await page.getByRole("button", { name: "All", exact: true }).click();

      // Hand back to AI.
      await page.getByRole("button", { name: "Hand back to AI" }).click();
      await page.getByRole("button", { name: "Take over" }).waitFor();
      await log(page).getByText("The AI assistant is answering again.").waitFor();

      // Attachments: a PNG shows inline; an SVG (markup) is only a link, never drawn.
      const dataUrl = await page.evaluate(() => {
        const canvas = Object.assign(document.createElement("canvas"), { width: 240, height: 120 });
        const g = canvas.getContext("2d")!;
        g.fillStyle = "#e0e7ff";
        g.fillRect(0, 0, 240, 120);
        g.fillStyle = "#4338ca";
        g.font = "bold 28px sans-serif";
        g.fillText("RMA #4711", 40, 70);
        return canvas.toDataURL("image/png");
      });
      const png = Uint8Array.from(atob(dataUrl.split(",")[1]), (ch) => ch.charCodeAt(0));
      const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>');
      await anon.say("Here is the label", [await anon.upload("label.png", png), await anon.upload("logo.svg", svg)]);
      const files = log(page).locator('[data-kind="visitor"]').filter({ hasText: "Here is the label" });
      const image = files.getByRole("img", { name: "label.png" });
      await image.waitFor();
      await page.waitForFunction((el) => (el as HTMLImageElement).naturalWidth > 0, await image.elementHandle());
      assert.equal(await files.locator("img").count(), 1);
      await files.getByRole("link", { name: /logo\.svg/ }).waitFor();
      await atBottom(page); // still, once the image has loaded and made the thread taller
      await shot(page, "inbox-attachments");

      // A reader who scrolled up to read is left where they are when a message arrives.
      await log(page).evaluate((el) => el.scrollTo(0, 0));
      await page.waitForFunction((el) => el!.scrollTop === 0, await log(page).elementHandle());
      await page.waitForTimeout(100);
      await anon.say("One more thing");
      await log(page).getByText("One more thing").waitFor();
      assert.equal(await log(page).evaluate((el) => el.scrollTop), 0);
      await log(page).evaluate((el) => el.scrollTo(0, el.scrollHeight));

      // The connection drops; what was said meanwhile arrives on reconnect.
      offline = true;
      await live!.close();
      await page.getByRole("status").filter({ hasText: "Reconnecting…" }).waitFor();
      await anon.say("Are you still there?");
      offline = false;
      await page.getByRole("status").filter({ hasText: "Live" }).waitFor({ timeout: 20_000 });
      await log(page).getByText("Are you still there?").waitFor();
      await e2e.ctx.ai.idle();

      // The deep link renders the conversation selected; another id is a 404.
      await page.goto(`${e2e.url}/inbox/${ada.conversationId}`);
      await page.getByRole("heading", { name: "Ada Lovelace", level: 2 }).first().waitFor();
      await log(page).getByText("Do you offer gift wrapping?").waitFor();
      await page.getByRole("button", { name: "Visitor details", exact: true }).click();
      const details = page.getByRole("complementary", { name: "Visitor details" });
      await details.getByText("ada@shop.example").first().waitFor();
      await details.getByText("Not verified").waitFor();
      await shot(page, "inbox-deep-link");
      const missing = await page.goto(`${e2e.url}/inbox/65f1c0ffee0000000000abcd`);
      assert.equal(missing?.status(), 404);

      // A phone: the list, then the thread as its own view, and back.
      const phone = await e2e.browser.newContext({ viewport: MOBILE, isMobile: true, hasTouch: true });
      await phone.addCookies([{ name, value, url: e2e.url }]);
      const mobile = e2e.watch(await phone.newPage());
      await mobile.goto(`${e2e.url}/inbox`);
      await row(mobile, anon.label).waitFor();
      assert.equal(await mobile.getByRole("log").count(), 0, "no thread beside the list");
      await shot(mobile, "inbox-mobile-list");
      await row(mobile, anon.label).tap();
      await mobile.waitForURL(`${e2e.url}/inbox/${anon.conversationId}`);
      await log(mobile).getByText("Are you still there?").waitFor();
      assert.equal(await mobile.getByRole("list", { name: "Conversations" }).isVisible(), false);
      await mobile.getByRole("textbox", { name: "Reply" }).waitFor();
      await shot(mobile, "inbox-mobile-thread");
      await mobile.getByRole("button", { name: "Back to conversations" }).tap();
      await mobile.waitForURL(`${e2e.url}/inbox`);
      await row(mobile, "Ada Lovelace").waitFor();

      // Chromium reports the refused connections while offline; nothing else may fail.
      const errors = e2e.errors.filter((e) => !/WebSocket connection to .* failed|ERR_INTERNET_DISCONNECTED/.test(e));
      assert.deepEqual(errors, [], "no console errors or uncaught exceptions");
    } finally {
      for (const s of sockets) await s.close().catch(() => {});
      await e2e.close();
    }
  },
});
