/**
 * `useTicketShortcuts`: the Tickets page's keyboard shortcuts (listed under
 * "?"): j/k move through the list or from ticket to ticket, r and n write a
 * reply or a note, a assigns to me, e resolves, Esc goes back. One document
 * listener, which always sees the page's latest state.
 *
 * @module
 */
import type { RefObject } from "preact";
import { useEffect, useRef } from "preact/hooks";
import type { ReplyMode } from "../reply/ReplyBox.tsx";
import { rowId } from "../TicketList.tsx";
import type { useTickets } from "../use_tickets.ts";
import { shortcutOf } from "./keys.ts";

/** What the shortcuts read and change. */
export interface ShortcutOptions {
  t: Pick<ReturnType<typeof useTickets>, "selectedId" | "step" | "select" | "assign" | "setStatus">;
  meId: string;
  /** The shortcuts' pop-up. */
  help: boolean;
  setHelp: (open: boolean) => void;
  /** The list's row j/k last moved to. */
  activeId: string | null;
  setActiveId: (id: string) => void;
  setMode: (mode: ReplyMode) => void;
  reply: RefObject<HTMLTextAreaElement | null>;
}

/** Listens for the shortcuts while the page is mounted. */
export function useTicketShortcuts(o: ShortcutOptions) {
  const onKey = useRef<(e: KeyboardEvent) => void>(() => {});
  onKey.current = async (e: KeyboardEvent) => {
    const { t, help, activeId } = o;
    const action = shortcutOf(e);
    if (!action) return;
    if (action === "back" && help) {
      // Closes the shortcuts (their pop-up may not listen yet when Escape follows "?" at once).
      o.setHelp(false);
      document.getElementById("tickets-shortcuts-button")?.focus();
      return;
    }
    // The canned picker handles its own Escape.
    if (action === "back" && document.querySelector("#canned-picker")) return;
    e.preventDefault();
    const open = t.selectedId;
    const target = open ?? activeId;
    switch (action) {
      case "help":
        o.setHelp(!help);
        return;
      case "next":
      case "previous": {
        const id = await t.step(action === "next" ? 1 : -1, open ?? activeId);
        if (!id) return;
        if (open) {
          if (id !== open) t.select(id);
        } else {
          o.setActiveId(id);
          document.getElementById(rowId(id))?.focus();
        }
        return;
      }
      case "reply":
      case "note":
        if (!open) return;
        o.setMode(action);
        o.reply.current?.focus();
        return;
      case "assign":
        if (target) t.assign(target, o.meId);
        return;
      case "resolve":
        if (target) t.setStatus(target, "resolved");
        return;
      case "back":
        if (open) t.select(null);
        return;
    }
  };
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey.current(e);
    document.addEventListener("keydown", listener);
    return () => document.removeEventListener("keydown", listener);
  }, []);
}
