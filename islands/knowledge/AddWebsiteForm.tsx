/**
 * Teach an agent from a website: a start URL, how many pages and how deep
 * to follow links (`POST /api/agents/:id/train`, `type: "website"`).
 *
 * @module
 */
import { Alert } from "../../components/Alert.tsx";
import { Field } from "../../components/Field.tsx";
import { FormMessages } from "../../components/FormMessages.tsx";
import { SelectField } from "../../components/SelectField.tsx";
import { SubmitButton } from "../../components/SubmitButton.tsx";
import { type AddFormProps, useTrainForm } from "./use_train_form.ts";

const DEPTHS = [
  ["0", "This page only"],
  ["1", "1 link away"],
  ["2", "2 links away"],
  ["3", "3 links away"],
  ["4", "4 links away"],
  ["5", "5 links away"],
] as const;

/** URL, max pages, depth. */
export function AddWebsiteForm({ base, onAdded }: AddFormProps) {
  const { form, added } = useTrainForm({
    base,
    onAdded,
    id: "website-source",
    initial: { url: "", maxPages: "50", maxDepth: "2" },
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
    name: (source) => source.url ?? source.content,
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
        <SelectField
          id={depth.id}
          name={depth.name}
          label="Link depth"
          value={depth.value}
          onInput={depth.onInput}
          options={DEPTHS}
          hint="2 suits most help centres."
        />
      </div>
      <div class="flex justify-end">
        <SubmitButton ready={form.ready} busy={form.busy} busyLabel="Starting…" class="btn-primary">
          Crawl website
        </SubmitButton>
      </div>
    </form>
  );
}
