/**
 * The one-row-per-conversation export: a CSV streamed a page of facts at a
 * time, so a year of conversations never sits in memory.
 *
 * @module
 */
import type { User } from "../accounts/user.ts";
import type { Deps } from "../ports/deps.ts";
import type { ConversationFact } from "./rollup_types.ts";
import { periodOf } from "./queries.ts";
import type { TaggedQuery } from "./wire.ts";

/** The export's columns, in order. */
export const EXPORT_COLUMNS = [
  "conversation_id",
  "started_at",
  "agent",
  "customer_email",
  "messages",
  "handled_by",
  "handoff_reason",
  "first_response_seconds",
  "resolution_seconds",
  "rating",
  "tags",
  // The A/B test variant the AI answered with (empty when none ran).
  "variant",
] as const;

const PAGE = 500;

/**
 * One CSV cell: quoted when it holds a comma, quote or line break; a text starting like a formula (`=`, `+`,
 * `-`, `@`, tab, CR) gets a leading `'` so a spreadsheet shows it instead of running it.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function row(f: ConversationFact, agents: Map<string, string>, variants: Map<string, string>): string {
  return [
    f.conversationId,
    f.startedAt?.toISOString() ?? null,
    agents.get(f.agentId) ?? f.agentId,
    f.customerEmail,
    f.messagesCustomer + f.messagesAi + f.messagesStaff,
    f.handedOff ? "human" : "ai",
    f.handoffReason,
    f.firstResponseSeconds,
    f.resolutionSeconds,
    f.rating,
    f.tags.join(";"),
    variants.get(f.conversationId) ?? null,
  ].map(csvCell).join(",") + "\r\n";
}

/** The period's conversations as a CSV stream (a header line, then one line per conversation, oldest first). */
export async function exportCsv(
  deps: Pick<Deps, "store" | "clock">,
  user: User,
  q: TaggedQuery,
): Promise<{ filename: string; body: ReadableStream<Uint8Array> }> {
  const p = await periodOf(deps, user, q);
  const agents = new Map((await deps.store.agents.list(user.workspaceId)).map((a) => [a.id, a.name]));
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let started = false;
  let done = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(EXPORT_COLUMNS.join(",") + "\r\n"));
        return;
      }
      if (done) return controller.close();
      const page = await deps.store.analytics.facts(p, { after: cursor, limit: PAGE, tag: q.tag });
      if (page.facts.length) {
        const variants = await deps.store.experiments.variantsOf(
          user.workspaceId,
          page.facts.map((f) => f.conversationId),
        );
        controller.enqueue(encoder.encode(page.facts.map((f) => row(f, agents, variants)).join("")));
      }
      cursor = page.next ?? undefined;
      if (!page.next) done = true;
    },
  }, { highWaterMark: 1 });
  return { filename: `conversations-${p.from}-to-${p.to}.csv`, body };
}
