/**
 * A workspace's analytics settings: the time zone its days are counted in
 * and the resolution window after which an AI answer the customer did not
 * come back to counts as resolved.
 *
 * @module
 */
import { ValidationError } from "../../lib/errors.ts";
import { requireAdmin } from "../accounts/auth.ts";
import type { User } from "../accounts/user.ts";
import type { Deps } from "../ports/deps.ts";
import { analyticsSettingsSchema, type AnalyticsSettingsWire } from "./wire.ts";

/** The settings key they are stored under. */
export const ANALYTICS_SETTINGS_KEY = "analytics";

/** The settings, as stored and validated (the API's wire schema: `wire.ts`). */
export { analyticsSettingsSchema };

/** A workspace's analytics settings. */
export type AnalyticsSettings = AnalyticsSettingsWire;

/** UTC days, a 30-minute resolution window. */
export const DEFAULT_ANALYTICS_SETTINGS: AnalyticsSettings = { timeZone: "UTC", resolutionWindowMinutes: 30 };

/** The workspace's settings, defaults filled in. */
export async function analyticsSettings(deps: Pick<Deps, "store">, workspaceId: string): Promise<AnalyticsSettings> {
  const stored = await deps.store.settings.get<Partial<AnalyticsSettings>>(workspaceId, ANALYTICS_SETTINGS_KEY);
  return { ...DEFAULT_ANALYTICS_SETTINGS, ...stored };
}

/** How long the listener trusts settings it read (another process's change reaches it within this). */
const CACHE_MS = 10_000;
const cache = new WeakMap<object, Map<string, { settings: AnalyticsSettings; at: number }>>();

/**
 * The settings as the rollups need them, for every event: from memory when read in the last ten seconds (a
 * change made in this process is seen at once). Without a read per event, the rollups of the events that
 * arrive together share one commit.
 */
export function cachedAnalyticsSettings(
  deps: Pick<Deps, "store">,
  workspaceId: string,
): AnalyticsSettings | Promise<AnalyticsSettings> {
  let byWorkspace = cache.get(deps.store);
  if (!byWorkspace) cache.set(deps.store, byWorkspace = new Map());
  const hit = byWorkspace.get(workspaceId);
  if (hit && performance.now() - hit.at < CACHE_MS) return hit.settings;
  return analyticsSettings(deps, workspaceId).then((settings) => {
    byWorkspace.set(workspaceId, { settings, at: performance.now() });
    return settings;
  });
}

/**
 * Changes the settings. Days already rolled up keep the zone they were counted in: run the rebuild
 * (`rebuildAnalytics`) to recount history in the new one.
 */
export async function setAnalyticsSettings(
  deps: Pick<Deps, "store" | "clock">,
  workspaceId: string,
  input: Partial<AnalyticsSettings>,
): Promise<AnalyticsSettings> {
  const next = analyticsSettingsSchema.safeParse({ ...(await analyticsSettings(deps, workspaceId)), ...input });
  if (!next.success) {
    const fields: Record<string, string> = {};
    for (const issue of next.error.issues) fields[String(issue.path[0])] ??= issue.message;
    throw new ValidationError("Invalid analytics settings.", { fields });
  }
  await deps.store.settings.put(workspaceId, ANALYTICS_SETTINGS_KEY, next.data, deps.clock.now());
  cache.get(deps.store)?.delete(workspaceId);
  return next.data;
}

/**
 * An admin changes the settings (`PUT /api/analytics/settings`). The zone applies to events rolled up from now
 * on: days already counted keep the zone they were counted in until a rebuild.
 */
export function saveAnalyticsSettings(
  deps: Pick<Deps, "store" | "clock">,
  user: User,
  input: Partial<AnalyticsSettings>,
): Promise<AnalyticsSettings> {
  requireAdmin(user);
  return setAnalyticsSettings(deps, user.workspaceId, input);
}
