import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import { containsPattern, likeEscaped } from '../../db/portable.js';
import type { NetworkTable } from '../../db/tables/registry.js';
import { INSERT_BATCH_ROWS, LOOKUP_BATCH_KEYS, chunks, nothing, searchWords } from './registry.repository.js';
import type {
  AssetFilter,
  Network,
  NetworkId,
  NetworkValues,
  StructureId,
  StructureScope,
} from './registry.types.js';

type Db = Kysely<Database>;

function toRow(n: Network): Insertable<NetworkTable> {
  return {
    id: n.id,
    structure_id: n.structureId,
    cidr: n.cidr,
    family: n.family,
    asn: n.asn,
    description: n.description,
    archived_at: n.archivedAt,
    created_at: n.createdAt,
    updated_at: n.updatedAt,
  };
}

function toNetwork(row: Selectable<NetworkTable>): Network {
  return {
    id: row.id as NetworkId,
    structureId: row.structure_id as StructureId,
    cidr: row.cidr,
    family: Number(row.family) === 6 ? 6 : 4,
    asn: row.asn === null ? null : Number(row.asn),
    description: row.description,
    archivedAt: row.archived_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Stores networks, batched. */
export async function insertNetworks(db: Db, networks: readonly Network[]): Promise<void> {
  for (const batch of chunks(networks, INSERT_BATCH_ROWS)) {
    await db.insertInto('networks').values(batch.map(toRow)).execute();
  }
}

/** Replaces the editable values of a network. */
export async function updateNetwork(
  db: Db,
  id: NetworkId,
  values: NetworkValues,
  updatedAt: string,
): Promise<void> {
  await db
    .updateTable('networks')
    .set({
      cidr: values.cidr,
      family: values.family,
      asn: values.asn,
      description: values.description,
      updated_at: updatedAt,
    })
    .where('id', '=', id)
    .execute();
}

/** Gives an archived network back to a structure with new values (CIDR text is unique across archived rows). */
export async function reviveNetwork(
  db: Db,
  id: NetworkId,
  structureId: StructureId,
  values: NetworkValues,
  updatedAt: string,
): Promise<void> {
  await db
    .updateTable('networks')
    .set({
      structure_id: structureId,
      cidr: values.cidr,
      family: values.family,
      asn: values.asn,
      description: values.description,
      archived_at: null,
      updated_at: updatedAt,
    })
    .where('id', '=', id)
    .execute();
}

/** Archives or restores a network. */
export async function updateNetworkArchivedAt(
  db: Db,
  id: NetworkId,
  archivedAt: string | null,
  updatedAt: string,
): Promise<void> {
  await db
    .updateTable('networks')
    .set({ archived_at: archivedAt, updated_at: updatedAt })
    .where('id', '=', id)
    .execute();
}

/** One network by id. */
export async function findNetwork(db: Db, id: string): Promise<Network | undefined> {
  const row = await db.selectFrom('networks').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toNetwork(row) : undefined;
}

/** The network row holding a canonical CIDR text, archived or not. */
export async function findNetworkByCidr(db: Db, cidr: string): Promise<Network | undefined> {
  const row = await db.selectFrom('networks').selectAll().where('cidr', '=', cidr).executeTakeFirst();
  return row ? toNetwork(row) : undefined;
}

/** Networks of one structure, IPv4 first. */
export async function listNetworksOfStructure(
  db: Db,
  structureId: StructureId,
  includeArchived = false,
): Promise<Network[]> {
  let query = db.selectFrom('networks').selectAll().where('structure_id', '=', structureId);
  if (!includeArchived) query = query.where('archived_at', 'is', null);
  const rows = await query.orderBy('family').orderBy('cidr').execute();
  return rows.map(toNetwork);
}

function filtered(db: Db, filter: AssetFilter, scope: StructureScope) {
  let query = db.selectFrom('networks');
  if (scope.kind === 'only')
    query = scope.ids.length === 0 ? query.where(nothing()) : query.where('structure_id', 'in', scope.ids);
  if (filter.structureId) query = query.where('structure_id', '=', filter.structureId);
  if (!filter.includeArchived) query = query.where('archived_at', 'is', null);
  for (const word of searchWords(filter.q)) query = query.where(likeEscaped('cidr', containsPattern(word)));
  return query;
}

/** One page of networks in the scope. */
export async function listNetworks(
  db: Db,
  filter: AssetFilter,
  scope: StructureScope,
  limit: number,
  offset: number,
): Promise<Network[]> {
  const rows = await filtered(db, filter, scope)
    .selectAll()
    .orderBy('family')
    .orderBy('cidr')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map(toNetwork);
}

/** How many networks in the scope match. */
export async function countNetworks(db: Db, filter: AssetFilter, scope: StructureScope): Promise<number> {
  const row = await filtered(db, filter, scope)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Which of these canonical CIDR texts are stored, archived or not. */
export async function listTakenCidrs(db: Db, cidrs: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const batch of chunks([...new Set(cidrs)], LOOKUP_BATCH_KEYS)) {
    const rows = await db.selectFrom('networks').select('cidr').where('cidr', 'in', batch).execute();
    for (const r of rows) out.add(r.cidr);
  }
  return out;
}

/** Active networks with one of these exact CIDR texts, held by active structures (the owner lookup). */
export async function listActiveNetworksWithCidrs(db: Db, cidrs: readonly string[]): Promise<Network[]> {
  if (cidrs.length === 0) return [];
  const rows = await db
    .selectFrom('networks')
    .innerJoin('structures', 'structures.id', 'networks.structure_id')
    .selectAll('networks')
    .where('networks.cidr', 'in', cidrs)
    .where('networks.archived_at', 'is', null)
    .where('structures.archived_at', 'is', null)
    .execute();
  return rows.map(toNetwork);
}
