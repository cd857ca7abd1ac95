/**
 * The form that creates an API key: its name, its scope (read, or read and
 * write) and whether it may read internal notes. Validated with the API's
 * own `apiKeyCreateSchema`.
 *
 * @module
 */
import { Field } from "../../../components/Field.tsx";
import { FormMessages } from "../../../components/FormMessages.tsx";
import { SelectField } from "../../../components/SelectField.tsx";
import { SubmitButton } from "../../../components/SubmitButton.tsx";
import { apiKeyCreateSchema } from "../../../models/api_keys/api_key_schemas.ts";
import { useForm } from "../../shared/use_form.ts";
import { apiKeysRest, type CreatedKey } from "./rest.ts";

/** Props of {@linkcode ApiKeyForm}. */
export interface ApiKeyFormProps {
  onCreated(created: CreatedKey): void;
  onCancel(): void;
}

const SCOPES = [["read", "Read only (GET requests)"], ["write", "Read and write"]] as const;

/** The new-key form. */
export function ApiKeyForm(p: ApiKeyFormProps) {
  const form = useForm({
    id: "api-key",
    initial: { name: "", scope: "read", internal: "" },
    schema: apiKeyCreateSchema,
    // The checkbox keeps "on" / "" like every other field's string; the API takes a boolean.
    toInput: (v) => ({ name: v.name, scope: v.scope, internal: v.internal === "on" }),
    send: (data) => apiKeysRest.create(data),
    onSuccess: (data) => p.onCreated(data as CreatedKey),
  });
  const internal = form.values.internal === "on";
  return (
    <form
      class="space-y-5 px-5 py-5 sm:px-6"
      aria-label="New API key"
      method="post"
      noValidate
      onSubmit={form.onSubmit}
    >
      <FormMessages formError={form.formError} errorCount={form.errorCount} />
      <div class="grid gap-4 sm:grid-cols-2">
        <Field
          {...form.field("name")}
          label="Name"
          autocomplete="off"
          required
          hint="Say what uses it, e.g. “CRM sync”."
        />
        <SelectField
          {...form.field("scope")}
          label="Scope"
          options={SCOPES}
          hint="A read-only key can never change anything."
        />
      </div>
      <div class="flex items-start gap-2.5">
        <input
          id="api-key-internal"
          name="internal"
          type="checkbox"
          checked={internal}
          aria-describedby="api-key-internal-hint"
          onChange={(e) =>
            form.setValues({ ...form.values, internal: (e.currentTarget as HTMLInputElement).checked ? "on" : "" })}
          class="mt-0.5 size-4 rounded border-slate-300 accent-indigo-600"
        />
        <div>
          <label for="api-key-internal" class="text-sm font-medium text-slate-800">Include internal notes</label>
          <p id="api-key-internal-hint" class="text-xs text-slate-600">
            Without it, the key never sees your team's internal notes (in tickets, conversations, the event feed and
            stream) and cannot write them.
          </p>
        </div>
      </div>
      <div class="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <button type="button" class="btn-secondary" onClick={p.onCancel}>Cancel</button>
        <SubmitButton ready={form.ready} busy={form.busy} busyLabel="Creating…" class="btn-primary">
          Create key
        </SubmitButton>
      </div>
    </form>
  );
}
