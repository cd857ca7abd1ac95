/**
 * How the staff chat islands word and check things: relative and absolute
 * times, which attachments may show inline, which links are safe, file
 * sizes. Pure functions, shared by the Inbox, the Tickets page and their
 * tests.
 *
 * @module
 */
import type { AgentOption, WireAttachment } from "./types.ts";

/** The name of agent `id`, or "Removed agent" for one deleted since. */
export function agentName(agents: AgentOption[], id: string): string {
  return agents.find((a) => a.id === id)?.name ?? "Removed agent";
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Short relative time for the list: "now", "5m", "3h", "2d", then "Mar 4".
 * `tz` is undefined for the browser's zone; the server and the first
 * hydration pass "UTC" so both print the same text.
 */
export function relativeTime(iso: string, now: number, tz?: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return "";
  const ago = now - t;
  if (ago < MINUTE) return "now";
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)}m`;
  if (ago < DAY) return `${Math.floor(ago / HOUR)}h`;
  if (ago < 7 * DAY) return `${Math.floor(ago / DAY)}d`;
  const sameYear = new Date(t).getUTCFullYear() === new Date(now).getUTCFullYear();
  return new Intl.DateTimeFormat("en-US", {
    month: "short",
    day: "numeric",
    ...(sameYear ? {} : { year: "numeric" }),
    timeZone: tz,
  }).format(t);
}

/** "2:05 PM" for a message; "Mar 4, 2:05 PM" when not today. */
export function messageTime(iso: string, now: number, tz?: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return "";
  const day = (ms: number) => new Intl.DateTimeFormat("en-CA", { dateStyle: "short", timeZone: tz }).format(ms);
  const time = new Intl.DateTimeFormat("en-US", { hour: "numeric", minute: "2-digit", timeZone: tz }).format(t);
  if (day(t) === day(now)) return time;
  const date = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: tz }).format(t);
  return `${date}, ${time}`;
}

/** "Mar 4, 2026, 2:05 PM" for tooltips and the details panel. */
export function fullTime(iso: string, tz?: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return "";
  return new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: tz }).format(t);
}

const INLINE_IMAGES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/** Only these image types are drawn inline; anything else (SVG included) is a link. */
export function isInlineImage(a: Pick<WireAttachment, "contentType">): boolean {
  return INLINE_IMAGES.has(a.contentType.split(";")[0].trim().toLowerCase());
}

/**
 * `url` when it is an http(s) address or a path on this site, else null:
 * `javascript:`, `data:` and the like never become a link.
 */
export function safeHref(url: string | undefined | null): string | null {
  if (!url) return null;
  if (url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\")) return url;
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.href : null;
  } catch {
    return null;
  }
}

/** "1.2 MB" for an attachment's size. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
