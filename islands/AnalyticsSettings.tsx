/**
 * Settings → Analytics: the workspace's time zone (the days every metric is
 * counted in) and the resolution window (how long after an AI answer a
 * customer who did not come back makes the conversation AI-resolved). Admins
 * change them here (`PUT /api/analytics/settings`, validated with the API's
 * own schema); everyone else reads them on the server-rendered page.
 *
 * @module
 */
import { useEffect, useState } from "preact/hooks";
import { Alert } from "../components/Alert.tsx";
import { Field } from "../components/Field.tsx";
import { FormMessages } from "../components/FormMessages.tsx";
import { SubmitButton } from "../components/SubmitButton.tsx";
import { analyticsSettingsSchema, type AnalyticsSettingsWire } from "../models/analytics/settings_schemas.ts";
import { api } from "./shared/api.ts";
import { useForm } from "./shared/use_form.ts";

/** Props of {@linkcode AnalyticsSettings}. */
export interface AnalyticsSettingsProps {
  timeZone: string;
  resolutionWindowMinutes: number;
}

/** The analytics settings form (admins). */
export default function AnalyticsSettings(props: AnalyticsSettingsProps) {
  const [saved, setSaved] = useState<string | null>(null);
  const [zone, setZone] = useState(props.timeZone);
  // The zones this browser knows, as suggestions (the server checks the name with its own list).
  const [zones, setZones] = useState<string[]>([]);
  useEffect(() => {
    const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
    setZones(["UTC", ...(intl.supportedValuesOf?.("timeZone") ?? [])]);
  }, []);
  const form = useForm({
    id: "analytics-settings",
    initial: { timeZone: props.timeZone, resolutionWindowMinutes: String(props.resolutionWindowMinutes) },
    schema: analyticsSettingsSchema,
    toInput: (v) => ({
      timeZone: v.timeZone.trim(),
      resolutionWindowMinutes: /^\s*\d+\s*$/.test(v.resolutionWindowMinutes)
        ? Number(v.resolutionWindowMinutes)
        : v.resolutionWindowMinutes.trim() === ""
        ? undefined
        : NaN,
    }),
    send: (data) => {
      setSaved(null);
      return api("PUT", "/api/analytics/settings", data);
    },
    onSuccess: (data) => {
      const next = data as AnalyticsSettingsWire;
      setSaved(
        next.timeZone === zone
          ? "Analytics settings saved."
          : `Saved. New activity is counted in ${next.timeZone} days from now on.`,
      );
      setZone(next.timeZone);
    },
  });
  return (
    <form
      method="post"
      noValidate
      onSubmit={form.onSubmit}
      class="card space-y-5 px-5 py-5 sm:px-6"
      aria-label="Analytics settings"
    >
      <FormMessages formError={form.formError} errorCount={form.errorCount} />
      {saved && <Alert tone="success">{saved}</Alert>}
      <div class="grid gap-5 sm:grid-cols-2">
        <Field
          {...form.field("timeZone")}
          label="Time zone"
          list="analytics-time-zones"
          autocomplete="off"
          required
          hint="An IANA name, such as Europe/Paris. Days start at midnight here. A new zone applies to activity from now on: days already counted keep the zone they were counted in."
        />
        <Field
          {...form.field("resolutionWindowMinutes")}
          label="Resolution window (minutes)"
          inputMode="numeric"
          required
          hint="An AI answer counts as resolving the conversation once the customer has not written back for this long (1 to 10080). Applies to all numbers at once."
        />
      </div>
      <datalist id="analytics-time-zones">
        {zones.map((z) => <option key={z} value={z} />)}
      </datalist>
      <div class="flex justify-end">
        <SubmitButton ready={form.ready} busy={form.busy} busyLabel="Saving…" class="btn-primary">
          Save analytics settings
        </SubmitButton>
      </div>
    </form>
  );
}
