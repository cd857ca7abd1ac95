/**
 * The analytics page's data: the API's wire shapes (types only) and the
 * filters the page keeps in its URL.
 *
 * @module
 */
import type {
  categoryVolumeSchema,
  gapSchema,
  PeriodMetrics,
  seriesDaySchema,
  teammateSchema,
  topicSchema,
} from "../../models/analytics/wire.ts";
import type { z } from "zod";

export type { PeriodMetrics };

/** `GET /api/analytics/summary`. */
export type Summary = PeriodMetrics & {
  timeZone: string;
  agentId: string | null;
  tag: string | null;
  previous: PeriodMetrics;
};
/** One day of `GET /api/analytics/timeseries`. */
export type SeriesDay = z.infer<typeof seriesDaySchema>;
/** One row of `GET /api/analytics/team`. */
export type Teammate = z.infer<typeof teammateSchema>;

/** One category's volume. */
export type CategoryVolume = z.infer<typeof categoryVolumeSchema>;

/** One topic of `GET /api/analytics/topics`. */
export type Topic = z.infer<typeof topicSchema>;
/** One gap of `GET /api/analytics/gaps`. */
export type Gap = z.infer<typeof gapSchema>;

/** What the page shows: one period's numbers. */
export interface AnalyticsData {
  summary: Summary;
  days: SeriesDay[];
  /** Conversations started by weekday (0 = Monday) and hour. */
  heatmap: number[][];
  /** The period's categories, the most conversations first. */
  categories: CategoryVolume[];
  teammates: Teammate[];
  topics: Topic[];
  gaps: Gap[];
}

/**
 * The filters, as in the URL (`from`, `to`: local days, both included; `agentId`: empty for all agents; `tag`: a
 * ticket tag, empty for all conversations).
 */
export interface AnalyticsFilters {
  from: string;
  to: string;
  agentId: string;
  tag: string;
}
