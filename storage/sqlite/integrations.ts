/**
 * SQLite integrations: connections, links and seen inbound deliveries
 * (tables of migration 12).
 *
 * @module
 */
import type { DatabaseSync } from "node:sqlite";
import type { Connection, IntegrationKind, IntegrationLink } from "../../models/integrations/integration.ts";
import type { IntegrationRepo } from "../../models/ports/store_integrations.ts";
import { date, iso, type Row, run } from "./db.ts";

function toConnection<K extends IntegrationKind>(r: Row): Connection<K> {
  return {
    workspaceId: r.workspace_id as string,
    kind: r.kind as K,
    settings: JSON.parse(r.settings as string),
    secretsSealed: r.secrets_sealed as string,
    externalKey: (r.external_key as string | null) ?? null,
    status: r.status as Connection["status"],
    lastError: (r.last_error as string | null) ?? null,
    lastErrorAt: date(r.last_error_at) ?? null,
    connectedBy: r.connected_by as string,
    createdAt: date(r.created_at)!,
    updatedAt: date(r.updated_at)!,
  };
}

function toLink(r: Row): IntegrationLink {
  return {
    workspaceId: r.workspace_id as string,
    kind: r.kind as IntegrationLink["kind"],
    localId: r.local_id as string,
    remoteId: r.remote_id as string,
    state: JSON.parse(r.state as string),
    createdAt: date(r.created_at)!,
    updatedAt: date(r.updated_at)!,
  };
}

/** The integrations repository. */
export function sqliteIntegrations(db: DatabaseSync): IntegrationRepo {
  return {
    get: <K extends IntegrationKind>(wid: string, kind: K) =>
      run(() => {
        const r = db.prepare("SELECT * FROM integrations WHERE workspace_id = ? AND kind = ?").get(wid, kind) as
          | Row
          | undefined;
        return r ? toConnection<K>(r) : null;
      }),
    list: (wid) =>
      run(() =>
        (db.prepare("SELECT * FROM integrations WHERE workspace_id = ? ORDER BY kind").all(wid) as Row[]).map((r) =>
          toConnection(r)
        )
      ),
    upsert: (c) =>
      run(() => {
        db.prepare(
          `INSERT INTO integrations (workspace_id, kind, settings, secrets_sealed, external_key, status, last_error,
             last_error_at, connected_by, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (workspace_id, kind) DO UPDATE SET settings = excluded.settings,
             secrets_sealed = excluded.secrets_sealed, external_key = excluded.external_key, status = excluded.status,
             last_error = excluded.last_error, last_error_at = excluded.last_error_at,
             connected_by = excluded.connected_by, updated_at = excluded.updated_at`,
        ).run(
          c.workspaceId,
          c.kind,
          JSON.stringify(c.settings),
          c.secretsSealed,
          c.externalKey,
          c.status,
          c.lastError,
          iso(c.lastErrorAt),
          c.connectedBy,
          iso(c.createdAt),
          iso(c.updatedAt),
        );
      }),
    remove: (wid, kind) =>
      run(() => {
        const removed = db.prepare("DELETE FROM integrations WHERE workspace_id = ? AND kind = ?").run(wid, kind);
        return Number(removed.changes) > 0;
      }),
    findByExternalKey: <K extends IntegrationKind>(kind: K, key: string) =>
      run(() =>
        (db.prepare("SELECT * FROM integrations WHERE kind = ? AND external_key = ?").all(kind, key) as Row[]).map((
          r,
        ) => toConnection<K>(r))
      ),
    setHealth: (wid, kind, error, at) =>
      run(() => {
        // A success keeps the last error on record (the page shows when it last failed) but clears the status.
        if (error === null) {
          db.prepare("UPDATE integrations SET status = 'connected' WHERE workspace_id = ? AND kind = ?").run(wid, kind);
        } else {
          db.prepare(
            `UPDATE integrations SET status = 'error', last_error = ?, last_error_at = ?
             WHERE workspace_id = ? AND kind = ?`,
          ).run(error.slice(0, 500), iso(at), wid, kind);
        }
      }),
    link: (wid, kind, localId) =>
      run(() => {
        const r = db.prepare(
          "SELECT * FROM integration_links WHERE workspace_id = ? AND kind = ? AND local_id = ?",
        ).get(wid, kind, localId) as Row | undefined;
        return r ? toLink(r) : null;
      }),
    linkByRemote: (wid, kind, remoteId) =>
      run(() => {
        const r = db.prepare(
          "SELECT * FROM integration_links WHERE workspace_id = ? AND kind = ? AND remote_id = ?",
        ).get(wid, kind, remoteId) as Row | undefined;
        return r ? toLink(r) : null;
      }),
    putLink: (l) =>
      run(() => {
        db.prepare(
          `INSERT INTO integration_links (workspace_id, kind, local_id, remote_id, state, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (workspace_id, kind, local_id) DO UPDATE SET remote_id = excluded.remote_id,
             state = excluded.state, updated_at = excluded.updated_at`,
        ).run(
          l.workspaceId,
          l.kind,
          l.localId,
          l.remoteId,
          JSON.stringify(l.state),
          iso(l.createdAt),
          iso(l.updatedAt),
        );
      }),
    seen: (kind, wid, key) =>
      run(() =>
        !!db.prepare("SELECT 1 FROM integration_inbound WHERE kind = ? AND workspace_id = ? AND key = ?").get(
          kind,
          wid,
          key,
        )
      ),
    markSeen: (kind, wid, key, at) =>
      run(() => {
        db.prepare(
          "INSERT OR IGNORE INTO integration_inbound (kind, workspace_id, key, received_at) VALUES (?, ?, ?, ?)",
        )
          .run(kind, wid, key, iso(at));
      }),
  };
}
