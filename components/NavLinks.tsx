/**
 * The list of navigation links, highlighting the current page
 * (`aria-current="page"`). Used by the sidebar and the mobile menu island.
 *
 * @module
 */
import { Icon } from "./Icons.tsx";
import type { NavItem } from "./nav.ts";

/** Props of {@linkcode NavLinks}. */
export interface NavLinksProps {
  items: NavItem[];
  /** Path of the current page. */
  current: string;
}

/** `<ul>` of links with icons. */
export function NavLinks({ items, current }: NavLinksProps) {
  return (
    <ul class="space-y-1">
      {items.map((item) => {
        const active = item.href === current;
        return (
          <li key={item.href}>
            <a
              href={item.href}
              aria-current={active ? "page" : undefined}
              class={`group flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium transition-colors ${
                active ? "bg-indigo-50 text-indigo-700" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900"
              }`}
            >
              <Icon
                name={item.icon}
                class={`size-5 shrink-0 ${active ? "text-indigo-600" : "text-slate-400 group-hover:text-slate-600"}`}
              />
              {item.label}
            </a>
          </li>
        );
      })}
    </ul>
  );
}
