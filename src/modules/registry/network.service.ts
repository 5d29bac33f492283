import { CommonErrors, HygieError, formatMessage } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { pageWindow, type Page } from '../../lib/pagination.js';
import { authorize } from '../../platform/auth/authorize.js';
import type { ServiceContext } from '../../platform/context.js';
import { recordAudit } from '../audit-log/index.js';
import {
  countNetworks,
  findNetwork,
  findNetworkByCidr,
  insertNetworks,
  listNetworks,
  reviveNetwork,
  updateNetwork,
  updateNetworkArchivedAt,
} from './network.repository.js';
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
  Network,
  NetworkDraft,
  NetworkId,
  NetworkValues,
  Structure,
} from './registry.types.js';
import { valuesOrThrow, validateNetwork } from './registry.validation.js';
import { findStructure } from './structure.repository.js';

function networkValues(n: Network): NetworkValues {
  return { cidr: n.cidr, family: n.family, asn: n.asn, description: n.description };
}

function networkTaken(ctx: ServiceContext, cidr: string): HygieError {
  const def = RegistryErrors.REGISTRY_NETWORK_TAKEN;
  return new HygieError(def, { cidr }, [{ field: 'cidr', message: formatMessage(def[ctx.lang], { cidr }) }]);
}

async function guardCidr<T>(ctx: ServiceContext, cidr: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error)) throw networkTaken(ctx, cidr);
    throw error;
  }
}

async function requireNetwork(
  ctx: ServiceContext,
  id: string,
): Promise<{ network: Network; structure: Structure }> {
  if (ctx.actor.kind === 'anonymous') throw new HygieError(CommonErrors.COMMON_UNAUTHENTICATED);
  const network = await findNetwork(ctx.db, id);
  const structure = network ? await findStructure(ctx.db, network.structureId) : undefined;
  if (!network || !structure || !scopeIncludes(structureScope(ctx.actor), structure.id)) {
    throw new HygieError(CommonErrors.COMMON_NOT_FOUND, { what: what(ctx, 'Réseau', 'Network') });
  }
  authorize(ctx.actor, canReadAssets(ctx.actor, structure.id));
  return { network, structure };
}

/** Lists the networks the actor may read. */
export async function searchNetworks(ctx: ServiceContext, filter: AssetFilter): Promise<Page<Network>> {
  authorize(ctx.actor, canListAssets(ctx.actor));
  const scope = structureScope(ctx.actor);
  const { page, pageSize, limit, offset } = pageWindow(filter, 25, 500);
  const [items, total] = await Promise.all([
    listNetworks(ctx.db, filter, scope, limit, offset),
    countNetworks(ctx.db, filter, scope),
  ]);
  return { items, total, page, pageSize };
}

/** One network. */
export async function getNetwork(ctx: ServiceContext, id: string): Promise<Network> {
  return (await requireNetwork(ctx, id)).network;
}

/**
 * Registers a network (CIDR normalised to its network address) for a structure (CERT writers).
 * Nested blocks of different structures are allowed: the owner lookup picks the longest prefix.
 */
export async function createNetwork(
  ctx: ServiceContext,
  structureId: string,
  draft: NetworkDraft,
): Promise<Network> {
  const structure = await requireVisibleStructure(ctx, structureId);
  authorize(ctx.actor, canWriteRegistry(ctx.actor));
  requireActive(ctx, structure);
  const values = valuesOrThrow(validateNetwork(draft), ctx.lang);
  const at = nowIso(ctx);
  return guardCidr(ctx, values.cidr, () =>
    ctx.db.transaction().execute(async (trx) => {
      const existing = await findNetworkByCidr(trx, values.cidr);
      if (existing && !existing.archivedAt) throw networkTaken(ctx, values.cidr);
      const network: Network = existing
        ? { ...existing, structureId: structure.id, ...values, archivedAt: null, updatedAt: at }
        : {
            id: newId() as NetworkId,
            structureId: structure.id,
            ...values,
            archivedAt: null,
            createdAt: at,
            updatedAt: at,
          };
      if (existing) await reviveNetwork(trx, existing.id, structure.id, values, at);
      else await insertNetworks(trx, [network]);
      await recordAudit(
        ctx,
        {
          action: 'registry.create-network',
          objectType: 'network',
          objectId: network.id,
          details: {
            structureId: structure.id,
            revived: existing !== undefined,
            changes: fieldChanges(existing ? networkValues(existing) : null, values),
          },
        },
        trx,
      );
      return network;
    }),
  );
}

/** Changes a network (block, ASN, description). */
export async function editNetwork(ctx: ServiceContext, id: string, patch: NetworkDraft): Promise<Network> {
  const { network: current, structure } = await requireNetwork(ctx, id);
  authorize(ctx.actor, canWriteRegistry(ctx.actor));
  requireActive(ctx, structure);
  const values = valuesOrThrow(
    validateNetwork(withPatch<NetworkDraft>(networkValues(current), patch)),
    ctx.lang,
  );
  const changes = fieldChanges(networkValues(current), values);
  if (changes.length === 0) return current;
  const at = nowIso(ctx);
  return guardCidr(ctx, values.cidr, () =>
    ctx.db.transaction().execute(async (trx) => {
      if (values.cidr !== current.cidr && (await findNetworkByCidr(trx, values.cidr)))
        throw networkTaken(ctx, values.cidr);
      await updateNetwork(trx, current.id, values, at);
      await recordAudit(
        ctx,
        {
          action: 'registry.update-network',
          objectType: 'network',
          objectId: current.id,
          details: { structureId: structure.id, changes },
        },
        trx,
      );
      return { ...current, ...values, updatedAt: at };
    }),
  );
}

/** Archives a network: it leaves the structure's perimeter and the owner lookup. */
export async function archiveNetwork(ctx: ServiceContext, id: string): Promise<Network> {
  const { network: current } = await requireNetwork(ctx, id);
  authorize(ctx.actor, canWriteRegistry(ctx.actor));
  if (current.archivedAt) return current;
  const at = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await updateNetworkArchivedAt(trx, current.id, at, at);
    await recordAudit(
      ctx,
      {
        action: 'registry.archive-network',
        objectType: 'network',
        objectId: current.id,
        details: {
          structureId: current.structureId,
          cidr: current.cidr,
          changes: [{ field: 'archivedAt', from: null, to: at }],
        },
      },
      trx,
    );
  });
  return { ...current, archivedAt: at, updatedAt: at };
}
