/**
 * The most asked question signatures of a day (or a month) of one AI agent,
 * kept in a fixed number of counters with the Space-Saving algorithm
 * (Metwally et al., 2005): while fewer than `capacity` signatures were seen
 * the counts are exact; past it, a new signature takes the place of the least
 * counted one and inherits its count, so every signature asked more than
 * 1/capacity of the time is kept and no count is under-estimated (over by at
 * most the count it inherited). The topics of a period then read a bounded
 * number of entries per day or month, whatever the volume.
 *
 * Why by hand: a few lines over a Map; the npm heavy-hitter packages keep no
 * side data (examples, unsure counts) and do not serialise.
 *
 * @module
 */
import { addDays } from "./days.ts";
import type { SignatureCount } from "./topics.ts";

/** One kept signature: [signature, asked, unsure, example, unsure example, last unsure day, inherited]. */
export type HeavyEntry = [string, number, number, string, string | null, string | null, number];

/**
 * Signatures kept per day and agent: day lists are read for periods shorter than a month and the odd days around
 * whole months, 30 per agent for 30 days (twice, with the previous period). 50 keeps every signature asked more
 * than 2% of a day's questions (a topic worth showing is far above that); 100 made a 30-day query read twice as
 * many entries once days were full, for the same topics.
 */
export const DAY_CAPACITY = 50;
/** Signatures kept per month and agent. */
export const MONTH_CAPACITY = 300;

/** The entries of a stored list, by signature. */
export function heavyOf(json: string | null): Map<string, HeavyEntry> {
  return new Map((json ? JSON.parse(json) as HeavyEntry[] : []).map((e) => [e[0], e]));
}

/** The entries to store, the most asked first. */
export function heavyJson(entries: Map<string, HeavyEntry>): string {
  return JSON.stringify([...entries.values()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
}

/** Counts a question (`asked` and `unsure` of it) on `day` under its signature. */
export function heavyAdd(
  entries: Map<string, HeavyEntry>,
  capacity: number,
  signature: string,
  d: { asked: number; unsure: number; example: string; day: string },
) {
  const e = entries.get(signature);
  if (e) {
    e[1] += d.asked;
    e[2] += d.unsure;
    if (d.unsure) {
      e[4] ??= d.example;
      if (!e[5] || d.day > e[5]) e[5] = d.day;
    }
    return;
  }
  let inherited = 0;
  if (entries.size >= capacity) {
    let min: HeavyEntry | null = null;
    for (const x of entries.values()) if (!min || x[1] < min[1]) min = x;
    entries.delete(min![0]);
    inherited = min![1];
  }
  entries.set(signature, [
    signature,
    inherited + d.asked,
    d.unsure,
    d.example,
    d.unsure ? d.example : null,
    d.unsure ? d.day : null,
    inherited,
  ]);
}

/**
 * The range as whole months (`YYYY-MM`) and the days around them: the periods whose lists cover it, so a long
 * range reads a month's list instead of thirty days'.
 */
export function questionPeriods(from: string, to: string): string[] {
  const out: string[] = [];
  let d = from;
  while (d <= to) {
    const month = d.slice(0, 7);
    const monthEnd = addDays(`${addDays(`${month}-28`, 4).slice(0, 7)}-01`, -1);
    if (d.endsWith("-01") && monthEnd <= to) {
      out.push(month);
      d = addDays(monthEnd, 1);
    } else {
      out.push(d);
      d = addDays(d, 1);
    }
  }
  return out;
}

/** One stored list: whose it is and its entries as stored (`heavyJson`). */
export interface HeavyList {
  agentId: string;
  entries: string;
}

/**
 * The lists' signatures with their counts summed, the most asked first (or, `unsure`, only those answered unsure,
 * the most unsure first), at most `limit`; shared by the adapters so both answer alike.
 */
export function mergeQuestions(lists: HeavyList[], unsure: boolean, limit: number): SignatureCount[] {
  const merged = new Map<string, SignatureCount>();
  // Unsure answers per signature and agent: a gap's agent is the one with the most.
  const agents = new Map<string, Map<string, number>>();
  for (const { agentId, entries } of lists) {
    for (const e of JSON.parse(entries) as HeavyEntry[]) {
      const [signature, asked, uns, example, unsureExample, lastUnsureDay] = e;
      if (unsure && !uns) continue;
      // Only gaps name an agent: the topics' merge skips the tally.
      if (unsure && uns) {
        const a = agents.get(signature) ?? agents.set(signature, new Map()).get(signature)!;
        a.set(agentId, (a.get(agentId) ?? 0) + uns);
      }
      const m = merged.get(signature);
      if (!m) {
        merged.set(signature, {
          signature,
          asked,
          unsure: uns,
          example,
          unsureExample,
          lastUnsureDay,
          unsureAgentId: null,
        });
        continue;
      }
      m.asked += asked;
      m.unsure += uns;
      m.unsureExample ??= unsureExample;
      if (lastUnsureDay && (!m.lastUnsureDay || lastUnsureDay > m.lastUnsureDay)) m.lastUnsureDay = lastUnsureDay;
    }
  }
  for (const [signature, a] of agents) {
    merged.get(signature)!.unsureAgentId = [...a].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0][0];
  }
  const weight = (m: SignatureCount) => (unsure ? m.unsure : m.asked);
  return topByWeight([...merged.values()], weight, limit);
}

/**
 * The `limit` rows of most weight (ties by signature), sorted: the same as sorting them all and keeping the first
 * `limit`, but only the rows at or above the cut-off weight are sorted (a long period merges several times more
 * signatures than it keeps).
 */
function topByWeight(rows: SignatureCount[], weight: (m: SignatureCount) => number, limit: number) {
  let kept = rows;
  if (rows.length > limit) {
    const weights = Float64Array.from(rows, weight).sort();
    const cut = weights[weights.length - limit];
    kept = rows.filter((r) => weight(r) >= cut);
  }
  kept.sort((a, b) => weight(b) - weight(a) || (a.signature < b.signature ? -1 : 1));
  return kept.slice(0, limit);
}

/** Per AI agent, the unsure answers of `signature` in the (monthly) lists, most first. */
export function gapAgentsOf(
  lists: HeavyList[],
  signature: string,
): Array<{ agentId: string; unsure: number; example: string | null }> {
  const byAgent = new Map<string, { agentId: string; unsure: number; example: string | null }>();
  for (const { agentId, entries } of lists) {
    const e = heavyOf(entries).get(signature);
    if (!e || !e[2]) continue;
    const a = byAgent.get(agentId) ?? byAgent.set(agentId, { agentId, unsure: 0, example: null }).get(agentId)!;
    a.unsure += e[2];
    a.example ??= e[4];
  }
  return [...byAgent.values()].sort((a, b) => b.unsure - a.unsure || (a.agentId < b.agentId ? -1 : 1));
}
