/**
 * The small-screen menu: a button in the top bar that opens the navigation,
 * the profile link and "Log out" in a panel below it.
 *
 * @module
 */
import { useRef, useState } from "preact/hooks";
import { Icon } from "../components/Icons.tsx";
import type { NavItem } from "../components/nav.ts";
import { NavLinks } from "../components/NavLinks.tsx";
import { logout } from "./shared/logout.ts";
import { useDismiss } from "./shared/use_dismiss.ts";

/** Props of {@linkcode MobileNav}. */
export interface MobileNavProps {
  items: NavItem[];
  current: string;
  name: string;
  email: string;
  workspace: string;
}

/** Menu button plus drop-down panel (hidden on large screens by the shell). */
export default function MobileNav({ items, current, name, email, workspace }: MobileNavProps) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useDismiss(open, () => setOpen(false), root, button);
  return (
    <div ref={root}>
      <button
        ref={button}
        type="button"
        class="btn-ghost px-2"
        aria-expanded={open ? "true" : "false"}
        aria-controls={open ? "mobile-menu" : undefined}
        onClick={() => setOpen(!open)}
      >
        <Icon name={open ? "close" : "menu"} class="size-6" />
        <span class="sr-only">{open ? "Close menu" : "Open menu"}</span>
      </button>
      {open && (
        <div
          id="mobile-menu"
          class="absolute inset-x-0 top-full border-b border-slate-200 bg-white px-4 pt-3 pb-4 shadow-lg"
        >
          <p class="px-3 pb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">{workspace}</p>
          <nav aria-label="Main">
            <NavLinks items={items} current={current} />
          </nav>
          <div class="mt-3 border-t border-slate-200 pt-3">
            <p class="px-3 text-sm font-semibold text-slate-900">{name}</p>
            <p class="px-3 pb-2 text-xs text-slate-500">{email}</p>
            <NavLinks items={[{ href: "/profile", label: "Your profile", icon: "user" }]} current={current} />
            <button
              type="button"
              class="mt-1 flex w-full items-center gap-3 rounded-lg px-3 py-2 text-left text-sm font-medium text-slate-700 hover:bg-slate-100"
              onClick={() => logout()}
            >
              <Icon name="logout" class="size-5 text-slate-400" />
              Log out
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
