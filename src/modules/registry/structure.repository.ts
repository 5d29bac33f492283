import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import { containsPattern, fromDbBool, likeEscaped, searchKey, toDbBool } from '../../db/portable.js';
import type { StructureTable } from '../../db/tables/registry.js';
import { INSERT_BATCH_ROWS, LOOKUP_BATCH_KEYS, chunks, nothing, searchWords } from './registry.repository.js';
import type {
  GroupId,
  RegionCode,
  Structure,
  StructureFilter,
  StructureId,
  StructureScope,
  StructureValues,
} from './registry.types.js';

type Db = Kysely<Database>;

/** What the search matches: name, FINESS, SIRET and city, lower-cased and accent-free. */
export function structureSearchText(v: Pick<StructureValues, 'name' | 'finess' | 'siret' | 'city'>): string {
  return searchKey([v.name, v.finess, v.siret, v.city].filter(Boolean).join(' '));
}

function toRow(s: Structure): Insertable<StructureTable> {
  return {
    id: s.id,
    name: s.name,
    finess: s.finess,
    siret: s.siret,
    kind: s.kind,
    legal_status: s.legalStatus,
    region: s.region,
    address: s.address,
    postal_code: s.postalCode,
    city: s.city,
    is_oiv: toDbBool(s.isOiv),
    is_ose: toDbBool(s.isOse),
    group_id: s.groupId,
    search_text: structureSearchText(s),
    archived_at: s.archivedAt,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  };
}

function toStructure(row: Selectable<StructureTable>): Structure {
  return {
    id: row.id as StructureId,
    name: row.name,
    finess: row.finess,
    siret: row.siret,
    kind: row.kind,
    legalStatus: row.legal_status,
    region: row.region as RegionCode,
    address: row.address,
    postalCode: row.postal_code,
    city: row.city,
    isOiv: fromDbBool(row.is_oiv),
    isOse: fromDbBool(row.is_ose),
    groupId: row.group_id as GroupId | null,
    archivedAt: row.archived_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Stores structures, {@link INSERT_BATCH_ROWS} per statement (the CSV import sends 100,000). */
export async function insertStructures(db: Db, structures: readonly Structure[]): Promise<void> {
  for (const batch of chunks(structures, INSERT_BATCH_ROWS)) {
    await db.insertInto('structures').values(batch.map(toRow)).execute();
  }
}

/** Stores one structure. */
export async function insertStructure(db: Db, structure: Structure): Promise<void> {
  await insertStructures(db, [structure]);
}

/** Replaces the editable values of a structure. */
export async function updateStructure(
  db: Db,
  id: StructureId,
  values: StructureValues,
  updatedAt: string,
): Promise<void> {
  await db
    .updateTable('structures')
    .set({
      name: values.name,
      finess: values.finess,
      siret: values.siret,
      kind: values.kind,
      legal_status: values.legalStatus,
      region: values.region,
      address: values.address,
      postal_code: values.postalCode,
      city: values.city,
      is_oiv: toDbBool(values.isOiv),
      is_ose: toDbBool(values.isOse),
      group_id: values.groupId,
      search_text: structureSearchText(values),
      updated_at: updatedAt,
    })
    .where('id', '=', id)
    .execute();
}

/** Archives (a timestamp) or restores (null) a structure. */
export async function updateStructureArchivedAt(
  db: Db,
  id: StructureId,
  archivedAt: string | null,
  updatedAt: string,
): Promise<void> {
  await db
    .updateTable('structures')
    .set({ archived_at: archivedAt, updated_at: updatedAt })
    .where('id', '=', id)
    .execute();
}

/** One structure by id, archived or not. */
export async function findStructure(db: Db, id: string): Promise<Structure | undefined> {
  const row = await db.selectFrom('structures').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toStructure(row) : undefined;
}

/** The structure holding a FINESS number, archived or not (the number is unique across both). */
export async function findStructureByFiness(db: Db, finess: string): Promise<Structure | undefined> {
  const row = await db.selectFrom('structures').selectAll().where('finess', '=', finess).executeTakeFirst();
  return row ? toStructure(row) : undefined;
}

function filtered(db: Db, filter: StructureFilter, scope: StructureScope) {
  let query = db.selectFrom('structures');
  if (scope.kind === 'only')
    query = scope.ids.length === 0 ? query.where(nothing()) : query.where('id', 'in', scope.ids);
  if (!filter.includeArchived) query = query.where('archived_at', 'is', null);
  if (filter.region) query = query.where('region', '=', filter.region);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.groupId) query = query.where('group_id', '=', filter.groupId);
  if (filter.oiv !== undefined) query = query.where('is_oiv', '=', toDbBool(filter.oiv));
  if (filter.ose !== undefined) query = query.where('is_ose', '=', toDbBool(filter.ose));
  for (const word of searchWords(filter.q))
    query = query.where(likeEscaped('search_text', containsPattern(word)));
  return query;
}

/** One page of structures in the scope matching the filter, by name. */
export async function listStructures(
  db: Db,
  filter: StructureFilter,
  scope: StructureScope,
  limit: number,
  offset: number,
): Promise<Structure[]> {
  const rows = await filtered(db, filter, scope)
    .selectAll()
    .orderBy('search_text')
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map(toStructure);
}

/** How many structures in the scope match the filter. */
export async function countStructures(
  db: Db,
  filter: StructureFilter,
  scope: StructureScope,
): Promise<number> {
  const row = await filtered(db, filter, scope)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Structures by id (any order, unknown ids left out). */
export async function listStructuresByIds(db: Db, ids: readonly string[]): Promise<Structure[]> {
  const out: Structure[] = [];
  for (const batch of chunks([...new Set(ids)], LOOKUP_BATCH_KEYS)) {
    const rows = await db.selectFrom('structures').selectAll().where('id', 'in', batch).execute();
    out.push(...rows.map(toStructure));
  }
  return out;
}

/** Active structures of a group, by name. */
export async function listGroupMembers(db: Db, groupId: GroupId): Promise<Structure[]> {
  const rows = await db
    .selectFrom('structures')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('archived_at', 'is', null)
    .orderBy('search_text')
    .orderBy('id')
    .execute();
  return rows.map(toStructure);
}

/** Which of these FINESS numbers are registered, with the holder's id, name and archive state. */
export async function listStructuresByFiness(
  db: Db,
  finess: readonly string[],
): Promise<Map<string, { id: StructureId; name: string; archived: boolean }>> {
  const out = new Map<string, { id: StructureId; name: string; archived: boolean }>();
  for (const batch of chunks([...new Set(finess)], LOOKUP_BATCH_KEYS)) {
    const rows = await db
      .selectFrom('structures')
      .select(['id', 'name', 'finess', 'archived_at'])
      .where('finess', 'in', batch)
      .execute();
    for (const r of rows) {
      if (r.finess)
        out.set(r.finess, { id: r.id as StructureId, name: r.name, archived: r.archived_at !== null });
    }
  }
  return out;
}
