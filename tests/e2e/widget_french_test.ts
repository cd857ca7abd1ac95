/**
 * The widget in French, in a real browser whose locale is fr-FR, from the first message to the rating:
 * the widget's own words, the AI's answer from the French help article (the built-in responder prefers
 * knowledge in the customer's language), the handoff and email lines the server writes, a staff reply
 * that the teammate wrote in English and had translated in the inbox (the agent then on an AI provider,
 * the local OpenAI fake), the rating card, and the rating page behind the email link, all in French.
 * The inbox shows the conversation's language and the translation of the customer's message.
 *
 * Screenshots: `tests/e2e/screenshots/lang-fr-*.png`.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { ratingLink } from "../../models/tickets/ticket_mail.ts";
import { startOpenAiFake } from "../fakes/openai_fake.ts";
import { acmeWithAgent, DESKTOP, type E2E, hasChromium, startE2E, until } from "./browser.ts";
import { signedIn } from "./staff.ts";

/** The customer's site (another origin than the app), in French. */
function startHostSite(appUrl: string, agentId: string) {
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, () => {
    const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Boutique Acme</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body { margin: 0; font-family: Georgia, serif; background: #fdf6e3; color: #222; } main { padding: 16px 32px; }</style>
</head><body><main><h1>Acme Outfitters</h1><p>Des vestes pour tous les temps.</p></main>
<script src="${appUrl}/widget.js" data-agent-id="${agentId}" async></script>
</body></html>`;
    return new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } });
  });
  return { url: `http://localhost:${server.addr.port}`, close: () => server.shutdown() };
}

/** The widget's parts, by their French accessible names. */
function widget(page: Page) {
  return {
    launcher: page.getByRole("button", { name: "Ouvrir le chat", exact: true }),
    panel: page.getByRole("dialog", { name: "Acme support" }),
    log: page.getByRole("log", { name: "Conversation" }),
    input: page.getByRole("textbox", { name: "Message", exact: true }),
    send: page.getByRole("button", { name: "Envoyer", exact: true }),
    human: page.getByRole("button", { name: "Parler à une personne" }),
    email: page.getByRole("textbox", { name: "E-mail", exact: true }),
    save: page.getByRole("button", { name: "Enregistrer", exact: true }),
    star: (n: number) => page.getByRole("button", { name: `Noter ${n} sur 5`, exact: true }),
    sendRating: page.getByRole("button", { name: "Envoyer la note", exact: true }),
  };
}

async function shot(e2e: E2E, page: Page, name: string) {
  await page.waitForTimeout(300); // the panel's entrance and focus rings settle
  await e2e.shot(page, name);
}

Deno.test({
  name: "the widget in French from the first message to the rating; the inbox shows and translates the language",
  ignore: !hasChromium,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const e2e = await startE2E();
    const openai = startOpenAiFake();
    try {
      const { api, agent, cookie } = await acmeWithAgent(e2e, "Grace Hopper");
      // The same help article in English and in French: the French customer is answered from the French one.
      for (
        const content of [
          "# Lost parcels\n\nIf your parcel never arrived, it is usually still with the carrier. " +
          "Parcels that have not arrived within 10 business days are replaced or refunded in full.",
          "# Colis perdus\n\nSi votre colis n'est jamais arrivé, il est en général encore chez le transporteur. " +
          "Les colis qui ne sont pas arrivés sous 10 jours ouvrés sont remplacés ou remboursés intégralement.",
        ]
      ) await api("POST", `/api/agents/${agent.id}/train`, { type: "text", content });
      await e2e.ctx.runner.idle();
      const host = startHostSite(e2e.url, agent.id);
      try {
        const context = await e2e.browser.newContext({ viewport: DESKTOP, locale: "fr-FR" });
        const page = e2e.watch(await context.newPage());
        await page.goto(host.url);
        const w = widget(page);
        await w.launcher.click();
        await w.panel.waitFor();
        await w.input.fill("Bonjour, mon colis n'est pas arrivé sous 10 jours");
        await w.send.click();
        // The answer quotes the French article, not the English one.
        await w.log.getByText(/remplacés ou remboursés intégralement/).waitFor({ timeout: 15_000 });
        assert.equal(await w.log.getByText(/refunded in full/).count(), 0);
        await shot(e2e, page, "lang-fr-answer");

        // "Parler à une personne": the server's lines in French, the email form in French.
        await w.human.click();
        await w.log.getByText("Une personne de notre équipe va vous répondre ici.", { exact: true }).waitFor();
        await w.email.waitFor({ timeout: 15_000 });
        await page.getByText("Laissez votre e-mail pour recevoir notre réponse même si vous fermez cette page.")
          .first().waitFor();
        assert.equal(await page.getByText("A person from our team will follow up here.").count(), 0);
        await w.email.fill("ada@example.fr");
        await w.save.click();
        await page.getByText("Merci ! Nous répondrons à ada@example.fr.").waitFor();
        await shot(e2e, page, "lang-fr-handoff");
        const { tickets } = await api("GET", "/api/tickets");
        const ticket = tickets[0] as { id: string; conversationId: string };
        const { conversation } = await api("GET", `/api/conversations/${ticket.conversationId}`);
        assert.equal(conversation.language, "fr");

        // The team moves the agent onto an AI provider (the local OpenAI fake), which can translate.
        await api("PUT", "/api/settings/providers/openai", { apiKey: "sk-test-openai", baseUrl: openai.url });
        await api("PUT", `/api/agents/${agent.id}`, { provider: "openai" });
        const staff = await signedIn(e2e, cookie);
        const inbox = staff.page;
        await inbox.goto(`${e2e.url}/inbox/${ticket.conversationId}`);
        const thread = inbox.getByRole("region", { name: "Translation" });
        await inbox.locator("#inbox-thread-heading").waitFor();
        await inbox.locator('[data-language="fr"]').first().waitFor();
        openai.script([{ kind: "ok", text: "Hello, my parcel never arrived, what should I do?" }]);
        await thread.getByRole("button", { name: "Translate from French" }).click();
        await thread.getByText("Hello, my parcel never arrived, what should I do?").waitFor();
        // The reply, written in English and translated before it is sent.
        await inbox.getByRole("textbox", { name: "Reply" }).fill("Your parcel will be replaced today.");
        openai.script([{ kind: "ok", text: "Votre colis sera remplacé aujourd'hui." }]);
        await inbox.getByRole("button", { name: "Translate reply to French" }).click();
        await inbox.getByText("Translated to French: check it, then send.").waitFor();
        assert.equal(
          await inbox.getByRole("textbox", { name: "Reply" }).inputValue(),
          "Votre colis sera remplacé aujourd'hui.",
        );
        await shot(e2e, inbox, "lang-fr-inbox-translation");
        const asked = openai.requests.filter((r) => r.path === "/v1/chat/completions").map((r) =>
          JSON.stringify(r.body)
        );
        assert.ok(asked.some((b) => b.includes("into English")) && asked.some((b) => b.includes("into French")));
        await inbox.getByRole("button", { name: "Send", exact: true }).click();
        await w.log.getByText("Votre colis sera remplacé aujourd'hui.").waitFor({ timeout: 15_000 });
        await staff.context.close();

        // Resolved: the rating request in French, the card in French.
        await api("PUT", `/api/tickets/${ticket.id}/status`, { status: "resolved" });
        await page.getByText("Comment nous sommes-nous débrouillés ?").first().waitFor();
        await w.star(5).waitFor();
        await shot(e2e, page, "lang-fr-rating");
        await w.star(5).click();
        await w.sendRating.click();
        await page.getByText("Merci pour votre avis !").waitFor();
        await shot(e2e, page, "lang-fr-rated");
        await until("the rating", async () => (await api("GET", `/api/tickets/${ticket.id}`)).ticket.rating);
        const text = await page.locator("#frontdesk-widget").evaluate((el) => el.shadowRoot?.textContent ?? "");
        for (const english of ["Open chat", "Talk to a human", "How did we do?", "Send rating", "follow up here"]) {
          assert.ok(!text.includes(english), `no English in the widget: ${english}`);
        }

        // The rating page the email links to, in French.
        const { workspaceId } = (await e2e.ctx.deps.store.agents.findPublic(agent.id))!;
        const stored = (await e2e.ctx.deps.store.tickets.get(workspaceId, ticket.id))!;
        const rate = e2e.watch(await context.newPage());
        await rate.goto(await ratingLink(e2e.ctx.deps, stored));
        await rate.getByRole("heading", { name: "Comment nous sommes-nous débrouillés ?" }).waitFor();
        assert.equal(await rate.getAttribute("html", "lang"), "fr");
        await rate.getByText("Très mauvais").waitFor();
        await shot(e2e, rate, "lang-fr-rate-page");
        assert.deepEqual(e2e.errors, []);
        await context.close();
      } finally {
        await host.close();
      }
    } finally {
      await openai.close();
      await e2e.close();
    }
  },
});
