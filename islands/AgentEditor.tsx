/**
 * The agent editor (new agent and the agent's Settings tab): every field of
 * the agent in three cards, a live preview of the widget that follows the
 * form as you type, and for admins saving and deleting. Members see it read-only.
 *
 * @module
 */
import type { ProviderId } from "../models/agents/agent_schemas.ts";
import { Alert } from "../components/Alert.tsx";
import { FormMessages } from "../components/FormMessages.tsx";
import { SubmitButton } from "../components/SubmitButton.tsx";
import { WidgetPreview } from "../components/WidgetPreview.tsx";
import { AnswersSection } from "./agents/AnswersSection.tsx";
import { BasicsSection } from "./agents/BasicsSection.tsx";
import { DeleteAgent } from "./agents/DeleteAgent.tsx";
import { LyzrKnowledgeCard } from "./agents/LyzrKnowledgeCard.tsx";
import { useAgentForm } from "./agents/use_agent_form.ts";
import { WidgetSection } from "./agents/WidgetSection.tsx";
import type { AgentFieldsJson } from "./shared/agent_types.ts";
import { navigate } from "./shared/use_form.ts";

/** Props of {@linkcode AgentEditor}. */
export interface AgentEditorProps {
  /** The agent's id; absent on "New agent". */
  agentId?: string;
  agent: AgentFieldsJson;
  /** Admins edit; members read. */
  canEdit: boolean;
  /** Which remote providers have a key (admins only; null for members). */
  configured: Partial<Record<ProviderId, boolean>> | null;
}

/** The agent form with its live preview. */
export default function AgentEditor({ agentId, agent, canEdit, configured }: AgentEditorProps) {
  const form = useAgentForm({
    initial: agent,
    agentId,
    onCreated: (created) => navigate(`/agents/${encodeURIComponent(created.id)}/knowledge?created=1`),
    onHeaderChanged: (saved) => navigate(`/agents/${encodeURIComponent(saved.id)}?saved=1`),
  });
  const d = form.draft;
  const preview = (where: "side" | "inline") => (
    <WidgetPreview
      id={`widget-preview-${where}`}
      primaryColor={d.primaryColor}
      position={d.position}
      title={d.title}
      subtitle={d.subtitle}
      welcomeMessage={d.welcomeMessage}
      isActive={d.isActive}
    />
  );
  return (
    <div class="grid gap-8 lg:grid-cols-5">
      <div class="space-y-8 lg:col-span-3">
        <form
          method="post"
          noValidate
          onSubmit={form.onSubmit}
          aria-label={agentId ? "Agent settings" : "New agent"}
          class="space-y-6"
        >
          {!canEdit && (
            <Alert tone="info" title="Read-only">
              Only workspace admins can change agents. You can still try this one in the Playground.
            </Alert>
          )}
          <FormMessages formError={form.formError} errorCount={form.errorCount} />
          <fieldset disabled={!canEdit} class="min-w-0 space-y-6">
            <BasicsSection form={form} canEdit={canEdit} />
            <AnswersSection form={form} configured={configured} />
            <WidgetSection form={form} canEdit={canEdit} preview={preview("inline")} />
          </fieldset>
          {canEdit && (
            <div class="flex flex-col-reverse gap-3 sm:flex-row sm:items-center sm:justify-end">
              {form.saved && <Alert tone="success" class="sm:mr-auto">Changes saved.</Alert>}
              {!agentId && <a href="/agents" class="btn-secondary">Cancel</a>}
              <SubmitButton
                ready={form.ready}
                busy={form.busy}
                busyLabel={agentId ? "Saving…" : "Creating…"}
                class="btn-primary"
              >
                {agentId ? "Save changes" : "Create agent"}
              </SubmitButton>
            </div>
          )}
        </form>
        {agentId && <LyzrKnowledgeCard agentId={agentId} provider={agent.provider} canEdit={canEdit} />}
        {canEdit && agentId && <DeleteAgent agentId={agentId} name={agent.name} />}
      </div>
      <aside class="hidden lg:col-span-2 lg:block" aria-label="Widget preview">
        <div class="sticky top-8">{preview("side")}</div>
      </aside>
    </div>
  );
}
