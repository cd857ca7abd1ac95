/**
 * The signed-in page frame: {@linkcode AppShell} with its two islands (account
 * menu, mobile menu) filled in for the current user.
 *
 * @module
 */
import type { ComponentChildren } from "preact";
import { AppShell } from "../components/AppShell.tsx";
import { Island } from "../components/Island.tsx";
import { navItems } from "../components/nav.ts";
import type { User } from "../models/accounts/user.ts";
import MobileNav from "../islands/MobileNav.tsx";
import UserMenu from "../islands/UserMenu.tsx";

/** Props of {@linkcode SignedInPage}. */
export interface SignedInPageProps {
  title: string;
  /** Path of the page, highlighted in the navigation. */
  current: string;
  user: User;
  children: ComponentChildren;
}

/** A dashboard page for `user`. */
export function SignedInPage({ title, current, user, children }: SignedInPageProps) {
  const nav = navItems(user.role === "admin");
  return (
    <AppShell
      title={title}
      current={current}
      workspace={user.company}
      nav={nav}
      userMenu={
        <Island name="UserMenu" component={UserMenu} props={{ name: user.name, email: user.email, role: user.role }} />
      }
      mobileMenu={
        <Island
          name="MobileNav"
          component={MobileNav}
          props={{ items: nav, current, name: user.name, email: user.email, workspace: user.company }}
        />
      }
    >
      {children}
    </AppShell>
  );
}
