/**
 * The editor's danger zone: delete the agent and all its knowledge after an
 * inline confirmation (`DELETE /api/agents/:id`), then back to the list.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { Alert } from "../../components/Alert.tsx";
import { Icon } from "../../components/Icons.tsx";
import { Spinner } from "../../components/SubmitButton.tsx";
import { api } from "../shared/api.ts";
import { navigate } from "../shared/use_form.ts";

/** Props of {@linkcode DeleteAgent}. */
export interface DeleteAgentProps {
  agentId: string;
  name: string;
}

/** "Delete agent" card with confirmation. */
export function DeleteAgent({ agentId, name }: DeleteAgentProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    setBusy(true);
    setError(null);
    const res = await api("DELETE", `/api/agents/${encodeURIComponent(agentId)}`);
    if (res.ok) return navigate("/agents?deleted=1");
    setBusy(false);
    setConfirming(false);
    setError(res.error.message);
  }

  return (
    <section class="card border-l-4 border-red-500 p-5 sm:p-6" aria-labelledby="delete-agent-heading">
      <h2 id="delete-agent-heading" class="text-base font-semibold text-slate-900">Delete this agent</h2>
      <p class="mt-1 text-sm text-slate-600">
        Removes the agent, its knowledge and versions. Sites that embed it stop showing the chat. This can't be undone.
      </p>
      {error && <Alert tone="error" class="mt-4">{error}</Alert>}
      <div class="mt-4 flex flex-wrap items-center gap-3">
        {confirming
          ? (
            <>
              <span class="text-sm font-medium text-slate-800">Delete “{name}” for good?</span>
              <button type="button" class="btn-danger" disabled={busy} onClick={remove} ref={(el) => el?.focus()}>
                {busy && <Spinner />}
                Yes, delete agent
              </button>
              <button type="button" class="btn-secondary" disabled={busy} onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </>
          )
          : (
            <button type="button" class="btn-secondary text-red-700" onClick={() => setConfirming(true)}>
              <Icon name="trash" class="size-4" />
              Delete agent
            </button>
          )}
      </div>
    </section>
  );
}
