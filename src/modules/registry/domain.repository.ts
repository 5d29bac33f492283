import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import { containsPattern, likeEscaped } from '../../db/portable.js';
import type { DomainTable } from '../../db/tables/registry.js';
import { INSERT_BATCH_ROWS, LOOKUP_BATCH_KEYS, chunks, nothing, searchWords } from './registry.repository.js';
import type {
  AssetFilter,
  Domain,
  DomainId,
  DomainValues,
  StructureId,
  StructureScope,
} from './registry.types.js';

type Db = Kysely<Database>;

function toRow(d: Domain): Insertable<DomainTable> {
  return {
    id: d.id,
    structure_id: d.structureId,
    name: d.name,
    ownership: d.ownership,
    notes: d.notes,
    archived_at: d.archivedAt,
    created_at: d.createdAt,
    updated_at: d.updatedAt,
  };
}

function toDomain(row: Selectable<DomainTable>): Domain {
  return {
    id: row.id as DomainId,
    structureId: row.structure_id as StructureId,
    name: row.name,
    ownership: row.ownership,
    notes: row.notes,
    archivedAt: row.archived_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Stores domains, batched. */
export async function insertDomains(db: Db, domains: readonly Domain[]): Promise<void> {
  for (const batch of chunks(domains, INSERT_BATCH_ROWS)) {
    await db.insertInto('domains').values(batch.map(toRow)).execute();
  }
}

/** Replaces the editable values of a domain. */
export async function updateDomain(
  db: Db,
  id: DomainId,
  values: DomainValues,
  updatedAt: string,
): Promise<void> {
  await db
    .updateTable('domains')
    .set({ name: values.name, ownership: values.ownership, notes: values.notes, updated_at: updatedAt })
    .where('id', '=', id)
    .execute();
}

/**
 * Gives an archived domain back to a structure with new values: names are unique across archived
 * rows too, so registering a name again revives its row.
 */
export async function reviveDomain(
  db: Db,
  id: DomainId,
  structureId: StructureId,
  values: DomainValues,
  updatedAt: string,
): Promise<void> {
  await db
    .updateTable('domains')
    .set({
      structure_id: structureId,
      name: values.name,
      ownership: values.ownership,
      notes: values.notes,
      archived_at: null,
      updated_at: updatedAt,
    })
    .where('id', '=', id)
    .execute();
}

/** Archives or restores a domain. */
export async function updateDomainArchivedAt(
  db: Db,
  id: DomainId,
  archivedAt: string | null,
  updatedAt: string,
): Promise<void> {
  await db
    .updateTable('domains')
    .set({ archived_at: archivedAt, updated_at: updatedAt })
    .where('id', '=', id)
    .execute();
}

/** One domain by id. */
export async function findDomain(db: Db, id: string): Promise<Domain | undefined> {
  const row = await db.selectFrom('domains').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toDomain(row) : undefined;
}

/** The domain row holding a name, archived or not. */
export async function findDomainByName(db: Db, name: string): Promise<Domain | undefined> {
  const row = await db.selectFrom('domains').selectAll().where('name', '=', name).executeTakeFirst();
  return row ? toDomain(row) : undefined;
}

/** Domains of one structure, by name. */
export async function listDomainsOfStructure(
  db: Db,
  structureId: StructureId,
  includeArchived = false,
): Promise<Domain[]> {
  let query = db.selectFrom('domains').selectAll().where('structure_id', '=', structureId);
  if (!includeArchived) query = query.where('archived_at', 'is', null);
  const rows = await query.orderBy('name').execute();
  return rows.map(toDomain);
}

function filtered(db: Db, filter: AssetFilter, scope: StructureScope) {
  let query = db.selectFrom('domains');
  if (scope.kind === 'only')
    query = scope.ids.length === 0 ? query.where(nothing()) : query.where('structure_id', 'in', scope.ids);
  if (filter.structureId) query = query.where('structure_id', '=', filter.structureId);
  if (!filter.includeArchived) query = query.where('archived_at', 'is', null);
  for (const word of searchWords(filter.q)) query = query.where(likeEscaped('name', containsPattern(word)));
  return query;
}

/** One page of domains in the scope, by name. */
export async function listDomains(
  db: Db,
  filter: AssetFilter,
  scope: StructureScope,
  limit: number,
  offset: number,
): Promise<Domain[]> {
  const rows = await filtered(db, filter, scope)
    .selectAll()
    .orderBy('name')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map(toDomain);
}

/** How many domains in the scope match. */
export async function countDomains(db: Db, filter: AssetFilter, scope: StructureScope): Promise<number> {
  const row = await filtered(db, filter, scope)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Which of these names are stored, archived or not (the CSV import refuses them all). */
export async function listTakenDomainNames(db: Db, names: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const batch of chunks([...new Set(names)], LOOKUP_BATCH_KEYS)) {
    const rows = await db.selectFrom('domains').select('name').where('name', 'in', batch).execute();
    for (const r of rows) out.add(r.name);
  }
  return out;
}

/** Active domains with one of these exact names, held by active structures (the owner lookup). */
export async function listActiveDomainsNamed(db: Db, names: readonly string[]): Promise<Domain[]> {
  if (names.length === 0) return [];
  const rows = await db
    .selectFrom('domains')
    .innerJoin('structures', 'structures.id', 'domains.structure_id')
    .selectAll('domains')
    .where('domains.name', 'in', names)
    .where('domains.archived_at', 'is', null)
    .where('structures.archived_at', 'is', null)
    .execute();
  return rows.map(toDomain);
}
