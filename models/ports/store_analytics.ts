/**
 * The analytics rollups' repository: applying an event's effect once (keyed
 * by its id, in one transaction with the record of it), and the reads the
 * dashboard makes, which sum days, never messages.
 *
 * @module
 */
import type {
  ConversationFact,
  DayCounters,
  DurationMetric,
  GapFix,
  RatingComment,
  RollupTx,
  TeamCounters,
} from "../analytics/rollup_types.ts";
import type { SignatureCount } from "../analytics/topics.ts";

/** A period of local days (both included), for one workspace and optionally one AI agent. */
export interface DayRange {
  workspaceId: string;
  from: string;
  to: string;
  agentId?: string;
}

/** The analytics rollups. */
export interface AnalyticsRepo {
  /**
   * Runs `fn` (synchronous rollup changes) and records `eventId` as applied, in one transaction; skips `fn` and
   * answers false when the event was applied already, so a redelivered event never counts twice.
   */
  apply(eventId: string, fn: (tx: RollupTx) => void): Promise<boolean>;
  /** Drops every rollup and applied-event record (the start of a rebuild). */
  reset(): Promise<void>;
  /** The day counters summed over the range. */
  totals(range: DayRange): Promise<DayCounters>;
  /** Each day's counters (days without any left out), oldest first. */
  byDay(range: DayRange): Promise<Array<{ day: string } & DayCounters>>;
  /** The range's histograms of a duration (one per day and agent; `histogram.ts`). */
  durations(range: DayRange, metric: DurationMetric): Promise<Uint32Array[]>;
  /** Distinct visitors of the conversations started in the range, counted exactly from the facts. */
  customers(range: DayRange): Promise<number>;
  /** The distinct-visitor sketches of the range's days (one per day and agent). */
  sketches(range: DayRange): Promise<Uint8Array[]>;
  /**
   * Conversations started in the range that the AI answered last but less than the window ago (`lastAiAt` after
   * `since`): not resolved yet. By their start day.
   */
  answeredSince(range: DayRange, since: Date): Promise<Array<{ day: string; count: number }>>;
  /** Per teammate, the counters summed over the range. */
  team(range: DayRange): Promise<Array<{ userId: string } & TeamCounters>>;
  /**
   * Conversations started in the range, in start order, after the cursor (`day`, start time, id); with `tag`,
   * only those whose ticket carries it (exactly).
   */
  facts(
    range: DayRange,
    opts: { after?: string; limit: number; tag?: string },
  ): Promise<{ facts: ConversationFact[]; next: string | null }>;
  /**
   * The range's question signatures with their counts summed, the most asked first (or, `unsure`, only those
   * answered unsure at least once, the most unsure first), at most `limit`.
   */
  questions(range: DayRange, opts: { unsure: boolean; limit: number }): Promise<SignatureCount[]>;
  /** Per AI agent, the questions of a signature answered unsure on any day (a gap's agents), most first. */
  gapAgents(
    workspaceId: string,
    signature: string,
  ): Promise<Array<{ agentId: string; unsure: number; example: string | null }>>;
  /** Questions the AI answered in the range. */
  questionTotal(range: DayRange): Promise<number>;
  /** Records a fixed gap (replacing an earlier fix of the same signature). */
  fixGap(fix: GapFix): Promise<void>;
  /** The workspace's fixed gaps. */
  gapFixes(workspaceId: string): Promise<GapFix[]>;
  /** Cached embeddings of question signatures under an embedding model, of those of `signatures` it has. */
  topicVectors(workspaceId: string, model: string, signatures: string[]): Promise<Map<string, Float32Array>>;
  /** Caches embeddings of question signatures (a signature already cached keeps its vector). */
  saveTopicVectors(
    workspaceId: string,
    model: string,
    vectors: Array<{ signature: string; vector: Float32Array }>,
  ): Promise<void>;
  /** Pages where the range's conversations started, the most first, at most `limit`. */
  pages(range: DayRange, limit: number): Promise<Array<{ url: string; conversations: number }>>;
  /** Tickets created before the range's first day and not resolved before it (first resolutions). */
  openBefore(range: DayRange): Promise<number>;
  /** Conversations and tickets per category and day. */
  categories(
    range: DayRange,
  ): Promise<Array<{ day: string; category: string; conversations: number; tickets: number }>>;
  /** The comments of ratings given in the range (of tickets `userId` resolved), newest day first, at most `limit`. */
  comments(range: DayRange & { userId?: string }, limit: number): Promise<RatingComment[]>;
}
