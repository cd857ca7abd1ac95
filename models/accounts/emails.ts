/**
 * The texts of the emails the app sends. Plain text first (what every client
 * shows), with a minimal escaped HTML alternative.
 *
 * @module
 */
import type { MailMessage } from "../ports/mailer.ts";

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

function message(to: string, subject: string, paragraphs: string[], link: { url: string; label: string }): MailMessage {
  const text = [...paragraphs, `${link.label}: ${link.url}`, "", "— Frontdesk"].join("\n\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#0f172a">` +
    paragraphs.map((p) => `<p>${escape(p)}</p>`).join("") +
    `<p><a href="${
      escape(link.url)
    }" style="display:inline-block;padding:10px 16px;background:#4f46e5;color:#fff;border-radius:6px;text-decoration:none">${
      escape(link.label)
    }</a></p><p style="color:#64748b;font-size:12px">${escape(link.url)}</p></body></html>`;
  return { to, subject, text, html };
}

/** The password reset email. */
export function resetEmail(to: string, name: string, url: string): MailMessage {
  return message(to, "Reset your Frontdesk password", [
    `Hi ${name},`,
    "Someone (hopefully you) asked to reset the password of your Frontdesk account. The link works once and expires in 1 hour.",
    "If you did not ask for this, you can ignore this email: your password stays the same.",
  ], { url, label: "Choose a new password" });
}

/** The team invite email. */
export function inviteEmail(to: string, inviter: string, workspace: string, url: string): MailMessage {
  return message(to, `${inviter} invited you to ${workspace} on Frontdesk`, [
    `${inviter} invited you to join the ${workspace} team on Frontdesk, where you answer customers together.`,
    "The link works once and expires in 7 days.",
  ], { url, label: "Accept the invitation" });
}
