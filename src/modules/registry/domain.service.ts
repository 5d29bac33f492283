import { CommonErrors, HygieError, formatMessage } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { pageWindow, type Page } from '../../lib/pagination.js';
import { authorize } from '../../platform/auth/authorize.js';
import type { ServiceContext } from '../../platform/context.js';
import { recordAudit } from '../audit-log/index.js';
import {
  countDomains,
  findDomain,
  findDomainByName,
  insertDomains,
  listDomains,
  reviveDomain,
  updateDomain,
  updateDomainArchivedAt,
} from './domain.repository.js';
import { RegistryErrors } from './registry.errors.js';
import {
  canListAssets,
  canReadAssets,
  canWriteRegistry,
  scopeIncludes,
  structureScope,
} from './registry.policy.js';
import { isUniqueViolation } from './registry.repository.js';
import {
  fieldChanges,
  nowIso,
  requireActive,
  requireVisibleStructure,
  what,
  withPatch,
} from './registry.service.js';
import type {
  AssetFilter,
  Domain,
  DomainDraft,
  DomainId,
  DomainValues,
  Structure,
} from './registry.types.js';
import { valuesOrThrow, validateDomain } from './registry.validation.js';
import { findStructure } from './structure.repository.js';

function domainValues(d: Domain): DomainValues {
  return { name: d.name, ownership: d.ownership, notes: d.notes };
}

function domainTaken(ctx: ServiceContext, name: string): HygieError {
  const def = RegistryErrors.REGISTRY_DOMAIN_TAKEN;
  return new HygieError(def, { name }, [{ field: 'name', message: formatMessage(def[ctx.lang], { name }) }]);
}

async function guardName<T>(ctx: ServiceContext, name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error)) throw domainTaken(ctx, name);
    throw error;
  }
}

async function requireDomain(
  ctx: ServiceContext,
  id: string,
): Promise<{ domain: Domain; structure: Structure }> {
  if (ctx.actor.kind === 'anonymous') throw new HygieError(CommonErrors.COMMON_UNAUTHENTICATED);
  const domain = await findDomain(ctx.db, id);
  const structure = domain ? await findStructure(ctx.db, domain.structureId) : undefined;
  if (!domain || !structure || !scopeIncludes(structureScope(ctx.actor), structure.id)) {
    throw new HygieError(CommonErrors.COMMON_NOT_FOUND, { what: what(ctx, 'Domaine', 'Domain') });
  }
  authorize(ctx.actor, canReadAssets(ctx.actor, structure.id));
  return { domain, structure };
}

/** Lists the domains the actor may read. */
export async function searchDomains(ctx: ServiceContext, filter: AssetFilter): Promise<Page<Domain>> {
  authorize(ctx.actor, canListAssets(ctx.actor));
  const scope = structureScope(ctx.actor);
  const { page, pageSize, limit, offset } = pageWindow(filter, 25, 500);
  const [items, total] = await Promise.all([
    listDomains(ctx.db, filter, scope, limit, offset),
    countDomains(ctx.db, filter, scope),
  ]);
  return { items, total, page, pageSize };
}

/** One domain. */
export async function getDomain(ctx: ServiceContext, id: string): Promise<Domain> {
  return (await requireDomain(ctx, id)).domain;
}

/**
 * Registers a domain for a structure (CERT writers). A name held by an active record is refused;
 * an archived record of the same name is given to the structure again.
 */
export async function createDomain(
  ctx: ServiceContext,
  structureId: string,
  draft: DomainDraft,
): Promise<Domain> {
  const structure = await requireVisibleStructure(ctx, structureId);
  authorize(ctx.actor, canWriteRegistry(ctx.actor));
  requireActive(ctx, structure);
  const values = valuesOrThrow(validateDomain(draft), ctx.lang);
  const at = nowIso(ctx);
  return guardName(ctx, values.name, () =>
    ctx.db.transaction().execute(async (trx) => {
      const existing = await findDomainByName(trx, values.name);
      if (existing && !existing.archivedAt) throw domainTaken(ctx, values.name);
      const domain: Domain = existing
        ? { ...existing, structureId: structure.id, ...values, archivedAt: null, updatedAt: at }
        : {
            id: newId() as DomainId,
            structureId: structure.id,
            ...values,
            archivedAt: null,
            createdAt: at,
            updatedAt: at,
          };
      if (existing) await reviveDomain(trx, existing.id, structure.id, values, at);
      else await insertDomains(trx, [domain]);
      await recordAudit(
        ctx,
        {
          action: 'registry.create-domain',
          objectType: 'domain',
          objectId: domain.id,
          details: {
            structureId: structure.id,
            revived: existing !== undefined,
            changes: fieldChanges(existing ? domainValues(existing) : null, values),
          },
        },
        trx,
      );
      return domain;
    }),
  );
}

/** Changes a domain (name, ownership proof, notes). */
export async function editDomain(ctx: ServiceContext, id: string, patch: DomainDraft): Promise<Domain> {
  const { domain: current, structure } = await requireDomain(ctx, id);
  authorize(ctx.actor, canWriteRegistry(ctx.actor));
  requireActive(ctx, structure);
  const values = valuesOrThrow(
    validateDomain(withPatch<DomainDraft>(domainValues(current), patch)),
    ctx.lang,
  );
  const changes = fieldChanges(domainValues(current), values);
  if (changes.length === 0) return current;
  const at = nowIso(ctx);
  return guardName(ctx, values.name, () =>
    ctx.db.transaction().execute(async (trx) => {
      if (values.name !== current.name && (await findDomainByName(trx, values.name)))
        throw domainTaken(ctx, values.name);
      await updateDomain(trx, current.id, values, at);
      await recordAudit(
        ctx,
        {
          action: 'registry.update-domain',
          objectType: 'domain',
          objectId: current.id,
          details: { structureId: structure.id, changes },
        },
        trx,
      );
      return { ...current, ...values, updatedAt: at };
    }),
  );
}

/** Archives a domain: it leaves the structure's perimeter and the owner lookup. */
export async function archiveDomain(ctx: ServiceContext, id: string): Promise<Domain> {
  const { domain: current } = await requireDomain(ctx, id);
  authorize(ctx.actor, canWriteRegistry(ctx.actor));
  if (current.archivedAt) return current;
  const at = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await updateDomainArchivedAt(trx, current.id, at, at);
    await recordAudit(
      ctx,
      {
        action: 'registry.archive-domain',
        objectType: 'domain',
        objectId: current.id,
        details: {
          structureId: current.structureId,
          name: current.name,
          changes: [{ field: 'archivedAt', from: null, to: at }],
        },
      },
      trx,
    );
  });
  return { ...current, archivedAt: at, updatedAt: at };
}
