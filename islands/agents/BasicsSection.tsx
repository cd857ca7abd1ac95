/**
 * The editor's first card: name, description, welcome message, on/off.
 *
 * @module
 */
import { Field } from "../../components/Field.tsx";
import { SectionCard } from "../../components/SectionCard.tsx";
import { Switch } from "../../components/Switch.tsx";
import { TextAreaField } from "../../components/TextAreaField.tsx";
import { type AgentForm, inputId } from "./use_agent_form.ts";

/** Props of {@linkcode BasicsSection}. */
export interface BasicsSectionProps {
  form: AgentForm;
  canEdit: boolean;
}

/** Name, description, welcome message, active switch. */
export function BasicsSection({ form, canEdit }: BasicsSectionProps) {
  return (
    <SectionCard id="agent-basics-heading" title="Basics" description="Who the agent is and how it greets visitors.">
      <Field {...form.bind("name")} label="Name" required hint="For your team, e.g. “Support assistant”." />
      <TextAreaField
        {...form.bind("description")}
        label="Description"
        rows={2}
        maxLength={500}
        hint="Optional. What this agent is for."
      />
      <TextAreaField
        {...form.bind("welcomeMessage")}
        label="Welcome message"
        rows={2}
        maxLength={500}
        hint="The first message visitors see when they open the chat."
      />
      <Switch
        id={inputId("isActive")}
        label="Active"
        description="When off, the widget doesn't appear on your site."
        checked={form.draft.isActive}
        disabled={!canEdit}
        onChange={(on) =>
          form.set("isActive", on)}
      />
    </SectionCard>
  );
}
