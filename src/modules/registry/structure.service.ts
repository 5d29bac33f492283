import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { HygieError, formatMessage } from '../../lib/errors.js';
import { isId, newId } from '../../lib/ids.js';
import { normalizeFiness } from '../../lib/finess.js';
import { pageWindow, type Page } from '../../lib/pagination.js';
import { authorize } from '../../platform/auth/authorize.js';
import type { ServiceContext } from '../../platform/context.js';
import { recordAudit } from '../audit-log/index.js';
import { listContactsOfStructure } from './contact.repository.js';
import { listDomainsOfStructure } from './domain.repository.js';
import { findGroup } from './group.repository.js';
import { listNetworksOfStructure } from './network.repository.js';
import { RegistryErrors } from './registry.errors.js';
import {
  canListStructures,
  canReadAssets,
  canReadContacts,
  canReadGroups,
  canWriteRegistry,
  structureScope,
} from './registry.policy.js';
import { isUniqueViolation } from './registry.repository.js';
import {
  fieldChanges,
  nowIso,
  requireActive,
  requireVisibleStructure,
  withPatch,
} from './registry.service.js';
import type {
  Structure,
  StructureDetails,
  StructureDraft,
  StructureFilter,
  StructureId,
  StructureValues,
} from './registry.types.js';
import { issueDetail, valuesOrThrow, validateStructure } from './registry.validation.js';
import {
  countStructures,
  findStructureByFiness,
  insertStructure,
  listStructures,
  updateStructure,
  updateStructureArchivedAt,
} from './structure.repository.js';

/** The editable values of a stored structure. */
export function structureValues(s: Structure): StructureValues {
  return {
    name: s.name,
    finess: s.finess,
    siret: s.siret,
    kind: s.kind,
    legalStatus: s.legalStatus,
    region: s.region,
    address: s.address,
    postalCode: s.postalCode,
    city: s.city,
    isOiv: s.isOiv,
    isOse: s.isOse,
    groupId: s.groupId,
  };
}

function finessTaken(ctx: ServiceContext, finess: string, holder: string): HygieError {
  const def = RegistryErrors.REGISTRY_FINESS_TAKEN;
  const params = { finess, name: holder };
  return new HygieError(def, params, [{ field: 'finess', message: formatMessage(def[ctx.lang], params) }]);
}

/** Checks what validation cannot see alone: FINESS held by another structure, GHT unknown or archived. */
async function checkStructureReferences(
  ctx: ServiceContext,
  db: Kysely<Database>,
  values: StructureValues,
  current: Structure | null,
): Promise<void> {
  if (values.finess && values.finess !== current?.finess) {
    const holder = await findStructureByFiness(db, values.finess);
    if (holder && holder.id !== current?.id) throw finessTaken(ctx, values.finess, holder.name);
  }
  if (values.groupId && values.groupId !== current?.groupId) {
    const group = await findGroup(db, values.groupId);
    if (!group || group.archivedAt) {
      throw new HygieError(RegistryErrors.REGISTRY_GROUP_UNKNOWN, {}, [
        issueDetail({ field: 'groupId', code: 'REGISTRY_GROUP_UNKNOWN' }, ctx.lang),
      ]);
    }
  }
}

/** Runs a write, turning a unique-key race on FINESS into the catalogue error. */
async function guardFiness<T>(ctx: ServiceContext, finess: string | null, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (finess && isUniqueViolation(error)) throw finessTaken(ctx, finess, '?');
    throw error;
  }
}

/** Lists the structures the actor may see, filtered and paginated (archived hidden unless asked). */
export async function searchStructures(
  ctx: ServiceContext,
  filter: StructureFilter,
): Promise<Page<Structure>> {
  authorize(ctx.actor, canListStructures(ctx.actor));
  const scope = structureScope(ctx.actor);
  const { page, pageSize, limit, offset } = pageWindow(filter, 25, 500);
  const [items, total] = await Promise.all([
    listStructures(ctx.db, filter, scope, limit, offset),
    countStructures(ctx.db, filter, scope),
  ]);
  return { items, total, page, pageSize };
}

/** One structure (404 when missing or outside the actor's structures). */
export async function getStructure(ctx: ServiceContext, id: string): Promise<Structure> {
  return requireVisibleStructure(ctx, id);
}

/** A structure by id or FINESS number, as operators type it on the command line. */
export async function getStructureByReference(ctx: ServiceContext, reference: string): Promise<Structure> {
  if (isId(reference.trim())) return requireVisibleStructure(ctx, reference.trim());
  const holder = await findStructureByFiness(ctx.db, normalizeFiness(reference));
  return requireVisibleStructure(ctx, holder?.id ?? '-');
}

/** A structure with its GHT, contacts, domains and networks, each shown only if the actor may read it. */
export async function getStructureDetails(ctx: ServiceContext, id: string): Promise<StructureDetails> {
  const structure = await requireVisibleStructure(ctx, id);
  const actor = ctx.actor;
  const [group, contacts, domains, networks] = await Promise.all([
    structure.groupId && canReadGroups(actor)
      ? findGroup(ctx.db, structure.groupId)
      : Promise.resolve(undefined),
    canReadContacts(actor, structure.id)
      ? listContactsOfStructure(ctx.db, structure.id)
      : Promise.resolve(null),
    canReadAssets(actor, structure.id) ? listDomainsOfStructure(ctx.db, structure.id) : Promise.resolve(null),
    canReadAssets(actor, structure.id)
      ? listNetworksOfStructure(ctx.db, structure.id)
      : Promise.resolve(null),
  ]);
  return { structure, group: group ?? null, contacts, domains, networks };
}

/** Registers a new structure (CERT writers only); FINESS must be free, the GHT active. */
export async function createStructure(ctx: ServiceContext, draft: StructureDraft): Promise<Structure> {
  authorize(ctx.actor, canWriteRegistry(ctx.actor));
  const values = valuesOrThrow(validateStructure(draft), ctx.lang);
  const at = nowIso(ctx);
  const structure: Structure = {
    id: newId() as StructureId,
    ...values,
    archivedAt: null,
    createdAt: at,
    updatedAt: at,
  };
  return guardFiness(ctx, values.finess, () =>
    ctx.db.transaction().execute(async (trx) => {
      await checkStructureReferences(ctx, trx, values, null);
      await insertStructure(trx, structure);
      await recordAudit(
        ctx,
        {
          action: 'registry.create-structure',
          objectType: 'structure',
          objectId: structure.id,
          details: { changes: fieldChanges(null, values) },
        },
        trx,
      );
      return structure;
    }),
  );
}

/** Changes a structure; fields left undefined keep their value. Archived structures must be restored first. */
export async function editStructure(
  ctx: ServiceContext,
  id: string,
  patch: StructureDraft,
): Promise<Structure> {
  const current = await requireVisibleStructure(ctx, id);
  authorize(ctx.actor, canWriteRegistry(ctx.actor));
  requireActive(ctx, current);
  const values = valuesOrThrow(
    validateStructure(withPatch<StructureDraft>(structureValues(current), patch)),
    ctx.lang,
  );
  const changes = fieldChanges(structureValues(current), values);
  if (changes.length === 0) return current;
  const at = nowIso(ctx);
  return guardFiness(ctx, values.finess, () =>
    ctx.db.transaction().execute(async (trx) => {
      await checkStructureReferences(ctx, trx, values, current);
      await updateStructure(trx, current.id, values, at);
      await recordAudit(
        ctx,
        {
          action: 'registry.update-structure',
          objectType: 'structure',
          objectId: current.id,
          details: { changes },
        },
        trx,
      );
      return { ...current, ...values, updatedAt: at };
    }),
  );
}

/** Archives a structure: hidden from lists and lookups, kept with everything attached. */
export async function archiveStructure(ctx: ServiceContext, id: string): Promise<Structure> {
  return setArchived(ctx, id, true);
}

/** Brings an archived structure back. */
export async function restoreStructure(ctx: ServiceContext, id: string): Promise<Structure> {
  return setArchived(ctx, id, false);
}

async function setArchived(ctx: ServiceContext, id: string, archived: boolean): Promise<Structure> {
  const current = await requireVisibleStructure(ctx, id);
  authorize(ctx.actor, canWriteRegistry(ctx.actor));
  if ((current.archivedAt !== null) === archived) return current;
  const at = nowIso(ctx);
  const archivedAt = archived ? at : null;
  await ctx.db.transaction().execute(async (trx) => {
    await updateStructureArchivedAt(trx, current.id, archivedAt, at);
    await recordAudit(
      ctx,
      {
        action: archived ? 'registry.archive-structure' : 'registry.restore-structure',
        objectType: 'structure',
        objectId: current.id,
        details: {
          changes: [{ field: 'archivedAt', from: current.archivedAt, to: archivedAt }],
          name: current.name,
        },
      },
      trx,
    );
  });
  return { ...current, archivedAt, updatedAt: at };
}
