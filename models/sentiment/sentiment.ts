/**
 * Sentiment of customers' messages, offline: the `sentiment` library's AFINN-165 lexicon (word valences
 * -5..5 with English negation: "not good" counts as bad), normalised to -1..1 the way VADER normalises its
 * sums (x / sqrt(x² + 15)), so one mildly bad word is about -0.25 and a string of strong ones nears -1.
 * Chosen over `vader-sentiment`: far more used and kept (AFINN is a published, versioned lexicon), no
 * dependencies, and about 1.3 µs a message here, cheap enough to compute on the chat hot path, before the
 * message is stored (VADER's JS port is slower and little maintained).
 *
 * A conversation carries a rolling sentiment: an exponential average of its customer's messages, so the
 * latest mood weighs most without one word flipping the whole chat.
 *
 * @module
 */
import Sentiment from "sentiment";

/** A sentiment label. */
export type SentimentLabel = "negative" | "neutral" | "positive";
/** A message's or conversation's sentiment. */
export interface SentimentValue {
  /** -1 (very negative) .. 1 (very positive). */
  score: number;
  label: SentimentLabel;
}

const analyzer = new Sentiment();
/** VADER's normalisation constant: where a raw sum of 4 lands near ±0.7. */
const ALPHA = 15;
/** Under this magnitude a score is neutral (a lone ±1 word, e.g. "want", "please", is not a mood). */
const NEUTRAL_BAND = 0.3;
/** Weight of the newest message in a conversation's rolling sentiment. */
export const ROLLING_WEIGHT = 0.5;

/** The label of a score. */
export function labelOf(score: number): SentimentLabel {
  return score <= -NEUTRAL_BAND ? "negative" : score >= NEUTRAL_BAND ? "positive" : "neutral";
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The sentiment of one text. */
export function analyzeSentiment(text: string): SentimentValue {
  const raw = analyzer.analyze(text).score;
  const score = round(raw / Math.sqrt(raw * raw + ALPHA));
  return { score, label: labelOf(score) };
}

/** A conversation's rolling score after a customer message scored `next` (the first message sets it). */
export function rollSentiment(previous: number | null | undefined, next: number): number {
  return previous === null || previous === undefined
    ? next
    : round(ROLLING_WEIGHT * next + (1 - ROLLING_WEIGHT) * previous);
}

/**
 * Customer messages, the newest, a conversation's rolling score is recomputed from (when a message's score is
 * replaced). Past them an older message weighs nothing that shows (each weighs half the next one).
 */
export const ROLL_WINDOW = 500;

/** The rolling score of customer messages' scores, oldest first; undefined without any. */
export function rollAll(scores: Iterable<number>): number | undefined {
  let rolled: number | undefined;
  for (const s of scores) rolled = rollSentiment(rolled, s);
  return rolled;
}

/** The sentiment a message stored in its metadata (customers' messages), if any. */
export function messageSentiment(metadata: Record<string, unknown>): SentimentValue | undefined {
  const s = metadata.sentiment as SentimentValue | undefined;
  return s && typeof s.score === "number" ? { score: s.score, label: labelOf(s.score) } : undefined;
}
