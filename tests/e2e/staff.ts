/**
 * The staff side of the browser tests: a workspace with an agent and a
 * member (the "Langley" team of the Tickets and Settings tests), a browser
 * signed in with a session cookie or through the login form, and the home
 * page's "Last 30 days" cards checked against the analytics summary.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { createApp } from "../../app.ts";
import { addMember, call, type CallOptions, signUp } from "../helpers.ts";
import { DESKTOP, type E2E } from "./browser.ts";

/** Calls the app as the signed-up admin (status checks left to the caller). */
export type StaffApi = (method: string, path: string, opts?: CallOptions) => Promise<Response>;

/** Mary Jackson's "Langley" workspace: her session, an agent ("Langley Helper") and a member (Dorothy). */
export async function langleyTeam(e2e: E2E) {
  const app = createApp(e2e.ctx.deps);
  const admin = await signUp(app, { name: "Mary Jackson", email: "mary@langley.test", company: "Langley" });
  const api: StaffApi = (method, path, opts = {}) =>
    call(app, method, path, { cookie: admin.cookie, origin: e2e.url, ...opts });
  const { agent } = await (await api("POST", "/api/agents", { body: { name: "Langley Helper" } })).json();
  const member = await addMember(app, e2e.ctx.dir, admin.cookie, "dorothy@langley.test");
  return { app, admin, api, agent: agent as { id: string; name: string }, member };
}

/** A watched page in a new browser context that holds the session `cookie`. */
export async function signedIn(
  e2e: E2E,
  cookie: string,
  opts: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await e2e.browser.newContext({ viewport: DESKTOP, locale: "en-US", ...opts });
  const [name, value] = cookie.split("=");
  await context.addCookies([{ name, value, url: e2e.url }]);
  return { context, page: e2e.watch(await context.newPage()) };
}

/** A watched page signed in through the login form, landed on the home page. */
export async function loggedIn(e2e: E2E, email: string, opts: BrowserContextOptions = {}): Promise<Page> {
  const context = await e2e.browser.newContext({ viewport: DESKTOP, ...opts });
  const page = e2e.watch(await context.newPage());
  await page.goto(`${e2e.url}/login`);
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("correct horse 1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Last 30 days" }).waitFor();
  return page;
}

/** The analytics summary's fields the home cards show. */
export interface HomeSummary {
  conversations: number;
  automationRate: number | null;
  handoffs: number;
  csat: { average: number | null };
}

/** The home page's "Last 30 days" cards say what the summary says. */
export async function expectHomeCards(page: Page, s: HomeSummary): Promise<void> {
  const card = (label: string) => page.locator(`[data-stat="${label}"] dd`).first().textContent();
  assert.equal(await card("Conversations"), String(s.conversations));
  assert.equal(
    await card("Resolved by AI"),
    s.automationRate === null ? "–" : `${Math.round(s.automationRate * 100)}%`,
  );
  assert.equal(await card("Handed to the team"), String(s.handoffs));
  assert.equal(await card("Customer satisfaction"), s.csat.average === null ? "–" : `${s.csat.average.toFixed(1)} / 5`);
}
