/**
 * The members table: change a member's role (`PUT /api/users/:id`) or remove
 * them (`DELETE /api/users/:id`) after an inline confirmation.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { Alert } from "../../components/Alert.tsx";
import { formatDate, roleLabel } from "../../components/format.ts";
import { initials } from "../../components/nav.ts";
import { api } from "../shared/api.ts";
import type { TeamMember } from "./types.ts";

/** Props of {@linkcode MemberList}. */
export interface MemberListProps {
  meId: string;
  members: TeamMember[];
  onChange: (members: TeamMember[]) => void;
}

/** The "Members" card. */
export function MemberList({ meId, members, onChange }: MemberListProps) {
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);

  async function changeRole(m: TeamMember, select: HTMLSelectElement) {
    const role = select.value as TeamMember["role"];
    setError(null);
    setNotice(null);
    setPending(m.id);
    const res = await api<{ user: TeamMember }>("PUT", `/api/users/${encodeURIComponent(m.id)}`, { role });
    setPending(null);
    if (!res.ok) {
      select.value = m.role;
      return setError(res.error.message);
    }
    onChange(members.map((x) => (x.id === m.id ? { ...x, role } : x)));
    setNotice(`${m.name} is now ${role === "admin" ? "an admin" : "a member"}.`);
  }

  async function remove(m: TeamMember) {
    setError(null);
    setNotice(null);
    setPending(m.id);
    const res = await api("DELETE", `/api/users/${encodeURIComponent(m.id)}`);
    setPending(null);
    setConfirming(null);
    if (!res.ok) return setError(res.error.message);
    onChange(members.filter((x) => x.id !== m.id));
    setNotice(`${m.name} was removed from the workspace.`);
  }

  return (
    <section class="card" aria-labelledby="members-heading">
      <div class="border-b border-slate-200 px-5 py-4 sm:px-6">
        <h2 id="members-heading" class="text-base font-semibold text-slate-900">
          Members <span class="ml-1 font-normal text-slate-500">({members.length})</span>
        </h2>
      </div>
      {(error || notice) && (
        <div class="px-5 pt-4 sm:px-6">
          {error ? <Alert tone="error">{error}</Alert> : <Alert tone="success">{notice}</Alert>}
        </div>
      )}
      <ul class="divide-y divide-slate-100">
        {members.map((m) => {
          const me = m.id === meId;
          return (
            <li key={m.id} class="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-center sm:px-6">
              <div class="flex min-w-0 flex-1 items-center gap-3">
                <span
                  class="grid size-10 shrink-0 place-items-center rounded-full bg-slate-100 text-sm font-semibold text-slate-600"
                  aria-hidden="true"
                >
                  {initials(m.name)}
                </span>
                <div class="min-w-0">
                  <p class="truncate text-sm font-semibold text-slate-900">
                    {m.name}
                    {me && (
                      <span class="ml-2 rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-700">
                        You
                      </span>
                    )}
                  </p>
                  <p class="truncate text-sm text-slate-500">{m.email} · Joined {formatDate(m.createdAt)}</p>
                </div>
              </div>
              {confirming === m.id
                ? (
                  <div class="flex items-center gap-2">
                    <span class="text-sm text-slate-700">Remove {m.name}?</span>
                    <button
                      type="button"
                      class="btn-danger"
                      disabled={pending === m.id}
                      onClick={() => remove(m)}
                      ref={(el) => el?.focus()}
                    >
                      Yes, remove
                    </button>
                    <button type="button" class="btn-secondary" onClick={() => setConfirming(null)}>Cancel</button>
                  </div>
                )
                : (
                  <div class="flex items-center gap-2">
                    {me
                      ? (
                        <span class="rounded-full bg-slate-100 px-3 py-1 text-sm font-medium text-slate-700">
                          {roleLabel(m.role)}
                        </span>
                      )
                      : (
                        <>
                          <label class="sr-only" for={`role-${m.id}`}>Role for {m.name}</label>
                          <select
                            id={`role-${m.id}`}
                            class="field-input mt-0 w-32"
                            value={m.role}
                            disabled={pending === m.id}
                            onChange={(e) => changeRole(m, e.currentTarget as HTMLSelectElement)}
                          >
                            <option value="user">Member</option>
                            <option value="admin">Admin</option>
                          </select>
                          <button
                            type="button"
                            class="btn-ghost"
                            onClick={() => setConfirming(m.id)}
                            aria-label={`Remove ${m.name}`}
                          >
                            Remove
                          </button>
                        </>
                      )}
                  </div>
                )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
