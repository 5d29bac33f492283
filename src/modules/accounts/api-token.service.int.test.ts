import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HygieError } from '../../lib/errors.js';
import { systemActor } from '../../platform/auth/actor.js';
import { contextFor } from '../../platform/context.js';
import { testDialects } from '../../../test/support/test-db.js';
import { createTestPlatform, type TestPlatform } from '../../../test/support/test-platform.js';
import { insertTestStructure, readyUser } from '../../../test/support/login.js';
import { authenticateApiToken, createApiToken, listOwnApiTokens, revokeApiToken } from './api-token.service.js';
import { hashToken } from './credentials.crypto.js';
import { disableUser, updateUser } from './user.service.js';

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    if (error instanceof HygieError) return error.code;
    throw error;
  }
}

describe.each(testDialects())('API tokens on %s', (dialect) => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await createTestPlatform(dialect);
  });
  afterAll(() => platform.close());

  it('shows the secret once, stores only its SHA-256, and resolves it to the user with the token role', async () => {
    const analyst = await readyUser(platform, { role: 'analyst' });
    const { token, secret } = await createApiToken(analyst.ctx, { name: 'SIEM export', expiresAt: null });
    expect(secret).toMatch(/^hyg_[A-Za-z0-9_-]{43}$/);
    const row = await platform.db.selectFrom('api_tokens').selectAll().where('id', '=', token.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashToken(secret));
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(JSON.stringify(await listOwnApiTokens(analyst.ctx))).not.toContain(secret);

    const actor = await authenticateApiToken(platform, secret);
    expect(actor).toMatchObject({ kind: 'user', userId: analyst.user.id, role: 'analyst', apiTokenId: token.id, label: analyst.user.email });
    const used = await platform.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', token.id).executeTakeFirstOrThrow();
    expect(used.last_used_at).not.toBeNull();

    const audit = await platform.db.selectFrom('audit_log').selectAll().where('object_id', '=', token.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['accounts.create-api-token']);
    expect(JSON.stringify(audit)).not.toContain(secret);
    expect(JSON.stringify(audit)).not.toContain(row.token_hash);
  });

  it('only narrows: own role, or any role for an administrator; never from a token', async () => {
    const auditor = await readyUser(platform, { role: 'auditor' });
    expect(await codeOf(createApiToken(auditor.ctx, { name: 'x', role: 'admin' }))).toBe('ACCOUNTS_TOKEN_ROLE_NOT_ALLOWED');
    const admin = await readyUser(platform, { role: 'admin' });
    const { secret } = await createApiToken(admin.ctx, { name: 'read-only bot', role: 'authority' });
    const actor = await authenticateApiToken(platform, secret);
    expect(actor?.kind === 'user' && actor.role).toBe('authority');
    if (!actor) throw new Error('no actor');
    expect(await codeOf(createApiToken(contextFor(platform, actor), { name: 'from token' }))).toBe('ACCOUNTS_TOKEN_NEEDS_SESSION');
    expect(await codeOf(createApiToken(admin.ctx, { name: 'past', expiresAt: '2020-01-01' }))).toBe('ACCOUNTS_TOKEN_EXPIRY_PAST');
  });

  it('gives a beneficiary token the structures of its user', async () => {
    const structure = await insertTestStructure(platform.db);
    const beneficiary = await readyUser(platform, { role: 'beneficiary', structureIds: [structure] });
    const { secret } = await createApiToken(beneficiary.ctx, { name: 'scripts' });
    expect(await authenticateApiToken(platform, secret)).toMatchObject({ role: 'beneficiary', structureIds: [structure] });
  });

  it('stops working once revoked, expired, its user disabled or demoted', async () => {
    const system = contextFor(platform, systemActor('test'));
    const analyst = await readyUser(platform, { role: 'analyst' });
    const revoked = await createApiToken(analyst.ctx, { name: 'to revoke' });
    const expiring = await createApiToken(analyst.ctx, { name: 'short', expiresAt: new Date(platform.clock.now().getTime() + 3_600_000).toISOString() });
    expect(await authenticateApiToken(platform, revoked.secret)).not.toBeNull();
    expect((await revokeApiToken(analyst.ctx, revoked.token.id)).revokedAt).not.toBeNull();
    expect(await authenticateApiToken(platform, revoked.secret)).toBeNull();
    expect(await authenticateApiToken(platform, expiring.secret)).not.toBeNull();
    platform.clock.advance(3_600_000);
    expect(await authenticateApiToken(platform, expiring.secret)).toBeNull();

    const other = await readyUser(platform, { role: 'analyst' });
    expect(await codeOf(revokeApiToken(other.ctx, revoked.token.id))).toBe('COMMON_NOT_FOUND');

    const demoted = await createApiToken(analyst.ctx, { name: 'demoted' });
    const structure = await insertTestStructure(platform.db);
    await updateUser(system, analyst.user.id, { role: 'beneficiary', structureIds: [structure] });
    expect(await authenticateApiToken(platform, demoted.secret)).toBeNull();

    const disabled = await readyUser(platform, { role: 'authority' });
    const token = await createApiToken(disabled.ctx, { name: 'bot' });
    await disableUser(system, disabled.user.id);
    expect(await authenticateApiToken(platform, token.secret)).toBeNull();
    expect(await authenticateApiToken(platform, 'hyg_' + 'A'.repeat(43))).toBeNull();
  });
});
