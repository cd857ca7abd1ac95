/**
 * The download part of `deno task bench`: serves the real app (built assets,
 * a temporary database with a signed-up workspace and one agent) and counts,
 * for every dashboard page, the HTML, JavaScript and CSS bytes a browser
 * receives, compressed, as sent (`tasks/wire_bytes.ts`), next to the widget's.
 * A first visit downloads all of it; later visits only the HTML (the assets are
 * content-named and immutable).
 *
 * @module
 */
import { build } from "./build.ts";
import { type PageBytes, pageBytes, widgetBytes } from "./wire_bytes.ts";
import { makeTestDeps, signUp, startServer } from "../tests/helpers.ts";

/** What `benchPages` measured. */
export interface PagesReport {
  pages: PageBytes[];
  widget: { loader: number; total: number; files: number };
}

/** The pages a browser is sent to, `:agent` standing for the agent's id. */
export const PAGES = [
  "/login",
  "/signup",
  "/forgot-password",
  "/",
  "/agents",
  "/agents/new",
  "/agents/:agent",
  "/agents/:agent/knowledge",
  "/agents/:agent/playground",
  "/agents/:agent/embed",
  "/inbox",
  "/inbox/tickets",
  "/settings",
  "/team",
  "/profile",
];

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`.padStart(9);

/** Measures every page of {@linkcode PAGES} and the widget, prints the table, returns the numbers. */
export async function benchPages(): Promise<PagesReport> {
  await build({ ifStale: true, quiet: true });
  const ctx = await makeTestDeps({ env: { LOG_LEVEL: "error" } });
  const server = await startServer(ctx.deps);
  try {
    const origin = server.url;
    const admin = await signUp({
      request: (p, i) => fetch(origin + p, { ...i, headers: { ...i.headers as Record<string, string>, origin } }),
    }, { email: "bench@pages.test", company: "Bench" });
    const res = await fetch(`${origin}/api/agents`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: admin.cookie, origin },
      body: JSON.stringify({ name: "Bench agent" }),
    });
    if (!res.ok) throw new Error(`creating the agent: ${res.status} ${await res.text()}`);
    const { agent } = await res.json();
    const pages: PageBytes[] = [];
    for (const path of PAGES) {
      const signedOut = ["/login", "/signup", "/forgot-password"].includes(path);
      pages.push(
        await pageBytes(origin, path.replace(":agent", agent.id), signedOut ? {} : { cookie: admin.cookie }),
      );
    }
    const w = await widgetBytes(origin);
    const report = { pages, widget: { loader: w.loader.bytes, total: w.total, files: w.files.length } };
    console.log("\nDownloads per page, compressed, as sent (Accept-Encoding: br, gzip, deflate; a first visit):");
    console.log(`  ${"page".padEnd(28)} ${"HTML".padStart(9)} ${"JS".padStart(9)} ${"CSS".padStart(9)} files`);
    for (const p of pages) {
      const label = p.path.replace(agent.id, ":id");
      console.log(`  ${label.padEnd(28)} ${kb(p.html)} ${kb(p.js)} ${kb(p.css)} ${String(p.files.length).padStart(5)}`);
    }
    console.log(
      `  ${"widget (loader / all)".padEnd(28)} ${"".padStart(9)} ${kb(w.total)} ${"".padStart(9)} ${
        String(w.files.length).padStart(5)
      }  loader ${kb(w.loader.bytes).trim()} (target <= 6 KB: ${w.loader.bytes <= 6 * 1024 ? "MET" : "NOT MET"}), all ${
        kb(w.total).trim()
      } (target <= 30 KB: ${w.total <= 30 * 1024 ? "MET" : "NOT MET"})`,
    );
    return report;
  } finally {
    await server.close();
    await ctx.cleanup();
  }
}

if (import.meta.main) {
  await benchPages();
}
