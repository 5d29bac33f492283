import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HygieError } from '../../lib/errors.js';
import { anonymousActor } from '../../platform/auth/actor.js';
import { contextFor, type ServiceContext } from '../../platform/context.js';
import { testDialects } from '../../../test/support/test-db.js';
import { createTestPlatform, type TestPlatform } from '../../../test/support/test-platform.js';
import { readyUser, TEST_CLIENT } from '../../../test/support/login.js';
import { hashToken } from './credentials.crypto.js';
import { loginWithPassword } from './login.service.js';
import { checkPasswordResetLink, requestPasswordReset, resetPasswordWithLink } from './password-reset.service.js';
import { authenticateSession } from './session.service.js';

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    if (error instanceof HygieError) return error.code;
    throw error;
  }
}

describe.each(testDialects())('password reset on %s', (dialect) => {
  let platform: TestPlatform;
  let anonymous: ServiceContext;

  beforeAll(async () => {
    platform = await createTestPlatform(dialect);
    anonymous = contextFor(platform, anonymousActor, { ip: TEST_CLIENT.ip });
  });
  afterAll(() => platform.close());

  async function mailsTo(address: string) {
    return platform.db.selectFrom('outbox_messages').selectAll().where('to_address', '=', address).orderBy('created_at').execute();
  }

  function tokenFrom(text: string): string {
    const match = /\/password\/reset\?token=([A-Za-z0-9_%-]+)/.exec(text);
    if (!match?.[1]) throw new Error(`no reset link in: ${text}`);
    return decodeURIComponent(match[1]);
  }

  it('queues an e-mail with a single-use link, stores only its hash, and ends every session on use', async () => {
    const ready = await readyUser(platform, { role: 'authority' });
    await requestPasswordReset(anonymous, ready.user.email.toUpperCase());
    const mails = await mailsTo(ready.user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text_body).toContain('http://127.0.0.1:8080/password/reset?token=');
    expect(mails[0]?.text_body).toContain('30 minutes');
    const token = tokenFrom(mails[0]?.text_body ?? '');
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const stored = await platform.db.selectFrom('password_resets').selectAll().where('user_id', '=', ready.user.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.id).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    await checkPasswordResetLink(anonymous, token);
    expect(await codeOf(resetPasswordWithLink(anonymous, { token, newPassword: 'short', confirmation: 'short' }))).toBe('ACCOUNTS_PASSWORD_TOO_SHORT');
    await resetPasswordWithLink(anonymous, { token, newPassword: 'a brand new passphrase', confirmation: 'a brand new passphrase' });
    expect(await authenticateSession(platform, ready.sessionToken)).toBeNull();
    const step = await loginWithPassword(anonymous, { email: ready.user.email, password: 'a brand new passphrase' }, TEST_CLIENT);
    expect(step.state).toBe('complete');

    expect(await codeOf(checkPasswordResetLink(anonymous, token))).toBe('ACCOUNTS_RESET_LINK_INVALID');
    expect(await codeOf(resetPasswordWithLink(anonymous, { token, newPassword: 'yet another passphrase', confirmation: 'yet another passphrase' }))).toBe(
      'ACCOUNTS_RESET_LINK_INVALID',
    );
    const audit = await platform.db.selectFrom('audit_log').selectAll().where('object_id', '=', ready.user.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['accounts.request-password-reset', 'accounts.reset-password']));
    expect(JSON.stringify(audit)).not.toContain(token);
    expect(JSON.stringify(audit)).not.toContain('a brand new passphrase');
  });

  it('expires a link after 30 minutes', async () => {
    const ready = await readyUser(platform, { role: 'authority' });
    await requestPasswordReset(anonymous, ready.user.email);
    const token = tokenFrom((await mailsTo(ready.user.email))[0]?.text_body ?? '');
    platform.clock.advance(29 * 60_000);
    await checkPasswordResetLink(anonymous, token);
    platform.clock.advance(60_000);
    expect(await codeOf(checkPasswordResetLink(anonymous, token))).toBe('ACCOUNTS_RESET_LINK_INVALID');
    expect(await codeOf(resetPasswordWithLink(anonymous, { token, newPassword: 'a brand new passphrase', confirmation: 'a brand new passphrase' }))).toBe(
      'ACCOUNTS_RESET_LINK_INVALID',
    );
  });

  it('answers the same for an unknown address and sends nothing', async () => {
    const before = await platform.db.selectFrom('outbox_messages').select('id').execute();
    await requestPasswordReset(anonymous, 'nobody-here@example.org');
    const after = await platform.db.selectFrom('outbox_messages').select('id').execute();
    expect(after).toHaveLength(before.length);
  });

  it('sends at most one e-mail a minute per account', async () => {
    const ready = await readyUser(platform, { role: 'authority' });
    await requestPasswordReset(anonymous, ready.user.email);
    await requestPasswordReset(anonymous, ready.user.email);
    expect(await mailsTo(ready.user.email)).toHaveLength(1);
    platform.clock.advance(61_000);
    await requestPasswordReset(anonymous, ready.user.email);
    expect(await mailsTo(ready.user.email)).toHaveLength(2);
  });

  it('refuses unknown and malformed tokens', async () => {
    expect(await codeOf(checkPasswordResetLink(anonymous, ''))).toBe('ACCOUNTS_RESET_LINK_INVALID');
    expect(await codeOf(checkPasswordResetLink(anonymous, 'x'.repeat(43)))).toBe('ACCOUNTS_RESET_LINK_INVALID');
  });
});
