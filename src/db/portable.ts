import { sql, type RawBuilder } from 'kysely';

/**
 * Helpers that hide the few differences between SQLite and PostgreSQL. Repositories use these
 * instead of writing dialect-specific SQL.
 */

/** Booleans are stored as integers 0/1 on both dialects. */
export function toDbBool(value: boolean): number {
  return value ? 1 : 0;
}

/** Reads a stored boolean. */
export function fromDbBool(value: number | null | undefined): boolean {
  return value === 1;
}

/** JSON is stored as text on both dialects. */
export function toDbJson(value: unknown): string {
  return JSON.stringify(value);
}

/** Parses stored JSON text, falling back when the column is empty. */
export function fromDbJson<T>(value: string | null | undefined, fallback: T): T {
  if (value === null || value === undefined || value === '') return fallback;
  return JSON.parse(value) as T;
}

/**
 * Lower-cases and strips accents so that search works the same on both dialects (SQLite's
 * `lower()` ignores non-ASCII letters). Store it in a `search_text` column, match with LIKE.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A LIKE pattern matching `term` anywhere, with LIKE metacharacters escaped. */
export function containsPattern(term: string): string {
  return `%${searchKey(term).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `column LIKE pattern ESCAPE '\'`, written the same way for both dialects. */
export function likeEscaped(column: string, pattern: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
}
