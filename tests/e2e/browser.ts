/**
 * Browser-test fixtures: the system Chromium through `playwright-core`, a
 * fresh app on a temporary database, fresh island bundles, screenshots into
 * `tests/e2e/screenshots/`, a record of page errors (CSP violations and
 * failed hydration show up there) that tests assert is empty, and
 * {@linkcode expectAccessible}, axe-core run on a page as it is.
 *
 * @module
 */
import axe from "axe-core";
import { type Browser, chromium, type Page } from "playwright-core";
import { fileURLToPath } from "node:url";
import { build } from "../../tasks/build.ts";
import { makeTestDeps, readOutbox, signUp, startServer, type TestContext } from "../helpers.ts";

/** Where the system Chromium is expected. */
export const CHROMIUM = Deno.env.get("CHROMIUM_PATH") ?? "/usr/bin/chromium";

/** True when the browser tests can run here. */
export const hasChromium = (() => {
  try {
    return Deno.statSync(CHROMIUM).isFile;
  } catch {
    return false;
  }
})();

if (!hasChromium) {
  console.warn(`browser tests skipped: no Chromium at ${CHROMIUM}. Install it with: apt-get install -y chromium`);
}

/** Screenshot folder (git-ignored). */
export const SHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));

/** Viewports used for screenshots. */
export const DESKTOP = { width: 1280, height: 800 };
/** A phone-sized viewport. */
export const MOBILE = { width: 390, height: 844 };

let built: Promise<unknown> | undefined;

/** A running app plus a browser, torn down by `close()`. */
export interface E2E {
  ctx: TestContext;
  url: string;
  browser: Browser;
  /** Errors seen on any page opened with `watch()`. */
  errors: string[];
  /** Records console errors, uncaught exceptions and CSP violations of `page` into `errors`. */
  watch(page: Page): Page;
  /**
   * Checks the page as it is with axe-core ({@linkcode expectAccessible}: the app's pages whole, only the
   * widget on a customer's page), then takes a full-page PNG at `tests/e2e/screenshots/<name>.png`.
   */
  shot(page: Page, name: string): Promise<void>;
  /** {@linkcode expectAccessible} for a state no screenshot is taken of: the page whole, or only the widget off the app. */
  axe(page: Page, state: string): Promise<void>;
  close(): Promise<void>;
}

/** Builds the assets (once per run), starts the app on a fresh database and launches Chromium. */
export async function startE2E(): Promise<E2E> {
  built ??= build({ ifStale: true, quiet: true });
  await built;
  await Deno.mkdir(SHOTS, { recursive: true });
  const ctx = await makeTestDeps();
  const server = await startServer(ctx.deps);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const errors: string[] = [];
  const checkState = async (page: Page, state: string) => {
    const ours = page.url().startsWith(server.url);
    await expectAccessible(page, state, ours ? {} : { include: WIDGET_HOST });
  };
  const pending: Promise<unknown>[] = [];
  return {
    ctx,
    url: server.url,
    browser,
    errors,
    watch(page) {
      // E2E_SLOW_JS=<ms> holds every script the page loads that long: a test that clicks before its island hydrates
      // then fails every time instead of now and then (how the webhooks test's race was found, and its fix checked).
      const slow = Number(Deno.env.get("E2E_SLOW_JS") ?? 0);
      if (slow > 0) {
        pending.push(page.route(/\.m?js(\?.*)?$/, async (route) => {
          await new Promise((r) => setTimeout(r, slow));
          await route.continue();
        }));
      }
      page.on("console", (m) => {
        if (m.type() === "error" && !/status of 4\d\d/.test(m.text())) errors.push(`${page.url()}: ${m.text()}`);
      });
      page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));
      pending.push(watchCspViolations(page, errors));
      return page;
    },
    async shot(page, name) {
      await checkState(page, name);
      await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
    },
    axe: checkState,
    async close() {
      await Promise.allSettled(pending);
      await browser.close();
      await server.close();
      await ctx.cleanup();
    },
  };
}

/**
 * A browser test: skipped (ignored) without Chromium, `fn` given a fresh {@linkcode startE2E} that is closed after it,
 * pass or fail. playwright-core keeps its pipe to Chromium open between steps, hence no sanitizers.
 */
export function browserTest(name: string, fn: (e2e: E2E) => Promise<void>): void {
  Deno.test({
    name,
    ignore: !hasChromium,
    sanitizeResources: false,
    sanitizeOps: false,
    async fn() {
      const e2e = await startE2E();
      try {
        await fn(e2e);
      } finally {
        await e2e.close();
      }
    },
  });
}

/**
 * Records every Content-Security-Policy violation on `page` into `errors`, caught
 * or not: a blocked `eval` probe inside a `try` (zod's JIT check) logs nothing to
 * the console, but the document still fires `securitypolicyviolation`. The
 * listener is added before any page script runs and reports through a binding.
 * Part of {@linkcode E2E.watch}.
 */
export function watchCspViolations(page: Page, errors: string[]): Promise<unknown> {
  const failed = (err: unknown) => errors.push(`could not watch CSP violations: ${err}`);
  // Both are sent now, before the caller's first navigation; the promise settles when both are in place (the
  // browser must not close before: their answers create objects on the connection).
  const binding = page.exposeBinding("__reportCspViolation", ({ frame }, text: string) => {
    errors.push(`${frame.url()}: CSP violation ${text}`);
  }).catch(failed);
  const script = page.addInitScript(() => {
    addEventListener("securitypolicyviolation", (event) => {
      const e = event as SecurityPolicyViolationEvent;
      const report = (globalThis as unknown as { __reportCspViolation?(t: string): void }).__reportCspViolation;
      const text = `${e.effectiveDirective} blocked=${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`;
      // The binding may not be in place yet on a page's first load: the console error is collected too.
      if (typeof report === "function") report(text);
      else console.error(`CSP violation ${text}`);
    });
  }).catch(failed);
  return Promise.allSettled([binding, script]);
}

/** The newest link containing `part` in mail to `to`, polling the outbox (mail may be sent after the response). */
export async function waitForLink(dir: string, to: string, part: string, timeoutMs = 5000): Promise<string> {
  const until = Date.now() + timeoutMs;
  while (true) {
    const mail = (await readOutbox(dir)).filter((m) => m.to === to).reverse();
    const link = mail.flatMap((m) => m.links).find((l) => l.includes(part));
    if (link) return link;
    if (Date.now() > until) throw new Error(`no mail to ${to} with a link containing ${part}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Waits until every island on the page has hydrated. The server's HTML shows an island's buttons and forms at once; a
 * click before hydration does nothing (or submits the form natively), which a loaded machine hits now and then.
 */
export async function islandsHydrated(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(() => !document.querySelector("[data-island]:not([data-hydrated])"), null, {
    timeout: timeoutMs,
  });
}

/** A JSON call to the app as a signed-in user (session cookie, Origin = the app); throws on an error status. */
/** Polls until `fn` returns something truthy. */
export async function until<T>(
  what: string,
  fn: () => Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  while (true) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export type Api = (method: string, path: string, body?: unknown) => ReturnType<Response["json"]>;

/**
 * Signs up the owner of a workspace on the app under test and creates the agent the widget tests embed
 * ("Acme Helper": teal, bottom right, titled "Acme support").
 */
export async function acmeWithAgent(
  e2e: E2E,
  owner: string,
): Promise<{ api: Api; agent: { id: string }; cookie: string }> {
  const origin = e2e.url;
  const admin = await signUp({
    request: (p, i) => fetch(origin + p, { ...i, headers: { ...i.headers as Record<string, string>, origin } }),
  }, { name: owner, email: "owner@acme.test", company: "Acme" });
  const api: Api = async (method, path, body) => {
    const res = await fetch(origin + path, {
      method,
      headers: { "content-type": "application/json", cookie: admin.cookie, origin },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await res.json();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(data)}`);
    return data;
  };
  const { agent } = await api("POST", "/api/agents", {
    name: "Acme Helper",
    welcomeMessage: "Hi! Ask me anything about orders, shipping and returns.",
    widgetConfig: {
      primaryColor: "#0d9488",
      position: "right",
      title: "Acme support",
      subtitle: "We reply in minutes",
    },
  });
  return { api, agent, cookie: admin.cookie };
}

/** The element the widget's shadow root hangs from, on a customer's page. */
export const WIDGET_HOST = "#frontdesk-widget";

/** axe-core's browser script (npm `axe-core`, pinned in deno.json). */
const AXE_SOURCE = (axe as unknown as { source: string }).source;

/** One axe-core violation, as the helper reports it. */
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe-core (every rule it runs by default: WCAG 2.x A and AA, best practices) on `page` as it is
 * now, open shadow roots included (the widget), and throws when it finds any violation, naming `state`
 * and each failing element. `include` limits the check to one part (the widget on a customer's page,
 * whose own markup is not ours).
 *
 * The script goes in through the DevTools protocol (`page.evaluate` of its source) rather than
 * `addScriptTag({ content })`: the app's CSP refuses inline scripts, as it should, and bypassing the CSP
 * for the test would hide the CSP violations these tests look for.
 */
export async function expectAccessible(page: Page, state: string, opts: { include?: string } = {}): Promise<void> {
  await page.waitForTimeout(250); // transitions end, so colours are measured as they settle
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (include) => {
    // deno-lint-ignore no-explicit-any -- axe-core's global, typed on the Deno side only
    const g = globalThis as any;
    const axe = g.axe as { run(ctx: unknown, o: unknown): Promise<{ violations: unknown[] }> };
    // Gone again before the page's own checks look (the widget test counts the globals it adds).
    delete g.axe;
    const result = await axe.run(include ? { include: [[include]] } : document, { resultTypes: ["violations"] });
    return result.violations;
  }, opts.include ?? null) as AxeViolation[];
  if (!violations.length) return;
  const lines = violations.flatMap((v) => [
    `${v.id} (${v.impact}): ${v.help}`,
    ...v.nodes.map((n) => `  ${JSON.stringify(n.target)}: ${(n.failureSummary ?? "").replace(/\s+/g, " ")}`),
  ]);
  const report = `axe-core, ${state} (${page.url()}):\n${lines.join("\n")}`;
  if (Deno.env.get("AXE_REPORT_ONLY")) console.error(report);
  else throw new Error(report);
}
