import type { Db } from './db';

/**
 * The database schema as ordered, versioned migrations, embedded in the code
 * so the build carries them. A migration is never edited once released: a
 * change is a new migration at the end. `schema_migrations` records which ran.
 *
 * Lists in CHECK constraints (encodings, layouts, roles, audit actions) are
 * the contract's as of the migration; test/server/sql-storage.test.ts stores
 * every value the contract allows, so a new one in the contract fails a test
 * until a migration allows it here.
 */
export type Migration = { version: number; name: string; sql: string };

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'batches, users, sessions, audit log',
    sql: `
CREATE TABLE store_state (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  revision bigint NOT NULL CHECK (revision >= 0),
  -- When the last commit or undo happened, so every process serves the same lastUpdated.
  changed_at timestamptz
);
INSERT INTO store_state (id, revision) VALUES (true, 0);

CREATE TABLE batches (
  id uuid PRIMARY KEY,
  sequence bigint NOT NULL UNIQUE CHECK (sequence >= 1),
  file_name text NOT NULL CHECK (char_length(file_name) BETWEEN 1 AND 255),
  created_at timestamptz NOT NULL,
  committed_by text NOT NULL CHECK (char_length(committed_by) BETWEEN 1 AND 100),
  encoding text NOT NULL CHECK (encoding IN ('utf-8', 'gb18030', 'utf-16le', 'utf-16be')),
  layout text NOT NULL CHECK (layout IN ('long', 'wide', 'roster')),
  target_set text NOT NULL CHECK (char_length(target_set) >= 1),
  counts jsonb NOT NULL CHECK (jsonb_typeof(counts) = 'object'),
  figure_count integer NOT NULL CHECK (figure_count >= 0),
  idempotency_key text UNIQUE CHECK (idempotency_key ~ '^[A-Za-z0-9_-]{8,128}$')
);

-- A batch's figures, and the values they replaced, in chunks of up to 50,000 figures, each a JSON
-- array of [metric, region, year, value, numerator, denominator] (replaced: + source, source note,
-- batch id). One row per figure would be the textbook table, but the embedded database inserts about
-- 15 µs per row (a 1,000,000-figure batch: well over a minute) where a chunk takes milliseconds. The
-- core checks every figure before a commit and every stored batch when it loads; the views below
-- give one row per figure for SQL reports.
CREATE TABLE batch_figures (
  batch_id uuid NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
  chunk integer NOT NULL CHECK (chunk >= 0),
  figures text NOT NULL CHECK (left(figures, 1) = '['),
  PRIMARY KEY (batch_id, chunk)
);

CREATE TABLE batch_replaced (
  batch_id uuid NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
  chunk integer NOT NULL CHECK (chunk >= 0),
  replaced text NOT NULL CHECK (left(replaced, 1) = '['),
  PRIMARY KEY (batch_id, chunk)
);

CREATE VIEW batch_figure_rows AS
  SELECT f.batch_id, e.ordinality - 1 + f.chunk * 50000 AS ordinal,
         e.value ->> 0 AS metric, e.value ->> 1 AS region, (e.value ->> 2)::integer AS year,
         (e.value ->> 3)::double precision AS value, (e.value ->> 4)::double precision AS numerator,
         (e.value ->> 5)::double precision AS denominator
    FROM batch_figures f, json_array_elements(f.figures::json) WITH ORDINALITY e;

CREATE VIEW batch_replaced_rows AS
  SELECT r.batch_id, e.value ->> 0 AS metric, e.value ->> 1 AS region, (e.value ->> 2)::integer AS year,
         (e.value ->> 3)::double precision AS value, (e.value ->> 4)::double precision AS numerator,
         (e.value ->> 5)::double precision AS denominator, e.value ->> 6 AS source, e.value ->> 7 AS source_note,
         e.value ->> 8 AS source_batch
    FROM batch_replaced r, json_array_elements(r.replaced::json) e;

CREATE TABLE users (
  name text PRIMARY KEY CHECK (char_length(name) BETWEEN 1 AND 100),
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
  region text CHECK (region IS NULL OR char_length(region) >= 1),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  user_name text NOT NULL REFERENCES users (name) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);
CREATE INDEX sessions_user_name ON sessions (user_name);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  user_name text NOT NULL,
  action text NOT NULL CHECK (action IN ('commit', 'undo', 'sign_in', 'sign_in_failed', 'sign_out', 'user_added', 'user_removed', 'password_changed')),
  batch_id uuid,
  file_name text,
  target_set text,
  figure_count integer CHECK (figure_count >= 0),
  counts jsonb,
  detail text
);

CREATE TABLE sign_in_failures (
  name text PRIMARY KEY,
  failures integer NOT NULL CHECK (failures >= 1),
  last_failure_at timestamptz NOT NULL,
  locked_until timestamptz
);
`,
  },
  {
    version: 2,
    name: 'batches: the year-column layout',
    sql: `
ALTER TABLE batches DROP CONSTRAINT batches_layout_check;
ALTER TABLE batches ADD CONSTRAINT batches_layout_check CHECK (layout IN ('long', 'wide', 'roster', 'year_columns'));
`,
  },
  {
    version: 3,
    name: 'a batch read from an .xlsx workbook records encoding xlsx',
    sql: `
ALTER TABLE batches DROP CONSTRAINT batches_encoding_check;
ALTER TABLE batches ADD CONSTRAINT batches_encoding_check CHECK (encoding IN ('utf-8', 'gb18030', 'utf-16le', 'utf-16be', 'xlsx'));
`,
  },
  {
    version: 4,
    name: 'documents: append-only snapshots, withdrawals and notes',
    sql: `
-- Append-only records of a kind (snapshot, snapshot-withdrawal, note; later others) beside the batches:
-- never updated or deleted (a correction is a new document). Each one's write moves the store's revision
-- (revision = the one it made), so every process loads it; changed_at, the figures' last change, stays.
-- The body is the kind's JSON as text (a snapshot of a province's figures is tens of megabytes; jsonb
-- would re-encode it for nothing); the core checks every document, body and all, when it loads.
CREATE TABLE documents (
  id uuid PRIMARY KEY,
  revision bigint NOT NULL UNIQUE CHECK (revision >= 1),
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z-]{0,39}$'),
  target_set text NOT NULL CHECK (char_length(target_set) >= 1),
  created_at timestamptz NOT NULL,
  author text NOT NULL CHECK (char_length(author) BETWEEN 1 AND 100),
  body text NOT NULL CHECK (left(body, 1) IN ('{', '['))
);
CREATE INDEX documents_kind_target_set ON documents (kind, target_set);
`,
  },
];

/** Any fixed number: the advisory lock every process takes before migrating. */
const MIGRATION_LOCK = 7_310_482_020;

/**
 * Brings the schema up to date. Each migration runs in its own transaction
 * under `pg_advisory_xact_lock`, so two processes starting at once on one
 * database wait for each other and each migration is applied exactly once.
 * Returns the versions this call applied.
 */
export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const applied: number[] = [];
  for (const migration of migrations) {
    const ran = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await tx.script(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (done.length > 0) return false;
      await tx.script(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      return true;
    });
    if (ran) applied.push(migration.version);
  }
  return applied;
}
