/**
 * SQLite repositories for agents and provider credentials.
 *
 * @module
 */
import type { DatabaseSync } from "node:sqlite";
import type { Agent } from "../../models/agents/agent.ts";
import type { StoredCredential } from "../../models/providers/credentials.ts";
import type { AgentRepo, CredentialRepo } from "../../models/ports/store.ts";
import { date, iso, type Row, run, transaction } from "./db.ts";
import { type AppendSignal, writeEvents } from "./events.ts";

const toAgent = (r: Row): Agent => ({
  id: r.id as string,
  workspaceId: r.workspace_id as string,
  userId: r.user_id as string,
  name: r.name as string,
  description: r.description as string,
  welcomeMessage: r.welcome_message as string,
  model: r.model as string,
  temperature: Number(r.temperature),
  maxTokens: Number(r.max_tokens),
  prompt: r.prompt as string,
  isActive: Number(r.is_active) === 1,
  provider: r.provider as Agent["provider"],
  handoffThreshold: Number(r.handoff_threshold),
  allowedDomains: JSON.parse(r.allowed_domains as string),
  widgetConfig: JSON.parse(r.widget_config as string),
  activeVersionId: (r.active_version_id as string | null) ?? null,
  ...(r.lyzr_agent_id ? { lyzrAgentId: r.lyzr_agent_id as string } : {}),
  createdAt: date(r.created_at)!,
  updatedAt: date(r.updated_at)!,
});

const COLUMNS: Record<string, (a: Partial<Agent>) => unknown> = {
  name: (a) => a.name,
  description: (a) => a.description,
  welcome_message: (a) => a.welcomeMessage,
  model: (a) => a.model,
  temperature: (a) => a.temperature,
  max_tokens: (a) => a.maxTokens,
  prompt: (a) => a.prompt,
  is_active: (a) => a.isActive === undefined ? undefined : a.isActive ? 1 : 0,
  provider: (a) => a.provider,
  handoff_threshold: (a) => a.handoffThreshold,
  allowed_domains: (a) => a.allowedDomains && JSON.stringify(a.allowedDomains),
  widget_config: (a) => a.widgetConfig && JSON.stringify(a.widgetConfig),
  active_version_id: (a) => a.activeVersionId,
  lyzr_agent_id: (a) => a.lyzrAgentId,
  updated_at: (a) => iso(a.updatedAt),
};

/** Agents on SQLite. */
export function sqliteAgents(db: DatabaseSync, signal: AppendSignal): AgentRepo {
  const get = (wid: string, id: string) =>
    db.prepare("SELECT * FROM agents WHERE workspace_id = ? AND id = ?").get(wid, id) as Row | undefined;
  return {
    list: (wid) =>
      run(() =>
        (db.prepare("SELECT * FROM agents WHERE workspace_id = ? ORDER BY created_at, id").all(wid) as Row[]).map(
          toAgent,
        )
      ),
    get: (wid, id) =>
      run(() => {
        const r = get(wid, id);
        return r ? toAgent(r) : null;
      }),
    insert: (a, emit) =>
      run(() =>
        transaction(db, () => {
          const cols = ["id", "workspace_id", "user_id", "created_at", ...Object.keys(COLUMNS)];
          const values = [a.id, a.workspaceId, a.userId, iso(a.createdAt), ...Object.values(COLUMNS).map((f) => f(a))];
          db.prepare(`INSERT INTO agents (${cols.join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`)
            .run(...values.map((v) => (v === undefined ? null : v)) as (string | number | null)[]);
          writeEvents(db, signal, emit, a);
        })
      ),
    update: (wid, id, patch, emit) =>
      run(() =>
        transaction(db, () => {
          const sets: string[] = [];
          const values: (string | number | null)[] = [];
          for (const [col, pick] of Object.entries(COLUMNS)) {
            const v = pick(patch);
            if (v === undefined) continue;
            sets.push(`${col} = ?`);
            values.push(v as string | number | null);
          }
          const r = db.prepare(`UPDATE agents SET ${sets.join(", ")} WHERE workspace_id = ? AND id = ? RETURNING *`)
            .get(...values, wid, id) as Row | undefined;
          return r ? writeEvents(db, signal, emit, toAgent(r)) : null;
        })
      ),
    findPublic: (id) =>
      run(() => {
        const r = db.prepare("SELECT * FROM agents WHERE id = ?").get(id) as Row | undefined;
        return r ? toAgent(r) : null;
      }),
    remove: (wid, id, emit) =>
      run(() =>
        transaction(db, () => {
          if (!get(wid, id)) return false;
          // The FTS table has no foreign keys: drop the agent's indexed rows explicitly.
          db.prepare(
            "DELETE FROM knowledge_fts WHERE rowid IN (SELECT seq FROM knowledge_chunks WHERE workspace_id = ? AND agent_id = ?)",
          ).run(wid, id);
          db.prepare("DELETE FROM agents WHERE workspace_id = ? AND id = ?").run(wid, id);
          writeEvents(db, signal, emit, id);
          return true;
        })
      ),
  };
}

const toCredential = (r: Row): StoredCredential => ({
  workspaceId: r.workspace_id as string,
  provider: r.provider as StoredCredential["provider"],
  apiKeySealed: r.api_key_sealed as string,
  keyHint: r.key_hint as string,
  baseUrl: (r.base_url as string | null) ?? undefined,
  defaultModel: (r.default_model as string | null) ?? undefined,
  extra: JSON.parse(r.extra as string),
  updatedBy: r.updated_by as string,
  updatedAt: date(r.updated_at)!,
});

/** Provider credentials on SQLite. */
export function sqliteCredentials(db: DatabaseSync): CredentialRepo {
  return {
    list: (wid) =>
      run(() =>
        (db.prepare("SELECT * FROM provider_credentials WHERE workspace_id = ? ORDER BY provider").all(wid) as Row[])
          .map(toCredential)
      ),
    get: (wid, provider) =>
      run(() => {
        const r = db.prepare("SELECT * FROM provider_credentials WHERE workspace_id = ? AND provider = ?")
          .get(wid, provider) as Row | undefined;
        return r ? toCredential(r) : null;
      }),
    upsert: (c) =>
      run(() => {
        db.prepare(
          `INSERT INTO provider_credentials
             (workspace_id, provider, api_key_sealed, key_hint, base_url, default_model, extra, updated_by, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (workspace_id, provider) DO UPDATE SET api_key_sealed = excluded.api_key_sealed,
             key_hint = excluded.key_hint, base_url = excluded.base_url, default_model = excluded.default_model,
             extra = excluded.extra, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        ).run(
          c.workspaceId,
          c.provider,
          c.apiKeySealed,
          c.keyHint,
          c.baseUrl ?? null,
          c.defaultModel ?? null,
          JSON.stringify(c.extra),
          c.updatedBy,
          iso(c.updatedAt),
        );
      }),
    remove: (wid, provider) =>
      run(() =>
        Number(
          db.prepare("DELETE FROM provider_credentials WHERE workspace_id = ? AND provider = ?").run(wid, provider)
            .changes,
        ) > 0
      ),
  };
}
