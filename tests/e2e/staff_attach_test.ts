/**
 * Staff send files, in a real browser, and the visitor sees them live in the
 * widget (on a customer's page on another origin). In the Inbox: "Attach
 * file" opens the picker, images get a thumbnail and other files their name
 * and size, an upload on its way shows its progress and holds the reply
 * back, a file can be removed before sending, and a file over the limit is
 * refused before any byte goes up. In a ticket's reply box: a dropped file
 * and a pasted screenshot. Screenshots:
 * `tests/e2e/screenshots/staff-attach-{inbox-uploading,inbox-drafts,inbox-sent,ticket-dragging,ticket-drafts,widget}.png`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import type { Page } from "playwright-core";
import { acmeWithAgent, DESKTOP, expectAccessible, hasChromium, SHOTS, startE2E, until } from "./browser.ts";

/** The customer's site: a page with the snippet, on another origin than the app. */
function startHostSite(appUrl: string, agentId: string) {
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, () =>
    new Response(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme shop</title></head>
<body><main><h1>Acme Outfitters</h1></main><script src="${appUrl}/widget.js" data-agent-id="${agentId}" async></script>
</body></html>`,
      { headers: { "content-type": "text/html; charset=utf-8" } },
    ));
  return { url: `http://localhost:${server.addr.port}`, close: () => server.shutdown() };
}

/** Checks the state with axe-core, then a shot of the viewport (the Inbox's panes scroll, not the page). */
async function shot(page: Page, name: string) {
  await expectAccessible(page, name);
  await page.screenshot({ path: `${SHOTS}${name}.png` });
}

/** A PNG drawn in the page: a coloured card with `label` on it. */
async function drawPng(page: Page, label: string, color: string): Promise<Uint8Array> {
  const dataUrl = await page.evaluate(([label, color]) => {
    const canvas = Object.assign(document.createElement("canvas"), { width: 320, height: 160 });
    const g = canvas.getContext("2d")!;
    g.fillStyle = color;
    g.fillRect(0, 0, 320, 160);
    g.fillStyle = "#ffffff";
    g.font = "bold 30px sans-serif";
    g.fillText(label, 24, 92);
    return canvas.toDataURL("image/png");
  }, [label, color]);
  return Uint8Array.from(atob(dataUrl.split(",")[1]), (ch) => ch.charCodeAt(0));
}

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

type FileSpec = { name: string; type: string; bytes: number[] };

/** Drags `files` over the element `selector` matches (`drop`: and lets go), as a drag from the desktop would. */
async function dragFiles(page: Page, selector: string, files: FileSpec[], steps: string[]) {
  await page.evaluate(([selector, files, steps]) => {
    const target = document.querySelector(selector)!;
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
    for (const type of steps) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  }, [selector, files, steps] as const);
}

/** Drops `files` on the element `selector` matches. */
const dropFiles = (page: Page, selector: string, files: FileSpec[]) =>
  dragFiles(page, selector, files, ["dragenter", "dragover", "drop"]);

/** Pastes an image (a copied screenshot: browsers name it "image.png") into the element `selector` matches. */
async function pasteImage(page: Page, selector: string, bytes: Uint8Array) {
  await page.evaluate(([selector, bytes]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], "image.png", { type: "image/png" }));
    document.querySelector(selector)!.dispatchEvent(
      new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }),
    );
  }, [selector, [...bytes]] as const);
}

Deno.test({
  name: "staff attach files in the Inbox and in a ticket reply; the visitor sees them live in the widget",
  ignore: !hasChromium,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const e2e = await startE2E();
    const { api, agent, cookie } = await acmeWithAgent(e2e, "Grace Hopper");
    const host = startHostSite(e2e.url, agent.id);
    try {
      // The visitor asks for a person: a ticket opens on their conversation.
      const visitorCtx = await e2e.browser.newContext({ viewport: DESKTOP, locale: "en-US" });
      const visitor = e2e.watch(await visitorCtx.newPage());
      await visitor.goto(host.url);
      await visitor.getByRole("button", { name: "Open chat", exact: true }).click();
      const wlog = visitor.getByRole("log", { name: "Conversation" });
      const input = visitor.getByRole("textbox", { name: "Message", exact: true });
      await visitor.getByRole("button", { name: "Talk to a human" }).click();
      await input.fill("Can you send me my invoice?");
      await input.press("Enter");
      await wlog.getByText("Can you send me my invoice?").waitFor();
      const ticket = await until("the ticket", async () => (await api("GET", "/api/tickets")).tickets[0]) as {
        id: string;
        conversationId: string;
      };

      // ---- The Inbox ----
      const staffCtx = await e2e.browser.newContext({ viewport: DESKTOP, locale: "en-US" });
      const [name, value] = cookie.split("=");
      await staffCtx.addCookies([{ name, value, url: e2e.url }]);
      const page = e2e.watch(await staffCtx.newPage());
      await page.goto(`${e2e.url}/inbox/${ticket.conversationId}`);
      const reply = page.getByRole("textbox", { name: "Reply" });
      await page.getByRole("button", { name: "Send" }).and(page.locator(":enabled")).waitFor();
      const invoice = await drawPng(page, "Invoice #2041", "#4f46e5");

      // Uploads are held a moment, so their progress and the held-back Send can be seen.
      let hold = true;
      const held: (() => void)[] = [];
      await page.route("**/api/conversations/uploads", async (route) => {
        if (hold) await new Promise<void>((r) => held.push(r));
        await route.continue();
      });
      const chooser = page.waitForEvent("filechooser");
      await page.getByRole("button", { name: "Attach file" }).click();
      await (await chooser).setFiles([
        { name: "invoice.png", mimeType: "image/png", buffer: Buffer.from(invoice) },
        { name: "terms.pdf", mimeType: "application/pdf", buffer: Buffer.from(PDF) },
        { name: "draft-notes.txt", mimeType: "text/plain", buffer: Buffer.from("not this one") },
      ]);
      const drafts = page.getByRole("list", { name: "Files to send" });
      await drafts.getByRole("progressbar", { name: "Uploading terms.pdf" }).waitFor();
      await reply.fill("Here is your invoice, and our terms.");
      await reply.press("Enter");
      await page.getByText("Wait for the files to finish uploading.").waitFor();
      await shot(page, "staff-attach-inbox-uploading");
      hold = false;
      for (const release of held.splice(0)) release();
      await until("the uploads", async () => (await drafts.getByRole("progressbar").count()) === 0);
      await page.getByText("Wait for the files to finish uploading.").waitFor({ state: "detached" });
      // An image gets its thumbnail; other files their name and size.
      const thumb = drafts.getByRole("listitem").filter({ hasText: "invoice.png" }).locator("img");
      await page.waitForFunction((el) => (el as HTMLImageElement).naturalWidth > 0, await thumb.elementHandle());
      await drafts.getByRole("listitem").filter({ hasText: "terms.pdf" }).getByText(/\d+ B$/).waitFor();
      await page.getByRole("button", { name: "Remove draft-notes.txt" }).click();
      assert.equal(await drafts.getByRole("listitem").count(), 2);
      // A file over the limit never leaves the browser.
      let uploadsSeen = 0;
      page.on("request", (r) => r.url().endsWith("/api/conversations/uploads") && uploadsSeen++);
      await dropFiles(page, "form:has(#inbox-reply)", [{ name: "empty.txt", type: "text/plain", bytes: [] }]);
      await page.getByText("empty.txt is empty.").waitFor();
      const big = e2e.ctx.deps.config.maxUploadBytes + 1;
      await page.evaluate(([big]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(big)], "huge.zip", { type: "application/zip" }));
        document.querySelector("form:has(#inbox-reply)")!.dispatchEvent(
          new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }),
        );
      }, [big]);
      await page.getByText(/huge\.zip is larger than the [\d.]+ MB limit\./).waitFor();
      assert.equal(uploadsSeen, 0, "refused files are not uploaded");
      await shot(page, "staff-attach-inbox-drafts");

      await page.getByRole("button", { name: "Send" }).click();
      const log = page.getByRole("log");
      const sent = log.locator('[data-kind="staff"]').filter({ hasText: "Here is your invoice" });
      await sent.getByRole("img", { name: "invoice.png" }).waitFor();
      await sent.getByRole("link", { name: /terms\.pdf/ }).waitFor();
      assert.equal(await drafts.count(), 0, "the files went with the reply");

      // The visitor sees both, live: the image inline, the PDF as a download.
      await wlog.getByText("Here is your invoice, and our terms.").waitFor();
      const img = wlog.getByRole("img", { name: "invoice.png" });
      await visitor.waitForFunction((el) => (el as HTMLImageElement).naturalWidth > 0, await img.elementHandle());
      await wlog.getByRole("link", { name: /terms\.pdf/ }).waitFor();
      await page.waitForTimeout(300);
      await shot(page, "staff-attach-inbox-sent");

      // ---- A ticket's reply box: a dropped file and a pasted screenshot, sent without text ----
      await page.goto(`${e2e.url}/inbox/tickets/${ticket.id}`);
      const box = page.getByRole("textbox", { name: /^Reply to / });
      await page.getByRole("button", { name: "Attach file" }).and(page.locator(":enabled")).waitFor();
      const label = [{ name: "return-label.pdf", type: "application/pdf", bytes: [...PDF] }];
      await dragFiles(page, "form:has(#ticket-reply)", label, ["dragenter", "dragover"]);
      await page.getByText("Drop files to attach").waitFor();
      await shot(page, "staff-attach-ticket-dragging");
      await dragFiles(page, "form:has(#ticket-reply)", label, ["drop"]);
      await page.getByText("Drop files to attach").waitFor({ state: "detached" });
      await box.click();
      await pasteImage(page, "#ticket-reply", await drawPng(page, "Parcel photo", "#0d9488"));
      const ticketDrafts = page.getByRole("list", { name: "Files to send" });
      await ticketDrafts.getByRole("listitem").filter({ hasText: "return-label.pdf" }).waitFor();
      const pasted = ticketDrafts.getByRole("listitem").filter({ hasText: /^pasted-\d{8}-\d{6}\.png/ });
      await pasted.locator("img").waitFor();
      await until("the ticket uploads", async () => (await ticketDrafts.getByRole("progressbar").count()) === 0);
      await shot(page, "staff-attach-ticket-drafts");
      await box.press("Enter");
      const ticketMsg = page.getByRole("log").locator('[data-kind="staff"]').filter({
        has: page.getByRole("link", { name: /return-label\.pdf/ }),
      });
      await ticketMsg.getByRole("img", { name: /^pasted-.*\.png$/ }).waitFor();

      await wlog.getByRole("link", { name: /return-label\.pdf/ }).waitFor();
      const photo = wlog.getByRole("img", { name: /^pasted-.*\.png$/ });
      await visitor.waitForFunction((el) => (el as HTMLImageElement).naturalWidth > 0, await photo.elementHandle());
      await visitor.waitForTimeout(300);
      await e2e.shot(visitor, "staff-attach-widget");

      // What was stored: two replies with their files.
      const stored = await api("GET", `/api/conversations/${ticket.conversationId}`);
      const names = stored.messages
        .filter((m: { attachments: unknown[] }) => m.attachments.length)
        .map((m: { attachments: { name: string }[] }) => m.attachments.map((a) => a.name.replace(/\d/g, "0")).sort());
      assert.deepEqual(names, [["invoice.png", "terms.pdf"], ["pasted-00000000-000000.png", "return-label.pdf"]]);
      assert.deepEqual(e2e.errors, []);
    } finally {
      await host.close();
      await e2e.close();
    }
  },
});
