/**
 * Schema steps 3 on: visitors, conversations and messages, attachments,
 * tickets, canned responses and settings, and the later reshaping of the
 * message tables for write cost. Append only: never edit a migration that
 * has shipped.
 *
 * @module
 */
import type { Migration } from "./migration.ts";

/** Chat, tickets and what came after. */
export const CHAT_MIGRATIONS: Migration[] = [
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
