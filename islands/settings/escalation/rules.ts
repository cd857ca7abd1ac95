/**
 * Settings → Escalation, pure: the rules as the form edits them (minutes as
 * typed), turning them into the body of `PUT /api/settings/escalation`
 * through the API's own `escalationRulesSchema` with a message per rule,
 * and how a rule reads in words.
 *
 * @module
 */
import type { z } from "zod";
import { escalationRulesSchema } from "../../../models/tickets/ticket_schemas.ts";

/** The workspace's rules, as the API sends and takes them. */
export type EscalationRules = z.infer<typeof escalationRulesSchema>;
/** One rule. */
export type EscalationRule = EscalationRules["rules"][number];

/** The most rules a workspace has (the schema's limit). */
export const MAX_RULES = 5;
/** The longest delay, in minutes: 14 days (the schema's limit). */
export const MAX_MINUTES = 60 * 24 * 14;

/** A rule in the form: the delay as typed, and a key that stays while rules are added and removed. */
export interface RuleDraft extends Omit<EscalationRule, "afterMinutes"> {
  key: string;
  afterMinutes: string;
}

let seq = 0;
const nextKey = () => `rule-${++seq}`;

/** The stored rules as form rows. */
export function toDrafts(rules: EscalationRule[]): RuleDraft[] {
  return rules.map((r) => ({ ...r, afterMinutes: String(r.afterMinutes), key: nextKey() }));
}

/** A new row: an hour after the last rule's delay (an hour for the first), raising the priority and emailing admins. */
export function newDraft(drafts: RuleDraft[]): RuleDraft {
  const last = Math.max(0, ...drafts.map((d) => Number(d.afterMinutes)).filter((n) => Number.isInteger(n)));
  return {
    key: nextKey(),
    afterMinutes: String(Math.min(MAX_MINUTES, last + 60)),
    raisePriority: true,
    assignToAdmin: false,
    emailAdmins: true,
  };
}

/** The rows as the API's body, or a message per row key whose delay is not valid. */
export function parseDrafts(
  drafts: RuleDraft[],
): { ok: true; rules: EscalationRules } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  for (const d of drafts) {
    const text = d.afterMinutes.trim();
    const n = Number(text);
    if (!/^\d+$/.test(text)) errors[d.key] = "Enter a whole number of minutes.";
    else if (n < 1 || n > MAX_MINUTES) errors[d.key] = `Between 1 minute and 14 days (${MAX_MINUTES} minutes).`;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const parsed = escalationRulesSchema.safeParse({
    rules: drafts.map(({ key: _key, afterMinutes, ...flags }) => ({ afterMinutes: Number(afterMinutes), ...flags })),
  });
  if (parsed.success) return { ok: true, rules: parsed.data };
  // Anything else the schema refuses (more rules than allowed) belongs to the last row.
  for (const issue of parsed.error.issues) {
    const i = typeof issue.path[1] === "number" ? issue.path[1] : drafts.length - 1;
    errors[drafts[i]?.key ?? ""] ??= issue.message;
  }
  return { ok: false, errors };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** A delay in words: "45 minutes", "2 hours", "1 day 3 hours", "1 hour 30 minutes". */
export function delayWords(minutes: number): string {
  const days = Math.floor(minutes / 1440), hours = Math.floor((minutes % 1440) / 60), mins = minutes % 60;
  const parts = [days && plural(days, "day"), hours && plural(hours, "hour"), mins && plural(mins, "minute")];
  return parts.filter(Boolean).join(" ") || plural(0, "minute");
}

/** What a rule does, in words: "raise the priority, email the admins" (or "only record it"). */
export function actionWords(r: Pick<EscalationRule, "raisePriority" | "assignToAdmin" | "emailAdmins">): string {
  const parts = [
    r.raisePriority && "raise the priority one step",
    r.assignToAdmin && "assign it to an admin if unassigned",
    r.emailAdmins && "email the admins",
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "only record it in the thread";
}
