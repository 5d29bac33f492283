import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { searchKey } from '../../db/portable.js';
import type { CsvTable } from '../../lib/csv-table.js';
import type { Lang } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { ServiceContext } from '../../platform/context.js';
import { listContactKeys } from './contact.repository.js';
import {
  mapContactRow,
  mapDomainRow,
  mapNetworkRow,
  mapStructureRow,
  type ColumnMap,
  type ImportKind,
  type MappedRow,
} from './csv-import.mapping.js';
import { listTakenDomainNames } from './domain.repository.js';
import { listActiveGroups } from './group.repository.js';
import { listTakenCidrs } from './network.repository.js';
import type { RegistryErrorCode } from './registry.errors.js';
import { nowIso } from './registry.service.js';
import type {
  Contact,
  ContactId,
  Domain,
  DomainId,
  GroupId,
  Network,
  NetworkId,
  Structure,
  StructureId,
} from './registry.types.js';
import { issueDetail, type Issue } from './registry.validation.js';
import { listStructuresByFiness } from './structure.repository.js';

/**
 * The checks of the CSV import that need the whole file or the database: duplicates inside the
 * file, records already registered, references to structures (by FINESS) and GHTs. Each problem
 * is collected with its line; rows without problems become the records to create.
 */

/** One bad cell (or row) of the file. */
export interface ImportError {
  readonly line: number;
  /** The column title as written in the file. */
  readonly field: string;
  readonly message: string;
}

/** Collects problems per row, keeping each row's line and the file's column titles. */
export interface ErrorList {
  readonly errors: ImportError[];
  readonly badLines: Set<number>;
  issues(line: number, issues: readonly Issue[]): void;
  code(line: number, field: string, code: RegistryErrorCode, params?: Record<string, string | number>): void;
}

/** A fresh problem list for one file. */
export function errorList(map: ColumnMap, lang: Lang): ErrorList {
  const errors: ImportError[] = [];
  const badLines = new Set<number>();
  const add = (line: number, issue: Issue): void => {
    errors.push({
      line,
      field: map.titles[issue.field] ?? issue.field,
      message: issueDetail(issue, lang, line).message,
    });
    badLines.add(line);
  };
  return {
    errors,
    badLines,
    issues: (line, issues) => issues.forEach((issue) => add(line, issue)),
    code: (line, field, code, params = {}) => add(line, { field, code, params }),
  };
}

/** Rows that reference a structure by FINESS: every reference must name an active structure. */
async function resolveStructures<V>(
  db: Kysely<Database>,
  rows: readonly MappedRow<V>[],
  list: ErrorList,
): Promise<Map<string, StructureId>> {
  const refs = rows.map((r) => r.structureFiness ?? '').filter(Boolean);
  const found = await listStructuresByFiness(db, refs);
  const ids = new Map<string, StructureId>();
  for (const [finess, s] of found) if (!s.archived) ids.set(finess, s.id);
  for (const row of rows) {
    const ref = row.structureFiness ?? '';
    if (ref !== '' && !ids.has(ref) && !row.issues.some((i) => i.field === 'finess')) {
      list.code(row.line, 'finess', 'REGISTRY_CSV_STRUCTURE_UNKNOWN');
    }
  }
  return ids;
}

/** Flags the second and later rows carrying the same key. */
function flagDuplicates(
  rows: readonly { line: number; key: string | undefined; field: string }[],
  list: ErrorList,
): void {
  const first = new Map<string, number>();
  for (const { line, key, field } of rows) {
    if (!key) continue;
    const seen = first.get(key);
    if (seen === undefined) first.set(key, line);
    else list.code(line, field, 'REGISTRY_CSV_DUPLICATE_IN_FILE', { line: seen });
  }
}

/** The records a file would create, by kind. */
export type Planned =
  | { kind: 'structures'; items: Structure[] }
  | { kind: 'contacts'; items: Contact[] }
  | { kind: 'domains'; items: Domain[] }
  | { kind: 'networks'; items: Network[] };

async function planStructures(
  db: Kysely<Database>,
  table: CsvTable,
  map: ColumnMap,
  list: ErrorList,
  at: string,
): Promise<Planned> {
  const rows = table.rows.map((row) => mapStructureRow(row, map));
  for (const row of rows) list.issues(row.line, row.issues);
  flagDuplicates(
    rows.map((r) => ({ line: r.line, key: r.value?.finess ?? undefined, field: 'finess' })),
    list,
  );
  const taken = await listStructuresByFiness(db, rows.map((r) => r.value?.finess ?? '').filter(Boolean));
  const groups = await listActiveGroups(db);
  const groupByRef = new Map<string, GroupId>();
  for (const g of groups) {
    groupByRef.set(searchKey(g.name), g.id);
    if (g.code) groupByRef.set(searchKey(g.code), g.id);
  }
  const items: Structure[] = [];
  for (const row of rows) {
    if (row.value?.finess && taken.has(row.value.finess))
      list.code(row.line, 'finess', 'REGISTRY_CSV_ALREADY_REGISTERED');
    const groupId = row.groupRef ? groupByRef.get(searchKey(row.groupRef)) : undefined;
    if (row.groupRef && !groupId) list.code(row.line, 'group', 'REGISTRY_GROUP_UNKNOWN');
    if (row.value && !list.badLines.has(row.line)) {
      items.push({
        id: newId() as StructureId,
        ...row.value,
        groupId: groupId ?? null,
        archivedAt: null,
        createdAt: at,
        updatedAt: at,
      });
    }
  }
  return { kind: 'structures', items };
}

async function planContacts(
  db: Kysely<Database>,
  table: CsvTable,
  map: ColumnMap,
  list: ErrorList,
  at: string,
): Promise<Planned> {
  const rows = table.rows.map((row) => mapContactRow(row, map));
  for (const row of rows) list.issues(row.line, row.issues);
  const ids = await resolveStructures(db, rows, list);
  const keyOf = (r: MappedRow<{ email: string }>) => {
    const id = ids.get(r.structureFiness ?? '');
    return id && r.value ? `${id} ${r.value.email.toLowerCase()}` : undefined;
  };
  flagDuplicates(
    rows.map((r) => ({ line: r.line, key: keyOf(r), field: 'email' })),
    list,
  );
  const existing = await listContactKeys(db, [...new Set(ids.values())]);
  const items: Contact[] = [];
  for (const row of rows) {
    const key = keyOf(row);
    if (key && existing.has(key)) list.code(row.line, 'email', 'REGISTRY_CSV_ALREADY_REGISTERED');
    const structureId = ids.get(row.structureFiness ?? '');
    if (row.value && structureId && !list.badLines.has(row.line)) {
      items.push({
        id: newId() as ContactId,
        structureId,
        ...row.value,
        archivedAt: null,
        createdAt: at,
        updatedAt: at,
      });
    }
  }
  return { kind: 'contacts', items };
}

async function planDomains(
  db: Kysely<Database>,
  table: CsvTable,
  map: ColumnMap,
  list: ErrorList,
  at: string,
): Promise<Planned> {
  const rows = table.rows.map((row) => mapDomainRow(row, map));
  for (const row of rows) list.issues(row.line, row.issues);
  const ids = await resolveStructures(db, rows, list);
  flagDuplicates(
    rows.map((r) => ({ line: r.line, key: r.value?.name, field: 'name' })),
    list,
  );
  const taken = await listTakenDomainNames(db, rows.map((r) => r.value?.name ?? '').filter(Boolean));
  const items: Domain[] = [];
  for (const row of rows) {
    if (row.value && taken.has(row.value.name))
      list.code(row.line, 'name', 'REGISTRY_CSV_ALREADY_REGISTERED');
    const structureId = ids.get(row.structureFiness ?? '');
    if (row.value && structureId && !list.badLines.has(row.line)) {
      items.push({
        id: newId() as DomainId,
        structureId,
        ...row.value,
        archivedAt: null,
        createdAt: at,
        updatedAt: at,
      });
    }
  }
  return { kind: 'domains', items };
}

async function planNetworks(
  db: Kysely<Database>,
  table: CsvTable,
  map: ColumnMap,
  list: ErrorList,
  at: string,
): Promise<Planned> {
  const rows = table.rows.map((row) => mapNetworkRow(row, map));
  for (const row of rows) list.issues(row.line, row.issues);
  const ids = await resolveStructures(db, rows, list);
  flagDuplicates(
    rows.map((r) => ({ line: r.line, key: r.value?.cidr, field: 'cidr' })),
    list,
  );
  const taken = await listTakenCidrs(db, rows.map((r) => r.value?.cidr ?? '').filter(Boolean));
  const items: Network[] = [];
  for (const row of rows) {
    if (row.value && taken.has(row.value.cidr))
      list.code(row.line, 'cidr', 'REGISTRY_CSV_ALREADY_REGISTERED');
    const structureId = ids.get(row.structureFiness ?? '');
    if (row.value && structureId && !list.badLines.has(row.line)) {
      items.push({
        id: newId() as NetworkId,
        structureId,
        ...row.value,
        archivedAt: null,
        createdAt: at,
        updatedAt: at,
      });
    }
  }
  return { kind: 'networks', items };
}

/** Checks every row of a file (pure checks, then the database) and lists what it would create. */
export function plan(
  ctx: ServiceContext,
  db: Kysely<Database>,
  kind: ImportKind,
  table: CsvTable,
  map: ColumnMap,
  list: ErrorList,
): Promise<Planned> {
  const at = nowIso(ctx);
  switch (kind) {
    case 'structures':
      return planStructures(db, table, map, list, at);
    case 'contacts':
      return planContacts(db, table, map, list, at);
    case 'domains':
      return planDomains(db, table, map, list, at);
    case 'networks':
      return planNetworks(db, table, map, list, at);
  }
}
