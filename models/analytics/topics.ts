/**
 * Common questions and knowledge gaps, offline: each question the AI
 * answered is reduced to a keyword signature (its first few distinct content
 * words, stemmed and sorted: "Do you ship parcels to Mars?" is
 * `mar parcel ship`), counted per day under it by the rollups; a query sums
 * a period's signatures and groups similar ones into topics (Jaccard
 * similarity of their keyword sets, greedy from the most asked). Signatures
 * keep the stored data per day bounded by the distinct questions of the day,
 * and a query reads days, never messages.
 *
 * Why by hand: the grouping is a dozen lines over sets the store already
 * summed; a clustering library would want vectors of every question.
 *
 * @module
 */
import { contentTerms, smallTalk } from "../knowledge/text.ts";

/** Question texts kept (as examples) up to this many characters. */
export const QUESTION_MAX_CHARS = 200;
/** A signature keeps a question's first this many distinct keywords. */
const MAX_TERMS = 5;
/** Signatures at least this similar (shared keywords / all keywords) are one topic. */
export const SIMILARITY = 0.5;
/** An answer below this confidence is unsure even when the agent's threshold let it through (the default one). */
export const UNSURE_BELOW = 0.4;

/** The keyword signature of a customer's message; null for small talk and messages without content words. */
export function questionSignature(text: string): string | null {
  if (smallTalk(text)) return null;
  const terms = [...new Set(contentTerms(text))].slice(0, MAX_TERMS).sort();
  return terms.length ? terms.join(" ") : null;
}

/**
 * True when the AI's answer shows a gap in its knowledge: handed off for low confidence, or (not handed off)
 * below `UNSURE_BELOW`. A customer asking for a person and a provider failure are handoffs, not gaps.
 */
export function isUnsure(ai: { confidence: number; handoff: string | null } | undefined): boolean {
  if (!ai) return false;
  return ai.handoff === "low_confidence" || (ai.handoff === null && ai.confidence < UNSURE_BELOW);
}

/** A signature's counts over a period, as the store sums them. */
export interface SignatureCount {
  signature: string;
  asked: number;
  unsure: number;
  example: string;
  unsureExample: string | null;
  /** The last day it was asked and answered unsure (null when never). */
  lastUnsureDay: string | null;
  /** The AI agent that answered it unsure most often in the period (null when never unsure; only gaps read it). */
  unsureAgentId: string | null;
}

/** A group of similar signatures, led by its most counted one. */
export interface Cluster {
  lead: SignatureCount;
  terms: string[];
  members: SignatureCount[];
}

const termsOf = (signature: string) => signature.split(" ");

/** Shared keywords over all keywords of two keyword lists. */
export function similarity(a: readonly string[], b: readonly string[]): number {
  const set = new Set(a);
  const shared = b.filter((t) => set.has(t)).length;
  return shared / (a.length + b.length - shared);
}

/**
 * Groups signatures (sorted by `weight`, largest first) into clusters: each joins the most similar cluster whose
 * lead is at least `SIMILARITY` alike, or leads a new one. Candidates come from an index of the leads' keywords,
 * so the cost follows the signatures that share a word.
 */
export function cluster(rows: SignatureCount[], weight: (r: SignatureCount) => number): Cluster[] {
  const sorted = [...rows].sort((a, b) => weight(b) - weight(a) || a.signature.localeCompare(b.signature));
  const clusters: Cluster[] = [];
  const byTerm = new Map<string, number[]>();
  for (const row of sorted) {
    const terms = termsOf(row.signature);
    const best = closest(clusters, byTerm, terms);
    if (best !== null) {
      clusters[best].members.push(row);
      continue;
    }
    clusters.push({ lead: row, terms, members: [row] });
    for (const t of terms) (byTerm.get(t) ?? byTerm.set(t, []).get(t)!).push(clusters.length - 1);
  }
  return clusters;
}

function closest(clusters: Cluster[], byTerm: Map<string, number[]>, terms: string[]): number | null {
  let best: number | null = null;
  let bestScore = 0;
  for (const i of new Set(terms.flatMap((t) => byTerm.get(t) ?? []))) {
    const score = similarity(clusters[i].terms, terms);
    if (score >= SIMILARITY && score > bestScore) [best, bestScore] = [i, score];
  }
  return best;
}

/** Which cluster a signature belongs to (the most similar lead at least `SIMILARITY` alike), null when none. */
export function assigner(clusters: Cluster[]): (signature: string) => number | null {
  const byTerm = new Map<string, number[]>();
  clusters.forEach((c, i) => c.terms.forEach((t) => (byTerm.get(t) ?? byTerm.set(t, []).get(t)!).push(i)));
  return (signature) => closest(clusters, byTerm, termsOf(signature));
}

/** A topic's or gap's id: its lead signature, base64url (so ids are opaque in URLs, and decoded back to it). */
export function clusterId(signature: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(signature)))
    .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The signature of an id, null when it is not one. */
export function signatureOfId(id: string): string | null {
  try {
    const bin = atob(id.replace(/-/g, "+").replace(/_/g, "/"));
    const signature = new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
    return signature.length > 0 && signature.length < 400 && clusterId(signature) === id ? signature : null;
  } catch {
    return null;
  }
}

/** Up to `n` distinct examples of a cluster, from its most counted signatures. */
export function examples(members: SignatureCount[], pick: (r: SignatureCount) => string | null, n = 3): string[] {
  const out: string[] = [];
  for (const m of members) {
    const e = pick(m);
    if (e && !out.includes(e)) out.push(e);
    if (out.length === n) break;
  }
  return out;
}
