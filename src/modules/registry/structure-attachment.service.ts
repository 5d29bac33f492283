import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { CommonErrors, HygieError, formatMessage, type ErrorDefinition } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { pageWindow, type Page } from '../../lib/pagination.js';
import { authorize } from '../../platform/auth/authorize.js';
import type { ServiceContext } from '../../platform/context.js';
import { recordAudit } from '../audit-log/index.js';
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
import type { AssetFilter, Structure, StructureId, StructureScope } from './registry.types.js';
import { valuesOrThrow, type Checked } from './registry.validation.js';
import { findStructure } from './structure.repository.js';

/*
 * The use cases shared by the records a structure holds under one unique key: domains (by name)
 * and networks (by canonical CIDR). domain.service.ts and network.service.ts give what differs.
 */

type Db = Kysely<Database>;

/** A stored record hung on a structure: its validated values plus identity and timestamps. */
export type Attached<Id extends string, Values> = Values & {
  readonly id: Id;
  readonly structureId: StructureId;
  readonly archivedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
};

/** What differs between domains and networks. */
export interface AttachmentSpec<
  Id extends string,
  Values extends Draft & Record<Key, string>,
  Draft extends object,
  Key extends string,
> {
  /** Audit object type. */
  readonly objectType: 'domain' | 'network';
  /** Audit action names, spelled out by each service. */
  readonly actions: { readonly create: string; readonly update: string; readonly archive: string };
  /** What the not-found message names. */
  readonly label: { readonly fr: string; readonly en: string };
  /** The unique field: the taken error's parameter and detail field, kept in the archive audit entry. */
  readonly key: Key;
  /** Refuses a key already held (its message has a `{<key>}` placeholder). */
  readonly taken: ErrorDefinition;
  readonly validate: (draft: Draft) => Checked<Values>;
  /** The editable values of a stored record. */
  readonly valuesOf: (item: Attached<Id, Values>) => Values;
  readonly repo: {
    readonly find: (db: Db, id: string) => Promise<Attached<Id, Values> | undefined>;
    /** The row holding a key, archived or not. */
    readonly findByKey: (db: Db, key: string) => Promise<Attached<Id, Values> | undefined>;
    readonly insert: (db: Db, items: readonly Attached<Id, Values>[]) => Promise<void>;
    readonly revive: (
      db: Db,
      id: Id,
      structureId: StructureId,
      values: Values,
      updatedAt: string,
    ) => Promise<void>;
    readonly update: (db: Db, id: Id, values: Values, updatedAt: string) => Promise<void>;
    readonly updateArchivedAt: (
      db: Db,
      id: Id,
      archivedAt: string | null,
      updatedAt: string,
    ) => Promise<void>;
    readonly list: (
      db: Db,
      filter: AssetFilter,
      scope: StructureScope,
      limit: number,
      offset: number,
    ) => Promise<Attached<Id, Values>[]>;
    readonly count: (db: Db, filter: AssetFilter, scope: StructureScope) => Promise<number>;
  };
}

/** The use cases of one kind of attached record. */
export interface AttachmentUseCases<Id extends string, Values, Draft> {
  search(ctx: ServiceContext, filter: AssetFilter): Promise<Page<Attached<Id, Values>>>;
  get(ctx: ServiceContext, id: string): Promise<Attached<Id, Values>>;
  create(ctx: ServiceContext, structureId: string, draft: Draft): Promise<Attached<Id, Values>>;
  edit(ctx: ServiceContext, id: string, patch: Draft): Promise<Attached<Id, Values>>;
  archive(ctx: ServiceContext, id: string): Promise<Attached<Id, Values>>;
}

/** Search, read, create (or revive), edit and archive records of one kind, as `spec` describes it. */
export function structureAttachments<
  Id extends string,
  Values extends Draft & Record<Key, string>,
  Draft extends object,
  Key extends string,
>(spec: AttachmentSpec<Id, Values, Draft, Key>): AttachmentUseCases<Id, Values, Draft> {
  type Item = Attached<Id, Values>;
  const { key, repo } = spec;

  function taken(ctx: ServiceContext, value: string): HygieError {
    const def = spec.taken;
    return new HygieError(def, { [key]: value }, [
      { field: key, message: formatMessage(def[ctx.lang], { [key]: value }) },
    ]);
  }

  async function guardKey<T>(ctx: ServiceContext, value: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (isUniqueViolation(error)) throw taken(ctx, value);
      throw error;
    }
  }

  async function requireItem(ctx: ServiceContext, id: string): Promise<{ item: Item; structure: Structure }> {
    if (ctx.actor.kind === 'anonymous') throw new HygieError(CommonErrors.COMMON_UNAUTHENTICATED);
    const item = await repo.find(ctx.db, id);
    const structure = item ? await findStructure(ctx.db, item.structureId) : undefined;
    if (!item || !structure || !scopeIncludes(structureScope(ctx.actor), structure.id)) {
      throw new HygieError(CommonErrors.COMMON_NOT_FOUND, { what: what(ctx, spec.label.fr, spec.label.en) });
    }
    authorize(ctx.actor, canReadAssets(ctx.actor, structure.id));
    return { item, structure };
  }

  return {
    async search(ctx, filter) {
      authorize(ctx.actor, canListAssets(ctx.actor));
      const scope = structureScope(ctx.actor);
      const { page, pageSize, limit, offset } = pageWindow(filter, 25, 500);
      const [items, total] = await Promise.all([
        repo.list(ctx.db, filter, scope, limit, offset),
        repo.count(ctx.db, filter, scope),
      ]);
      return { items, total, page, pageSize };
    },

    async get(ctx, id) {
      return (await requireItem(ctx, id)).item;
    },

    // A key held by an active record is refused; an archived record of the same key is given to
    // the structure again (keys are unique across archived rows too).
    async create(ctx, structureId, draft) {
      const structure = await requireVisibleStructure(ctx, structureId);
      authorize(ctx.actor, canWriteRegistry(ctx.actor));
      requireActive(ctx, structure);
      const values = valuesOrThrow(spec.validate(draft), ctx.lang);
      const at = nowIso(ctx);
      return guardKey(ctx, values[key], () =>
        ctx.db.transaction().execute(async (trx) => {
          const existing = await repo.findByKey(trx, values[key]);
          if (existing && !existing.archivedAt) throw taken(ctx, values[key]);
          const item: Item = existing
            ? { ...existing, structureId: structure.id, ...values, archivedAt: null, updatedAt: at }
            : {
                id: newId() as Id,
                structureId: structure.id,
                ...values,
                archivedAt: null,
                createdAt: at,
                updatedAt: at,
              };
          if (existing) await repo.revive(trx, existing.id, structure.id, values, at);
          else await repo.insert(trx, [item]);
          await recordAudit(
            ctx,
            {
              action: spec.actions.create,
              objectType: spec.objectType,
              objectId: item.id,
              details: {
                structureId: structure.id,
                revived: existing !== undefined,
                changes: fieldChanges(existing ? spec.valuesOf(existing) : null, values),
              },
            },
            trx,
          );
          return item;
        }),
      );
    },

    async edit(ctx, id, patch) {
      const { item: current, structure } = await requireItem(ctx, id);
      authorize(ctx.actor, canWriteRegistry(ctx.actor));
      requireActive(ctx, structure);
      const values = valuesOrThrow(spec.validate(withPatch<Draft>(spec.valuesOf(current), patch)), ctx.lang);
      const changes = fieldChanges(spec.valuesOf(current), values);
      if (changes.length === 0) return current;
      const at = nowIso(ctx);
      return guardKey(ctx, values[key], () =>
        ctx.db.transaction().execute(async (trx) => {
          if (values[key] !== current[key] && (await repo.findByKey(trx, values[key])))
            throw taken(ctx, values[key]);
          await repo.update(trx, current.id, values, at);
          await recordAudit(
            ctx,
            {
              action: spec.actions.update,
              objectType: spec.objectType,
              objectId: current.id,
              details: { structureId: structure.id, changes },
            },
            trx,
          );
          return { ...current, ...values, updatedAt: at };
        }),
      );
    },

    // Archiving takes the record out of the structure's perimeter and the owner lookup.
    async archive(ctx, id) {
      const { item: current } = await requireItem(ctx, id);
      authorize(ctx.actor, canWriteRegistry(ctx.actor));
      if (current.archivedAt) return current;
      const at = nowIso(ctx);
      await ctx.db.transaction().execute(async (trx) => {
        await repo.updateArchivedAt(trx, current.id, at, at);
        await recordAudit(
          ctx,
          {
            action: spec.actions.archive,
            objectType: spec.objectType,
            objectId: current.id,
            details: {
              structureId: current.structureId,
              [key]: current[key],
              changes: [{ field: 'archivedAt', from: null, to: at }],
            },
          },
          trx,
        );
      });
      return { ...current, archivedAt: at, updatedAt: at };
    },
  };
}
