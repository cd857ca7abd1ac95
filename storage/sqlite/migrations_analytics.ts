/**
 * Schema step 9: the analytics rollups, kept by the analytics listener from
 * the event log and rebuildable from it. Append only.
 *
 * @module
 */
import type { Migration } from "./migration.ts";

// The columns as of this migration (not the code's current list: a migration never changes once shipped).
const TEAM_COLS = ["replies", "first_response_count", "first_response_sum", "resolved", "csat_count", "csat_sum"];

/** The analytics tables. */
export const ANALYTICS_MIGRATIONS: Migration[] = [
  {
    version: 9,
    name: "analytics rollups",
    sql: `
      -- Events already applied: each event's effect commits with its id here, so a redelivery is a no-op.
      CREATE TABLE analytics_applied (event_id TEXT PRIMARY KEY) WITHOUT ROWID;

      -- One row per conversation (the export, and what AI-resolution is decided on).
      CREATE TABLE analytics_facts (
        conversation_id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        visitor_id TEXT NOT NULL,
        started_at TEXT,
        day TEXT,
        page_url TEXT,
        messages_customer INTEGER NOT NULL DEFAULT 0,
        messages_ai INTEGER NOT NULL DEFAULT 0,
        messages_staff INTEGER NOT NULL DEFAULT 0,
        ai_involved INTEGER NOT NULL DEFAULT 0,
        ai_answered INTEGER NOT NULL DEFAULT 0,
        last_ai_at TEXT,
        handed_off INTEGER NOT NULL DEFAULT 0,
        handoff_reason TEXT,
        handoff_at TEXT,
        first_response_s INTEGER,
        ticket_id TEXT,
        resolved_at TEXT,
        resolution_s INTEGER,
        rating INTEGER,
        tags TEXT NOT NULL DEFAULT '[]',
        customer_email TEXT
      ) WITHOUT ROWID;
      CREATE INDEX analytics_facts_period ON analytics_facts (workspace_id, day, started_at, conversation_id);
      CREATE INDEX analytics_facts_visitors ON analytics_facts (workspace_id, day, visitor_id);
      CREATE INDEX analytics_facts_agent_visitors ON analytics_facts (workspace_id, agent_id, day, visitor_id);
      CREATE INDEX analytics_facts_visitor ON analytics_facts (workspace_id, visitor_id);
      -- The few conversations whose last AI answer is still inside the resolution window.
      CREATE INDEX analytics_facts_answered ON analytics_facts (workspace_id, last_ai_at) WHERE ai_answered = 1;

      CREATE TABLE analytics_tickets (
        ticket_id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        resolved_at TEXT,
        resolved_by TEXT,
        rating INTEGER,
        rated_day TEXT
      ) WITHOUT ROWID;

      CREATE TABLE analytics_visitors (
        workspace_id TEXT NOT NULL,
        visitor_id TEXT NOT NULL,
        email TEXT NOT NULL,
        PRIMARY KEY (workspace_id, visitor_id)
      ) WITHOUT ROWID;

      CREATE TABLE analytics_days (
        workspace_id TEXT NOT NULL,
        day TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        conversations INTEGER NOT NULL DEFAULT 0,
        messages_customer INTEGER NOT NULL DEFAULT 0,
        messages_ai INTEGER NOT NULL DEFAULT 0,
        messages_staff INTEGER NOT NULL DEFAULT 0,
        ai_involved INTEGER NOT NULL DEFAULT 0,
        ai_answered INTEGER NOT NULL DEFAULT 0,
        handoffs INTEGER NOT NULL DEFAULT 0,
        handoff_customer INTEGER NOT NULL DEFAULT 0,
        handoff_low_confidence INTEGER NOT NULL DEFAULT 0,
        handoff_provider_error INTEGER NOT NULL DEFAULT 0,
        handoff_staff INTEGER NOT NULL DEFAULT 0,
        tickets_created INTEGER NOT NULL DEFAULT 0,
        tickets_resolved INTEGER NOT NULL DEFAULT 0,
        first_response_count INTEGER NOT NULL DEFAULT 0,
        first_response_sum INTEGER NOT NULL DEFAULT 0,
        resolution_count INTEGER NOT NULL DEFAULT 0,
        resolution_sum INTEGER NOT NULL DEFAULT 0,
        csat_count INTEGER NOT NULL DEFAULT 0,
        csat_sum INTEGER NOT NULL DEFAULT 0,
        csat1 INTEGER NOT NULL DEFAULT 0,
        csat2 INTEGER NOT NULL DEFAULT 0,
        csat3 INTEGER NOT NULL DEFAULT 0,
        csat4 INTEGER NOT NULL DEFAULT 0,
        csat5 INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (workspace_id, day, agent_id)
      ) WITHOUT ROWID;

      CREATE TABLE analytics_team_days (
        workspace_id TEXT NOT NULL,
        day TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        replies INTEGER NOT NULL DEFAULT 0,
        first_response_count INTEGER NOT NULL DEFAULT 0,
        first_response_sum INTEGER NOT NULL DEFAULT 0,
        resolved INTEGER NOT NULL DEFAULT 0,
        csat_count INTEGER NOT NULL DEFAULT 0,
        csat_sum INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (workspace_id, day, agent_id, user_id)
      ) WITHOUT ROWID;

      -- Durations as one fixed-size histogram per day and agent (models/analytics/histogram.ts), for medians.
      CREATE TABLE analytics_durations (
        workspace_id TEXT NOT NULL,
        metric TEXT NOT NULL,
        day TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        counts BLOB NOT NULL,
        PRIMARY KEY (workspace_id, metric, day, agent_id)
      ) WITHOUT ROWID;

      -- Distinct visitors per day and agent as HyperLogLog registers (models/analytics/sketch.ts).
      CREATE TABLE analytics_sketches (
        workspace_id TEXT NOT NULL,
        day TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        registers BLOB NOT NULL,
        PRIMARY KEY (workspace_id, day, agent_id)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 13,
    name: "analytics questions, gaps, pages, hours",
    sql: `
      -- The customer's last message the AI has not answered yet: counted as a question (and maybe a gap) when it does.
      ALTER TABLE analytics_facts ADD COLUMN question TEXT;
      -- The visitor's first conversation in the workspace (1) and with this agent (1): returning customers.
      ALTER TABLE analytics_facts ADD COLUMN first_of_visitor INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE analytics_facts ADD COLUMN first_with_agent INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE analytics_tickets ADD COLUMN comment TEXT;
      CREATE INDEX analytics_tickets_rated ON analytics_tickets (workspace_id, rated_day) WHERE comment IS NOT NULL;

      -- Conversations started per local hour (the weekday is the day's), answers with and without sources,
      -- time to the first AI token, new customers (of the workspace, of the agent), questions the AI answered
      -- (and answered unsure).
      ${
      [
        ...Array.from({ length: 24 }, (_, h) => `started_h${String(h).padStart(2, "0")}`),
        "ai_with_sources",
        "ai_without_sources",
        "first_token_count",
        "first_token_sum",
        "new_customers",
        "new_customers_of_agent",
        "questions",
        "questions_unsure",
      ].map((c) => `ALTER TABLE analytics_days ADD COLUMN ${c} INTEGER NOT NULL DEFAULT 0;`).join("\n      ")
    }

      -- The most asked question signatures (models/analytics/heavy.ts, topics.ts) of each day (period YYYY-MM-DD)
      -- and month (YYYY-MM) per agent, as one JSON list of bounded length: topics and gaps read these.
      CREATE TABLE analytics_questions (
        workspace_id TEXT NOT NULL,
        period TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        entries TEXT NOT NULL,
        PRIMARY KEY (workspace_id, period, agent_id)
      ) WITHOUT ROWID;

      -- Gaps fixed from the dashboard: a question signature and the day it was fixed on.
      CREATE TABLE analytics_gap_fixes (
        workspace_id TEXT NOT NULL,
        signature TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        source_id TEXT NOT NULL,
        fixed_by TEXT NOT NULL,
        fixed_at TEXT NOT NULL,
        fixed_day TEXT NOT NULL,
        PRIMARY KEY (workspace_id, signature)
      ) WITHOUT ROWID;

      -- Conversations started per page URL and day.
      CREATE TABLE analytics_pages (
        workspace_id TEXT NOT NULL,
        day TEXT NOT NULL,
        url TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        conversations INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (workspace_id, day, url, agent_id)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 15,
    name: "analytics CSAT of AI-answered conversations",
    sql: `
      -- The day a customer rated the AI's answer (conversation.rated; the score is in rating): where it counted.
      ALTER TABLE analytics_facts ADD COLUMN ai_rated_day TEXT;
      ${
      ["ai_csat_count", "ai_csat_sum", "ai_csat1", "ai_csat2", "ai_csat3", "ai_csat4", "ai_csat5"]
        .map((c) => `ALTER TABLE analytics_days ADD COLUMN ${c} INTEGER NOT NULL DEFAULT 0;`).join("\n      ")
    }
    `,
  },
  {
    version: 18,
    name: "analytics teammates' months, sentiment, categories, tagged facts",
    sql: `
      -- Teammates' counters are kept per month too, under the month's YYYY-MM as their day (rollup.ts, addTeam):
      -- summed here from the days rolled up before, once.
      INSERT INTO analytics_team_days (workspace_id, day, agent_id, user_id, ${TEAM_COLS.join(", ")})
      SELECT workspace_id, substr(day, 1, 7), agent_id, user_id, ${TEAM_COLS.map((c) => `SUM(${c})`).join(", ")}
      FROM analytics_team_days WHERE length(day) = 10 GROUP BY workspace_id, substr(day, 1, 7), agent_id, user_id;

      -- Per conversation, for the tag filter of the series, team and topics (tagged.ts): replies per teammate
      -- (JSON object), who answered first after the handoff and who resolved its ticket, the questions the AI
      -- answered (JSON [signature, asked, unsure, example] lists); its customers' sentiment (scored messages, the
      -- sum of their scores in thousandths, the negative ones) and its categories (JSON list).
      ALTER TABLE analytics_facts ADD COLUMN staff_replies TEXT NOT NULL DEFAULT '{}';
      ALTER TABLE analytics_facts ADD COLUMN first_responder TEXT;
      ALTER TABLE analytics_facts ADD COLUMN resolved_by TEXT;
      ALTER TABLE analytics_facts ADD COLUMN questions TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE analytics_facts ADD COLUMN sentiment_count INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE analytics_facts ADD COLUMN sentiment_sum INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE analytics_facts ADD COLUMN negative_messages INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE analytics_facts ADD COLUMN categories TEXT NOT NULL DEFAULT '[]';

      -- Customers' sentiment per day: scored messages, their scores' sum (thousandths), the negative ones, and
      -- conversations (by their start day) with a negative message.
      ALTER TABLE analytics_days ADD COLUMN sentiment_count INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE analytics_days ADD COLUMN sentiment_sum INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE analytics_days ADD COLUMN sentiment_negative INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE analytics_days ADD COLUMN conversations_negative INTEGER NOT NULL DEFAULT 0;

      -- Conversations (by their start day) and tickets (by their creation day) per category.
      CREATE TABLE analytics_categories (
        workspace_id TEXT NOT NULL,
        day TEXT NOT NULL,
        category TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        conversations INTEGER NOT NULL DEFAULT 0,
        tickets INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (workspace_id, day, category, agent_id)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 21,
    name: "analytics writer sequence",
    // Bumped by every rollup transaction and reset: a writer that keeps rows cached between its transactions
    // (the listener's batch) sees whether anyone else wrote the rollups meanwhile, and reads them again.
    sql: `
      CREATE TABLE analytics_writer (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL);
      INSERT INTO analytics_writer (id, seq) VALUES (1, 0);
    `,
  },
];
