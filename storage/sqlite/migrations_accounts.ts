/**
 * Schema steps 1-2: accounts (workspaces, users, one-time tokens) and agents
 * with their knowledge (sources, jobs, chunks, the FTS5 index, versions).
 * Append only: never edit a migration that has shipped.
 *
 * @module
 */
import type { Migration } from "./migration.ts";

/** Accounts, agents and knowledge. */
export const ACCOUNT_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: "accounts",
    sql: `
      CREATE TABLE workspaces (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        email TEXT NOT NULL,
        email_lc TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,
        company TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'user')),
        token_version INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX users_workspace ON users(workspace_id, created_at);
      CREATE INDEX users_workspace_role ON users(workspace_id, role);
      CREATE TABLE one_time_tokens (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('reset', 'invite')),
        workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
        email TEXT NOT NULL,
        role TEXT,
        created_by TEXT,
        token_hash TEXT NOT NULL UNIQUE,
        expires_at TEXT NOT NULL,
        used_at TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX tokens_workspace_kind ON one_time_tokens(workspace_id, kind, created_at);
      CREATE INDEX tokens_user_kind ON one_time_tokens(user_id, kind);
    `,
  },
  {
    version: 2,
    name: "agents and knowledge",
    sql: `
      CREATE TABLE agents (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT NOT NULL,
        welcome_message TEXT NOT NULL,
        model TEXT NOT NULL,
        temperature REAL NOT NULL,
        max_tokens INTEGER NOT NULL,
        prompt TEXT NOT NULL,
        is_active INTEGER NOT NULL,
        provider TEXT NOT NULL,
        handoff_threshold REAL NOT NULL,
        allowed_domains TEXT NOT NULL,
        widget_config TEXT NOT NULL,
        active_version_id TEXT,
        lyzr_agent_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX agents_workspace ON agents(workspace_id, created_at);

      CREATE TABLE knowledge_sources (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL,
        agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
        type TEXT NOT NULL CHECK (type IN ('text', 'website', 'document')),
        content TEXT NOT NULL,
        metadata TEXT NOT NULL,
        title TEXT NOT NULL,
        url TEXT,
        status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'ready', 'failed')),
        error TEXT,
        deleted_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX sources_agent ON knowledge_sources(workspace_id, agent_id, created_at);

      CREATE TABLE ingest_jobs (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL,
        agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
        source_id TEXT NOT NULL REFERENCES knowledge_sources(id) ON DELETE CASCADE,
        state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
        progress_done INTEGER NOT NULL DEFAULT 0,
        progress_total INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT
      );
      CREATE INDEX jobs_state ON ingest_jobs(state, created_at);
      CREATE INDEX jobs_agent ON ingest_jobs(workspace_id, agent_id, created_at);
      CREATE INDEX jobs_source ON ingest_jobs(source_id, created_at);

      CREATE TABLE knowledge_chunks (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        workspace_id TEXT NOT NULL,
        agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
        source_id TEXT NOT NULL,
        generation_id TEXT NOT NULL,
        title TEXT NOT NULL,
        url TEXT,
        heading TEXT NOT NULL,
        text TEXT NOT NULL,
        position INTEGER NOT NULL,
        embedding BLOB
      );
      CREATE INDEX chunks_generation ON knowledge_chunks(generation_id, position);

      -- Holds exactly the chunks of each agent's active version (re-indexed on activation).
      CREATE VIRTUAL TABLE knowledge_fts USING fts5(
        scope, title, heading, text,
        content = '', contentless_delete = 1,
        tokenize = 'porter unicode61 remove_diacritics 2'
      );
      INSERT INTO knowledge_fts(knowledge_fts, rank) VALUES ('rank', 'bm25(0.0, 2.0, 2.5, 1.0)');
      -- Document frequency per (stemmed) term: lets search leave out terms too common to rank by.
      CREATE VIRTUAL TABLE knowledge_fts_vocab USING fts5vocab(knowledge_fts, 'row');

      CREATE TABLE knowledge_versions (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL,
        agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        reason TEXT NOT NULL,
        source_count INTEGER NOT NULL,
        chunk_count INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (agent_id, number)
      );
      CREATE INDEX versions_agent ON knowledge_versions(workspace_id, agent_id, number);
      CREATE TABLE knowledge_version_items (
        version_id TEXT NOT NULL REFERENCES knowledge_versions(id) ON DELETE CASCADE,
        source_id TEXT NOT NULL,
        generation_id TEXT NOT NULL,
        PRIMARY KEY (version_id, source_id)
      );

      CREATE TABLE provider_credentials (
        workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        provider TEXT NOT NULL,
        api_key_sealed TEXT NOT NULL,
        key_hint TEXT NOT NULL,
        base_url TEXT,
        default_model TEXT,
        extra TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (workspace_id, provider)
      );
    `,
  },
];
