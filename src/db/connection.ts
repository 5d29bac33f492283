import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';

/** The two storage engines Hygie runs on. */
export type Dialect = 'sqlite' | 'postgres';

/** An open database: the Kysely handle plus which dialect is behind it. */
export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  close(): Promise<void>;
}

/** Options beyond the URL; `schema` isolates a PostgreSQL test run in its own schema. */
export interface OpenDatabaseOptions {
  readonly schema?: string;
  readonly poolSize?: number;
}

/** Which dialect a `HYGIE_DATABASE_URL` names. */
export function dialectOf(url: string): Dialect {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return 'postgres';
  if (url.startsWith('sqlite:')) return 'sqlite';
  throw new Error(
    `HYGIE_DATABASE_URL must start with "sqlite:" (e.g. sqlite:var/hygie.sqlite) or "postgres://", got "${url.slice(0, 20)}…"`,
  );
}

/** Opens SQLite (WAL, foreign keys on) or PostgreSQL from a URL. */
export function openDatabase(url: string, options: OpenDatabaseOptions = {}): DatabaseHandle {
  const dialect = dialectOf(url);
  return dialect === 'sqlite' ? openSqlite(url.slice('sqlite:'.length)) : openPostgres(url, options);
}

function openSqlite(path: string): DatabaseHandle {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // A second process (worker, CLI) may write at the same time as the server.
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

// int8 (COUNT(*), bigint columns) comes back from pg as a string; our numbers stay below 2^53.
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
  },
};

function openPostgres(url: string, options: OpenDatabaseOptions): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    types: pgTypes,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}
