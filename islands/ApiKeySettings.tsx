/**
 * Settings → API keys: the workspace's live keys, the form that creates one,
 * the new key shown once, and revoking one after a confirmation. The server
 * renders the list; this keeps it current after each change.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { useFlash } from "./shared/use_flash.ts";
import { ApiKeyForm } from "./settings/api_keys/ApiKeyForm.tsx";
import { KeyTable } from "./settings/api_keys/KeyTable.tsx";
import { NewKey } from "./settings/api_keys/NewKey.tsx";
import type { ApiKeyJson, CreatedKey } from "./settings/api_keys/rest.ts";
import { RevokeDialog } from "./settings/api_keys/RevokeDialog.tsx";

/** Props of {@linkcode ApiKeySettings}. */
export interface ApiKeySettingsProps {
  apiKeys: ApiKeyJson[];
  /** The team's names by user id ("Created by"). */
  people: Record<string, string>;
}

/** The API keys page's body. */
export default function ApiKeySettings(props: ApiKeySettingsProps) {
  const [list, setList] = useState(props.apiKeys);
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyJson | null>(null);
  const note = useFlash<string>();

  return (
    <div class="space-y-6">
      <div class="card">
        <div class="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-center sm:justify-between sm:px-6">
          <div class="min-w-0 text-sm">
            <p class="text-slate-600">
              {list.length === 0 ? "No API keys yet." : `${list.length} key${list.length === 1 ? "" : "s"}.`}{" "}
              A key acts as the admin who created it, on the API only.
            </p>
            <p role="status" class="font-medium text-emerald-700 empty:hidden">{note.value ?? ""}</p>
          </div>
          {!adding && (
            <button type="button" class="btn-primary shrink-0" onClick={() => setAdding(true)}>Create API key</button>
          )}
        </div>
        {adding && (
          <div class="border-t border-slate-100">
            <ApiKeyForm
              onCancel={() => setAdding(false)}
              onCreated={(c) => {
                setAdding(false);
                setList((now) => [c.apiKey, ...now]);
                setCreated(c);
              }}
            />
          </div>
        )}
      </div>
      {created && <NewKey created={created} onDone={() => setCreated(null)} />}
      {list.length > 0 && <KeyTable apiKeys={list} people={props.people} onRevoke={setRevoking} />}
      {revoking && (
        <RevokeDialog
          apiKey={revoking}
          onClose={() => setRevoking(null)}
          onRevoked={(id) => {
            setRevoking(null);
            if (created?.apiKey.id === id) setCreated(null);
            setList((now) => now.filter((k) => k.id !== id));
            note.show(`Revoked “${revoking.name}”.`);
          }}
        />
      )}
    </div>
  );
}
