/**
 * Teach an agent from a website: a start URL, how many pages and how deep
 * to follow links (`POST /api/agents/:id/train`, `type: "website"`).
 *
 * @module
 */
import { useState } from "preact/hooks";
import { trainSchema } from "../../models/agents/agent_schemas.ts";
import { Alert } from "../../components/Alert.tsx";
import { Field } from "../../components/Field.tsx";
import { FormMessages } from "../../components/FormMessages.tsx";
import { SubmitButton } from "../../components/SubmitButton.tsx";
import type { SourceJson } from "../shared/agent_types.ts";
import { api } from "../shared/api.ts";
import { useForm } from "../shared/use_form.ts";
import type { AddFormProps } from "./AddTextForm.tsx";

const DEPTHS = [
  ["0", "This page only"],
  ["1", "1 link away"],
  ["2", "2 links away"],
  ["3", "3 links away"],
  ["4", "4 links away"],
  ["5", "5 links away"],
];

/** URL, max pages, depth. */
export function AddWebsiteForm({ base, onAdded }: AddFormProps) {
  const [added, setAdded] = useState<string | null>(null);
  const form = useForm({
    id: "website-source",
    initial: { url: "", maxPages: "50", maxDepth: "2" },
    schema: trainSchema,
    toInput: (v) => ({
      type: "website",
      content: v.url.trim(),
      metadata: { maxPages: Number(v.maxPages), maxDepth: Number(v.maxDepth) },
    }),
    check: (v) => {
      const n = Number(v.maxPages);
      const errs: Record<string, string> = {};
      if (!v.url.trim()) errs.url = "Enter the address of your site, e.g. https://help.example.com.";
      else if (!/^https?:\/\//i.test(v.url.trim())) errs.url = "Start with https:// (or http://).";
      if (!Number.isInteger(n) || n < 1 || n > 500) errs.maxPages = "Enter a whole number from 1 to 500.";
      return errs;
    },
    send: (data) => {
      setAdded(null);
      return api<{ source: SourceJson }>("POST", `${base}/train`, data);
    },
    onSuccess: (data) => {
      const source = (data as { source: SourceJson }).source;
      onAdded(source);
      setAdded(source.url ?? source.content);
      form.setValues({ url: "", maxPages: "50", maxDepth: "2" });
    },
  });
  const url = form.field("url");
  const depth = form.field("maxDepth");
  return (
    <form method="post" noValidate onSubmit={form.onSubmit} class="space-y-5" aria-label="Crawl a website">
      <FormMessages formError={form.formError} errorCount={form.errorCount} />
      {added && <Alert tone="success">Crawling {added}. Progress shows below.</Alert>}
      <Field
        {...url}
        label="Website address"
        autocomplete="url"
        required
        hint="The page to start from, e.g. your help centre. Links from it are followed up to the depth below."
      />
      <div class="grid gap-5 sm:grid-cols-2">
        <Field {...form.field("maxPages")} label="Max pages" hint="1 to 500." />
        <div>
          <label for={depth.id} class="field-label">Link depth</label>
          <select
            id={depth.id}
            name={depth.name}
            value={depth.value}
            onInput={depth.onInput}
            aria-describedby={`${depth.id}-hint`}
            class="field-input"
          >
            {DEPTHS.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
          </select>
          <p id={`${depth.id}-hint`} class="mt-1.5 text-xs text-slate-500">2 suits most help centres.</p>
        </div>
      </div>
      <div class="flex justify-end">
        <SubmitButton ready={form.ready} busy={form.busy} busyLabel="Starting…" class="btn-primary">
          Crawl website
        </SubmitButton>
      </div>
    </form>
  );
}
