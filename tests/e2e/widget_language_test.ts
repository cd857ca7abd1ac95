/**
 * The widget follows the customer's language once their words set it: a browser in English, a customer who
 * writes in French. After the first answer the widget's own words (send button, "talk to a person") and the
 * workspace's welcome message (its own French wording, from the agent's settings) are French. The ticket
 * that follows shows the conversation's language as a badge by its status and priority on the Tickets page, as
 * the inbox shows it by the conversation's name.
 *
 * Screenshots: `tests/e2e/screenshots/lang-switch-*.png`, `tickets-language.png`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { acmeWithAgent, browserTest, DESKTOP } from "./browser.ts";
import { signedIn } from "./staff.ts";

function startHostSite(appUrl: string, agentId: string) {
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, () => {
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme shop</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body { margin: 0; font-family: Georgia, serif; background: #f8fafc; color: #222; } main { padding: 16px 32px; }</style>
</head><body><main><h1>Acme Outfitters</h1><p>Jackets for every weather.</p></main>
<script src="${appUrl}/widget.js" data-agent-id="${agentId}" async></script>
</body></html>`;
    return new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } });
  });
  return { url: `http://localhost:${server.addr.port}`, close: () => server.shutdown() };
}

const FRENCH_WELCOME = "Bonjour ! Posez-nous vos questions sur vos commandes.";

browserTest(
  "the widget's labels and welcome follow the conversation's language; the ticket shows it as a badge",
  async (e2e) => {
    const { api, agent, cookie } = await acmeWithAgent(e2e, "Grace Hopper");
    await api("PUT", `/api/agents/${agent.id}`, {
      widgetConfig: { texts: { fr: { welcomeMessage: FRENCH_WELCOME, subtitle: "Réponse en quelques minutes" } } },
    });
    await api("POST", `/api/agents/${agent.id}/train`, {
      type: "text",
      content: "# Colis perdus\n\nSi votre colis n'est jamais arrivé, il est en général encore chez le transporteur. " +
        "Les colis qui ne sont pas arrivés sous 10 jours ouvrés sont remplacés ou remboursés intégralement.",
    });
    await e2e.ctx.runner.idle();
    // The agent editor shows the French wording under "In your customers' languages".
    const editor = await signedIn(e2e, cookie);
    await editor.page.goto(`${e2e.url}/agents/${agent.id}`);
    await editor.page.getByText("In your customers' languages").click();
    const welcome = editor.page.getByLabel("Welcome message (French)");
    assert.equal(await welcome.inputValue(), FRENCH_WELCOME);
    await editor.page.getByText("German", { exact: true }).click();
    assert.equal(await editor.page.getByLabel("Welcome message (German)").inputValue(), "");
    await editor.page.getByText("French", { exact: true }).click();
    await welcome.scrollIntoViewIfNeeded();
    await e2e.shot(editor.page, "agent-widget-texts");
    await editor.context.close();
    const host = startHostSite(e2e.url, agent.id);
    try {
      const context = await e2e.browser.newContext({ viewport: DESKTOP, locale: "en-US" });
      const page = e2e.watch(await context.newPage());
      await page.goto(host.url);
      await page.getByRole("button", { name: "Open chat", exact: true }).click();
      const log = page.getByRole("log", { name: "Conversation" });
      // English at first: the browser's language.
      await log.getByText("Hi! Ask me anything about orders, shipping and returns.").waitFor();
      await page.getByRole("textbox", { name: "Message", exact: true }).fill(
        "Bonjour, mon colis n'est pas arrivé sous 10 jours",
      );
      await page.getByRole("button", { name: "Send", exact: true }).click();
      await log.getByText(/remplacés ou remboursés intégralement/).waitFor({ timeout: 15_000 });
      // The conversation is in French now: so are the widget's words and the workspace's welcome.
      await page.getByRole("button", { name: "Envoyer", exact: true }).waitFor({ timeout: 10_000 });
      await log.getByText(FRENCH_WELCOME).waitFor();
      await page.getByText("Réponse en quelques minutes").waitFor();
      assert.equal(await page.getByRole("button", { name: "Send", exact: true }).count(), 0);
      assert.equal(await page.locator("#fd-panel").getAttribute("lang"), "fr");
      await page.waitForTimeout(300);
      await e2e.shot(page, "lang-switch-widget");

      await page.getByRole("button", { name: "Parler à une personne" }).click();
      await log.getByText("Une personne de notre équipe va vous répondre ici.", { exact: true }).waitFor({
        timeout: 15_000,
      });
      await context.close();

      // The Tickets page: the ticket's conversation is French, shown like the inbox shows it.
      const { tickets } = await api("GET", "/api/tickets");
      const ticket = tickets[0] as { id: string; language?: string };
      assert.equal(ticket.language, "fr", "the API's list page names the customer's language");
      const staff = await signedIn(e2e, cookie);
      await staff.page.goto(`${e2e.url}/inbox/tickets/${ticket.id}`);
      const header = staff.page.locator("main header, main").first();
      const badge = header.locator('[data-language="fr"]').first();
      await badge.waitFor({ timeout: 10_000 });
      assert.equal(await badge.getAttribute("title"), "Customer's language: French");
      await staff.page.waitForTimeout(300);
      await e2e.shot(staff.page, "tickets-language");
      // The list's row shows the same badge (as the inbox's rows do).
      await staff.page.goto(`${e2e.url}/inbox/tickets`);
      const rowBadge = staff.page.locator(`#ticket-row-${ticket.id} [data-language="fr"]`);
      await rowBadge.waitFor({ timeout: 10_000 });
      assert.equal(await rowBadge.getAttribute("title"), "Customer's language: French");
      await staff.page.waitForTimeout(300);
      await e2e.shot(staff.page, "tickets-list-language");
      assert.deepEqual(e2e.errors, []);
    } finally {
      await host.close();
    }
  },
);
