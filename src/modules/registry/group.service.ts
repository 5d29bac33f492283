import { CommonErrors, HygieError, formatMessage } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { pageWindow, type Page } from '../../lib/pagination.js';
import { authorize } from '../../platform/auth/authorize.js';
import type { ServiceContext } from '../../platform/context.js';
import { recordAudit } from '../audit-log/index.js';
import {
  countGroupMembers,
  countGroups,
  findGroup,
  findGroupByCode,
  insertGroup,
  listActiveGroups,
  listGroups,
  updateGroup,
  updateGroupArchivedAt,
} from './group.repository.js';
import { RegistryErrors } from './registry.errors.js';
import { canReadGroups, canWriteRegistry } from './registry.policy.js';
import { isUniqueViolation } from './registry.repository.js';
import { fieldChanges, nowIso, what, withPatch } from './registry.service.js';
import type {
  Group,
  GroupDraft,
  GroupFilter,
  GroupId,
  GroupValues,
  GroupWithCount,
  Structure,
} from './registry.types.js';
import { valuesOrThrow, validateGroup } from './registry.validation.js';
import { listGroupMembers } from './structure.repository.js';

function groupValues(g: Group): GroupValues {
  return { name: g.name, code: g.code, region: g.region };
}

function codeTaken(ctx: ServiceContext, code: string): HygieError {
  const def = RegistryErrors.REGISTRY_GROUP_CODE_TAKEN;
  return new HygieError(def, { code }, [{ field: 'code', message: formatMessage(def[ctx.lang], { code }) }]);
}

async function requireGroup(ctx: ServiceContext, id: string): Promise<Group> {
  authorize(ctx.actor, canReadGroups(ctx.actor));
  const group = await findGroup(ctx.db, id);
  if (!group) throw new HygieError(CommonErrors.COMMON_NOT_FOUND, { what: what(ctx, 'GHT', 'GHT') });
  return group;
}

async function guardCode<T>(ctx: ServiceContext, code: string | null, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (code && isUniqueViolation(error)) throw codeTaken(ctx, code);
    throw error;
  }
}

/** Lists GHTs with their number of active members. */
export async function searchGroups(ctx: ServiceContext, filter: GroupFilter): Promise<Page<GroupWithCount>> {
  authorize(ctx.actor, canReadGroups(ctx.actor));
  const { page, pageSize, limit, offset } = pageWindow(filter, 25, 500);
  const [items, total] = await Promise.all([
    listGroups(ctx.db, filter, limit, offset),
    countGroups(ctx.db, filter),
  ]);
  return { items, total, page, pageSize };
}

/** Every active GHT, for drop-downs; empty for actors who may not read groups. */
export async function listGroupChoices(ctx: ServiceContext): Promise<Group[]> {
  return canReadGroups(ctx.actor) ? listActiveGroups(ctx.db) : [];
}

/** One GHT with its active member structures. */
export async function getGroup(
  ctx: ServiceContext,
  id: string,
): Promise<{ group: Group; members: Structure[] }> {
  const group = await requireGroup(ctx, id);
  return { group, members: await listGroupMembers(ctx.db, group.id) };
}

/** Registers a GHT (CERT writers only); its code, when given, must be free. */
export async function createGroup(ctx: ServiceContext, draft: GroupDraft): Promise<Group> {
  authorize(ctx.actor, canWriteRegistry(ctx.actor));
  const values = valuesOrThrow(validateGroup(draft), ctx.lang);
  const at = nowIso(ctx);
  const group: Group = { id: newId() as GroupId, ...values, archivedAt: null, createdAt: at, updatedAt: at };
  return guardCode(ctx, values.code, () =>
    ctx.db.transaction().execute(async (trx) => {
      if (values.code && (await findGroupByCode(trx, values.code))) throw codeTaken(ctx, values.code);
      await insertGroup(trx, group);
      await recordAudit(
        ctx,
        {
          action: 'registry.create-group',
          objectType: 'group',
          objectId: group.id,
          details: { changes: fieldChanges(null, values) },
        },
        trx,
      );
      return group;
    }),
  );
}

/** Changes a GHT; undefined fields keep their value. */
export async function editGroup(ctx: ServiceContext, id: string, patch: GroupDraft): Promise<Group> {
  const current = await requireGroup(ctx, id);
  authorize(ctx.actor, canWriteRegistry(ctx.actor));
  const values = valuesOrThrow(validateGroup(withPatch<GroupDraft>(groupValues(current), patch)), ctx.lang);
  const changes = fieldChanges(groupValues(current), values);
  if (changes.length === 0) return current;
  const at = nowIso(ctx);
  return guardCode(ctx, values.code, () =>
    ctx.db.transaction().execute(async (trx) => {
      if (values.code && values.code !== current.code) {
        const holder = await findGroupByCode(trx, values.code);
        if (holder && holder.id !== current.id) throw codeTaken(ctx, values.code);
      }
      await updateGroup(trx, current.id, values, at);
      await recordAudit(
        ctx,
        { action: 'registry.update-group', objectType: 'group', objectId: current.id, details: { changes } },
        trx,
      );
      return { ...current, ...values, updatedAt: at };
    }),
  );
}

/** Archives a GHT that no active structure belongs to any more. */
export async function archiveGroup(ctx: ServiceContext, id: string): Promise<Group> {
  const current = await requireGroup(ctx, id);
  authorize(ctx.actor, canWriteRegistry(ctx.actor));
  if (current.archivedAt) return current;
  const at = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const members = await countGroupMembers(trx, current.id);
    if (members > 0) throw new HygieError(RegistryErrors.REGISTRY_GROUP_HAS_MEMBERS, { count: members });
    await updateGroupArchivedAt(trx, current.id, at, at);
    await recordAudit(
      ctx,
      {
        action: 'registry.archive-group',
        objectType: 'group',
        objectId: current.id,
        details: { changes: [{ field: 'archivedAt', from: null, to: at }], name: current.name },
      },
      trx,
    );
  });
  return { ...current, archivedAt: at, updatedAt: at };
}
