import { HygieError } from '../../lib/errors.js';
import type { ServiceContext } from '../../platform/context.js';
import { translator } from '../../platform/i18n/i18n.js';
import { queueMail } from '../../platform/mail/outbox.js';
import { recordAudit } from '../audit-log/index.js';
import { AccountsErrors } from './accounts.errors.js';
import { mailMessages } from './accounts.messages.js';
import { generateOpaqueToken, hashPassword, hashToken } from './credentials.crypto.js';
import { normalizeEmail } from './login.service.js';
import { checkPasswordConfirmation, checkPasswordRules } from './password.policy.js';
import {
  findLatestPasswordReset,
  findPasswordReset,
  insertPasswordReset,
  invalidateUserPasswordResets,
  updatePasswordResetUsed,
  type PasswordReset,
} from './password-reset.repository.js';
import { deleteUserSessions } from './session.repository.js';
import { actingAs, loadUser } from './session.service.js';
import { findUserRecordByEmail, findUserRecordById, updateUserRow } from './user.repository.js';

/** How long a reset link works. */
export const RESET_LINK_MINUTES = 30;

/** At most one reset e-mail per account in this window, so the form cannot flood a mailbox. */
const RESET_MAIL_INTERVAL_MS = 60_000;

/**
 * "Forgot password": when an active account has this e-mail, stores a single-use link (only the
 * SHA-256 of its 32-byte token) valid 30 minutes and queues the e-mail in the same transaction.
 * Answers the same way whether the account exists or not.
 */
export async function requestPasswordReset(ctx: ServiceContext, email: string): Promise<void> {
  const record = await findUserRecordByEmail(ctx.db, normalizeEmail(email));
  if (!record || record.status !== 'active') return;
  const now = ctx.clock.now();
  const latest = await findLatestPasswordReset(ctx.db, record.id);
  if (latest && latest.usedAt === null && now.getTime() - Date.parse(latest.createdAt) < RESET_MAIL_INTERVAL_MS) return;

  const token = generateOpaqueToken();
  const link = `${ctx.config.publicUrl}/password/reset?token=${encodeURIComponent(token)}`;
  const t = translator(record.lang, mailMessages);
  const params = { firstName: record.firstName, link, minutes: RESET_LINK_MINUTES };
  await ctx.db.transaction().execute(async (trx) => {
    const reset: PasswordReset = {
      id: hashToken(token),
      userId: record.id,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + RESET_LINK_MINUTES * 60_000).toISOString(),
      usedAt: null,
    };
    await insertPasswordReset(trx, reset);
    await queueMail(trx, ctx.clock, { to: record.email, subject: t('resetSubject'), text: t('resetText', params) });
    await recordAudit(ctx, { action: 'accounts.request-password-reset', objectType: 'user', objectId: record.id, details: { expiresAt: reset.expiresAt } }, trx);
  });
}

/** The usable reset link of a token, or the error to show. */
async function usableReset(ctx: ServiceContext, token: string): Promise<PasswordReset> {
  if (token.length === 0 || token.length > 100) throw new HygieError(AccountsErrors.ACCOUNTS_RESET_LINK_INVALID);
  const reset = await findPasswordReset(ctx.db, hashToken(token));
  if (!reset || reset.usedAt !== null || Date.parse(reset.expiresAt) <= ctx.clock.now().getTime()) {
    throw new HygieError(AccountsErrors.ACCOUNTS_RESET_LINK_INVALID);
  }
  return reset;
}

/** Throws when a reset link cannot be used (unknown, used or expired), before showing its form. */
export async function checkPasswordResetLink(ctx: ServiceContext, token: string): Promise<void> {
  await usableReset(ctx, token);
}

/**
 * Sets a new password from a reset link: the link is marked used (with every other pending link
 * of the account), the password no longer expired, the lock-out lifted, every session ended.
 * The second factor is unchanged: it is still asked at the next login.
 */
export async function resetPasswordWithLink(
  ctx: ServiceContext,
  input: { token: string; newPassword: string; confirmation?: string },
): Promise<void> {
  const reset = await usableReset(ctx, input.token);
  const record = await findUserRecordById(ctx.db, reset.userId);
  if (!record || record.status !== 'active') throw new HygieError(AccountsErrors.ACCOUNTS_RESET_LINK_INVALID);
  checkPasswordRules(input.newPassword, record.email);
  checkPasswordConfirmation(input.newPassword, input.confirmation);
  const passwordHash = await hashPassword(input.newPassword);
  const user = await loadUser(ctx.db, record.id);
  const done = await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now().toISOString();
    if (!(await updatePasswordResetUsed(trx, reset.id, now))) return false;
    await invalidateUserPasswordResets(trx, record.id, now);
    await updateUserRow(trx, record.id, { passwordHash, passwordExpired: false, failedLogins: 0, lockedUntil: null }, now);
    const sessions = await deleteUserSessions(trx, record.id);
    await recordAudit(
      user ? actingAs(ctx, user) : ctx,
      { action: 'accounts.reset-password', objectType: 'user', objectId: record.id, details: { sessionsEnded: sessions } },
      trx,
    );
    return true;
  });
  if (!done) throw new HygieError(AccountsErrors.ACCOUNTS_RESET_LINK_INVALID);
}
