/**
 * The account flow in a real browser: sign up, log out, log in (after a
 * wrong password), forgot password, reset from the emailed link, log in with
 * the new password. Screenshots of every page go to `tests/e2e/screenshots/`.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { browserTest, DESKTOP, MOBILE, waitForLink } from "./browser.ts";

const EMAIL = "ada@example.com";
const FIRST_PASSWORD = "analytical engine 1";
const NEW_PASSWORD = "difference engine 2";

async function logOut(page: Page, screenshot?: () => Promise<void>) {
  await page.getByRole("button", { name: /account menu/i }).click();
  await screenshot?.();
  await page.getByRole("button", { name: "Log out" }).click();
  await page.waitForURL(/\/login$/);
}

async function logIn(page: Page, password: string) {
  await page.getByLabel("Work email").fill(EMAIL);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

browserTest("dashboard: sign up, log out, log in, reset the password from the email, log in with it", async (e2e) => {
  const context = await e2e.browser.newContext({ viewport: DESKTOP });
  const page = e2e.watch(await context.newPage());
  const apiCalls: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.startsWith("/api/")) apiCalls.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });

  // Signed-out visitors are sent to sign in, coming back afterwards.
  await page.goto(`${e2e.url}/team`);
  assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, "/login?next=%2Fteam");

  // Sign up: a bad email is caught in the browser, before any request.
  await page.goto(`${e2e.url}/signup`);
  assert.equal(await page.title(), "Create your account · Frontdesk");
  await e2e.shot(page, "signup");
  await page.getByLabel("Your name").fill("Ada Lovelace");
  await page.getByLabel("Company").fill("Analytical Inc");
  await page.getByLabel("Work email").fill("ada@not-an-email");
  await page.getByLabel("Password").fill(FIRST_PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByText("Enter a valid email address.").waitFor();
  assert.equal(await page.getByLabel("Work email").getAttribute("aria-invalid"), "true");
  assert.deepEqual(apiCalls, [], "no request is sent while the form is invalid");
  await e2e.shot(page, "signup-invalid-email");

  await page.getByLabel("Work email").fill(EMAIL);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(`${e2e.url}/`);
  await page.getByRole("heading", { name: "Welcome, Ada" }).waitFor();
  assert.equal(await page.title(), "Home · Frontdesk");
  await e2e.shot(page, "home");

  // Signed in, the auth pages send you home.
  await page.goto(`${e2e.url}/login`);
  assert.equal(page.url(), `${e2e.url}/`);

  await logOut(page, () => e2e.shot(page, "user-menu"));
  await e2e.shot(page, "login");

  // A server rejection is shown as an alert.
  await logIn(page, "not my password");
  const alert = page.getByRole("alert");
  await alert.filter({ hasText: "Email or password is incorrect." }).waitFor();
  await e2e.shot(page, "login-wrong-password");

  await logIn(page, FIRST_PASSWORD);
  await page.waitForURL(`${e2e.url}/`);
  await logOut(page);

  // Forgot password -> email -> reset -> sign in with the new password.
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await page.waitForURL(/\/forgot-password$/);
  await e2e.shot(page, "forgot-password");
  await page.getByLabel("Email").fill(EMAIL);
  await page.getByRole("button", { name: "Email me a reset link" }).click();
  await page.getByText("If an account exists for that email, we sent a link").waitFor();
  await e2e.shot(page, "forgot-password-sent");

  const link = await waitForLink(e2e.ctx.dir, EMAIL, "/reset-password?token=");
  assert.ok(link.startsWith(e2e.url), `link points at the app: ${link}`);
  await page.goto(link);
  await e2e.shot(page, "reset-password");
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Confirm new password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set new password" }).click();
  await page.waitForURL(/\/login\?reset=1$/);
  await page.getByText("Sign in with your new password.").waitFor();
  await e2e.shot(page, "login-after-reset");

  await logIn(page, NEW_PASSWORD);
  await page.waitForURL(`${e2e.url}/`);
  await page.getByRole("heading", { name: "Welcome, Ada" }).waitFor();

  // The same pages on a phone.
  const phone = await e2e.browser.newContext({ viewport: MOBILE, isMobile: true, hasTouch: true });
  const mobile = e2e.watch(await phone.newPage());
  await mobile.goto(`${e2e.url}/login`);
  await e2e.shot(mobile, "mobile-login");
  await logIn(mobile, NEW_PASSWORD);
  await mobile.waitForURL(`${e2e.url}/`);
  await e2e.shot(mobile, "mobile-home");
  await mobile.getByRole("button", { name: "Open menu" }).click();
  await mobile.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Inbox" }).waitFor();
  await e2e.shot(mobile, "mobile-menu");

  assert.deepEqual(e2e.errors, [], "no console errors or uncaught exceptions");
});
