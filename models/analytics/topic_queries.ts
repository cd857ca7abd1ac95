/**
 * Common questions and knowledge gaps of a period (grouping: `topics.ts`),
 * and the one-step fix of a gap: its answer becomes a text source of the
 * agent's knowledge (a new knowledge version once ingested) and the gap is
 * marked fixed. Definitions: the README, "Analytics".
 *
 * @module
 */
import { NotFoundError } from "../../lib/errors.ts";
import type { User } from "../accounts/user.ts";
import { trainFromJson } from "../knowledge/training.ts";
import { sourceJson } from "../knowledge/wire.ts";
import type { Deps } from "../ports/deps.ts";
import { addDays, dayCount, localDay } from "./days.ts";
import { periodOf } from "./queries.ts";
import type { GapFix } from "./rollup_types.ts";
import {
  assigner,
  cluster,
  clusterId,
  examples,
  QUESTION_MAX_CHARS,
  signatureOfId,
  SIMILARITY,
  similarity,
} from "./topics.ts";
import { mergeByEmbeddings } from "./topic_embeddings.ts";
import type { ListQuery } from "./wire.ts";
import { taggedQuestions } from "./tagged.ts";

/**
 * Signatures read per query: the most asked (or most unsure). The long tail past it is left out of the grouping
 * (it would form topics of one question each) but counted in the total.
 */
const SIGNATURES_READ = 1000;

/**
 * The period's topics, the most asked first, each with its count in the previous period. Grouped by keywords, then
 * by meaning when the workspace's provider embeds (`topic_embeddings.ts`; only with whole `Deps`: the bench and
 * other offline callers pass the store and clock alone, and get the keyword grouping).
 */
export async function topics(deps: Pick<Deps, "store" | "clock"> | Deps, user: User, q: ListQuery) {
  const p = await periodOf(deps, user, q);
  const length = dayCount(p.from, p.to);
  const before = { ...p, from: addDays(p.from, -length), to: addDays(p.from, -1) };
  const a = deps.store.analytics;
  const [rows, previousRows, totals] = q.tag
    ? await Promise.all([taggedQuestions(deps, p, q.tag), taggedQuestions(deps, before, q.tag)])
      .then(([now, then]) => [now, then, now.reduce((s, r) => s + r.asked, 0)] as const)
    : await Promise.all([
      a.questions(p, { unsure: false, limit: SIGNATURES_READ }),
      a.questions(before, { unsure: false, limit: SIGNATURES_READ }),
      a.questionTotal(p),
    ]);
  // Grouped whole, then the largest kept: a topic's lead is its most asked wording, not always its largest share.
  const lexical = cluster(rows, (r) => r.asked);
  const { clusters, grouping, into } = "ai" in deps
    ? await mergeByEmbeddings(deps, { workspaceId: p.workspaceId, agentId: p.agentId }, lexical, (r) => r.asked)
    : { clusters: lexical, grouping: "lexical" as const, into: lexical.map((_, i) => i) };
  // The previous period's signatures are placed by keywords (they are not embedded: the cost stays one call),
  // into the topic their lexical cluster ended in.
  const previous = new Array(clusters.length).fill(0);
  const assign = assigner(lexical);
  for (const r of previousRows) {
    const i = assign(r.signature);
    if (i !== null) previous[into[i]] += r.asked;
  }
  const list = clusters.map((c, i) => {
    const questions = c.members.reduce((s, m) => s + m.asked, 0);
    return {
      id: clusterId(c.lead.signature),
      label: c.lead.example,
      terms: c.terms,
      questions,
      previous: previous[i],
      change: questions - previous[i],
      unsure: c.members.reduce((s, m) => s + m.unsure, 0),
      examples: examples(c.members, (m) => m.example),
    };
  });
  list.sort((x, y) => y.questions - x.questions || x.label.localeCompare(y.label));
  return {
    from: p.from,
    to: p.to,
    timeZone: p.timeZone,
    tag: q.tag ?? null,
    questions: totals,
    grouping,
    topics: list.slice(0, q.limit),
  };
}

/** The fix of a gap, if one of its signatures (or one like its lead) was fixed. */
function fixOf(fixes: GapFix[], signatures: string[], lead: string[]): GapFix | null {
  const found = fixes.filter((f) =>
    signatures.includes(f.signature) || similarity(f.signature.split(" "), lead) >= SIMILARITY
  );
  return found.sort((a, b) => b.fixedAt.getTime() - a.fixedAt.getTime())[0] ?? null;
}

/** The period's knowledge gaps: open ones first, then the most unsure. */
export async function gaps(deps: Pick<Deps, "store" | "clock">, user: User, q: ListQuery) {
  const p = await periodOf(deps, user, q);
  const a = deps.store.analytics;
  const [rows, fixes] = await Promise.all([
    q.tag
      ? taggedQuestions(deps, p, q.tag).then((all) => all.filter((r) => r.unsure > 0))
      : a.questions(p, { unsure: true, limit: SIGNATURES_READ }),
    a.gapFixes(p.workspaceId),
  ]);
  const list = cluster(rows, (r) => r.unsure).map((c) => {
    const lastDay = c.members.reduce((d, m) => (m.lastUnsureDay! > d ? m.lastUnsureDay! : d), "");
    const fix = fixOf(fixes, c.members.map((m) => m.signature), c.terms);
    return {
      lead: c.lead.signature,
      id: clusterId(c.lead.signature),
      label: c.lead.unsureExample ?? c.lead.example,
      terms: c.terms,
      questions: c.members.reduce((s, m) => s + m.unsure, 0),
      lastDay,
      agentId: p.agentId ?? c.lead.unsureAgentId ?? "",
      examples: examples(c.members, (m) => m.unsureExample),
      resolved: fix !== null && fix.fixedDay >= lastDay,
      fix: fix
        ? { sourceId: fix.sourceId, agentId: fix.agentId, fixedAt: fix.fixedAt.toISOString(), fixedBy: fix.fixedBy }
        : null,
    };
  });
  list.sort((x, y) => Number(x.resolved) - Number(y.resolved) || y.questions - x.questions);
  const shown = list.slice(0, q.limit);
  return {
    from: p.from,
    to: p.to,
    timeZone: p.timeZone,
    tag: q.tag ?? null,
    gaps: shown.map(({ lead: _, ...g }) => g),
  };
}

/**
 * Fixes a gap in one step: adds `answer` to the agent's knowledge as a text source titled with the question
 * (ingested into a new knowledge version by the ingestion listener), and records the gap as fixed today. A gap
 * of another workspace, or no gap at all, is not found. Admins only (it changes an agent's knowledge).
 */
export async function fixGap(
  deps: Deps,
  user: User,
  id: string,
  input: { answer: string; question?: string; agentId?: string },
) {
  const signature = signatureOfId(id);
  const agents = signature ? await deps.store.analytics.gapAgents(user.workspaceId, signature) : [];
  if (!signature || !agents.length) throw new NotFoundError("Gap");
  const agentId = input.agentId ?? agents[0].agentId;
  const question = input.question ?? agents[0].example ?? signature;
  const source = await trainFromJson(deps, user, agentId, {
    type: "text",
    content: `# ${question}\n\n${input.answer}`,
    metadata: { title: question.slice(0, QUESTION_MAX_CHARS) },
  });
  const now = deps.clock.now();
  const { timeZone } = await periodOf(deps, user, {});
  const fix: GapFix = {
    workspaceId: user.workspaceId,
    signature,
    agentId,
    sourceId: source.id,
    fixedBy: user.id,
    fixedAt: now,
    fixedDay: localDay(now, timeZone),
  };
  await deps.store.analytics.fixGap(fix);
  return {
    gap: { id, agentId, fixedAt: now.toISOString(), fixedBy: user.id, sourceId: source.id },
    source: sourceJson(source),
  };
}
