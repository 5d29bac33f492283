import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import { containsPattern, likeEscaped, searchKey } from '../../db/portable.js';
import type { GroupTable } from '../../db/tables/registry.js';
import { searchWords } from './registry.repository.js';
import type {
  Group,
  GroupFilter,
  GroupId,
  GroupValues,
  GroupWithCount,
  RegionCode,
} from './registry.types.js';

type Db = Kysely<Database>;

/** What the group search matches: name and code. */
export function groupSearchText(v: Pick<GroupValues, 'name' | 'code'>): string {
  return searchKey([v.name, v.code].filter(Boolean).join(' '));
}

function toGroup(row: Selectable<GroupTable>): Group {
  return {
    id: row.id as GroupId,
    name: row.name,
    code: row.code,
    region: row.region as RegionCode,
    archivedAt: row.archived_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Stores one group. */
export async function insertGroup(db: Db, group: Group): Promise<void> {
  await db
    .insertInto('groups')
    .values({
      id: group.id,
      name: group.name,
      code: group.code,
      region: group.region,
      search_text: groupSearchText(group),
      archived_at: group.archivedAt,
      created_at: group.createdAt,
      updated_at: group.updatedAt,
    })
    .execute();
}

/** Replaces the editable values of a group. */
export async function updateGroup(
  db: Db,
  id: GroupId,
  values: GroupValues,
  updatedAt: string,
): Promise<void> {
  await db
    .updateTable('groups')
    .set({
      name: values.name,
      code: values.code,
      region: values.region,
      search_text: groupSearchText(values),
      updated_at: updatedAt,
    })
    .where('id', '=', id)
    .execute();
}

/** Archives or restores a group. */
export async function updateGroupArchivedAt(
  db: Db,
  id: GroupId,
  archivedAt: string | null,
  updatedAt: string,
): Promise<void> {
  await db
    .updateTable('groups')
    .set({ archived_at: archivedAt, updated_at: updatedAt })
    .where('id', '=', id)
    .execute();
}

/** One group by id. */
export async function findGroup(db: Db, id: string): Promise<Group | undefined> {
  const row = await db.selectFrom('groups').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toGroup(row) : undefined;
}

/** The group holding a code, archived or not. */
export async function findGroupByCode(db: Db, code: string): Promise<Group | undefined> {
  const row = await db.selectFrom('groups').selectAll().where('code', '=', code).executeTakeFirst();
  return row ? toGroup(row) : undefined;
}

function filtered(db: Db, filter: GroupFilter) {
  let query = db.selectFrom('groups');
  if (!filter.includeArchived) query = query.where('archived_at', 'is', null);
  if (filter.region) query = query.where('region', '=', filter.region);
  for (const word of searchWords(filter.q))
    query = query.where(likeEscaped('search_text', containsPattern(word)));
  return query;
}

/** One page of groups, by name, with their number of active members. */
export async function listGroups(
  db: Db,
  filter: GroupFilter,
  limit: number,
  offset: number,
): Promise<GroupWithCount[]> {
  const rows = await filtered(db, filter)
    .selectAll('groups')
    .select((eb) =>
      eb
        .selectFrom('structures')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('structures.group_id', '=', 'groups.id')
        .where('structures.archived_at', 'is', null)
        .as('member_count'),
    )
    .orderBy('search_text')
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => ({ ...toGroup(r), memberCount: Number(r.member_count ?? 0) }));
}

/** How many groups match the filter. */
export async function countGroups(db: Db, filter: GroupFilter): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every active group, by name (for drop-downs and the CSV import). */
export async function listActiveGroups(db: Db): Promise<Group[]> {
  const rows = await db
    .selectFrom('groups')
    .selectAll()
    .where('archived_at', 'is', null)
    .orderBy('search_text')
    .orderBy('id')
    .execute();
  return rows.map(toGroup);
}

/** Number of active structures in a group. */
export async function countGroupMembers(db: Db, id: GroupId): Promise<number> {
  const row = await db
    .selectFrom('structures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('group_id', '=', id)
    .where('archived_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
