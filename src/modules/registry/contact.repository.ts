import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import { containsPattern, fromDbJson, toDbJson } from '../../db/portable.js';
import type { ContactTable } from '../../db/tables/registry.js';
import { INSERT_BATCH_ROWS, LOOKUP_BATCH_KEYS, chunks, nothing, searchWords } from './registry.repository.js';
import type {
  AlertKind,
  AssetFilter,
  Contact,
  ContactId,
  ContactValues,
  StructureId,
  StructureScope,
} from './registry.types.js';

type Db = Kysely<Database>;

function toRow(c: Contact): Insertable<ContactTable> {
  return {
    id: c.id,
    structure_id: c.structureId,
    role: c.role,
    last_name: c.lastName,
    first_name: c.firstName,
    email: c.email,
    phone: c.phone,
    alert_kinds: toDbJson(c.alertKinds),
    archived_at: c.archivedAt,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

function toContact(row: Selectable<ContactTable>): Contact {
  return {
    id: row.id as ContactId,
    structureId: row.structure_id as StructureId,
    role: row.role,
    lastName: row.last_name,
    firstName: row.first_name,
    email: row.email,
    phone: row.phone,
    alertKinds: fromDbJson<AlertKind[]>(row.alert_kinds, []),
    archivedAt: row.archived_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Stores contacts, batched. */
export async function insertContacts(db: Db, contacts: readonly Contact[]): Promise<void> {
  for (const batch of chunks(contacts, INSERT_BATCH_ROWS)) {
    await db.insertInto('contacts').values(batch.map(toRow)).execute();
  }
}

/** Replaces the editable values of a contact. */
export async function updateContact(
  db: Db,
  id: ContactId,
  values: ContactValues,
  updatedAt: string,
): Promise<void> {
  await db
    .updateTable('contacts')
    .set({
      role: values.role,
      last_name: values.lastName,
      first_name: values.firstName,
      email: values.email,
      phone: values.phone,
      alert_kinds: toDbJson(values.alertKinds),
      updated_at: updatedAt,
    })
    .where('id', '=', id)
    .execute();
}

/** Archives or restores a contact. */
export async function updateContactArchivedAt(
  db: Db,
  id: ContactId,
  archivedAt: string | null,
  updatedAt: string,
): Promise<void> {
  await db
    .updateTable('contacts')
    .set({ archived_at: archivedAt, updated_at: updatedAt })
    .where('id', '=', id)
    .execute();
}

/** One contact by id. */
export async function findContact(db: Db, id: string): Promise<Contact | undefined> {
  const row = await db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toContact(row) : undefined;
}

/** Contacts of one structure, security officers first. */
export async function listContactsOfStructure(
  db: Db,
  structureId: StructureId,
  includeArchived = false,
): Promise<Contact[]> {
  let query = db.selectFrom('contacts').selectAll().where('structure_id', '=', structureId);
  if (!includeArchived) query = query.where('archived_at', 'is', null);
  const rows = await query.orderBy('role').orderBy('last_name').orderBy('id').execute();
  return rows.map(toContact);
}

function filtered(db: Db, filter: AssetFilter, scope: StructureScope) {
  let query = db.selectFrom('contacts');
  if (scope.kind === 'only')
    query = scope.ids.length === 0 ? query.where(nothing()) : query.where('structure_id', 'in', scope.ids);
  if (filter.structureId) query = query.where('structure_id', '=', filter.structureId);
  if (!filter.includeArchived) query = query.where('archived_at', 'is', null);
  for (const word of searchWords(filter.q)) {
    // Names are not accent-folded in storage: match both the folded and the typed lower-case form.
    const folded = containsPattern(word);
    const typed = `%${word.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or(
        ['last_name', 'first_name', 'email'].flatMap((column) => [
          sql<boolean>`lower(${sql.ref(column)}) like ${folded} escape '\\'`,
          sql<boolean>`lower(${sql.ref(column)}) like ${typed} escape '\\'`,
        ]),
      ),
    );
  }
  return query;
}

/** One page of contacts in the scope, by name. */
export async function listContacts(
  db: Db,
  filter: AssetFilter,
  scope: StructureScope,
  limit: number,
  offset: number,
): Promise<Contact[]> {
  const rows = await filtered(db, filter, scope)
    .selectAll()
    .orderBy('last_name')
    .orderBy('first_name')
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map(toContact);
}

/** How many contacts in the scope match. */
export async function countContacts(db: Db, filter: AssetFilter, scope: StructureScope): Promise<number> {
  const row = await filtered(db, filter, scope)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Lower-cased e-mails of the active contacts of these structures, as `structureId e-mail` keys. */
export async function listContactKeys(db: Db, structureIds: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const batch of chunks([...new Set(structureIds)], LOOKUP_BATCH_KEYS)) {
    const rows = await db
      .selectFrom('contacts')
      .select(['structure_id', 'email'])
      .where('structure_id', 'in', batch)
      .where('archived_at', 'is', null)
      .execute();
    for (const r of rows) out.add(`${r.structure_id} ${r.email.toLowerCase()}`);
  }
  return out;
}
