/**
 * The analytics page in a real browser, after real chats on two agents (one
 * handed off, answered, resolved and rated): the cards, both charts (drawn,
 * with their tables), the team table and the home page's cards show what
 * `/api/analytics` answers; the agent filter and a past period change the
 * numbers and the URL; the CSV link downloads the export. Screenshots:
 * `tests/e2e/screenshots/analytics*.png`.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { visitorSend } from "../../models/chat/chat.ts";
import type { Visitor } from "../../models/chat/conversation.ts";
import { startWidgetSession } from "../../models/chat/visitors.ts";
import { rateAsVisitor } from "../../models/tickets/ratings.ts";
import { acmeWithAgent, browserTest, MOBILE } from "./browser.ts";
import { expectHomeCards, loggedIn, signedIn } from "./staff.ts";

const metric = (page: Page, label: string) => page.locator(`[data-metric="${label}"] [data-value]`).textContent();

/** True when every chart's canvas has a size and at least one painted pixel. */
const chartsDrawn = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("[data-chart]")].map((box) => {
      const canvas = box.querySelector("canvas");
      if (!canvas || !canvas.width || !canvas.height) return false;
      const pixels = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i]) return true;
      return false;
    })
  );

browserTest(
  "analytics: cards, charts, tables and the CSV show the API's numbers, and the filters change them",
  async (e2e) => {
    const { api } = await acmeWithAgent(e2e, "Ada Owner");
    // Threshold 0: the fake AI's answers are not handed off for low confidence, only on request.
    const { agent } = await api("POST", "/api/agents", { name: "Shop Bot", handoffThreshold: 0 });
    const { agent: other } = await api("POST", "/api/agents", { name: "Billing Bot", handoffThreshold: 0 });
    // A category: the classifier puts the parcel and shipping questions in it (volume per category).
    await api("POST", "/api/categories", {
      name: "Shipping",
      description: "Deliveries, parcels, shipping abroad",
      examples: ["Where is my parcel?", "Do you ship abroad?"],
    });
    const deps = e2e.ctx.deps;
    const chats: Array<[string, string]> = [
      [agent.id, "Where is my parcel?"],
      [agent.id, "I want to talk to a human"],
      [agent.id, "Do you ship abroad?"],
      [other.id, "Can I get an invoice?"],
    ];
    const sent: { visitor: Visitor; conversationId: string }[] = [];
    for (const [i, [agentId, text]] of chats.entries()) {
      const { visitor } = await startWidgetSession(deps, { agentId });
      const { conversation } = await visitorSend(deps, visitor, { clientId: `client-stats-${i}000`, text });
      sent.push({ visitor, conversationId: conversation.id });
    }
    await e2e.ctx.ai.idle();
    // The handed-off conversation: the owner answers, resolves, and the customer rates it 5.
    const { tickets } = await api("GET", "/api/tickets");
    const ticket = tickets.find((t: { conversationId: string }) => t.conversationId === sent[1].conversationId);
    await api("POST", `/api/tickets/${ticket.id}/messages`, { content: "Here to help." });
    await api("PUT", `/api/tickets/${ticket.id}/status`, { status: "resolved" });
    await rateAsVisitor(deps, sent[1].visitor, sent[1].conversationId, { score: 5 });
    await api("PUT", `/api/tickets/${ticket.id}`, { tags: ["shipping"] });
    // The AI's answer to "Do you ship abroad?" is rated 4 in the widget ("This solved it"): the AI answer rating.
    await rateAsVisitor(deps, sent[2].visitor, sent[2].conversationId, { score: 4 });
    await e2e.ctx.ai.idle();

    const s = await api("GET", "/api/analytics/summary");
    const series = await api("GET", "/api/analytics/timeseries");
    assert.equal(s.conversations, 4);
    assert.equal(s.handoffs, 1);
    assert.equal(s.handoffReasons.customer, 1);
    assert.equal(s.csat.responses, 1);

    const page = await loggedIn(e2e, "owner@acme.test", { acceptDownloads: true });
    // The home page's cards equal the summary.
    await expectHomeCards(page, s);
    assert.equal(s.csat.average, 5);

    await page.getByRole("link", { name: "See analytics" }).click();
    await page.getByRole("heading", { name: "Analytics", level: 1 }).waitFor();
    assert.equal(await metric(page, "Conversations"), "4");
    assert.equal(await metric(page, "Customers"), String(s.customers));
    assert.equal(
      await metric(page, "Resolved by AI"),
      s.automationRate === null ? "–" : `${Math.round(s.automationRate * 100)}%`,
    );
    assert.equal(await metric(page, "Handoffs"), "1");
    assert.equal(await metric(page, "Customer satisfaction"), "5.0 / 5");
    assert.equal(await metric(page, "AI answer rating"), "4.0 / 5");
    assert.match((await page.locator('[data-metric="Conversations"]').textContent())!, /New vs previous period/);
    // Daily, handoff reasons, sentiment, categories.
    await page.waitForFunction(() => document.querySelectorAll("[data-chart] canvas").length === 4);
    assert.deepEqual(await chartsDrawn(page), [true, true, true, true]);
    assert.equal(await page.locator("[data-chart]").first().getAttribute("aria-hidden"), "true");

    // The charts' tables hold their numbers.
    const today = series.to as string;
    const dailyRow = page.locator('[data-table="daily"] tbody tr', { hasText: today });
    assert.deepEqual(await dailyRow.locator("td").allTextContents(), [
      String(series.days.at(-1).conversations),
      String(series.days.at(-1).aiResolved),
      "1",
    ]);
    assert.equal(await page.locator('[data-table="daily"] tbody tr').count(), 30);
    assert.equal(await page.locator('[data-reason="customer"] td').textContent(), "1");
    assert.equal(await page.locator('[data-reason="staff"] td').textContent(), "0");
    const owner = page.locator('[data-table="team"] tbody tr', { hasText: "Ada Owner" });
    assert.equal(await owner.locator("td").first().textContent(), "1");
    assert.equal(await owner.locator("td").nth(2).textContent(), "1");
    assert.equal(await owner.locator("td").nth(3).textContent(), "5.0 / 5");
    await page.getByText("Show the numbers").first().click();
    await e2e.shot(page, "analytics-data");

    // Sentiment and categories: their tables hold the API's numbers.
    assert.ok(s.sentiment.messages >= 4, "every customer message is scored");
    const day = series.days.at(-1);
    const sentimentRow = page.locator('[data-table="sentiment"] tbody tr', { hasText: today });
    assert.deepEqual((await sentimentRow.locator("td").allTextContents()).slice(0, 2), [
      String(day.sentiment.messages),
      day.sentiment.average === null ? "–" : day.sentiment.average.toFixed(2),
    ]);
    assert.ok(series.categories.length > 0, "the shipping questions are categorized");
    assert.deepEqual(series.categories, s.categories);
    for (const c of series.categories) {
      assert.deepEqual(await page.locator(`[data-category="${c.name}"] td`).allTextContents(), [
        String(c.conversations),
        String(c.tickets),
      ]);
    }
    const panels = page.locator("#sentiment-title").locator("xpath=ancestor::div[contains(@class, 'grid')][1]");
    for (const id of ["sentiment", "categories"]) {
      await page.locator(`figure[aria-labelledby="${id}-title"] summary`).click();
    }
    await panels.scrollIntoViewIfNeeded();
    await panels.screenshot({ path: "tests/e2e/screenshots/analytics-sentiment-panels.png" });
    await e2e.shot(page, "analytics-sentiment");

    // The heatmap is a table of numbers: they add up to the conversations.
    const cells = await page.locator('[data-table="heatmap"] tbody td').allTextContents();
    assert.equal(cells.length, 7 * 24);
    assert.equal(cells.reduce((sum, c) => sum + Number(c || 0), 0), 4);
    // Common questions: the API's topics, in its order.
    const topics = await api("GET", "/api/analytics/topics?limit=10");
    const topicRows = page.locator('[data-table="topics"] tbody tr');
    assert.equal(await topicRows.count(), topics.topics.length);
    assert.match(
      (await topicRows.first().locator("th").textContent())!,
      new RegExp(topics.topics[0].label.replace("?", "\\?")),
    );
    // A gap fixed from its dialog: the answer becomes knowledge, the gap shows as fixed.
    const gaps = await api("GET", "/api/analytics/gaps?limit=10");
    assert.ok(gaps.gaps.length > 0, "the fake AI, without knowledge, answers unsure");
    const gap = page.locator('[data-list="gaps"] li', { hasText: gaps.gaps[0].label });
    await gap.getByRole("button", { name: "Add an answer" }).click();
    await page.getByRole("dialog", { name: "Teach the AI this answer" }).waitFor();
    assert.equal(await page.getByRole("textbox", { name: "Question" }).inputValue(), gaps.gaps[0].label);
    await page.getByRole("textbox", { name: "Answer" }).fill(
      "We ship to 40 countries; see the shipping page for the list.",
    );
    await e2e.shot(page, "analytics-gap-fix");
    await page.getByRole("button", { name: "Add to knowledge" }).click();
    await gap.getByText("Fixed").waitFor();
    const sources = await api("GET", `/api/agents/${gaps.gaps[0].agentId}/sources`);
    assert.ok(sources.sources.some((x: { title: string }) => x.title === gaps.gaps[0].label));
    await e2e.shot(page, "analytics-questions");

    // The CSV link downloads the export of the period shown.
    const link = page.getByRole("link", { name: "Download CSV" });
    assert.equal(await link.getAttribute("href"), `/api/analytics/export.csv?from=${series.from}&to=${series.to}`);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    assert.match(download.suggestedFilename(), /\.csv$/);
    const csv = await Deno.readTextFile((await download.path())!);
    const lines = csv.trim().split("\n");
    assert.match(lines[0], /^conversation_id,started_at,agent,/);
    assert.equal(lines.length, 1 + 4);

    // A ticket tag: every panel counts the tagged conversations only, the CSV link follows, the note says so.
    await page.getByLabel("Ticket tag").fill("shipping");
    await page.getByLabel("Ticket tag").press("Enter");
    await page.locator('[data-metric="Conversations"] [data-value]', { hasText: /^1$/ }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get("tag"), "shipping");
    assert.equal(await metric(page, "Handoffs"), "1");
    assert.equal(await metric(page, "Customer satisfaction"), "5.0 / 5");
    assert.equal(await metric(page, "AI answer rating"), "–");
    await page.locator("[data-tag-note]").waitFor();
    const taggedDays = (await api("GET", `/api/analytics/timeseries?tag=shipping`)).days;
    await page.locator('[data-table="daily"] tbody tr', { hasText: today }).locator("td").first()
      .filter({ hasText: String(taggedDays.at(-1).conversations) }).waitFor();
    assert.equal(await page.locator('[data-table="team"] tbody tr', { hasText: "Ada Owner" }).count(), 1);
    assert.match((await link.getAttribute("href"))!, /tag=shipping/);
    await e2e.shot(page, "analytics-tag");
    await page.getByLabel("Ticket tag").fill("");
    await page.getByLabel("Ticket tag").press("Enter");
    await page.locator('[data-metric="Conversations"] [data-value]', { hasText: /^4$/ }).waitFor();
    assert.equal(new URL(page.url()).searchParams.has("tag"), false);

    // One agent: the numbers and the URL follow.
    await page.getByLabel("AI agent").selectOption({ label: "Billing Bot" });
    await page.waitForFunction(() => new URL(location.href).searchParams.has("agentId"));
    await page.locator('[data-metric="Conversations"] [data-value]', { hasText: /^1$/ }).waitFor();
    assert.equal(await metric(page, "Handoffs"), "0");
    assert.equal(new URL(page.url()).searchParams.get("agentId"), other.id);
    assert.match((await link.getAttribute("href"))!, new RegExp(`agentId=${other.id}`));
    await e2e.shot(page, "analytics-agent");

    // The URL is the state: a reload shows the same filters.
    await page.reload();
    assert.equal(await metric(page, "Conversations"), "1");
    assert.equal(await page.getByLabel("AI agent").inputValue(), other.id);

    // A past period: nothing in it, the empty state.
    await page.getByLabel("AI agent").selectOption({ label: "All agents" });
    await page.getByLabel("From").fill("2020-01-01");
    await page.getByLabel("To", { exact: true }).fill("2020-01-31");
    await page.getByRole("heading", { name: "No conversations in this period" }).waitFor();
    assert.equal(await metric(page, "Conversations"), "0");
    assert.equal(new URL(page.url()).search, "?from=2020-01-01&to=2020-01-31");
    await e2e.shot(page, "analytics-empty");

    // The 7-day preset brings the chats back.
    await page.getByRole("button", { name: "Last 7 days" }).click();
    await page.locator('[data-metric="Conversations"] [data-value]', { hasText: /^4$/ }).waitFor();
    assert.equal(await page.getByRole("button", { name: "Last 7 days" }).getAttribute("aria-pressed"), "true");
    await page.setViewportSize(MOBILE);
    await page.waitForFunction(() => document.querySelectorAll("[data-chart] canvas").length === 4);
    await e2e.shot(page, "analytics-mobile");
    assert.deepEqual(e2e.errors, []);
  },
);

browserTest(
  "analytics settings: an admin sets the time zone and window in Settings; a bad zone is refused beside it",
  async (e2e) => {
    const { cookie } = await acmeWithAgent(e2e, "Ada Owner");
    const { page } = await signedIn(e2e, cookie);
    await page.goto(`${e2e.url}/settings`);
    const form = page.getByRole("form", { name: "Analytics settings" });
    await page.waitForFunction(() =>
      !document.querySelector<HTMLButtonElement>("form[aria-label='Analytics settings'] button[type=submit]")
        ?.disabled
    );
    assert.equal(await form.getByLabel("Time zone").inputValue(), "UTC");
    assert.equal(await form.getByLabel("Resolution window (minutes)").inputValue(), "30");
    await form.getByLabel("Time zone").fill("Mars/Olympus");
    await form.getByLabel("Resolution window (minutes)").fill("0");
    await form.getByRole("button", { name: "Save analytics settings" }).click();
    await form.getByText("Must be an IANA time zone, such as Europe/Paris.").waitFor();
    await form.getByText("At least 1 minute.").waitFor();
    assert.equal(await form.getByLabel("Time zone").getAttribute("aria-invalid"), "true");
    await form.scrollIntoViewIfNeeded();
    await e2e.shot(page, "settings-analytics-error");
    await form.getByLabel("Time zone").fill("Europe/Paris");
    await form.getByLabel("Resolution window (minutes)").fill("45");
    await form.getByRole("button", { name: "Save analytics settings" }).click();
    await form.getByText("Saved. New activity is counted in Europe/Paris days from now on.").waitFor();
    await e2e.shot(page, "settings-analytics-saved");
    await page.reload();
    assert.equal(await form.getByLabel("Time zone").inputValue(), "Europe/Paris");
    assert.equal(await form.getByLabel("Resolution window (minutes)").inputValue(), "45");
    assert.deepEqual(e2e.errors, []);
  },
);
