import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { CommonErrors, HygieError, formatMessage } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { pageWindow, type Page } from '../../lib/pagination.js';
import { authorize } from '../../platform/auth/authorize.js';
import type { ServiceContext } from '../../platform/context.js';
import { recordAudit } from '../audit-log/index.js';
import {
  countContacts,
  findContact,
  insertContacts,
  listContacts,
  listContactsOfStructure,
  updateContact,
  updateContactArchivedAt,
} from './contact.repository.js';
import { RegistryErrors } from './registry.errors.js';
import {
  canListAssets,
  canReadContacts,
  canWriteContacts,
  scopeIncludes,
  structureScope,
} from './registry.policy.js';
import {
  fieldChanges,
  nowIso,
  requireActive,
  requireVisibleStructure,
  what,
  withPatch,
} from './registry.service.js';
import type {
  AlertKind,
  AssetFilter,
  Contact,
  ContactDraft,
  ContactId,
  ContactValues,
  Structure,
  StructureId,
} from './registry.types.js';
import { findStructure } from './structure.repository.js';
import { valuesOrThrow, validateContact } from './registry.validation.js';

function contactValues(c: Contact): ContactValues {
  return {
    role: c.role,
    lastName: c.lastName,
    firstName: c.firstName,
    email: c.email,
    phone: c.phone,
    alertKinds: c.alertKinds,
  };
}

function contactTaken(ctx: ServiceContext, email: string): HygieError {
  const def = RegistryErrors.REGISTRY_CONTACT_TAKEN;
  return new HygieError(def, { email }, [
    { field: 'email', message: formatMessage(def[ctx.lang], { email }) },
  ]);
}

async function requireUniqueEmail(
  db: Kysely<Database>,
  ctx: ServiceContext,
  structureId: StructureId,
  email: string,
  self?: ContactId,
): Promise<void> {
  const others = await listContactsOfStructure(db, structureId);
  if (others.some((c) => c.id !== self && c.email.toLowerCase() === email.toLowerCase()))
    throw contactTaken(ctx, email);
}

/** The contact if the actor may read it: 404 outside a beneficiary's structures, 403 for roles that never read contacts. */
async function requireContact(
  ctx: ServiceContext,
  id: string,
): Promise<{ contact: Contact; structure: Structure }> {
  if (ctx.actor.kind === 'anonymous') throw new HygieError(CommonErrors.COMMON_UNAUTHENTICATED);
  const contact = await findContact(ctx.db, id);
  const structure = contact ? await findStructure(ctx.db, contact.structureId) : undefined;
  if (!contact || !structure || !scopeIncludes(structureScope(ctx.actor), structure.id)) {
    throw new HygieError(CommonErrors.COMMON_NOT_FOUND, { what: what(ctx, 'Contact', 'Contact') });
  }
  authorize(ctx.actor, canReadContacts(ctx.actor, contact.structureId));
  return { contact, structure };
}

/** Lists the contacts the actor may read, across structures or for one. */
export async function searchContacts(ctx: ServiceContext, filter: AssetFilter): Promise<Page<Contact>> {
  authorize(ctx.actor, canListAssets(ctx.actor));
  const scope = structureScope(ctx.actor);
  const { page, pageSize, limit, offset } = pageWindow(filter, 25, 500);
  const [items, total] = await Promise.all([
    listContacts(ctx.db, filter, scope, limit, offset),
    countContacts(ctx.db, filter, scope),
  ]);
  return { items, total, page, pageSize };
}

/** One contact. */
export async function getContact(ctx: ServiceContext, id: string): Promise<Contact> {
  return (await requireContact(ctx, id)).contact;
}

/** Adds a contact to a structure (CERT writers, or the structure's own beneficiaries). */
export async function createContact(
  ctx: ServiceContext,
  structureId: string,
  draft: ContactDraft,
): Promise<Contact> {
  const structure = await requireVisibleStructure(ctx, structureId);
  authorize(ctx.actor, canWriteContacts(ctx.actor, structure.id));
  requireActive(ctx, structure);
  const values = valuesOrThrow(validateContact(draft), ctx.lang);
  const at = nowIso(ctx);
  const contact: Contact = {
    id: newId() as ContactId,
    structureId: structure.id,
    ...values,
    archivedAt: null,
    createdAt: at,
    updatedAt: at,
  };
  return ctx.db.transaction().execute(async (trx) => {
    await requireUniqueEmail(trx, ctx, structure.id, values.email);
    await insertContacts(trx, [contact]);
    await recordAudit(
      ctx,
      {
        action: 'registry.create-contact',
        objectType: 'contact',
        objectId: contact.id,
        details: { structureId: structure.id, changes: fieldChanges(null, values) },
      },
      trx,
    );
    return contact;
  });
}

/** Changes a contact; undefined fields keep their value. */
export async function editContact(ctx: ServiceContext, id: string, patch: ContactDraft): Promise<Contact> {
  const { contact: current, structure } = await requireContact(ctx, id);
  authorize(ctx.actor, canWriteContacts(ctx.actor, structure.id));
  requireActive(ctx, structure);
  const values = valuesOrThrow(
    validateContact(withPatch<ContactDraft>(contactValues(current), patch)),
    ctx.lang,
  );
  const changes = fieldChanges(contactValues(current), values);
  if (changes.length === 0) return current;
  const at = nowIso(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    await requireUniqueEmail(trx, ctx, structure.id, values.email, current.id);
    await updateContact(trx, current.id, values, at);
    await recordAudit(
      ctx,
      {
        action: 'registry.update-contact',
        objectType: 'contact',
        objectId: current.id,
        details: { structureId: structure.id, changes },
      },
      trx,
    );
    return { ...current, ...values, updatedAt: at };
  });
}

/** Archives a contact: it no longer receives alerts. */
export async function archiveContact(ctx: ServiceContext, id: string): Promise<Contact> {
  const { contact: current } = await requireContact(ctx, id);
  authorize(ctx.actor, canWriteContacts(ctx.actor, current.structureId));
  if (current.archivedAt) return current;
  const at = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await updateContactArchivedAt(trx, current.id, at, at);
    await recordAudit(
      ctx,
      {
        action: 'registry.archive-contact',
        objectType: 'contact',
        objectId: current.id,
        details: { structureId: current.structureId, changes: [{ field: 'archivedAt', from: null, to: at }] },
      },
      trx,
    );
  });
  return { ...current, archivedAt: at, updatedAt: at };
}

/**
 * Active contacts of a structure who receive one kind of alert, for the modules that send them
 * (proactive watch, incidents, audits). Trusted callers only: no actor check.
 */
export async function listAlertRecipients(
  db: Kysely<Database>,
  structureId: string,
  kind: AlertKind,
): Promise<Contact[]> {
  const contacts = await listContactsOfStructure(db, structureId as StructureId);
  return contacts.filter((c) => c.alertKinds.includes(kind));
}
