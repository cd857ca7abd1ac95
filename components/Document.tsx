/**
 * The HTML document every page renders into: head (title, description,
 * stylesheet, favicon), a skip link, the page, then the module scripts of the islands
 * the page used. No inline scripts or handlers (CSP `script-src 'self'`).
 *
 * @module
 */
import type { ComponentChildren } from "preact";
import { stylesheetUrl } from "./assets.ts";
import { IslandScripts } from "./Island.tsx";

// The favicon is inline (CSP allows `data:` images) so no extra request or file type is needed.
const FAVICON = "data:image/svg+xml," + encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#4f46e5"/>' +
    '<path d="M9 9h14a1.5 1.5 0 0 1 1.5 1.5v9A1.5 1.5 0 0 1 23 21h-8l-5 4v-4H9a1.5 1.5 0 0 1-1.5-1.5v-9A1.5 1.5 0 0 1 9 9z" ' +
    'fill="none" stroke="#fff" stroke-width="2.2" stroke-linejoin="round"/></svg>',
);

/** The `<meta name="description">` of pages that give none (what search results and link previews show). */
export const DEFAULT_DESCRIPTION =
  "Frontdesk: AI customer support that answers your visitors from your own content, with sources, " +
  "and hands off to your team in a real-time inbox.";

/** Props of {@linkcode Document}. */
export interface DocumentProps {
  /** Page title; " · Frontdesk" is appended. */
  title: string;
  /** One or two sentences about the page; {@linkcode DEFAULT_DESCRIPTION} when absent. */
  description?: string;
  /** The page's language (customers' pages: the rating page); English, the dashboard's, by default. */
  lang?: string;
  children: ComponentChildren;
}

/** `<html>` for a page; `routes/render.tsx` adds the doctype. */
export function Document({ title, description, lang, children }: DocumentProps) {
  return (
    <html lang={lang ?? "en"} class="h-full">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <title>{`${title} · Frontdesk`}</title>
        <meta name="description" content={description ?? DEFAULT_DESCRIPTION} />
        <link rel="icon" href={FAVICON} type="image/svg+xml" />
        <link rel="stylesheet" href={stylesheetUrl()} />
      </head>
      <body class="h-full">
        <a
          href="#main"
          class="sr-only z-50 rounded-lg bg-white px-4 py-2 text-sm font-semibold text-indigo-700 shadow focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
        >
          Skip to content
        </a>
        {children}
        <IslandScripts />
      </body>
    </html>
  );
}
