/**
 * Tickets in a real browser, with a visitor played from Deno over a real
 * WebSocket: the empty list; a visitor asks for a person and the ticket
 * appears live (unread), as does one staff open through the API; filters
 * in the URL; j/k through the list; the ticket view with a reply that
 * reaches the visitor, an internal note that never does, a canned response
 * typed as `/shortcut`; priority, "Assign to me", `e` to resolve (the
 * visitor is asked for a rating), the rating arriving live; a teammate in
 * another browser context seeing the status change live and the server's
 * refusal to reopen a closed ticket; j/k and Esc in the ticket view; the
 * phone layout. Screenshots: `tests/e2e/screenshots/tickets-*.png`.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { createApp } from "../../app.ts";
import type { ServerFrame } from "../../realtime/protocol.ts";
import { addMember, call, type CallOptions, signUp } from "../helpers.ts";
import { connect, type TestSocket } from "../realtime/ws_client.ts";
import { DESKTOP, type E2E, expectAccessible, hasChromium, MOBILE, SHOTS, startE2E } from "./browser.ts";

const KNOWLEDGE = `# Returns

## When will I get my refund?
Refunds are issued within 5 business days of receiving the returned item.

## Lost parcels
Parcels that have not arrived within 10 business days are replaced or refunded in full.
`;

const QUESTION = "My parcel never arrived and I'd like to talk to someone about it";
const REPLY = "Hi Grace, I'm looking into your parcel right now.";
const NOTE = "NOTE-7731: carrier says it is stuck in Memphis";
const CANNED_BODY = "Refunds reach your card within 5 business days of the item arriving back with us.";

/** A visitor on the customer's site, with a name and email: a widget session and its socket. */
async function visitor(e2e: E2E, agentId: string, name: string, email: string) {
  const session = await fetch(`${e2e.url}/api/widget/session`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: "https://shop.example" },
    body: JSON.stringify({ agentId }),
  }).then((r) => r.json()) as { token: string; visitorId: string };
  const identified = await fetch(`${e2e.url}/api/widget/identify`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${session.token}` },
    body: JSON.stringify({ name, email }),
  });
  assert.equal(identified.status, 200);
  const ws = await connect(`${e2e.url}/api/widget/ws`);
  ws.send({ type: "hello", token: session.token });
  await ws.waitFor((f) => f.type === "welcome");
  let conversationId = "";
  return {
    ws,
    token: session.token,
    get conversationId() {
      return conversationId;
    },
    async say(text: string) {
      const clientId = `visitor-${crypto.randomUUID().slice(0, 8)}`;
      ws.send({
        type: "send",
        clientId,
        text,
        ...(conversationId ? { conversationId } : { pageUrl: "https://shop.example/orders/4711" }),
      });
      const ack = await ws.waitFor((f) => f.type === "ack" && f.clientId === clientId, 10_000) as Extract<
        ServerFrame,
        { type: "ack" }
      >;
      conversationId = ack.message.conversationId;
      return ack.message;
    },
    handoff() {
      ws.send({ type: "handoff", conversationId });
    },
  };
}

const rows = (page: Page) => page.getByRole("list", { name: "Tickets" }).getByRole("link");
const row = (page: Page, text: string) => rows(page).filter({ hasText: text });
const log = (page: Page) => page.getByRole("log");
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");
/** Waits until the element with `id` has focus (focus moves right after the render that follows a key). */
const focused = (page: Page, id: string) =>
  page.waitForFunction((id) => document.activeElement?.id === id, id, { timeout: 2000 });

/** The viewport (the list and the ticket view fit it; the thread scrolls inside). */
async function shot(page: Page, name: string, fullPage = false) {
  await page.waitForTimeout(250); // transitions and focus rings settle
  await expectAccessible(page, name);
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage });
}

Deno.test({
  name: "tickets: live list and filters, reply / note / canned, priority, assign, resolve, rating, teammate, shortcuts",
  ignore: !hasChromium,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const e2e = await startE2E();
    const sockets: TestSocket[] = [];
    try {
      const app = createApp(e2e.ctx.deps);
      const admin = await signUp(app, {
        name: "Katherine Johnson",
        email: "katherine@langley.test",
        company: "Langley",
      });
      const api = (method: string, path: string, opts: CallOptions = {}) =>
        call(app, method, path, { cookie: admin.cookie, origin: e2e.url, ...opts });
      const { agent } = await (await api("POST", "/api/agents", { body: { name: "Langley Helper" } })).json();
      const trained = await api("POST", `/api/agents/${agent.id}/train`, {
        body: { type: "text", content: KNOWLEDGE, metadata: { title: "Returns" } },
      });
      assert.equal(trained.status, 202);
      await e2e.ctx.runner.idle();
      const canned = await api("POST", "/api/canned-responses", {
        body: { title: "Refund timeline", shortcut: "refund", body: CANNED_BODY },
      });
      assert.equal(canned.status, 201);
      const member = await addMember(app, e2e.ctx.dir, admin.cookie, "dorothy@langley.test");

      const desktop = await e2e.browser.newContext({ viewport: DESKTOP, locale: "en-US" });
      const [cookieName, cookieValue] = admin.cookie.split("=");
      await desktop.addCookies([{ name: cookieName, value: cookieValue, url: e2e.url }]);
      const page = e2e.watch(await desktop.newPage());

      // Empty: says what to do, already live. The nav has Tickets beside the Inbox.
      await page.goto(`${e2e.url}/inbox/tickets`);
      assert.equal(await page.title(), "Tickets · Frontdesk");
      await page.getByRole("heading", { name: "No tickets yet", level: 2 }).waitFor();
      await page.getByRole("status").filter({ hasText: "Live" }).waitFor();
      const nav = page.getByRole("navigation", { name: "Main" });
      assert.equal(await nav.getByRole("link", { name: "Tickets" }).getAttribute("aria-current"), "page");

      // A visitor asks for a person: the ticket appears without a reload, unread.
      const grace = await visitor(e2e, agent.id, "Grace Hopper", "grace@shop.example");
      sockets.push(grace.ws);
      await grace.say(QUESTION);
      await e2e.ctx.ai.idle();
      grace.handoff();
      const graceRow = row(page, QUESTION);
      await graceRow.waitFor({ timeout: 10_000 });
      await graceRow.getByText("Grace Hopper").waitFor();
      await graceRow.getByText("(unread messages)").waitFor();
      await graceRow.getByText("Unassigned").waitFor();
      await graceRow.getByText("Status: Open", { exact: true }).waitFor();
      await graceRow.getByText("Priority: Medium", { exact: true }).waitFor();

      // One staff open for a caller shows up too, on top (newest first).
      const opened = await api("POST", "/api/tickets", {
        body: {
          title: "Copy of the March invoice",
          customerEmail: "ops@tycho.test",
          customerName: "Tycho Ops",
          agentId: agent.id,
          priority: "low",
          tags: ["billing"],
        },
      });
      assert.equal(opened.status, 201);
      const invoice = (await opened.json()).ticket as { id: string };
      const invoiceRow = row(page, "Copy of the March invoice");
      await invoiceRow.waitFor();
      assert.match((await rows(page).allInnerTexts())[0], /March invoice/);
      await invoiceRow.getByText("#billing").waitFor();
      await shot(page, "tickets-list");

      // Filters are controls that update the URL; a change that no longer matches leaves the list.
      await page.getByLabel("Priority", { exact: true }).selectOption("low");
      await page.waitForURL(/\/inbox\/tickets\?priority=low$/);
      await graceRow.waitFor({ state: "detached" });
      assert.equal(await rows(page).count(), 1);
      await page.getByLabel("Search").fill("nothing like this");
      await page.getByRole("heading", { name: "No tickets match these filters" }).waitFor();
      assert.match(page.url(), /q=nothing\+like\+this/);
      await page.getByRole("button", { name: "Clear filters" }).first().click();
      await page.waitForURL(`${e2e.url}/inbox/tickets`);
      await graceRow.waitFor();
      // The filters survive a reload (the server renders the same list).
      await page.getByLabel("Tag", { exact: true }).fill("billing");
      await page.getByLabel("Tag", { exact: true }).press("Enter");
      await page.waitForURL(/tag=billing/);
      await page.reload();
      await invoiceRow.waitFor();
      assert.equal(await rows(page).count(), 1);
      assert.equal(await page.getByLabel("Tag", { exact: true }).inputValue(), "billing");
      await page.goto(`${e2e.url}/inbox/tickets`);
      await graceRow.waitFor();
      await page.getByRole("status").filter({ hasText: "Live" }).waitFor();

      // j / k move through the rows.
      await page.locator("body").click({ position: { x: 5, y: 5 } });
      await page.keyboard.press("j");
      await focused(page, `ticket-row-${invoice.id}`);
      await page.keyboard.press("j");
      await page.waitForFunction(
        (id) => document.activeElement?.id.startsWith("ticket-row-") && document.activeElement.id !== id,
        `ticket-row-${invoice.id}`,
      );
      const graceId = (await focusedId(page)).replace("ticket-row-", "");
      assert.notEqual(graceId, invoice.id);
      await page.keyboard.press("k");
      await focused(page, `ticket-row-${invoice.id}`);

      // Open Grace's ticket: the URL follows, the thread is there.
      await graceRow.click();
      await page.waitForURL(`${e2e.url}/inbox/tickets/${graceId}`);
      await page.getByRole("heading", { level: 1, name: QUESTION }).waitFor();
      await log(page).getByText(QUESTION).waitFor();
      assert.equal(await log(page).getAttribute("aria-live"), "polite");
      assert.equal(await page.title(), `${QUESTION} · Tickets · Frontdesk`);

      // Reply: the visitor's socket gets it.
      const box = page.locator("#ticket-reply");
      await box.fill(REPLY);
      await box.press("Enter");
      await grace.ws.waitFor((f) => f.type === "message" && f.message.text === REPLY);
      await log(page).locator('[data-kind="staff"]').getByText(REPLY).waitFor();
      assert.equal(await box.inputValue(), "");
      // Replying moved the ticket to In progress.
      assert.equal(await page.getByLabel("Status", { exact: true }).inputValue(), "in-progress");

      // An internal note: amber, locked, labelled; never on the visitor's socket.
      // `n` (outside the box: Escape leaves it) switches to a note and focuses the box.
      await box.press("Escape");
      await page.keyboard.press("n");
      assert.equal(await page.getByRole("radio", { name: "Internal note" }).isChecked(), true);
      await focused(page, "ticket-reply"); // n focuses the box
      await box.fill(NOTE);
      await page.getByRole("button", { name: "Add note" }).click();
      const note = log(page).locator('[data-kind="note"]').filter({ hasText: NOTE });
      await note.waitFor();
      await note.getByText("Internal note").waitFor();
      assert.equal(await note.locator("svg").count() > 0, true, "with a lock");

      // `r` switches back to a reply; `/ref` opens the canned menu; Enter inserts the body.
      await box.press("Escape");
      await page.keyboard.press("r");
      await focused(page, "ticket-reply"); // r focuses the reply box
      assert.equal(await page.getByRole("radio", { name: "Reply" }).isChecked(), true);
      await box.pressSequentially("/ref");
      const menu = page.getByRole("listbox", { name: "Canned responses" });
      await menu.getByRole("option", { name: /Refund timeline/ }).waitFor();
      assert.equal(await box.getAttribute("aria-activedescendant"), "canned-option-0");
      await shot(page, "tickets-view");
      await box.press("Enter");
      assert.equal(await box.inputValue(), CANNED_BODY);
      assert.equal(await menu.count(), 0, "the menu closes");
      await box.press("Enter");
      await grace.ws.waitFor((f) => f.type === "message" && f.message.text === CANNED_BODY);

      // Priority, then "Assign to me".
      await page.getByLabel("Priority", { exact: true }).selectOption("high");
      await page.getByText("Priority set to High.").waitFor();
      await log(page).getByText("Priority changed to high by Katherine Johnson.").waitFor();
      await page.getByRole("button", { name: "Assign to me" }).click();
      await page.getByText("Assigned to you.").waitFor();
      assert.equal(await page.getByLabel("Assignee").inputValue(), admin.user.id);
      await log(page).getByText("Assigned to Katherine Johnson by Katherine Johnson.").waitFor();

      // The note never reached the visitor.
      await page.waitForTimeout(500);
      assert.ok(!grace.ws.frames.some((f) => JSON.stringify(f).includes("NOTE-7731")), "no frame has the note");

      // Escalate raises the priority one step, recorded in the thread.
      await page.getByRole("button", { name: "Escalate" }).click();
      await page.getByText("Escalated: priority is now urgent.").waitFor();
      assert.equal(await page.getByLabel("Priority", { exact: true }).inputValue(), "urgent");
      await log(page).getByText(/^Escalated: Katherine Johnson escalated this ticket/).waitFor();

      // A teammate (another browser) has the in-progress list in one tab and the ticket in another.
      const teammate = await e2e.browser.newContext({ viewport: DESKTOP, locale: "en-US" });
      const [mName, mValue] = member.cookie.split("=");
      await teammate.addCookies([{ name: mName, value: mValue, url: e2e.url }]);
      const otherList = e2e.watch(await teammate.newPage());
      await otherList.goto(`${e2e.url}/inbox/tickets?status=in-progress`);
      await row(otherList, QUESTION).waitFor();
      await otherList.getByRole("status").filter({ hasText: "Live" }).waitFor();
      // Members choose among Anyone / Unassigned / Mine (the team list is for admins).
      assert.deepEqual(await otherList.locator("#tickets-assignee option").allInnerTexts(), [
        "Anyone",
        "Unassigned",
        "Mine",
      ]);
      const other = e2e.watch(await teammate.newPage());
      await other.goto(`${e2e.url}/inbox/tickets/${graceId}`);
      await log(other).getByText(NOTE).waitFor();
      await other.getByRole("status").filter({ hasText: "Live" }).waitFor();
      assert.equal(await other.getByLabel("Status", { exact: true }).inputValue(), "in-progress");

      // `e` resolves; the visitor is asked for a rating; the teammate sees it live.
      await page.getByRole("heading", { level: 1 }).click();
      await page.keyboard.press("e");
      await page.getByText("Status changed to Resolved.").waitFor();
      const ask = await grace.ws.waitFor((f) =>
        f.type === "message" && f.message.author.kind === "system" && f.message.event === "rating_request"
      ) as Extract<ServerFrame, { type: "message" }>;
      assert.equal(ask.message.ticketId, graceId);
      await other.getByText("Status: Resolved", { exact: true }).waitFor();
      assert.equal(await other.getByLabel("Status", { exact: true }).inputValue(), "resolved");
      // No longer in progress: it leaves the teammate's filtered list, live.
      await row(otherList, QUESTION).waitFor({ state: "detached" });
      await otherList.getByRole("heading", { name: "No tickets match these filters" }).waitFor();

      // The visitor rates: the rating shows on both ticket views without a reload.
      const rated = await fetch(`${e2e.url}/api/widget/conversations/${grace.conversationId}/rating`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${grace.token}` },
        body: JSON.stringify({ score: 4, comment: "Quick and kind." }),
      });
      assert.equal(rated.status, 200);
      await page.getByRole("img", { name: "Rated 4 out of 5" }).waitFor();
      await page.getByText("“Quick and kind.”").waitFor();
      await other.getByRole("img", { name: "Rated 4 out of 5" }).waitFor();

      // The teammate closes it; reopening is refused (closed is final unless admin), and the page says why.
      await other.getByLabel("Status", { exact: true }).selectOption("closed");
      await other.getByText("Status changed to Closed.").waitFor();
      await page.getByText("Status: Closed", { exact: true }).waitFor();
      await other.getByLabel("Status", { exact: true }).selectOption("open");
      await other.getByRole("alert").filter({ hasText: "A closed ticket is final; only an admin can reopen it." })
        .waitFor();
      assert.equal(await other.getByLabel("Status", { exact: true }).inputValue(), "closed", "the select goes back");
      await teammate.close();

      // j / k in the ticket view open the next and previous ticket; Esc goes back to the list.
      await page.getByRole("heading", { level: 1 }).click();
      await page.keyboard.press("k");
      await page.waitForURL(`${e2e.url}/inbox/tickets/${invoice.id}`);
      await page.getByRole("heading", { level: 1, name: "Copy of the March invoice" }).waitFor();
      await log(page).getByText("Katherine Johnson opened this ticket.").waitFor();
      await page.keyboard.press("j");
      await page.waitForURL(`${e2e.url}/inbox/tickets/${graceId}`);
      await log(page).getByText(NOTE).waitFor();
      await page.keyboard.press("Escape");
      await page.waitForURL(`${e2e.url}/inbox/tickets`);
      // Focus returns to the ticket's row.
      await focused(page, `ticket-row-${graceId}`);
      await graceRow.getByText("Rated 4 out of 5").waitFor();
      await graceRow.getByText("Status: Closed", { exact: true }).waitFor();
      await graceRow.getByText("Katherine Johnson").waitFor();
      // "?" lists the shortcuts.
      await page.keyboard.press("?");
      const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
      await help.getByText("Assign to me").waitFor();
      await page.keyboard.press("Escape");
      await help.waitFor({ state: "detached" });
      await focused(page, "tickets-shortcuts-button"); // focus goes back to the ? button

      // The rating is there after a reload too; an unknown ticket is a 404.
      await page.goto(`${e2e.url}/inbox/tickets/${graceId}`);
      await page.getByRole("img", { name: "Rated 4 out of 5" }).waitFor();
      assert.equal(await page.getByLabel("Status", { exact: true }).inputValue(), "closed");
      const missing = await page.goto(`${e2e.url}/inbox/tickets/65f1c0ffee0000000000abcd`);
      assert.equal(missing?.status(), 404);

      // A phone: the list, and a ticket with its thread and then its details.
      const phone = await e2e.browser.newContext({ viewport: MOBILE, isMobile: true, hasTouch: true, locale: "en-US" });
      await phone.addCookies([{ name: cookieName, value: cookieValue, url: e2e.url }]);
      const mobile = e2e.watch(await phone.newPage());
      await mobile.goto(`${e2e.url}/inbox/tickets`);
      await row(mobile, QUESTION).waitFor();
      await shot(mobile, "tickets-mobile-list", true);
      await row(mobile, QUESTION).tap();
      await mobile.waitForURL(`${e2e.url}/inbox/tickets/${graceId}`);
      await log(mobile).getByText(NOTE).waitFor();
      await shot(mobile, "tickets-mobile-view", true);

      // More than a page: "Load more" brings the rest.
      for (let i = 1; i <= 27; i++) {
        const res = await api("POST", "/api/tickets", {
          body: { title: `Bulk request ${i}`, customerEmail: `bulk${i}@tycho.test`, agentId: agent.id, tags: ["bulk"] },
        });
        assert.equal(res.status, 201);
      }
      await page.goto(`${e2e.url}/inbox/tickets?tag=bulk&sort=oldest`);
      assert.equal(await rows(page).count(), 25);
      assert.match((await rows(page).allInnerTexts())[0], /Bulk request 1\b/);
      await page.getByRole("button", { name: "Load more" }).click();
      await row(page, "Bulk request 27").waitFor();
      assert.equal(await rows(page).count(), 27);
      assert.equal(await page.getByRole("button", { name: "Load more" }).count(), 0);

      assert.deepEqual(e2e.errors, [], "no console errors or uncaught exceptions");
    } finally {
      for (const s of sockets) await s.close().catch(() => {});
      await e2e.close();
    }
  },
});
