/**
 * Canned responses in the reply box, pure: a `/` typed at the start of the
 * reply (or of a line) opens the menu, the letters after it filter it, and
 * choosing one puts its body where `/shortcut` was.
 *
 * @module
 */
import type { CannedResponse } from "../types.ts";

/** A `/word` being typed: where it starts and what follows the slash. */
export interface SlashToken {
  start: number;
  end: number;
  query: string;
}

/** The `/word` just before the caret, when it starts the text or a line. */
export function slashToken(text: string, caret: number): SlashToken | null {
  const before = text.slice(0, caret);
  const m = /(^|\n)\/([a-z0-9_-]*)$/i.exec(before);
  if (!m) return null;
  const start = m.index + m[1].length;
  return { start, end: caret, query: m[2].toLowerCase() };
}

/** The responses for `query`: shortcuts starting with it first, then any whose shortcut or title contains it. */
export function filterCanned(all: CannedResponse[], query: string): CannedResponse[] {
  const q = query.toLowerCase();
  if (!q) return all;
  const starts = all.filter((c) => c.shortcut.startsWith(q));
  const contains = all.filter((c) =>
    !c.shortcut.startsWith(q) && (c.shortcut.includes(q) || c.title.toLowerCase().includes(q))
  );
  return [...starts, ...contains];
}

/** The text with `token` replaced by `body`, and where the caret goes (after the body). */
export function insertCanned(text: string, token: SlashToken | null, body: string, caret = text.length) {
  const start = token?.start ?? caret;
  const end = token?.end ?? caret;
  const next = text.slice(0, start) + body + text.slice(end);
  return { text: next, caret: start + body.length };
}
