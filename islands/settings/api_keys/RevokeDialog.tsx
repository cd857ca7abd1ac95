/**
 * The confirmation before revoking a key, in the app's modal dialog: what
 * stops working, and that it cannot be undone.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { Alert } from "../../../components/Alert.tsx";
import { Dialog } from "../../shared/Dialog.tsx";
import { type ApiKeyJson, apiKeysRest } from "./rest.ts";

/** Props of {@linkcode RevokeDialog}. */
export interface RevokeDialogProps {
  apiKey: ApiKeyJson;
  onClose(): void;
  onRevoked(id: string): void;
}

/** "Revoke this key?" */
export function RevokeDialog({ apiKey, onClose, onRevoked }: RevokeDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function revoke() {
    setBusy(true);
    const r = await apiKeysRest.revoke(apiKey.id);
    setBusy(false);
    // Already gone (revoked in another tab): the list should drop it all the same.
    if (r.ok || r.status === 404) return onRevoked(apiKey.id);
    setError(r.error.message);
  }
  return (
    <Dialog
      id="revoke-key"
      title={`Revoke “${apiKey.name}”?`}
      description="Every request with this key is refused from now on, and its event streams close. This cannot be undone."
      onClose={onClose}
    >
      {error && <Alert tone="error" class="mb-4">{error}</Alert>}
      <p class="text-sm text-slate-700">
        Anything still using the key <span class="font-mono">{apiKey.prefix}…</span> stops working at once.
      </p>
      <div class="mt-5 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <button type="button" class="btn-secondary" onClick={onClose}>Cancel</button>
        <button type="button" class="btn-danger" disabled={busy} onClick={revoke}>
          {busy ? "Revoking…" : "Revoke key"}
        </button>
      </div>
    </Dialog>
  );
}
