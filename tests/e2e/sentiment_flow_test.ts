/**
 * Sentiment and categories in a real browser: an admin saves the sentiment rule and adds a category in
 * Settings; an angry customer's chat is then handed to the team with a high-priority ticket tagged with the
 * category, and the inbox shows the "Negative" badge. Screenshots: `tests/e2e/screenshots/sentiment-*.png`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { visitorSend } from "../../models/chat/chat.ts";
import { startWidgetSession } from "../../models/chat/visitors.ts";
import { browserTest } from "./browser.ts";
import { langleyTeam, signedIn } from "./staff.ts";

browserTest(
  "settings: the sentiment rule and a category are saved; an angry chat is handed off, tagged and badged",
  async (e2e) => {
    const { admin, agent, api } = await langleyTeam(e2e);
    const { page } = await signedIn(e2e, admin.cookie);
    e2e.watch(page);
    await page.goto(`${e2e.url}/settings#sentiment`);
    const rule = page.getByRole("form", { name: "Sentiment rule" });
    await rule.getByLabel("Strongly negative at or below").fill("-0.5");
    await rule.getByLabel("Raise the ticket's priority to").selectOption("urgent");
    await rule.getByLabel("Hand the conversation to a person at once").check();
    // On by default; this workspace keeps its provider's bill to answers.
    const byProvider = rule.getByLabel(/Let the agent's AI provider score each customer message/);
    assert.equal(await byProvider.isChecked(), true);
    await byProvider.uncheck();
    await rule.getByRole("button", { name: "Save rule" }).click();
    await rule.getByRole("status").filter({ hasText: "Sentiment rule saved." }).waitFor();

    const add = page.getByRole("form", { name: "New category" });
    await add.getByLabel("Name (the ticket tag)").fill("Shipping");
    await add.getByLabel("Description").fill("Deliveries, tracking and parcels");
    await add.getByLabel("Example messages, one per line").fill(
      "Where is my parcel?\nMy order has not arrived yet\nThe tracking number does not work",
    );
    await add.getByRole("button", { name: "Add category" }).click();
    await page.getByRole("region", { name: "Categories" }).getByText("3 examples").waitFor();
    await e2e.shot(page, "sentiment-settings");

    const saved = await (await api("GET", "/api/settings/sentiment")).json();
    assert.deepEqual(saved, { threshold: -0.5, raisePriority: "urgent", handoff: true, byProvider: false });

    // An angry customer: handed off at once, the ticket urgent and tagged.
    const { visitor } = await startWidgetSession(e2e.ctx.deps, { agentId: agent.id });
    const { conversation } = await visitorSend(e2e.ctx.deps, visitor, {
      clientId: "angry-1",
      text: "My parcel never arrived and this is terrible, awful service, I am furious",
    });
    await e2e.ctx.ai.idle();
    const ticket = await e2e.ctx.deps.store.tickets.forConversation(conversation.workspaceId, conversation.id);
    assert.equal(ticket?.source, "negative_sentiment");
    assert.equal(ticket?.priority, "urgent");
    assert.deepEqual(ticket?.tags, ["shipping"]);

    await page.goto(`${e2e.url}/inbox/${conversation.id}`);
    await page.locator("[data-sentiment=negative]").first().waitFor();
    await e2e.shot(page, "sentiment-inbox");
  },
);
