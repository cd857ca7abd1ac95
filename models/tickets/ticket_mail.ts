/**
 * Emails about tickets: a staff reply the visitor could not see live (with a
 * link back to the page where they chatted, which reopens the widget on that
 * conversation), the rating request, and escalation notices to admins.
 * Internal notes are never passed here.
 *
 * @module
 */
import { hmacSha256Hex, timingSafeEqual } from "../../lib/crypto.ts";
import type { Deps } from "../ports/deps.ts";
import type { Message } from "../chat/conversation.ts";
import type { MailMessage } from "../ports/mailer.ts";
import type { Ticket } from "./ticket.ts";
import type { User } from "../accounts/user.ts";
import { visitorLang } from "../chat/chat.ts";
import type { Lang } from "../chat/system_texts.ts";
import { customerText } from "../language/customer_texts.ts";
import { languageName } from "../language/detect.ts";

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

function mail(
  to: string,
  subject: string,
  lines: string[],
  link: { url: string; label: string },
  lang: Lang = "en",
): MailMessage {
  const text = [...lines, `${link.label}: ${link.url}`, "", customerText(lang, "sentBy")].join("\n\n");
  const html =
    `<!doctype html><html lang="${lang}"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#0f172a">` +
    lines.map((l) => `<p style="white-space:pre-wrap">${esc(l)}</p>`).join("") +
    `<p><a href="${esc(link.url)}">${esc(link.label)}</a></p></body></html>`;
  return { to, subject, text, html };
}

/**
 * The language the customer of a ticket is written to in: their conversation's when the system writes it,
 * else their widget's; English when neither (a ticket opened by staff for an email address).
 */
export async function ticketLang(deps: Deps, ticket: Pick<Ticket, "workspaceId" | "conversationId">) {
  const conv = await deps.store.conversations.get(ticket.workspaceId, ticket.conversationId);
  return conv ? await visitorLang(deps, conv) : undefined;
}

const keyed = (key: string | undefined, m: MailMessage): MailMessage => key ? { ...m, idempotencyKey: key } : m;

/** Where the visitor chatted, with a fragment the widget reads to reopen that conversation. */
export function linkBack(deps: Deps, ticket: Ticket): string {
  let base = `${deps.config.appUrl}/`;
  if (ticket.pageUrl) {
    try {
      const u = new URL(ticket.pageUrl);
      if (u.protocol === "https:" || u.protocol === "http:") base = u.origin + u.pathname + u.search;
    } catch { /* not a URL: the app's own page */ }
  }
  return `${base}#frontdesk=${ticket.conversationId}`;
}

async function ratingSignature(deps: Deps, ticket: Pick<Ticket, "id" | "workspaceId">, exp: number) {
  return await hmacSha256Hex(`${deps.config.jwtSecret}:rating`, `${ticket.workspaceId}.${ticket.id}.${exp}`);
}

/** A link the customer can rate the ticket with (valid 30 days, no account needed). */
export async function ratingLink(deps: Deps, ticket: Ticket): Promise<string> {
  const exp = Math.floor(deps.clock.now().getTime() / 1000) + 30 * 24 * 3600;
  const sig = await ratingSignature(deps, ticket, exp);
  return `${deps.config.appUrl}/rate?w=${ticket.workspaceId}&t=${ticket.id}&exp=${exp}&sig=${sig}`;
}

/** Checks a rating link's parts. */
export async function ratingLinkValid(deps: Deps, w: string, t: string, exp: number, sig: string): Promise<boolean> {
  if (exp * 1000 < deps.clock.now().getTime()) return false;
  return timingSafeEqual(await ratingSignature(deps, { id: t, workspaceId: w }, exp), sig);
}

/** The language of the conversation behind a rating link, when the link is genuine (never for a forged one). */
export async function ratingLinkLang(
  deps: Deps,
  link: { w: string; t: string; exp: number; sig: string },
): Promise<Lang | undefined> {
  if (!(await ratingLinkValid(deps, link.w, link.t, link.exp, link.sig))) return undefined;
  const ticket = await deps.store.tickets.get(link.w, link.t);
  return ticket ? await ticketLang(deps, ticket) : undefined;
}

/** Emails a staff reply the visitor could not see live; `key` makes a repeat a no-op. */
export async function emailReply(
  deps: Deps,
  ticket: Ticket,
  message: Message,
  author: Pick<User, "name">,
  key?: string,
): Promise<void> {
  if (!ticket.customerEmail || message.internal) return;
  const workspace = await deps.store.workspaces.get(ticket.workspaceId);
  const lang = await ticketLang(deps, ticket) ?? "en";
  const company = workspace?.name ?? customerText(lang, "ourTeam");
  await deps.mailer.send(keyed(
    key,
    mail(
      ticket.customerEmail,
      customerText(lang, "replySubject", { title: ticket.title }),
      [
        customerText(lang, "replied", { name: author.name.split(" ")[0], company }),
        message.text,
      ],
      { url: linkBack(deps, ticket), label: customerText(lang, "continueLink") },
      lang,
    ),
  ));
}

/** Emails the rating request when a ticket is resolved and the visitor is away. */
export async function emailRatingRequest(deps: Deps, ticket: Ticket, key?: string): Promise<void> {
  if (!ticket.customerEmail) return;
  const lang = await ticketLang(deps, ticket) ?? "en";
  await deps.mailer.send(keyed(
    key,
    mail(
      ticket.customerEmail,
      customerText(lang, "ratingSubject", { title: ticket.title }),
      [
        customerText(lang, "ratingBody"),
      ],
      { url: await ratingLink(deps, ticket), label: customerText(lang, "rateLink") },
      lang,
    ),
  ));
}

/** Tells the workspace's admins a ticket was escalated; `key` (+ each admin's id) makes a repeat a no-op. */
export async function emailEscalation(
  deps: Deps,
  ticket: Ticket,
  admins: User[],
  why: string,
  key?: string,
): Promise<void> {
  // To the team, so in the dashboard's English; it says which language the customer writes in, so
  // whoever picks it up knows before opening it.
  const spoken = (await deps.store.conversations.get(ticket.workspaceId, ticket.conversationId))?.language;
  for (const admin of admins) {
    await deps.mailer.send(keyed(
      key && `${key}.${admin.id}`,
      mail(admin.email, `Escalated: ${ticket.title}`, [
        `The ticket "${ticket.title}" was escalated: ${why}`,
        `Priority: ${ticket.priority}.`,
        ...(spoken ? [`The customer writes in ${languageName(spoken)}.`] : []),
      ], { url: `${deps.config.appUrl}/inbox/tickets/${ticket.id}`, label: "Open the ticket" }),
    ));
  }
}
