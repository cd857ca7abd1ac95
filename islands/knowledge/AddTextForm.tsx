/**
 * Teach an agent with pasted text: a title and the text itself
 * (`POST /api/agents/:id/train`, `type: "text"`).
 *
 * @module
 */
import { Alert } from "../../components/Alert.tsx";
import { Field } from "../../components/Field.tsx";
import { FormMessages } from "../../components/FormMessages.tsx";
import { SubmitButton } from "../../components/SubmitButton.tsx";
import { TextAreaField } from "../../components/TextAreaField.tsx";
import { type AddFormProps, useTrainForm } from "./use_train_form.ts";

const PLACEHOLDER = "Q: How long do refunds take?\nA: Refunds are issued within 5 business days…";

/** Title + text. */
export function AddTextForm({ base, onAdded }: AddFormProps) {
  const { form, added } = useTrainForm({
    base,
    onAdded,
    id: "text-source",
    initial: { title: "", content: "" },
    toInput: (v) => ({ type: "text", content: v.content, metadata: v.title.trim() ? { title: v.title } : {} }),
    check: (v) => (v.title.length > 200 ? { title: "Keep the title under 200 characters." } : {}),
    name: (source) => source.title,
  });
  return (
    <form method="post" noValidate onSubmit={form.onSubmit} class="space-y-5" aria-label="Add text">
      <FormMessages formError={form.formError} errorCount={form.errorCount} />
      {added && <Alert tone="success">Added “{added}”. It's being processed below.</Alert>}
      <Field
        {...form.field("title")}
        label="Title"
        hint="Shown as the source of answers, e.g. “Shipping & returns FAQ”."
      />
      <TextAreaField
        {...form.field("content")}
        label="Content"
        rows={9}
        required
        placeholder={PLACEHOLDER}
        hint="FAQs, policies, product details. Plain text or Markdown; headings help answers cite the right part."
      />
      <div class="flex justify-end">
        <SubmitButton ready={form.ready} busy={form.busy} busyLabel="Adding…" class="btn-primary">
          Add text
        </SubmitButton>
      </div>
    </form>
  );
}
