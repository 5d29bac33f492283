import { CommonErrors, HygieError, validationError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { UserActor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import type { Platform, ServiceContext } from '../../platform/context.js';
import { recordAudit } from '../audit-log/index.js';
import { AccountsErrors } from './accounts.errors.js';
import { canCreateApiToken, canManageOwnAccount, canRevokeApiToken, isTokenRoleStillAllowed, shouldTouchSession } from './accounts.policy.js';
import type { ApiToken, CreateApiTokenInput } from './accounts.types.js';
import {
  findApiToken,
  findApiTokenByHash,
  insertApiToken,
  listUserApiTokens,
  updateApiTokenLastUsed,
  updateApiTokenRevoked,
} from './api-token.repository.js';
import { generateApiToken, hashToken, looksLikeApiToken } from './credentials.crypto.js';
import { loadUser, toUserActor } from './session.service.js';

const NAME_MAX = 100;

/** Reads an expiry typed as a date (end of that day, UTC) or a date-time. */
function parseExpiry(value: string | null | undefined, now: Date): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const text = value.trim();
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T23:59:59.999Z` : text;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) throw validationError([{ field: 'expiresAt', message: 'a date such as 2027-06-30' }]);
  if (at <= now.getTime()) throw new HygieError(AccountsErrors.ACCOUNTS_TOKEN_EXPIRY_PAST);
  return new Date(at).toISOString();
}

/**
 * Creates an API token for the acting user, through a session only. Its role is the user's own
 * (an administrator may pick a narrower one). The secret (`hyg_…`) is returned once; only its
 * SHA-256 is stored.
 */
export async function createApiToken(ctx: ServiceContext, input: CreateApiTokenInput): Promise<{ token: ApiToken; secret: string }> {
  const actor = ctx.actor;
  authorize(actor, canManageOwnAccount(actor));
  if (actor.kind !== 'user') throw new HygieError(CommonErrors.COMMON_UNAUTHENTICATED);
  if (actor.apiTokenId !== undefined) throw new HygieError(AccountsErrors.ACCOUNTS_TOKEN_NEEDS_SESSION);
  const role = input.role ?? actor.role;
  if (!canCreateApiToken(actor, role)) throw new HygieError(AccountsErrors.ACCOUNTS_TOKEN_ROLE_NOT_ALLOWED, { role: actor.role });
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (name === '' || name.length > NAME_MAX || /\p{Cc}/u.test(name)) {
    throw validationError([{ field: 'name', message: `1 to ${NAME_MAX} characters` }]);
  }
  const now = ctx.clock.now();
  const expiresAt = parseExpiry(input.expiresAt, now);
  const secret = generateApiToken();
  const token: ApiToken = {
    id: newId(),
    userId: actor.userId,
    name,
    role,
    createdAt: now.toISOString(),
    expiresAt,
    lastUsedAt: null,
    revokedAt: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertApiToken(trx, token, hashToken(secret));
    await recordAudit(ctx, { action: 'accounts.create-api-token', objectType: 'api-token', objectId: token.id, details: { name, role, expiresAt } }, trx);
  });
  return { token, secret };
}

/** The acting user's tokens (never their secrets), newest first. */
export async function listOwnApiTokens(ctx: ServiceContext): Promise<ApiToken[]> {
  const actor = ctx.actor;
  authorize(actor, canManageOwnAccount(actor));
  if (actor.kind !== 'user') throw new HygieError(CommonErrors.COMMON_UNAUTHENTICATED);
  return listUserApiTokens(ctx.db, actor.userId);
}

/** Revokes a token at once (its owner or an administrator). Revoking twice is harmless. */
export async function revokeApiToken(ctx: ServiceContext, id: string): Promise<ApiToken> {
  authorize(ctx.actor, canManageOwnAccount(ctx.actor) || ctx.actor.kind === 'system');
  const token = await findApiToken(ctx.db, id);
  if (!token || !canRevokeApiToken(ctx.actor, token.userId)) {
    // Someone else's token is reported as missing: its existence is not the caller's business.
    throw new HygieError(CommonErrors.COMMON_NOT_FOUND, { what: 'API token' });
  }
  if (token.revokedAt !== null) return token;
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now().toISOString();
    await updateApiTokenRevoked(trx, id, now);
    await recordAudit(ctx, { action: 'accounts.revoke-api-token', objectType: 'api-token', objectId: id, details: { name: token.name } }, trx);
    return { ...token, revokedAt: now };
  });
}

/**
 * The actor of a bearer token, or null when the token is unknown, revoked, expired, its owner
 * disabled, or its role wider than the owner's current role. Records the last use at most once
 * a minute.
 */
export async function authenticateApiToken(platform: Platform, secret: string): Promise<UserActor | null> {
  if (!looksLikeApiToken(secret)) return null;
  const token = await findApiTokenByHash(platform.db, hashToken(secret));
  if (!token || token.revokedAt !== null) return null;
  const now = platform.clock.now();
  if (token.expiresAt !== null && Date.parse(token.expiresAt) <= now.getTime()) return null;
  const user = await loadUser(platform.db, token.userId);
  if (!user || user.status !== 'active' || !isTokenRoleStillAllowed(token.role, user.role)) return null;
  if (token.lastUsedAt === null || shouldTouchSession({ lastSeenAt: token.lastUsedAt }, now)) {
    await updateApiTokenLastUsed(platform.db, token.id, now.toISOString());
  }
  return toUserActor(user, { id: token.id, role: token.role });
}
