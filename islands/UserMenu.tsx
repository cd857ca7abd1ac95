/**
 * The account menu at the bottom of the sidebar: who is signed in, a link to
 * the profile and the "Log out" button.
 *
 * @module
 */
import { useRef, useState } from "preact/hooks";
import { roleLabel } from "../components/format.ts";
import { Icon } from "../components/Icons.tsx";
import { initials } from "../components/nav.ts";
import { Spinner } from "../components/SubmitButton.tsx";
import { logout } from "./shared/logout.ts";
import { useDismiss } from "./shared/use_dismiss.ts";

/** Props of {@linkcode UserMenu}. */
export interface UserMenuProps {
  name: string;
  email: string;
  role: string;
}

/** Account button that opens a small menu above it. */
export default function UserMenu({ name, email, role }: UserMenuProps) {
  const [open, setOpen] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useDismiss(open, () => setOpen(false), root, button);
  return (
    <div ref={root} class="relative">
      {open && (
        <div
          id="user-menu"
          class="absolute inset-x-0 bottom-full mb-2 rounded-xl bg-white p-1.5 shadow-lg ring-1 ring-slate-200"
        >
          <p class="truncate px-3 pt-1.5 pb-2 text-xs text-slate-500">
            Signed in as <span class="font-medium text-slate-700">{email}</span>
          </p>
          <a
            href="/profile"
            class="flex items-center gap-3 rounded-lg px-3 py-2 text-sm text-slate-700 hover:bg-slate-100"
          >
            <Icon name="user" class="size-5 text-slate-400" />
            Your profile
          </a>
          <button
            type="button"
            class="flex w-full items-center gap-3 rounded-lg px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100"
            disabled={leaving}
            onClick={() => {
              setLeaving(true);
              logout();
            }}
          >
            {leaving ? <Spinner /> : <Icon name="logout" class="size-5 text-slate-400" />}
            Log out
          </button>
        </div>
      )}
      <button
        ref={button}
        type="button"
        aria-expanded={open ? "true" : "false"}
        aria-controls={open ? "user-menu" : undefined}
        onClick={() => setOpen(!open)}
        class="flex w-full items-center gap-3 rounded-lg p-2 text-left hover:bg-slate-100"
      >
        <span
          class="grid size-9 shrink-0 place-items-center rounded-full bg-indigo-100 text-sm font-semibold text-indigo-700"
          aria-hidden="true"
        >
          {initials(name)}
        </span>
        <span class="min-w-0 flex-1">
          <span class="block truncate text-sm font-semibold text-slate-900">{name}</span>
          <span class="block truncate text-xs text-slate-600">{roleLabel(role)}</span>
        </span>
        <span class="sr-only">Account menu</span>
        <Icon name={open ? "chevronDown" : "chevronUp"} class="size-4 text-slate-400" />
      </button>
    </div>
  );
}
