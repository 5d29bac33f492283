import { CommonErrors, HygieError } from '../../lib/errors.js';
import type { UserActor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import type { ServiceContext } from '../../platform/context.js';
import { recordAudit } from '../audit-log/index.js';
import { AccountsErrors } from './accounts.errors.js';
import { canManageOwnAccount } from './accounts.policy.js';
import type { ClientInfo, LoginStep, TotpEnrolment, UserRecord } from './accounts.types.js';
import { loadUser, rotateSession } from './session.service.js';
import { decryptTotpSecret, encryptTotpSecret, generateTotpSecret, totpUri, verifyTotpCode } from './totp.crypto.js';
import { findUserRecordById, recordTotpStep, updateUserRow } from './user.repository.js';

/** Issuer shown in authenticator apps beside the account. */
export const TOTP_ISSUER = 'Hygie';

/** The acting user, through a session (an API token cannot enrol a second factor). */
function sessionUser(ctx: ServiceContext): UserActor {
  const actor = ctx.actor;
  authorize(actor, canManageOwnAccount(actor));
  if (actor.kind !== 'user') throw new HygieError(CommonErrors.COMMON_UNAUTHENTICATED);
  if (actor.apiTokenId !== undefined) throw new HygieError(CommonErrors.COMMON_FORBIDDEN);
  return actor;
}

async function ownRecord(ctx: ServiceContext, actor: UserActor): Promise<UserRecord> {
  const record = await findUserRecordById(ctx.db, actor.userId);
  if (!record) throw new HygieError(AccountsErrors.ACCOUNTS_SESSION_EXPIRED);
  return record;
}

/**
 * Starts (or resumes) the acting user's TOTP enrolment: a pending secret is stored encrypted
 * and returned with its otpauth URI, for the QR code and for manual entry. It becomes active
 * only when `confirmTotpEnrolment` receives a valid code.
 */
export async function startTotpEnrolment(ctx: ServiceContext): Promise<TotpEnrolment> {
  const actor = sessionUser(ctx);
  const record = await ownRecord(ctx, actor);
  if (record.totpEnabledAt !== null) throw new HygieError(AccountsErrors.ACCOUNTS_TOTP_ALREADY_ENABLED);
  const pending = record.totpSecret === null ? null : decryptTotpSecret(ctx.config.secret, record.id, record.totpSecret);
  if (pending !== null) return { secret: pending, uri: totpUri(TOTP_ISSUER, record.email, pending) };
  const secret = generateTotpSecret();
  await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now().toISOString();
    await updateUserRow(trx, record.id, { totpSecret: encryptTotpSecret(ctx.config.secret, record.id, secret), totpLastStep: null }, now);
    await recordAudit(ctx, { action: 'accounts.start-totp-enrolment', objectType: 'user', objectId: record.id }, trx);
  });
  return { secret, uri: totpUri(TOTP_ISSUER, record.email, secret) };
}

/**
 * Activates the pending TOTP secret once the user proves it with a current code. The session
 * is replaced by a new one marked with the second factor (the code just proved it).
 */
export async function confirmTotpEnrolment(
  ctx: ServiceContext,
  code: string,
  sessionToken: string,
  client: ClientInfo,
): Promise<LoginStep> {
  const actor = sessionUser(ctx);
  const record = await ownRecord(ctx, actor);
  if (record.totpEnabledAt !== null) throw new HygieError(AccountsErrors.ACCOUNTS_TOTP_ALREADY_ENABLED);
  const secret = record.totpSecret === null ? null : decryptTotpSecret(ctx.config.secret, record.id, record.totpSecret);
  if (secret === null) throw new HygieError(AccountsErrors.ACCOUNTS_INVALID_TOTP_CODE);
  const now = ctx.clock.now();
  const step = await verifyTotpCode(secret, code, now, record.totpLastStep);
  if (step === null) throw new HygieError(AccountsErrors.ACCOUNTS_INVALID_TOTP_CODE);
  const result = await ctx.db.transaction().execute(async (trx) => {
    if (!(await recordTotpStep(trx, record.id, step))) return null;
    const at = now.toISOString();
    await updateUserRow(trx, record.id, { totpEnabledAt: at }, at);
    const user = await loadUser(trx, record.id);
    if (!user) return null;
    const next = await rotateSession(ctx, trx, sessionToken, user, at, client);
    await recordAudit(ctx, { action: 'accounts.enrol-totp', objectType: 'user', objectId: record.id }, trx);
    return next;
  });
  if (result === null) throw new HygieError(AccountsErrors.ACCOUNTS_INVALID_TOTP_CODE);
  return result;
}
