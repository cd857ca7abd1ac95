/**
 * Turns a page's Preact tree into the HTTP response: renders it with a fresh
 * islands collector (so the document loads exactly the bundles it uses) and
 * answers `text/html` with the doctype. Pages carry per-user data, so they
 * are never cached.
 *
 * @module
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { VNode } from "preact";
import { render } from "preact-render-to-string";
import { IslandsContext, type IslandSet } from "../components/Island.tsx";
import type { AppEnv } from "../http/app_env.ts";

/** Renders `page` (a `<Document>`-rooted tree) to a full HTML response. */
export function renderPage(c: Context<AppEnv>, page: VNode, status: ContentfulStatusCode = 200): Response {
  const islands: IslandSet = new Set();
  const html = render(<IslandsContext.Provider value={islands}>{page}</IslandsContext.Provider>);
  c.header("Cache-Control", "no-store");
  return c.html(`<!doctype html>${html}`, status);
}
