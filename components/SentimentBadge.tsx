/**
 * A customer's mood as a small labelled badge: the words say it ("Negative", "Positive"), the colour only
 * repeats them; the score is in the tooltip and for screen readers.
 *
 * @module
 */
import { Badge } from "./Badge.tsx";

/** A sentiment as the API sends it. */
export interface SentimentProps {
  score: number;
  label: "negative" | "neutral" | "positive";
}

const TEXT = { negative: "Negative", neutral: "Neutral", positive: "Positive" } as const;
const TONE = { negative: "red", neutral: "slate", positive: "emerald" } as const;

/** The badge; `hideNeutral` leaves calm messages unmarked (most are). */
export function SentimentBadge({ sentiment, hideNeutral }: { sentiment?: SentimentProps; hideNeutral?: boolean }) {
  if (!sentiment || (hideNeutral && sentiment.label === "neutral")) return null;
  const score = sentiment.score.toFixed(2);
  return (
    <span title={`Customer sentiment ${score} (-1 to 1)`} data-sentiment={sentiment.label}>
      <Badge tone={TONE[sentiment.label]}>
        <span class="sr-only">Customer sentiment:</span>
        {TEXT[sentiment.label]}
        <span class="sr-only">, score {score}</span>
      </Badge>
    </span>
  );
}
