/**
 * The agent flow in a real browser: sign up, create an agent (the widget
 * preview follows the colour), teach it an FAQ, a document and a website
 * (watching the crawl's progress), roll the knowledge back, ask a
 * paraphrased question in the playground and get a streamed, cited answer,
 * copy the embed snippet, save a provider key in Settings, edit the agent,
 * and see the editor and playground on a phone. Screenshots go to
 * `tests/e2e/screenshots/agents-*.png`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import type { Page } from "playwright-core";
import { DESKTOP, type E2E, hasChromium, MOBILE, startE2E } from "./browser.ts";

const FAQ_TITLE = "Shipping & returns FAQ";
const FAQ = `# Shipping & returns FAQ

## How long does shipping take?
Standard shipping takes 3 to 5 business days within the continental US. Express shipping arrives in 1 to 2 business days.

## Do you ship internationally?
Yes, we ship to Canada, the UK and most of the EU. International orders take 7 to 14 business days.

## How do I return an item?
Start a return from your order page within 30 days of delivery. Print the prepaid label and drop the parcel at any post office.

## When will I get my refund?
Refunds are issued within 5 business days of receiving the returned item. The money goes back to your original payment method.

## Can I change my order after placing it?
You can edit or cancel an order within one hour of placing it, from your order page.

## Do you offer gift wrapping?
Yes. Choose gift wrapping at checkout for $5 per item and add a personal note.
`;

const QUESTION = "how long until I get my money back after a return?";

const PAGES: Record<string, string> = {
  "/": "Welcome to the Apollo Outfitters help centre. Browse our guides below.",
  "/gift-cards": "Gift cards never expire and can be used online or in store.",
  "/sizing": "Our jackets run small: order one size up if you are between sizes.",
  "/care": "Wash technical jackets cold and hang them to dry.",
  "/warranty": "Every jacket has a two-year warranty against manufacturing defects.",
};

/** A small, slow help site on 127.0.0.1, so the crawl's progress can be watched. */
function startHelpSite() {
  const links = Object.keys(PAGES).map((p) => `<a href="${p}">${p}</a>`).join(" ");
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, async (req) => {
    const path = new URL(req.url).pathname;
    if (!(path in PAGES)) return new Response("not found", { status: 404 });
    await new Promise((r) => setTimeout(r, 700));
    const html = `<!doctype html><html><head><title>Apollo Outfitters help</title></head><body><main>` +
      `<h1>Help: ${path}</h1><p>${PAGES[path]}</p><nav>${links}</nav></main></body></html>`;
    return new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } });
  });
  return { url: `http://127.0.0.1:${server.addr.port}/`, close: () => server.shutdown() };
}

/** The launcher bubble of the live preview (desktop column). */
function launcher(page: Page) {
  return page.getByRole("complementary", { name: "Widget preview" }).locator('[data-part="launcher"]');
}

/** Full-page screenshot from the top (fixed and sticky parts are drawn where the page is scrolled to). */
async function shot(e2e: E2E, page: Page, name: string) {
  await page.evaluate(() => scrollTo(0, 0));
  await page.waitForTimeout(250); // let colour transitions finish
  await e2e.shot(page, name);
}

/**
 * On a page longer than the window, the sidebar runs the page's whole height (drawn whole, as in a
 * full-page capture, it reaches the bottom), and while the page scrolls the account menu stays in view at
 * the window's bottom.
 */
async function assertSidebarSpansPage(page: Page) {
  const m = await page.evaluate(() => ({
    sidebar: document.querySelector("aside")!.getBoundingClientRect().height,
    page: document.documentElement.scrollHeight,
    window: innerHeight,
  }));
  assert.ok(m.page > m.window + 100, `a long page: ${JSON.stringify(m)}`);
  assert.ok(m.sidebar >= m.page - 1, `the sidebar reaches the bottom of the page: ${JSON.stringify(m)}`);
  await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
  const menu = (await page.getByRole("button", { name: /account menu/i }).boundingBox())!;
  assert.ok(menu.y > m.window - 100 && menu.y + menu.height <= m.window, `the account menu in view: ${menu.y}`);
  await page.evaluate(() => scrollTo(0, 0));
}

const background = (page: Page) => launcher(page).evaluate((el) => getComputedStyle(el).backgroundColor);

Deno.test({
  name: "dashboard: create an agent, teach it, roll back, ask it, embed it, set up a provider",
  ignore: !hasChromium,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const e2e = await startE2E();
    const site = startHelpSite();
    try {
      const context = await e2e.browser.newContext({ viewport: DESKTOP });
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: e2e.url });
      const page = e2e.watch(await context.newPage());

      await page.goto(`${e2e.url}/signup`);
      await page.getByLabel("Your name").fill("Margaret Hamilton");
      await page.getByLabel("Company").fill("Apollo Outfitters");
      await page.getByLabel("Work email").fill("margaret@example.com");
      await page.getByLabel("Password").fill("lunar module 11");
      await page.getByRole("button", { name: "Create account" }).click();
      await page.waitForURL(`${e2e.url}/`);

      // The empty list explains the three steps.
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Agents" }).click();
      await page.getByRole("heading", { name: "Create your first agent" }).waitFor();
      await shot(e2e, page, "agents-empty");

      // New agent: the name is required (checked before any request); the preview follows the colour.
      await page.getByRole("link", { name: "New agent" }).click();
      await page.waitForURL(`${e2e.url}/agents/new`);
      await page.getByRole("button", { name: "Create agent" }).click();
      await page.getByText("Give your agent a name.").waitFor();
      assert.equal(await page.getByLabel("Name", { exact: true }).getAttribute("aria-invalid"), "true");
      await page.getByLabel("Name", { exact: true }).fill("Apollo Helper");
      assert.equal(await background(page), "rgb(79, 70, 229)");
      await page.getByLabel("Brand colour").fill("#0d9488");
      await page.getByLabel("Widget title").fill("Ask Apollo");
      await page.getByText("Bottom left").click();
      assert.equal(await background(page), "rgb(13, 148, 136)");
      const preview = page.getByRole("complementary", { name: "Widget preview" });
      await preview.getByText("Ask Apollo").waitFor();
      const box = await launcher(page).boundingBox();
      const frame = await preview.locator('[data-part="page"]').boundingBox();
      assert.ok(box && frame && box.x - frame.x < 40, "the launcher moved to the left corner");
      await page.getByLabel("Allowed link domains").fill("help.apollo.example");
      await page.getByLabel("Allowed link domains").press("Enter");
      await page.getByRole("button", { name: "Remove help.apollo.example" }).waitFor();
      await shot(e2e, page, "agents-new");

      await page.getByRole("button", { name: "Create agent" }).click();
      await page.waitForURL(/\/agents\/[0-9a-f]{24}\/knowledge\?created=1$/);
      const agentId = new URL(page.url()).pathname.split("/")[2];
      await page.getByText("Apollo Helper is created").waitFor();
      assert.equal(
        await page.getByRole("navigation", { name: "Agent sections" }).getByRole("link", { name: "Knowledge" })
          .getAttribute("aria-current"),
        "page",
      );

      // Knowledge: add the FAQ and watch it finish.
      await page.getByLabel("Title").fill(FAQ_TITLE);
      await page.getByLabel("Content").fill(FAQ);
      await page.getByRole("button", { name: "Add text" }).click();
      await page.getByText(`Added “${FAQ_TITLE}”`).waitFor();
      const faqRow = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: FAQ_TITLE }) });
      await faqRow.getByText("Ready").waitFor({ timeout: 15_000 });
      await faqRow.getByText(/\d+ chunks?/).waitFor();
      assert.equal(await faqRow.getByRole("progressbar").count(), 0, "no progress bar once ready");
      await page.getByText("v1", { exact: true }).waitFor();

      // A document upload (multipart) makes v2.
      await page.getByRole("tab", { name: "Document" }).click();
      await page.getByLabel("Choose a file").setInputFiles({
        name: "gift-cards.md",
        mimeType: "text/markdown",
        buffer: Buffer.from("# Gift cards\n\nGift cards are sold in amounts from $10 to $500.\n"),
      });
      await page.getByText("gift-cards.md").waitFor();
      await page.getByLabel("Title (optional)").fill("Gift card guide");
      await page.getByRole("button", { name: "Upload document" }).click();
      await page.getByText("Uploaded “Gift card guide”").waitFor();
      const docRow = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Gift card guide" }) });
      await docRow.getByText("Ready").waitFor({ timeout: 15_000 });
      await page.getByText("v2", { exact: true }).waitFor();

      // A website crawl (a slow local site) shows its progress in pages, then makes v3.
      await page.getByRole("tab", { name: "Website" }).click();
      await page.getByLabel("Website address").fill(site.url);
      await page.getByLabel("Max pages").fill("5");
      await page.getByLabel("Link depth").selectOption("1");
      await page.getByRole("button", { name: "Crawl website" }).click();
      const siteRow = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: site.url }) });
      const bar = siteRow.getByRole("progressbar", { name: /^Progress of / });
      await bar.and(page.locator("[aria-valuenow]")).waitFor({ timeout: 15_000 });
      assert.match(await bar.getAttribute("aria-valuetext") ?? "", /^\d+ of \d+ pages$/);
      await shot(e2e, page, "agents-knowledge-progress");
      await siteRow.getByText("Ready").waitFor({ timeout: 20_000 });
      assert.equal(await siteRow.getByRole("progressbar").count(), 0);
      await page.getByText("v3", { exact: true }).waitFor();
      await assertSidebarSpansPage(page);
      await shot(e2e, page, "agents-knowledge");

      // Rolling back to v1 makes v4 without the document and the website.
      await page.getByRole("button", { name: "Roll back to this version (v1)" }).click();
      await page.getByRole("button", { name: "Yes, roll back" }).click();
      await page.getByText("v4", { exact: true }).waitFor();
      await page.getByText("Rolled back to v1").waitFor();
      await page.getByRole("heading", { name: "Sources (1)" }).waitFor();
      assert.equal(
        await siteRow.count() + await docRow.count(),
        0,
        "sources added after v1 are out of the active knowledge",
      );
      await shot(e2e, page, "agents-knowledge-rolled-back");

      // Playground: a paraphrased question gets the grounded answer with its source.
      await page.getByRole("navigation", { name: "Agent sections" }).getByRole("link", { name: "Playground" }).click();
      await page.waitForURL(`${e2e.url}/agents/${agentId}/playground`);
      await page.getByLabel("Your message").fill(QUESTION);
      await page.getByRole("button", { name: "Send" }).click();
      const transcript = page.getByRole("log", { name: "Conversation" });
      await transcript.getByText(QUESTION).waitFor();
      await transcript.getByText(/5 business days/).first().waitFor({ timeout: 15_000 });
      const citation = transcript.getByRole("link", { name: FAQ_TITLE });
      await citation.waitFor();
      assert.equal(await citation.getAttribute("rel"), "noopener noreferrer");
      await transcript.getByRole("meter", { name: "Confidence" }).waitFor();
      assert.equal(await transcript.getAttribute("aria-busy"), "false");
      await shot(e2e, page, "agents-playground");

      // "New conversation" clears the transcript back to the welcome message.
      await page.getByRole("button", { name: "New conversation" }).click();
      assert.equal(await transcript.getByText(QUESTION).count(), 0);

      // Embed: the snippet names the agent; Copy puts it on the clipboard.
      await page.getByRole("navigation", { name: "Agent sections" }).getByRole("link", { name: "Embed" }).click();
      const snippet = page.getByRole("region", { name: "Your embed snippet" }).locator("pre code");
      assert.match(await snippet.innerText(), new RegExp(`data-agent-id="${agentId}"`));
      // The button works once its island has hydrated (a click on the server's HTML does nothing).
      await page.locator('[data-island="EmbedCode"][data-hydrated]').waitFor();
      await page.getByRole("button", { name: "Copy snippet" }).click();
      await page.getByRole("button", { name: "Copied" }).waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await snippet.innerText());
      await page.getByRole("tab", { name: "WordPress" }).click();
      await page.getByRole("tabpanel").getByText(/footer/).waitFor();
      await shot(e2e, page, "agents-embed");

      // Settings: providers; saving an OpenAI key shows only its hint.
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
      await page.getByRole("heading", { name: "AI providers" }).waitFor();
      for (const name of ["Lyzr", "OpenAI / OpenAI-compatible", "Anthropic", "Built-in responder"]) {
        await page.getByRole("heading", { name, exact: true }).waitFor();
      }
      const openai = page.getByRole("region", { name: "OpenAI / OpenAI-compatible" });
      await openai.getByLabel("API key").fill("sk-test-0123456789abcd");
      await openai.getByRole("button", { name: "Save key" }).click();
      await openai.getByText("sk-…abcd").waitFor();
      await openai.getByText("Configured").waitFor();
      assert.equal(await openai.getByLabel("Replace key").inputValue(), "", "the key is never shown again");
      await shot(e2e, page, "agents-settings");

      // Back in the editor: a provider without a key gets a note; the saved one doesn't.
      await page.goto(`${e2e.url}/agents/${agentId}`);
      await page.getByLabel("AI provider", { exact: true }).selectOption("anthropic");
      await page.getByText("No Anthropic key yet").waitFor();
      await page.getByLabel("AI provider", { exact: true }).selectOption("openai");
      assert.equal(await page.getByText("No OpenAI key yet").count(), 0);
      await page.getByLabel("AI provider", { exact: true }).selectOption("local");
      await page.getByLabel("Welcome message").fill("Hi! Ask me about shipping and returns.");
      await page.getByRole("button", { name: "Save changes" }).click();
      await page.getByText("Changes saved.").waitFor();
      await page.reload();
      assert.equal(await page.getByLabel("Welcome message").inputValue(), "Hi! Ask me about shipping and returns.");
      // A change the header shows (on/off) reloads the page so the header is current.
      await page.getByRole("switch", { name: "Active" }).click();
      await page.getByRole("button", { name: "Save changes" }).click();
      await page.waitForURL(`${e2e.url}/agents/${agentId}?saved=1`);
      await page.getByText("Changes saved.").waitFor();
      await page.getByText("Inactive", { exact: true }).first().waitFor();
      assert.equal(await page.getByRole("switch", { name: "Active" }).getAttribute("aria-checked"), "false");

      // The list shows the agent with its knowledge.
      await page.goto(`${e2e.url}/agents`);
      await page.getByRole("link", { name: "Apollo Helper", exact: true }).waitFor();
      await page.getByText("1 knowledge source").waitFor();
      await shot(e2e, page, "agents-list");

      // On a phone: the editor (preview under the widget inputs) and the playground.
      const phone = await e2e.browser.newContext({ viewport: MOBILE, isMobile: true, hasTouch: true });
      await phone.addCookies(await context.cookies());
      const mobile = e2e.watch(await phone.newPage());
      await mobile.goto(`${e2e.url}/agents/${agentId}`);
      await mobile.getByRole("heading", { name: "Apollo Helper", level: 1 }).waitFor();
      await mobile.getByRole("figure", { name: "Live preview" }).waitFor();
      await shot(e2e, mobile, "agents-mobile-editor");
      await mobile.goto(`${e2e.url}/agents/${agentId}/playground`);
      await mobile.getByLabel("Your message").fill("Do you ship to Canada?");
      await mobile.getByRole("button", { name: "Send" }).click();
      await mobile.getByRole("log", { name: "Conversation" }).getByRole("meter", { name: "Confidence" }).waitFor({
        timeout: 15_000,
      });
      await shot(e2e, mobile, "agents-mobile-playground");

      assert.deepEqual(e2e.errors, [], "no console errors or uncaught exceptions");
    } finally {
      await site.close();
      await e2e.close();
    }
  },
});
