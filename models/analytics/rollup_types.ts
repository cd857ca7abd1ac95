/**
 * What the analytics rollups keep: one fact row per conversation, one per
 * ticket, and counters per day (per workspace, AI agent and teammate). The
 * listener (`listeners/analytics.ts`) maintains them from the event log
 * through `rollup.ts`; the dashboard reads days (`queries.ts`).
 *
 * @module
 */

/** One conversation, as the export streams it and "AI-resolved" is decided on. */
export interface ConversationFact {
  conversationId: string;
  workspaceId: string;
  agentId: string;
  visitorId: string;
  /** Null until `conversation.started` is seen (a ticket event of another aggregate may come first). */
  startedAt: Date | null;
  /** The local day it started (the workspace's time zone), null like `startedAt`. */
  day: string | null;
  pageUrl: string | null;
  messagesCustomer: number;
  messagesAi: number;
  messagesStaff: number;
  aiInvolved: boolean;
  /**
   * True while the AI wrote the last answer after the customer's last message and the conversation was never
   * handed off: the conversation counts as AI-resolved once `lastAiAt` is older than the resolution window.
   */
  aiAnswered: boolean;
  lastAiAt: Date | null;
  handedOff: boolean;
  handoffReason: string | null;
  handoffAt: Date | null;
  firstResponseSeconds: number | null;
  ticketId: string | null;
  resolvedAt: Date | null;
  resolutionSeconds: number | null;
  rating: number | null;
  tags: string[];
  customerEmail: string | null;
  /** The customer's last question the AI has not answered yet (`topics.ts`): counted when it answers. */
  question: string | null;
  /** The visitor's earliest conversation in the workspace (returning customers: README, Analytics). */
  firstOfVisitor: boolean;
  /** The visitor's earliest conversation with this AI agent. */
  firstWithAgent: boolean;
  /**
   * The day the customer rated the AI's answer (`conversation.rated`, `rating` is that score), null when the
   * rating (if any) is a ticket's: where the AI CSAT counted it, to move or withdraw it.
   */
  aiRatedDay: string | null;
  /** Replies per teammate (user id to count): the team table of a tag. */
  staffReplies: Record<string, number>;
  /** The teammate whose reply was the first response after the handoff. */
  firstResponder: string | null;
  /** The teammate who resolved its ticket. */
  resolvedBy: string | null;
  /** The questions the AI answered, by signature (at most `FACT_QUESTIONS`): the topics of a tag. */
  questions: FactQuestion[];
  /** Customers' messages with a sentiment, the sum of their scores in thousandths, and the negative ones. */
  sentimentCount: number;
  sentimentSum: number;
  negativeMessages: number;
  /** Its categories (`conversation.categorized`), as the classifier or staff set them. */
  categories: string[];
}

/** A question of a conversation: [signature, asked, answered unsure, example]. */
export type FactQuestion = [string, number, number, string];
/** Signatures kept per conversation (a conversation asks a few; a long one keeps its first ones). */
export const FACT_QUESTIONS = 20;

/** One ticket: what resolution time and ratings need. */
export interface TicketFact {
  ticketId: string;
  workspaceId: string;
  conversationId: string;
  agentId: string;
  createdAt: Date;
  resolvedAt: Date | null;
  /** The staff member who first resolved it (CSAT per teammate is theirs). */
  resolvedBy: string | null;
  rating: number | null;
  /** Where the rating was counted, to move it when the customer rates again. */
  ratedDay: string | null;
  /** The rating's comment, if the customer wrote one. */
  comment: string | null;
}

/** The counters of one day of one AI agent. */
export const DAY_COUNTERS = [
  "conversations",
  "messagesCustomer",
  "messagesAi",
  "messagesStaff",
  "aiInvolved",
  "aiAnswered",
  "handoffs",
  "handoffCustomer",
  "handoffLowConfidence",
  "handoffProviderError",
  "handoffStaff",
  "ticketsCreated",
  "ticketsResolved",
  "firstResponseCount",
  "firstResponseSum",
  "resolutionCount",
  "resolutionSum",
  "csatCount",
  "csatSum",
  "csat1",
  "csat2",
  "csat3",
  "csat4",
  "csat5",
  // Conversations started per local hour of the day (the weekday is the day's): the hour-of-week heatmap.
  ...Array.from({ length: 24 }, (_, h) => `startedH${String(h).padStart(2, "0")}` as `startedH${Hour}`),
  "aiWithSources",
  "aiWithoutSources",
  "firstTokenCount",
  "firstTokenSum",
  /** Visitors whose earliest conversation in the workspace started that day (counted on its agent). */
  "newCustomers",
  /** Visitors whose earliest conversation with the agent started that day. */
  "newCustomersOfAgent",
  /** Customers' questions the AI answered, and of them answered unsure (`topics.ts`). */
  "questions",
  "questionsUnsure",
  /** Ratings of conversations the AI answered and never handed off (`conversation.rated`). */
  "aiCsatCount",
  "aiCsatSum",
  "aiCsat1",
  "aiCsat2",
  "aiCsat3",
  "aiCsat4",
  "aiCsat5",
  /** Customers' messages with a sentiment, their scores' sum in thousandths (integers sum exactly), the negative. */
  "sentimentCount",
  "sentimentSum",
  "sentimentNegative",
  /** Conversations (on their start day) with at least one negative customer message. */
  "conversationsNegative",
] as const;
type Digit = "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9";
/** A local hour, `00` to `23` (as text: a counter name's suffix). */
export type Hour = `0${Digit}` | `1${Digit}` | `2${"0" | "1" | "2" | "3"}`;
/** The name of an hour's counter. */
export const hourCounter = (hour: number) => `startedH${String(hour).padStart(2, "0")}` as `startedH${Hour}`;

/** A day counter's name. */
export type DayCounter = (typeof DAY_COUNTERS)[number];
/** Day counters (all of them when read, some when added to). */
export type DayCounters = Record<DayCounter, number>;

/** The counters of one teammate's day. */
export const TEAM_COUNTERS = [
  "replies",
  "firstResponseCount",
  "firstResponseSum",
  "resolved",
  "csatCount",
  "csatSum",
] as const;
/** A teammate counter's name. */
export type TeamCounter = (typeof TEAM_COUNTERS)[number];
/** Teammate counters. */
export type TeamCounters = Record<TeamCounter, number>;

/** Where a day's counters are kept. */
export interface DayKey {
  workspaceId: string;
  day: string;
  agentId: string;
}

/** Durations kept as per-day histograms, for medians. */
export type DurationMetric = "firstResponse" | "resolution" | "firstToken";

/** A question's counts, added to its signature's day (`topics.ts`). */
export interface QuestionDelta {
  asked: number;
  /** Answered by the AI with low confidence (README, "Knowledge gaps"). */
  unsure: number;
  /** The question's text: kept as the example of the first one of its day. */
  example: string;
}

/** Rollup state changes, within one event's transaction (synchronous: the effect and its event id commit together). */
export interface RollupTx {
  fact(conversationId: string): ConversationFact | null;
  putFact(fact: ConversationFact): void;
  ticket(ticketId: string): TicketFact | null;
  putTicket(ticket: TicketFact): void;
  /** The email a visitor gave, if any. */
  visitorEmail(workspaceId: string, visitorId: string): string | null;
  /** Records a visitor's email and writes it on their conversations' facts. */
  identify(workspaceId: string, visitorId: string, email: string): void;
  add(key: DayKey, delta: Partial<DayCounters>): void;
  addTeam(key: DayKey & { userId: string }, delta: Partial<TeamCounters>): void;
  /** The day's histogram of a duration (`histogram.ts`), null when none yet. */
  histogram(key: DayKey, metric: DurationMetric): Uint32Array | null;
  putHistogram(key: DayKey, metric: DurationMetric, histogram: Uint32Array): void;
  /** Counts a question under its signature on a day. */
  addQuestion(key: DayKey, signature: string, delta: QuestionDelta): void;
  /** Counts a conversation started on a page. */
  addPage(key: DayKey, url: string): void;
  /**
   * The conversation flagged as the visitor's earliest (in the workspace, or with `agentId`), null when none:
   * read once per visitor per batch, then kept in memory as `putFact` moves the flags.
   */
  firstConversation(workspaceId: string, visitorId: string, agentId: string | null): ConversationFact | null;
  /** The day's sketch of distinct visitors (`sketch.ts`), null when none yet. */
  /** Counts conversations and tickets of a category on a day. */
  addCategory(key: DayKey, category: string, delta: { conversations?: number; tickets?: number }): void;
  sketch(key: DayKey): Uint8Array | null;
  putSketch(key: DayKey, sketch: Uint8Array): void;
}

/** A knowledge gap fixed from the dashboard: its signature, the text source added, when. */
export interface GapFix {
  workspaceId: string;
  signature: string;
  agentId: string;
  sourceId: string;
  fixedBy: string;
  fixedAt: Date;
  /** The local day it was fixed on: unsure answers to it on later days open it again. */
  fixedDay: string;
}

/** A rating's comment. */
export interface RatingComment {
  ticketId: string;
  conversationId: string;
  agentId: string;
  /** Who resolved the ticket (the teammate the rating is theirs). */
  resolvedBy: string | null;
  score: number;
  comment: string;
  day: string;
}
