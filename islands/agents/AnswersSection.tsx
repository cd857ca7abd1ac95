/**
 * The editor's "Answers" card: provider (with a note when its key is not set
 * up), model, temperature, length, instructions, hand-off threshold and the
 * domains answers may link to.
 *
 * @module
 */
import type { ProviderId } from "../../models/agents/agent_schemas.ts";
import { Alert } from "../../components/Alert.tsx";
import { Field } from "../../components/Field.tsx";
import { PROVIDER_INFO, PROVIDER_ORDER } from "../../components/providers.ts";
import { RangeField } from "../../components/RangeField.tsx";
import { SectionCard } from "../../components/SectionCard.tsx";
import { SelectField } from "../../components/SelectField.tsx";
import { TextAreaField } from "../../components/TextAreaField.tsx";
import { TagInput } from "./TagInput.tsx";
import { type AgentForm, inputId } from "./use_agent_form.ts";

/** Props of {@linkcode AnswersSection}. */
export interface AnswersSectionProps {
  form: AgentForm;
  /** Which remote providers have a key; null when the viewer may not know (members). */
  configured: Partial<Record<ProviderId, boolean>> | null;
}

const pct = (v: string) => `${Math.round(Number(v) * 100)}%`;

/** Provider, model and answer behaviour. */
export function AnswersSection({ form, configured }: AnswersSectionProps) {
  const provider = form.bind("provider");
  const info = PROVIDER_INFO[form.draft.provider];
  const missingKey = info.needsKey && configured !== null && !configured[form.draft.provider];
  return (
    <SectionCard
      id="agent-answers-heading"
      title="Answers"
      description="Which AI answers, how freely, and when a person takes over."
    >
      <SelectField
        id={provider.id}
        name={provider.name}
        label="AI provider"
        value={provider.value}
        onInput={provider.onInput}
        options={PROVIDER_ORDER.map((
          p,
        ) => [p, p === "local" ? "Built-in (offline, no key needed)" : PROVIDER_INFO[p].label])}
        hint={info.description}
      />
      {missingKey && (
        <Alert tone="info" title={`No ${info.label} key yet`}>
          This agent can't answer with {info.label} until an admin adds an API key.{" "}
          <a href={`/settings#provider-${form.draft.provider}`} class="link">Set it up in Settings</a>.
        </Alert>
      )}
      <div class="grid gap-5 sm:grid-cols-2">
        <Field
          {...form.bind("model")}
          label="Model"
          hint={form.draft.provider === "local"
            ? "Not used by the built-in responder."
            : `Empty uses the default model from Settings. ${info.modelPlaceholder}.`}
        />
        <Field
          {...form.bind("maxTokens")}
          label="Max answer length (tokens)"
          hint="About ¾ of a word each; 16 to 32,000."
        />
      </div>
      <RangeField
        {...form.bind("temperature")}
        label="Temperature"
        min={0}
        max={2}
        step={0.1}
        display={Number(form.draft.temperature).toFixed(1)}
        ends={["Precise", "Creative"]}
        hint="Lower keeps answers close to your knowledge; 0.2 to 0.5 suits support."
      />
      <TextAreaField
        {...form.bind("prompt")}
        label="Instructions"
        rows={5}
        maxLength={8000}
        mono
        hint="The system prompt: tone of voice, what to answer and what to avoid."
      />
      <RangeField
        {...form.bind("handoffThreshold")}
        label="Hand-off threshold"
        min={0}
        max={1}
        step={0.05}
        display={pct(form.draft.handoffThreshold)}
        ends={["Rarely hand off", "Hand off readily"]}
        hint={
          <>
            When the AI is less than{" "}
            <strong class="font-semibold text-slate-700">{pct(form.draft.handoffThreshold)}</strong>{" "}
            sure of an answer, the conversation goes to your team as a ticket. Visitors can always ask for a person.
          </>
        }
      />
      <TagInput
        id={inputId("allowedDomains")}
        label="Allowed link domains"
        hint="Answers may link to or show images from these sites, besides your knowledge sources' own. Press Enter to add; *.example.com covers subdomains."
        values={form.draft.allowedDomains}
        error={form.errors.allowedDomains}
        onChange={(v) => form.set("allowedDomains", v)}
      />
    </SectionCard>
  );
}
