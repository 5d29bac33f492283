import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HygieError } from '../../lib/errors.js';
import { anonymousActor, systemActor } from '../../platform/auth/actor.js';
import { contextFor, type ServiceContext } from '../../platform/context.js';
import { testDialects } from '../../../test/support/test-db.js';
import { createTestPlatform, type TestPlatform } from '../../../test/support/test-platform.js';
import { insertTestStructure, readyUser, TEST_CLIENT } from '../../../test/support/login.js';
import { loginWithPassword } from './login.service.js';
import { authenticateSession } from './session.service.js';
import { findUserRecordById } from './user.repository.js';
import {
  createUser,
  describeUserStructures,
  getOwnAccount,
  getUser,
  issueOneTimePassword,
  listUsers,
  resetUserTotp,
  updateOwnProfile,
  updateUser,
} from './user.service.js';

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    if (error instanceof HygieError) return error.code;
    throw error;
  }
}

describe.each(testDialects())('user service on %s', (dialect) => {
  let platform: TestPlatform;
  let system: ServiceContext;
  let structureA: string;
  let structureB: string;
  const secretsSeen: string[] = [];

  beforeAll(async () => {
    platform = await createTestPlatform(dialect);
    system = contextFor(platform, systemActor('cli'));
    structureA = await insertTestStructure(platform.db, 'Centre hospitalier de Bézier');
    structureB = await insertTestStructure(platform.db, 'Clinique des Lilas');
  });
  afterAll(() => platform.close());

  it('creates an account with an argon2id one-time password that must be changed', async () => {
    const { user, oneTimePassword } = await createUser(system, {
      email: '  Jeanne.Martin@CHU-Exemple.fr ',
      firstName: 'Jeanne',
      lastName: 'Martin',
      role: 'analyst',
      phone: '06 12 34 56 78',
    });
    secretsSeen.push(oneTimePassword);
    expect(user.email).toBe('jeanne.martin@chu-exemple.fr');
    expect(user.phone).toBe('+33612345678');
    expect(user.passwordExpired).toBe(true);
    expect(user.totpEnabled).toBe(false);
    expect(oneTimePassword.length).toBeGreaterThanOrEqual(12);
    const record = await findUserRecordById(platform.db, user.id);
    expect(record?.passwordHash?.startsWith('$argon2id$')).toBe(true);
    expect(record?.passwordHash).not.toContain(oneTimePassword);

    const step = await loginWithPassword(contextFor(platform, anonymousActor), { email: user.email, password: oneTimePassword }, TEST_CLIENT);
    expect(step.state).toBe('password-change');
  });

  it('refuses a second account with the same e-mail, and invalid fields', async () => {
    expect(await codeOf(createUser(system, { email: 'jeanne.martin@chu-exemple.fr', firstName: 'J', lastName: 'M', role: 'auditor' }))).toBe(
      'ACCOUNTS_EMAIL_TAKEN',
    );
    const invalid = await createUser(system, { email: 'not-an-email', firstName: ' ', lastName: 'M', role: 'analyst', phone: '12' }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(HygieError);
    expect((invalid as HygieError).details.map((d) => d.field).sort()).toEqual(['email', 'firstName', 'phone']);
  });

  it('binds a beneficiary to one or more existing structures, and only a beneficiary', async () => {
    const { user } = await createUser(system, {
      email: 'rssi@ch-bezier.fr',
      firstName: 'Paul',
      lastName: 'Rssi',
      role: 'beneficiary',
      structureIds: [structureA, structureB, structureA],
    });
    expect([...user.structureIds].sort()).toEqual([structureA, structureB].sort());
    const rows = await platform.db.selectFrom('user_structures').select('structure_id').where('user_id', '=', user.id).execute();
    expect(rows).toHaveLength(2);
    expect((await describeUserStructures(system, user)).map((s) => s.name)).toEqual(['Centre hospitalier de Bézier', 'Clinique des Lilas']);

    expect(await codeOf(createUser(system, { email: 'b2@x.fr', firstName: 'A', lastName: 'B', role: 'beneficiary' }))).toBe('ACCOUNTS_STRUCTURES_REQUIRED');
    expect(await codeOf(createUser(system, { email: 'b3@x.fr', firstName: 'A', lastName: 'B', role: 'analyst', structureIds: [structureA] }))).toBe(
      'ACCOUNTS_STRUCTURES_NOT_ALLOWED',
    );
    expect(await codeOf(createUser(system, { email: 'b4@x.fr', firstName: 'A', lastName: 'B', role: 'beneficiary', structureIds: ['missing'] }))).toBe(
      'ACCOUNTS_UNKNOWN_STRUCTURE',
    );

    const changed = await updateUser(system, user.id, { structureIds: [structureB] });
    expect(changed.structureIds).toEqual([structureB]);
    const analyst = await updateUser(system, user.id, { role: 'analyst' });
    expect(analyst.structureIds).toEqual([]);
  });

  it('lets only administrators manage accounts, and users read their own', async () => {
    const admin = await readyUser(platform, { role: 'admin' });
    const analyst = await readyUser(platform, { role: 'analyst' });
    const anonymous = contextFor(platform, anonymousActor);
    expect(await codeOf(createUser(analyst.ctx, { email: 'x@y.fr', firstName: 'A', lastName: 'B', role: 'admin' }))).toBe('COMMON_FORBIDDEN');
    expect(await codeOf(createUser(anonymous, { email: 'x@y.fr', firstName: 'A', lastName: 'B', role: 'admin' }))).toBe('COMMON_UNAUTHENTICATED');
    expect(await codeOf(listUsers(analyst.ctx, {}))).toBe('COMMON_FORBIDDEN');
    expect(await codeOf(getUser(analyst.ctx, admin.user.id))).toBe('COMMON_FORBIDDEN');
    expect((await getUser(analyst.ctx, analyst.user.id)).id).toBe(analyst.user.id);
    expect((await getOwnAccount(analyst.ctx)).email).toBe(analyst.user.email);
    const created = await createUser(admin.ctx, { email: 'new.auditor@cert.fr', firstName: 'Nouvel', lastName: 'Auditeur', role: 'auditor' });
    secretsSeen.push(created.oneTimePassword);
    expect(created.user.role).toBe('auditor');
  });

  it('refuses that an administrator disables or demotes themself', async () => {
    const admin = await readyUser(platform, { role: 'admin' });
    expect(await codeOf(updateUser(admin.ctx, admin.user.id, { status: 'disabled' }))).toBe('ACCOUNTS_SELF_LOCKOUT');
    expect(await codeOf(updateUser(admin.ctx, admin.user.id, { role: 'analyst' }))).toBe('ACCOUNTS_SELF_LOCKOUT');
    expect((await updateUser(admin.ctx, admin.user.id, { firstName: 'Renamed' })).firstName).toBe('Renamed');
  });

  it('lists accounts with role, status and accent-insensitive search filters', async () => {
    await createUser(system, { email: 'helene.dupre@ars.fr', firstName: 'Hélène', lastName: 'DUPRÉ', role: 'authority' });
    const found = await listUsers(system, { q: 'helene dupre' });
    expect(found.items.map((u) => u.email)).toEqual(['helene.dupre@ars.fr']);
    const authorities = await listUsers(system, { role: 'authority' });
    expect(authorities.items.every((u) => u.role === 'authority')).toBe(true);
    const page = await listUsers(system, { pageSize: 2, page: 1 });
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
    const disabled = await listUsers(system, { status: 'disabled' });
    expect(disabled.items.every((u) => u.status === 'disabled')).toBe(true);
  });

  it('resets the second factor and issues a new one-time password, ending sessions', async () => {
    const analyst = await readyUser(platform, { role: 'analyst' });
    if (analyst.totpSecret) secretsSeen.push(analyst.totpSecret);
    const reset = await resetUserTotp(system, analyst.user.id);
    expect(reset.totpEnabled).toBe(false);
    expect(await authenticateSession(platform, analyst.sessionToken)).toBeNull();
    const record = await findUserRecordById(platform.db, analyst.user.id);
    expect(record?.totpSecret).toBeNull();

    const { user, oneTimePassword } = await issueOneTimePassword(system, analyst.user.id);
    secretsSeen.push(oneTimePassword);
    expect(user.passwordExpired).toBe(true);
    const step = await loginWithPassword(contextFor(platform, anonymousActor), { email: user.email, password: oneTimePassword }, TEST_CLIENT);
    expect(step.state).toBe('password-change');
    expect(await codeOf(loginWithPassword(contextFor(platform, anonymousActor), { email: user.email, password: analyst.password }, TEST_CLIENT))).toBe(
      'ACCOUNTS_INVALID_CREDENTIALS',
    );
  });

  it('lets users edit their own profile', async () => {
    const authority = await readyUser(platform, { role: 'authority' });
    const updated = await updateOwnProfile(authority.ctx, { firstName: 'Anne', phone: '', lang: 'en' });
    expect(updated.firstName).toBe('Anne');
    expect(updated.phone).toBeNull();
    expect(updated.lang).toBe('en');
  });

  it('writes an audit entry for every change, free of passwords, hashes and TOTP secrets', async () => {
    const rows = await platform.db.selectFrom('audit_log').selectAll().execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const action of [
      'accounts.create-user',
      'accounts.update-user',
      'accounts.reset-totp',
      'accounts.issue-one-time-password',
      'accounts.update-profile',
      'accounts.change-password',
      'accounts.enrol-totp',
      'accounts.login',
    ]) {
      expect(actions, action).toContain(action);
    }
    const users = await platform.db.selectFrom('users').select(['password_hash', 'totp_secret']).execute();
    const forbidden = [...secretsSeen, 'correct horse battery staple', ...users.flatMap((u) => [u.password_hash, u.totp_secret]).filter((s): s is string => !!s)];
    const sessions = await platform.db.selectFrom('sessions').select('id').execute();
    const dump = JSON.stringify(rows);
    for (const secret of forbidden) expect(dump).not.toContain(secret);
    for (const s of sessions) expect(dump).not.toContain(s.id);
    expect(dump).not.toMatch(/\$argon2id\$/);
  });
});
