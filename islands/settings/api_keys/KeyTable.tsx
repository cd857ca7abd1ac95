/**
 * The workspace's live API keys as a table: name, scope (and whether it reads
 * internal notes), prefix, who created it, when, when it was last used, and
 * a Revoke button per key.
 *
 * @module
 */
import { formatDate } from "../../../components/format.ts";
import { type ApiKeyJson, scopeLabel } from "./rest.ts";

/** Props of {@linkcode KeyTable}. */
export interface KeyTableProps {
  apiKeys: ApiKeyJson[];
  /** User id -> name, for "Created by". */
  people: Record<string, string>;
  onRevoke(k: ApiKeyJson): void;
}

/** The keys. */
export function KeyTable({ apiKeys, people, onRevoke }: KeyTableProps) {
  return (
    <div class="card overflow-x-auto">
      <table class="min-w-full divide-y divide-slate-200 text-sm" aria-label="API keys">
        <thead class="bg-slate-50 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase">
          <tr>
            <th scope="col" class="px-5 py-3 sm:px-6">Name</th>
            <th scope="col" class="px-3 py-3">Scope</th>
            <th scope="col" class="px-3 py-3">Key</th>
            <th scope="col" class="px-3 py-3">Created by</th>
            <th scope="col" class="px-3 py-3">Created</th>
            <th scope="col" class="px-3 py-3">Last used</th>
            <th scope="col" class="px-5 py-3 sm:px-6">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody class="divide-y divide-slate-100">
          {apiKeys.map((k) => (
            <tr key={k.id}>
              <th scope="row" class="px-5 py-3 text-left font-medium whitespace-nowrap text-slate-900 sm:px-6">
                {k.name}
              </th>
              <td class="px-3 py-3 whitespace-nowrap text-slate-700">
                {scopeLabel(k.scope)}
                {k.internal && (
                  <span class="ml-2 rounded-md bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-600/20 ring-inset">
                    Internal notes
                  </span>
                )}
              </td>
              <td class="px-3 py-3 font-mono whitespace-nowrap text-slate-700">{k.prefix}…</td>
              <td class="px-3 py-3 whitespace-nowrap text-slate-700">{people[k.createdBy] ?? "A former teammate"}</td>
              <td class="px-3 py-3 whitespace-nowrap text-slate-700">{formatDate(k.createdAt)}</td>
              <td class="px-3 py-3 whitespace-nowrap text-slate-700">
                {k.lastUsedAt ? formatDate(k.lastUsedAt) : "Never"}
              </td>
              <td class="px-5 py-3 text-right sm:px-6">
                <button
                  type="button"
                  class="btn-ghost text-red-700"
                  aria-label={`Revoke ${k.name}`}
                  onClick={() => onRevoke(k)}
                >
                  Revoke
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
