/**
 * The layout of the public pages (sign in, sign up, password reset, invite):
 * the brand, a heading and one centered card.
 *
 * @module
 */
import type { ComponentChildren } from "preact";
import { Brand } from "./Brand.tsx";
import { Document } from "./Document.tsx";

/** Props of {@linkcode AuthLayout}. */
export interface AuthLayoutProps {
  title: string;
  /** The page's `<meta name="description">` (see `Document`). */
  description?: string;
  /** The `<h1>`. */
  heading: string;
  subtitle?: ComponentChildren;
  /** Below the card, e.g. "New to Frontdesk? Create an account". */
  footer?: ComponentChildren;
  /** The page's language (see `Document`). */
  lang?: string;
  children: ComponentChildren;
}

/** A centered card page with the Frontdesk brand on top. */
export function AuthLayout({ title, description, heading, subtitle, footer, lang, children }: AuthLayoutProps) {
  return (
    <Document title={title} description={description} lang={lang}>
      <div class="flex min-h-full flex-col bg-linear-to-b from-indigo-50 via-slate-50 to-slate-50 px-4 py-10 sm:justify-center sm:py-16">
        <header class="mx-auto w-full max-w-md text-center">
          <a href="/" class="inline-block rounded-lg" aria-label="Frontdesk home">
            <Brand size="lg" />
          </a>
          <h1 class="mt-8 text-2xl font-bold tracking-tight text-slate-900">{heading}</h1>
          {subtitle && <p class="mt-2 text-sm text-slate-600">{subtitle}</p>}
        </header>
        <main id="main" class="mx-auto mt-8 w-full max-w-md">
          <div class="card px-5 py-7 sm:px-8">{children}</div>
          {footer && <p class="mt-6 text-center text-sm text-slate-600">{footer}</p>}
        </main>
        {/* The product's tagline stays English on a customer's page in another language: marked as such. */}
        <footer class="mx-auto mt-10 text-center text-xs text-slate-400" lang="en">
          Frontdesk: AI customer support that hands off to your team.
        </footer>
      </div>
    </Document>
  );
}
