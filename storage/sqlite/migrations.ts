/**
 * Versioned schema migrations, applied in order at start-up inside one
 * transaction each; `PRAGMA user_version` records the last one applied.
 * Append only: never edit a migration that has shipped.
 *
 * @module
 */
import type { DatabaseSync } from "node:sqlite";

/** One schema step. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, oldest first. */
export const MIGRATIONS: Migration[] = [
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
  {
    version: 3,
    name: "conversations",
    sql: `
      CREATE TABLE visitors (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        agent_id TEXT NOT NULL,
        name TEXT,
        email TEXT,
        verified INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL
      );
      CREATE INDEX visitors_workspace ON visitors(workspace_id, agent_id);

      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        agent_id TEXT NOT NULL,
        visitor_id TEXT NOT NULL REFERENCES visitors(id) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
        handled_by TEXT NOT NULL CHECK (handled_by IN ('ai', 'human')),
        last_seq INTEGER NOT NULL DEFAULT 0,
        last_public_seq INTEGER NOT NULL DEFAULT 0,
        last_message_at TEXT NOT NULL,
        last_message_preview TEXT NOT NULL DEFAULT '',
        visitor_read_seq INTEGER NOT NULL DEFAULT 0,
        staff_read_seq INTEGER NOT NULL DEFAULT 0,
        page_url TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX conversations_visitor ON conversations(workspace_id, visitor_id, last_message_at);
      CREATE INDEX conversations_recent ON conversations(workspace_id, last_message_at, id);

      CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL,
        conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        public_seq INTEGER,
        client_id TEXT,
        sender TEXT NOT NULL CHECK (sender IN ('user', 'agent', 'system')),
        author_kind TEXT NOT NULL,
        author_id TEXT,
        author_name TEXT,
        text TEXT NOT NULL,
        attachment_ids TEXT NOT NULL,
        citations TEXT NOT NULL,
        status TEXT NOT NULL,
        internal INTEGER NOT NULL DEFAULT 0,
        metadata TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (conversation_id, seq),
        UNIQUE (conversation_id, public_seq),
        UNIQUE (conversation_id, client_id)
      );
      CREATE INDEX messages_streaming ON messages(status) WHERE status = 'streaming';
      CREATE INDEX messages_client ON messages(client_id) WHERE client_id IS NOT NULL;

      CREATE TABLE attachments (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        owner_id TEXT NOT NULL,
        name TEXT NOT NULL,
        content_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        created_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: "tickets",
    sql: `
      CREATE TABLE tickets (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        conversation_id TEXT NOT NULL UNIQUE REFERENCES conversations(id) ON DELETE CASCADE,
        agent_id TEXT NOT NULL,
        title TEXT NOT NULL,
        description TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'in-progress', 'resolved', 'closed')),
        priority TEXT NOT NULL CHECK (priority IN ('low', 'medium', 'high', 'urgent')),
        priority_rank INTEGER NOT NULL,
        customer_email TEXT NOT NULL,
        customer_name TEXT,
        assigned_to TEXT,
        user_id TEXT NOT NULL,
        tags TEXT NOT NULL,
        source TEXT NOT NULL,
        resolved_at TEXT,
        closed_at TEXT,
        rating TEXT,
        escalation_level INTEGER NOT NULL DEFAULT 0,
        page_url TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX tickets_created ON tickets(workspace_id, created_at, id);
      CREATE INDEX tickets_updated ON tickets(workspace_id, updated_at, id);
      CREATE INDEX tickets_priority ON tickets(workspace_id, priority_rank, id);
      CREATE INDEX tickets_status ON tickets(workspace_id, status, created_at);
      CREATE INDEX tickets_assignee ON tickets(workspace_id, assigned_to, created_at);
      CREATE INDEX tickets_waiting ON tickets(status, created_at) WHERE status IN ('open', 'in-progress');

      CREATE TABLE canned_responses (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        shortcut TEXT NOT NULL,
        body TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (workspace_id, shortcut)
      );

      CREATE TABLE workspace_settings (
        workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (workspace_id, key)
      );
      CREATE INDEX settings_key ON workspace_settings(key);
      CREATE INDEX messages_conversation_author ON messages(conversation_id, author_kind, created_at);
    `,
  },
  {
    // Every index is written on every message, so only the ones a query needs stay: a visitor's
    // conversations are few (sorted in memory), a resent first message is found through them, and a
    // ticket's staff replies through (conversation_id, seq).
    version: 5,
    name: "lean message indexes",
    sql: `
      DROP INDEX messages_client;
      DROP INDEX messages_conversation_author;
      DROP INDEX conversations_visitor;
      CREATE INDEX conversations_visitor ON conversations(workspace_id, visitor_id);
    `,
  },
  {
    // Messages clustered by conversation: a message lands on its conversation's page instead of a
    // table page plus a (conversation, seq) index page, and a thread reads as one range. Public seqs
    // follow seqs (both counted in the appending transaction), so they are found through seq.
    version: 6,
    name: "messages clustered by conversation",
    sql: `
      CREATE TABLE messages_by_conversation (
        conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        id TEXT NOT NULL UNIQUE,
        workspace_id TEXT NOT NULL,
        public_seq INTEGER,
        client_id TEXT,
        sender TEXT NOT NULL CHECK (sender IN ('user', 'agent', 'system')),
        author_kind TEXT NOT NULL,
        author_id TEXT,
        author_name TEXT,
        text TEXT NOT NULL,
        attachment_ids TEXT NOT NULL,
        citations TEXT NOT NULL,
        status TEXT NOT NULL,
        internal INTEGER NOT NULL DEFAULT 0,
        metadata TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (conversation_id, seq),
        UNIQUE (conversation_id, client_id)
      ) WITHOUT ROWID;
      INSERT INTO messages_by_conversation (id, workspace_id, conversation_id, seq, public_seq, client_id, sender, author_kind, author_id, author_name, text, attachment_ids, citations, status, internal, metadata, created_at, updated_at) SELECT id, workspace_id, conversation_id, seq, public_seq, client_id, sender, author_kind, author_id, author_name, text, attachment_ids, citations, status, internal, metadata, created_at, updated_at FROM messages;
      DROP TABLE messages;
      ALTER TABLE messages_by_conversation RENAME TO messages;
      CREATE INDEX messages_streaming ON messages(status) WHERE status = 'streaming';
    `,
  },
];

/** Applies every migration newer than the database's `user_version`. */
export function migrate(db: DatabaseSync, migrations: Migration[] = MIGRATIONS): number {
  const current = (db.prepare("PRAGMA user_version").get() as { user_version: number }).user_version;
  let applied = 0;
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.exec("BEGIN IMMEDIATE");
    try {
      db.exec(m.sql);
      db.exec(`PRAGMA user_version = ${m.version}`);
      db.exec("COMMIT");
      applied++;
    } catch (err) {
      db.exec("ROLLBACK");
      throw new Error(`migration ${m.version} (${m.name}) failed: ${(err as Error).message}`);
    }
  }
  return applied;
}
