/**
 * Tickets and handoff from the visitor's side, in a real browser, with the
 * widget on a customer's page on another origin (`localhost` vs the app's
 * `127.0.0.1`).
 *
 * A (desktop): "Talk to a human" opens a ticket; the server's email request
 * becomes a form in the transcript (validated, then "Thanks! We'll reply to
 * …" and the ticket has the email); staff replies arrive live, internal notes
 * never reach the visitor (not in the widget, not on its socket); resolving
 * shows the rating card; a 5 with a comment lands on the ticket and the card
 * does not come back after a reload.
 *
 * B (phone): the visitor hands off, leaves an email and closes the page; the
 * staff reply goes out by email with a link back to the page
 * (`#frontdesk=<conversation id>`); the link opens the widget on that
 * conversation with the reply, and the fragment is removed. Another visitor's
 * link just opens the widget. Rating a ticket that was reopened shows the
 * server's refusal.
 *
 * Screenshots: `tests/e2e/screenshots/widget-ticket-{email,rating}-{desktop,mobile}.png`.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { readOutbox } from "../helpers.ts";
import { acmeWithAgent, browserTest, DESKTOP, type E2E, MOBILE, until, waitForLink } from "./browser.ts";

/** The customer's site: a page with the snippet, on another origin than the app. */
function startHostSite(appUrl: string, agentId: string) {
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, (req) => {
    const path = new URL(req.url).pathname;
    if (path !== "/" && path !== "/help") return new Response("not found", { status: 404 });
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme shop</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { margin: 0; font-family: Georgia, serif; background: #fdf6e3; color: #222; }
  body * { font-size: 28px !important; color: #b00 !important; }
  input, textarea { visibility: hidden !important; }
  main { padding: 16px 32px; }
</style>
</head><body><main><h1>Acme Outfitters</h1><p>Jackets for every weather.</p></main>
<script src="${appUrl}/widget.js" data-agent-id="${agentId}" async></script>
</body></html>`;
    return new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } });
  });
  return { url: `http://localhost:${server.addr.port}`, close: () => server.shutdown() };
}

async function setup(e2e: E2E) {
  const { api, agent } = await acmeWithAgent(e2e, "Grace Hopper");
  // Enough knowledge for a confident answer about parcels (so the AI does not hand off by itself).
  await api("POST", `/api/agents/${agent.id}/train`, {
    type: "text",
    content: "# Lost parcels\n\nIf your parcel never arrived, it is usually still with the carrier. " +
      "Parcels that have not arrived within 10 business days are replaced or refunded in full.",
  });
  await e2e.ctx.runner.idle();
  return { agent, api };
}

interface TicketJson {
  id: string;
  conversationId: string;
  customerEmail: string;
  status: string;
  rating: { score: number; comment?: string } | null;
}

/** The widget's parts, found by role and name (Playwright pierces the open shadow root). */
function widget(page: Page) {
  return {
    launcher: page.getByRole("button", { name: "Open chat", exact: true }),
    panel: page.getByRole("dialog", { name: "Acme support" }),
    log: page.getByRole("log", { name: "Conversation" }),
    input: page.getByRole("textbox", { name: "Message", exact: true }),
    human: page.getByRole("button", { name: "Talk to a human" }),
    email: page.getByRole("textbox", { name: "Email", exact: true }),
    save: page.getByRole("button", { name: "Save", exact: true }),
    star: (n: number) => page.getByRole("button", { name: `Rate ${n} out of 5`, exact: true }),
    comment: page.getByRole("textbox", { name: "Comment (optional)" }),
    sendRating: page.getByRole("button", { name: "Send rating", exact: true }),
  };
}

/** Everything the widget's shadow root shows, as text. */
const widgetText = (page: Page) => page.locator("#frontdesk-widget").evaluate((el) => el.shadowRoot?.textContent ?? "");

/** Every text frame the page's WebSockets received. */
function recordFrames(page: Page): string[] {
  const frames: string[] = [];
  page.on("websocket", (ws) => ws.on("framereceived", (f) => frames.push(String(f.payload))));
  return frames;
}

async function shot(e2e: E2E, page: Page, name: string) {
  await page.waitForTimeout(300); // the panel's entrance and focus rings settle
  await e2e.shot(page, name);
}

const FOLLOW_UP = "A person from our team will follow up here.";

browserTest(
  "widget tickets: handoff, email request, live staff replies without internal notes, rating, email link back",
  async (e2e) => {
    const { agent, api } = await setup(e2e);
    const host = startHostSite(e2e.url, agent.id);
    const tickets = async (): Promise<TicketJson[]> => (await api("GET", "/api/tickets")).tickets;
    const ticket = async (id: string): Promise<TicketJson> => (await api("GET", `/api/tickets/${id}`)).ticket;
    try {
      // ---- A: desktop ----
      const desktop = await e2e.browser.newContext({ viewport: DESKTOP, locale: "en-US" });
      const page = e2e.watch(await desktop.newPage());
      const frames = recordFrames(page);
      await page.goto(host.url);
      const w = widget(page);
      await w.launcher.click();
      await w.panel.waitFor();

      // "Talk to a human" with no conversation yet: it starts one, hands it off, and a ticket opens.
      await w.human.click();
      await w.email.waitFor({ timeout: 15_000 });
      const a = await until("the ticket", async () => (await tickets()).find((t) => t.status === "open"));
      await w.log.getByText(FOLLOW_UP, { exact: true }).waitFor();
      await page.waitForTimeout(1500); // let the AI's answer to the request (if any) settle
      assert.equal(await page.getByText(FOLLOW_UP).count(), 1, "the follow-up sentence is shown once");
      assert.equal(await w.email.count(), 1, "one email form, however often the server asks");
      assert.equal(await w.human.count(), 0, "no second handoff button");
      assert.equal(
        await page.getByText("Leave your email so we can reply even if you close this page.").count(),
        1,
      );
      await shot(e2e, page, "widget-ticket-email-desktop");

      // The form checks the address before sending it, and says what is wrong next to the field.
      await w.email.fill("ada at example");
      await w.save.click();
      const invalid = page.getByText("Please enter a valid email address, like name@example.com.");
      await invalid.waitFor();
      assert.equal(await w.email.getAttribute("aria-invalid"), "true");
      assert.ok(await w.email.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el));
      await shot(e2e, page, "widget-ticket-email-invalid-desktop");
      await w.email.fill("ada@example.com");
      assert.equal(await invalid.count(), 0, "the error goes once the visitor edits");
      await w.save.click();
      const thanks = page.getByText("Thanks! We'll reply to ada@example.com.");
      await thanks.waitFor();
      assert.equal(await thanks.count(), 1);
      assert.equal(await w.email.count(), 0, "the form is replaced");
      assert.equal((await ticket(a.id)).customerEmail, "ada@example.com");

      // A staff reply arrives live; an internal note never reaches the visitor.
      await api("POST", `/api/tickets/${a.id}/messages`, { content: "Hi Ada, I'm on it." });
      await w.log.getByText("Hi Ada, I'm on it.").waitFor();
      await w.log.getByText("Grace Hopper", { exact: true }).waitFor();
      await api("POST", `/api/tickets/${a.id}/messages`, { content: "SECRET-NOTE", internal: true });
      await api("POST", `/api/tickets/${a.id}/messages`, { content: "Found it: a refund is on its way." });
      await w.log.getByText("Found it: a refund is on its way.").waitFor();
      await page.waitForTimeout(700);
      assert.ok(!(await widgetText(page)).includes("SECRET-NOTE"), "the note is not in the widget");
      assert.ok(!frames.some((f) => f.includes("SECRET-NOTE")), "nor on the visitor's socket");

      // Resolving asks for a rating in the transcript.
      await api("PUT", `/api/tickets/${a.id}/status`, { status: "resolved" });
      await page.getByText("How did we do?").waitFor();
      assert.equal(await w.sendRating.isDisabled(), true, "nothing to send before a score is picked");
      await w.star(4).hover();
      await shot(e2e, page, "widget-ticket-rating-desktop");
      await w.star(5).click();
      assert.equal(await w.star(5).getAttribute("aria-pressed"), "true");
      assert.equal(await w.star(4).getAttribute("aria-pressed"), "false");
      await w.comment.fill("Quick and kind, thank you!");
      await w.sendRating.click();
      await page.getByText("Thanks for your feedback!").waitFor();
      assert.equal(await w.star(5).count(), 0, "the card is gone");
      assert.ok(
        await page.getByText("Thanks for your feedback!").evaluate((el) =>
          (el.getRootNode() as ShadowRoot).activeElement === el
        ),
        "focus moves to the thank-you that replaced the form",
      );
      await shot(e2e, page, "widget-ticket-rated-desktop");
      const rated = await ticket(a.id);
      assert.equal(rated.rating?.score, 5);
      assert.equal(rated.rating?.comment, "Quick and kind, thank you!");
      assert.equal(
        await page.evaluate(([agentId, id]) => localStorage.getItem(`frontdesk:${agentId}:rated:${id}`), [
          agent.id,
          a.id,
        ]),
        "5",
      );

      // Back on the page later: the history returns, the card does not.
      await page.reload();
      await w.launcher.click();
      await w.log.getByText("Found it: a refund is on its way.").waitFor();
      await page.getByText("Thanks! We'll reply to ada@example.com.").waitFor();
      await page.getByText("Thanks for your feedback!").waitFor();
      assert.equal(await w.star(5).count(), 0, "not asked twice for the same ticket");
      assert.equal(await w.email.count(), 0, "not asked for an email it has");
      assert.equal(await page.getByText(FOLLOW_UP).count(), 1);
      await desktop.close();

      // ---- B: phone, away from the page ----
      const phone = await e2e.browser.newContext({
        viewport: MOBILE,
        locale: "en-US",
        hasTouch: true,
        isMobile: true,
        reducedMotion: "reduce",
      });
      let mobile = e2e.watch(await phone.newPage());
      await mobile.goto(`${host.url}/help?topic=parcel`);
      let m = widget(mobile);
      await m.launcher.click();
      await m.input.fill("My parcel never arrived.");
      await m.input.press("Enter");
      await m.log.getByText("My parcel never arrived.").waitFor();
      await m.log.getByText(/10 business days/).first().waitFor({ timeout: 15_000 });
      await m.human.click();
      await m.email.waitFor({ timeout: 15_000 });
      const b = await until("the second ticket", async () => (await tickets()).find((t) => t.id !== a.id));
      await shot(e2e, mobile, "widget-ticket-email-mobile");
      await m.email.fill("grace@example.com");
      await m.email.press("Enter");
      await mobile.getByText("Thanks! We'll reply to grace@example.com.").waitFor();
      assert.equal((await ticket(b.id)).customerEmail, "grace@example.com");

      // The visitor leaves; the reply goes by email with a link back to where they chatted.
      const { conversation } = await api("GET", `/api/conversations/${b.conversationId}`);
      await mobile.close();
      await until(
        "the visitor to be offline",
        async () => !(await e2e.ctx.deps.presence.isOnline(conversation.visitorId)),
      );
      await api("POST", `/api/tickets/${b.id}/messages`, { content: "Good news: it is out for delivery today." });
      const link = await waitForLink(e2e.ctx.dir, "grace@example.com", `#frontdesk=${b.conversationId}`);
      assert.equal(link, `${host.url}/help?topic=parcel#frontdesk=${b.conversationId}`);
      const mail = (await readOutbox(e2e.ctx.dir)).filter((x) => x.to === "grace@example.com");
      assert.equal(mail.length, 1);
      assert.ok(!JSON.stringify(mail).includes("SECRET-NOTE"));

      // The link opens the widget on that conversation by itself, then the fragment goes.
      mobile = e2e.watch(await phone.newPage());
      await mobile.goto(link);
      m = widget(mobile);
      await m.panel.waitFor();
      await m.log.getByText("Good news: it is out for delivery today.").waitFor();
      await m.log.getByText("My parcel never arrived.").waitFor();
      await until("the fragment to go", async () => !(await mobile.evaluate(() => location.hash)));
      assert.equal(mobile.url(), `${host.url}/help?topic=parcel`);

      // Resolved: the card, on a phone.
      await api("PUT", `/api/tickets/${b.id}/status`, { status: "resolved" });
      await m.star(1).waitFor();
      await shot(e2e, mobile, "widget-ticket-rating-mobile");

      // Reopened before the visitor rates: the server refuses, the card says why.
      await api("PUT", `/api/tickets/${b.id}/status`, { status: "in-progress" });
      await m.star(4).click();
      await m.sendRating.click();
      await mobile.getByText("This conversation is open again; you can rate it once it's resolved.").waitFor();
      await shot(e2e, mobile, "widget-ticket-rating-refused-mobile");
      assert.equal((await ticket(b.id)).rating, null);

      // Closing the panel and following the link again (same page: only the hash changes) reopens it.
      await mobile.getByRole("button", { name: "Close", exact: true }).click();
      await m.panel.waitFor({ state: "hidden" });
      await mobile.evaluate((id) => location.hash = `#frontdesk=${id}`, b.conversationId);
      await m.panel.waitFor();
      await until("the fragment to go", async () => !(await mobile.evaluate(() => location.hash)));
      await phone.close();

      // Someone else's link: the widget opens, on nothing of theirs.
      const stranger = await e2e.browser.newContext({ viewport: DESKTOP, locale: "en-US" });
      const other = e2e.watch(await stranger.newPage());
      await other.goto(link);
      const o = widget(other);
      await o.panel.waitFor();
      await other.waitForTimeout(700);
      assert.ok(!(await widgetText(other)).includes("out for delivery"), "another visitor's thread stays hidden");
      await stranger.close();

      assert.deepEqual(e2e.errors, []);
    } finally {
      await host.close();
    }
  },
);
