/**
 * The dashboard's navigation entries, shared by the desktop sidebar and the
 * mobile menu island (plain data, so it can be an island prop).
 *
 * @module
 */
import type { IconName } from "./Icons.tsx";

/** One navigation link. */
export interface NavItem {
  href: string;
  label: string;
  icon: IconName;
}

/** Entries for a member; admins also get Team. */
export function navItems(isAdmin: boolean): NavItem[] {
  const items: NavItem[] = [
    { href: "/", label: "Home", icon: "home" },
    { href: "/agents", label: "Agents", icon: "agents" },
    { href: "/inbox", label: "Inbox", icon: "inbox" },
    { href: "/inbox/tickets", label: "Tickets", icon: "checkCircle" },
    { href: "/analytics", label: "Analytics", icon: "analytics" },
    { href: "/settings", label: "Settings", icon: "settings" },
  ];
  if (isAdmin) items.push({ href: "/team", label: "Team", icon: "team" });
  return items;
}

/** Two-letter initials for an avatar. */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : (parts[0] ?? "?").slice(0, 2);
  return letters.toUpperCase();
}
