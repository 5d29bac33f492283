import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { CommonErrors, HygieError } from '../../lib/errors.js';
import type { ServiceContext } from '../../platform/context.js';
import { countDomains } from './domain.repository.js';
import { countGroups } from './group.repository.js';
import { countNetworks } from './network.repository.js';
import { canListAssets, canReadGroups, scopeIncludes, structureScope } from './registry.policy.js';
import { RegistryErrors } from './registry.errors.js';
import type { RegistryCounts, Structure, StructureSummary } from './registry.types.js';
import { countStructures, findStructure, listStructuresByIds } from './structure.repository.js';

/** One changed field, as recorded in audit entries (a list, so every field name is kept verbatim). */
export interface FieldChange {
  readonly field: string;
  readonly from: unknown;
  readonly to: unknown;
}

/** The fields whose value differs between two versions of a record (all of `after` when `before` is null). */
export function fieldChanges<T extends object>(before: T | null, after: T): FieldChange[] {
  const out: FieldChange[] = [];
  for (const [field, to] of Object.entries(after)) {
    const from: unknown = before ? (before as Record<string, unknown>)[field] : null;
    if (JSON.stringify(from ?? null) !== JSON.stringify(to ?? null))
      out.push({ field, from: from ?? null, to: to ?? null });
  }
  return out;
}

/** A patch applied over current values: `undefined` means "unchanged", `null` or '' clears. */
export function withPatch<T extends object>(current: T, patch: Partial<T>): T {
  const out: Record<string, unknown> = { ...(current as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) if (value !== undefined) out[key] = value;
  return out as T;
}

/** The time of the change, as stored. */
export function nowIso(ctx: ServiceContext): string {
  return ctx.clock.now().toISOString();
}

/** "Structure", in the reader's language, for not-found messages. */
export function what(ctx: ServiceContext, fr: string, en: string): string {
  return ctx.lang === 'fr' ? fr : en;
}

/**
 * The structure if the actor may see it. Missing and out-of-scope structures get the same 404,
 * so that a beneficiary cannot learn which structures exist.
 */
export async function requireVisibleStructure(
  ctx: ServiceContext,
  id: string,
  db: Kysely<Database> = ctx.db,
): Promise<Structure> {
  if (ctx.actor.kind === 'anonymous') throw new HygieError(CommonErrors.COMMON_UNAUTHENTICATED);
  const structure = await findStructure(db, id);
  if (!structure || !scopeIncludes(structureScope(ctx.actor), structure.id)) {
    throw new HygieError(CommonErrors.COMMON_NOT_FOUND, { what: what(ctx, 'Structure', 'Structure') });
  }
  return structure;
}

/** Refuses changes under an archived structure: it must be restored first. */
export function requireActive(ctx: ServiceContext, structure: Structure): void {
  if (structure.archivedAt) {
    throw new HygieError(RegistryErrors.REGISTRY_ARCHIVED, {
      what: what(ctx, `La structure « ${structure.name} »`, `Structure "${structure.name}"`),
    });
  }
}

/** How many active structures, groups, domains and networks the actor can see (zeros for the rest). */
export async function registryCounts(ctx: ServiceContext): Promise<RegistryCounts> {
  if (ctx.actor.kind === 'anonymous') return { structures: 0, groups: 0, domains: 0, networks: 0 };
  const scope = structureScope(ctx.actor);
  const assets = canListAssets(ctx.actor);
  const [structures, groups, domains, networks] = await Promise.all([
    countStructures(ctx.db, {}, scope),
    canReadGroups(ctx.actor) ? countGroups(ctx.db, {}) : Promise.resolve(0),
    assets ? countDomains(ctx.db, {}, scope) : Promise.resolve(0),
    assets ? countNetworks(ctx.db, {}, scope) : Promise.resolve(0),
  ]);
  return { structures, groups, domains, networks };
}

/** Summaries of the structures the actor may see among `ids`, in the order asked; others are left out. */
export async function getStructureSummaries(
  ctx: ServiceContext,
  ids: readonly string[],
): Promise<StructureSummary[]> {
  if (ctx.actor.kind === 'anonymous' || ids.length === 0) return [];
  const scope = structureScope(ctx.actor);
  const found = new Map((await listStructuresByIds(ctx.db, ids)).map((s) => [s.id as string, s]));
  const out: StructureSummary[] = [];
  for (const id of new Set(ids)) {
    const s = found.get(id);
    if (s && scopeIncludes(scope, s.id)) out.push(toSummary(s));
  }
  return out;
}

/** The summary view of a structure. */
export function toSummary(s: Structure): StructureSummary {
  return {
    id: s.id,
    name: s.name,
    finess: s.finess,
    region: s.region,
    kind: s.kind,
    archived: s.archivedAt !== null,
  };
}
