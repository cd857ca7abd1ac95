/**
 * The analytics settings' schema, shared by the API and the Settings form
 * (an island may bundle a pure `_schemas.ts`).
 *
 * @module
 */
import { z } from "zod";
import { isTimeZone } from "./days.ts";

/**
 * A workspace's analytics settings (`GET/PUT /api/analytics/settings`): the IANA time zone its days are counted
 * in, and the minutes after an AI answer without the customer coming back that make it AI-resolved.
 */
export const analyticsSettingsSchema = z.object({
  timeZone: z.string().trim().min(1, { message: "Enter a time zone." }).max(64)
    .refine(isTimeZone, { message: "Must be an IANA time zone, such as Europe/Paris." }),
  resolutionWindowMinutes: z.number({ message: "Enter a number of minutes." })
    .int({ message: "Enter a whole number of minutes." })
    .min(1, { message: "At least 1 minute." })
    .max(7 * 24 * 60, { message: "At most 10080 minutes (7 days)." }),
});

/** The settings, validated. */
export type AnalyticsSettingsWire = z.infer<typeof analyticsSettingsSchema>;
