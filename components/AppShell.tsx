/**
 * The signed-in layout: a sidebar on large screens (brand, workspace,
 * navigation, account menu) that becomes a top bar with a menu button on
 * small ones. The sidebar is a column of the page, as tall as the page
 * however long it gets, and its contents stay in view while the page
 * scrolls (sticky, not fixed: a fixed sidebar is only as tall as the
 * viewport, and stops short of the bottom wherever the page is drawn whole,
 * as in a full-page capture or print). The interactive parts (account menu, mobile menu) are islands
 * the caller passes in, so this component stays server-only markup.
 *
 * @module
 */
import type { ComponentChildren } from "preact";
import { Brand } from "./Brand.tsx";
import { Document } from "./Document.tsx";
import type { NavItem } from "./nav.ts";
import { NavLinks } from "./NavLinks.tsx";

/** Props of {@linkcode AppShell}. */
export interface AppShellProps {
  title: string;
  /** Path of the current page, highlighted in the navigation. */
  current: string;
  /** Workspace (company) name shown under the brand. */
  workspace: string;
  nav: NavItem[];
  /** The account menu (an island) at the bottom of the sidebar. */
  userMenu: ComponentChildren;
  /** The small-screen menu button and panel (an island). */
  mobileMenu: ComponentChildren;
  children: ComponentChildren;
}

/** Sidebar + main content. */
export function AppShell(p: AppShellProps) {
  return (
    <Document title={p.title}>
      <div class="min-h-full lg:flex">
        <aside class="hidden shrink-0 border-r border-slate-200 bg-white lg:block lg:w-64" data-part="sidebar">
          <div class="lg:sticky lg:top-0 lg:flex lg:h-dvh lg:flex-col">
            <div class="flex h-16 shrink-0 items-center px-5">
              <a href="/" class="rounded-lg" aria-label="Frontdesk home">
                <Brand />
              </a>
            </div>
            <div class="mx-3 mb-4 rounded-lg bg-slate-50 px-3 py-2 ring-1 ring-slate-200">
              <p class="text-[11px] font-semibold tracking-wide text-slate-500 uppercase">Workspace</p>
              <p class="truncate text-sm font-semibold text-slate-900">{p.workspace}</p>
            </div>
            <nav aria-label="Main" class="flex-1 overflow-y-auto px-3">
              <NavLinks items={p.nav} current={p.current} />
            </nav>
            <div class="border-t border-slate-200 p-3">{p.userMenu}</div>
          </div>
        </aside>
        <header class="sticky top-0 z-30 flex h-14 items-center gap-3 border-b border-slate-200 bg-white/95 px-4 backdrop-blur lg:hidden">
          <a href="/" class="rounded-lg" aria-label="Frontdesk home">
            <Brand />
          </a>
          <div class="ml-auto">{p.mobileMenu}</div>
        </header>
        <main id="main" class="min-w-0 lg:flex-1">
          <div class="mx-auto max-w-6xl px-4 py-8 sm:px-6 lg:px-10 lg:py-10">{p.children}</div>
        </main>
      </div>
    </Document>
  );
}
