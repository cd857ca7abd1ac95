/**
 * The keyboard shortcuts of the Tickets pages: which key does what, and the
 * rule that they never fire while someone types (in a field, a text area,
 * a select or an editable element) or holds Ctrl, Alt or Meta.
 *
 * @module
 */

/** What a shortcut does. */
export type ShortcutAction = "next" | "previous" | "reply" | "note" | "assign" | "resolve" | "back" | "help";

/** The shortcuts, as the help lists them. */
export const SHORTCUTS: { keys: string[]; action: ShortcutAction; label: string }[] = [
  { keys: ["j"], action: "next", label: "Next ticket" },
  { keys: ["k"], action: "previous", label: "Previous ticket" },
  { keys: ["r"], action: "reply", label: "Write a reply" },
  { keys: ["n"], action: "note", label: "Write an internal note" },
  { keys: ["a"], action: "assign", label: "Assign to me" },
  { keys: ["e"], action: "resolve", label: "Resolve" },
  { keys: ["Esc"], action: "back", label: "Back to the list" },
  { keys: ["?"], action: "help", label: "Show these shortcuts" },
];

const KEYS: Record<string, ShortcutAction> = {
  j: "next",
  k: "previous",
  r: "reply",
  n: "note",
  a: "assign",
  e: "resolve",
  Escape: "back",
  "?": "help",
};

/** The parts of a key event the rule looks at (a real `KeyboardEvent` has them). */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  isComposing?: boolean;
  defaultPrevented?: boolean;
  target: EventTarget | null;
}

/** True when `target` takes typing: a text field, text area, select or editable element. */
export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as { tagName?: string; isContentEditable?: boolean; type?: string } | null;
  if (!el || typeof el.tagName !== "string") return false;
  const tag = el.tagName.toUpperCase();
  if (tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable) return true;
  if (tag !== "INPUT") return false;
  return !["button", "checkbox", "radio", "submit", "reset", "range", "color", "file"].includes(
    (el.type ?? "text").toLowerCase(),
  );
}

/** The shortcut a key press means, or null (typing, a modifier held, or no shortcut). */
export function shortcutOf(e: KeyLike): ShortcutAction | null {
  if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.metaKey || e.altKey) return null;
  if (isTypingTarget(e.target)) return null;
  return KEYS[e.key] ?? null;
}
