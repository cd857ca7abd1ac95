/**
 * Pending invitations with a "Revoke" button each (`DELETE /api/users/invites/:id`).
 *
 * @module
 */
import { useState } from "preact/hooks";
import { Alert } from "../../components/Alert.tsx";
import { formatDate, roleLabel } from "../../components/format.ts";
import { Icon } from "../../components/Icons.tsx";
import { api } from "../shared/api.ts";
import type { TeamInvite } from "./types.ts";

/** Props of {@linkcode InviteList}. */
export interface InviteListProps {
  invites: TeamInvite[];
  onChange: (invites: TeamInvite[]) => void;
}

/** The "Pending invitations" card. */
export function InviteList({ invites, onChange }: InviteListProps) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);

  async function revoke(invite: TeamInvite) {
    setError(null);
    setPending(invite.id);
    const res = await api("DELETE", `/api/users/invites/${encodeURIComponent(invite.id)}`);
    setPending(null);
    if (!res.ok) return setError(res.error.message);
    onChange(invites.filter((i) => i.id !== invite.id));
  }

  return (
    <section class="card" aria-labelledby="invites-heading">
      <div class="border-b border-slate-200 px-5 py-4 sm:px-6">
        <h2 id="invites-heading" class="text-base font-semibold text-slate-900">
          Pending invitations <span class="ml-1 font-normal text-slate-500">({invites.length})</span>
        </h2>
      </div>
      {error && (
        <div class="px-5 pt-4 sm:px-6">
          <Alert tone="error">{error}</Alert>
        </div>
      )}
      {invites.length === 0
        ? (
          <p class="flex items-center gap-3 px-5 py-6 text-sm text-slate-500 sm:px-6">
            <Icon name="mail" class="size-5 text-slate-400" />
            No pending invitations. Invite a teammate to share the inbox.
          </p>
        )
        : (
          <ul class="divide-y divide-slate-100">
            {invites.map((i) => (
              <li key={i.id} class="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-center sm:px-6">
                <div class="min-w-0 flex-1">
                  <p class="truncate text-sm font-semibold text-slate-900">{i.email}</p>
                  <p class="text-sm text-slate-500">{roleLabel(i.role)} · Expires {formatDate(i.expiresAt)}</p>
                </div>
                <button
                  type="button"
                  class="btn-secondary"
                  disabled={pending === i.id}
                  onClick={() =>
                    revoke(i)}
                  aria-label={`Revoke invitation for ${i.email}`}
                >
                  Revoke
                </button>
              </li>
            ))}
          </ul>
        )}
    </section>
  );
}
