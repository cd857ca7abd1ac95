/**
 * The confirmation before deleting a webhook endpoint, in the app's modal
 * dialog: what goes with it, and that it cannot be undone.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { Alert } from "../../../components/Alert.tsx";
import { Dialog } from "../../shared/Dialog.tsx";
import { type WebhookJson, webhooksRest } from "./rest.ts";

/** Props of {@linkcode DeleteDialog}. */
export interface DeleteDialogProps {
  webhook: WebhookJson;
  onClose(): void;
  onDeleted(id: string): void;
}

/** "Delete this endpoint?" */
export function DeleteDialog({ webhook, onClose, onDeleted }: DeleteDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function remove() {
    setBusy(true);
    const r = await webhooksRest.remove(webhook.id);
    setBusy(false);
    // Already gone (deleted in another tab): the list should drop it all the same.
    if (r.ok || r.status === 404) return onDeleted(webhook.id);
    setError(r.error.message);
  }
  return (
    <Dialog
      id="delete-webhook"
      title="Delete this endpoint?"
      description="No more events are sent to it, and its delivery log goes with it. This cannot be undone."
      onClose={onClose}
    >
      {error && <Alert tone="error" class="mb-4">{error}</Alert>}
      <p class="break-all font-mono text-sm text-slate-700">{webhook.url}</p>
      <div class="mt-5 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <button type="button" class="btn-secondary" onClick={onClose}>Cancel</button>
        <button type="button" class="btn-danger" disabled={busy} onClick={remove}>
          {busy ? "Deleting…" : "Delete endpoint"}
        </button>
      </div>
    </Dialog>
  );
}
