import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { CommonErrors, HygieError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { ServiceContext } from '../../platform/context.js';
import { canReadAuditLog } from './audit-log.policy.js';
import {
  countAuditEntries,
  insertAuditEntry,
  listAuditActions,
  listAuditEntries,
} from './audit-log.repository.js';
import type { AuditEntry, AuditEvent, AuditFilter, AuditPage } from './audit-log.types.js';

/**
 * Keys whose values are replaced before storage, so a careless caller cannot log a secret.
 * Whole-word match on the key (`postalCode` stays, `code` and `passwordHash` go).
 */
const SECRET_KEYS =
  /^(.*password.*|.*secret.*|(api)?token|.*hash|totp.*|code|otp|one[-_]?time[-_]?password)$/i;

function scrub(details: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    if (SECRET_KEYS.test(key)) out[key] = '[redacted]';
    else if (value && typeof value === 'object' && !Array.isArray(value))
      out[key] = scrub(value as Record<string, unknown>);
    else out[key] = value;
  }
  return out;
}

/**
 * Records a state change. Call it with the transaction (`db`) of the change itself, so that
 * the change and its audit entry commit together.
 */
export async function recordAudit(
  ctx: ServiceContext,
  event: AuditEvent,
  db: Kysely<Database> = ctx.db,
): Promise<void> {
  const actor = ctx.actor;
  const entry: AuditEntry = {
    id: newId(),
    at: ctx.clock.now().toISOString(),
    actorKind: actor.kind === 'user' ? (actor.apiTokenId ? 'api-token' : 'user') : actor.kind,
    actorId: actor.kind === 'user' ? actor.userId : null,
    actorLabel: actor.kind === 'anonymous' ? 'anonymous' : actor.label,
    action: event.action,
    objectType: event.objectType,
    objectId: event.objectId,
    ip: ctx.ip,
    details: scrub(event.details ?? {}),
  };
  await insertAuditEntry(db, entry);
}

/** Lists entries for the admin page and API. */
export async function browseAuditLog(
  ctx: ServiceContext,
  filter: AuditFilter,
): Promise<AuditPage & { actions: string[] }> {
  if (ctx.actor.kind === 'anonymous') throw new HygieError(CommonErrors.COMMON_UNAUTHENTICATED);
  if (!canReadAuditLog(ctx.actor)) throw new HygieError(CommonErrors.COMMON_FORBIDDEN);
  const pageSize = Math.min(Math.max(filter.pageSize ?? 50, 1), 500);
  const page = Math.max(filter.page ?? 1, 1);
  const [entries, total, actions] = await Promise.all([
    listAuditEntries(ctx.db, filter, pageSize, (page - 1) * pageSize),
    countAuditEntries(ctx.db, filter),
    listAuditActions(ctx.db),
  ]);
  return { entries, total, page, pageSize, actions };
}
