import { sql, type Expression, type SqlBool } from 'kysely';

/**
 * Pieces shared by the registry repositories: batch size, the empty-scope guard and the
 * recognition of unique-constraint violations on both dialects.
 */

/**
 * Rows per multi-row INSERT: 500 rows of at most 18 columns stay far below the bind-parameter
 * limits of SQLite (32,766) and PostgreSQL (65,535) while keeping round trips few.
 */
export const INSERT_BATCH_ROWS = 500;

/** Values per `IN (…)` list when looking many keys up at once. */
export const LOOKUP_BATCH_KEYS = 500;

/** A condition that is never true, for a scope that lists no structure (`IN ()` is not valid SQL). */
export function nothing(): Expression<SqlBool> {
  return sql<SqlBool>`1 = 0`;
}

/** Splits a list into chunks of at most `size` items. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * True when a database error is a unique-constraint violation (SQLite `SQLITE_CONSTRAINT_UNIQUE`,
 * PostgreSQL SQLSTATE 23505): another request registered the same key between check and insert.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

/** Words of a search, each to be matched separately (all must match). */
export function searchWords(q: string | undefined): string[] {
  return (q ?? '')
    .split(/\s+/)
    .map((w) => w.trim())
    .filter(Boolean)
    .slice(0, 8);
}
