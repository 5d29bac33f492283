import type { LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.js';
import { newId } from '../../src/lib/ids.js';
import { anonymousActor, CERT_ROLES, systemActor, type Role } from '../../src/platform/auth/actor.js';
import { contextFor, type Platform, type ServiceContext } from '../../src/platform/context.js';
import type { HttpApp } from '../../src/platform/http/server.js';
import { createUser, type User } from '../../src/modules/accounts/index.js';
import { loginWithPassword } from '../../src/modules/accounts/login.service.js';
import { toUserActor } from '../../src/modules/accounts/session.service.js';
import { decryptTotpSecret, totpCodeAt } from '../../src/modules/accounts/totp.crypto.js';
import { confirmTotpEnrolment, startTotpEnrolment } from '../../src/modules/accounts/totp.service.js';
import { findUserRecordById } from '../../src/modules/accounts/user.repository.js';
import { changeOwnPassword, getUser } from '../../src/modules/accounts/user.service.js';

/** What a test needs to act as a logged-in user over HTTP. */
export interface LoggedIn {
  /** `Cookie` header value: the CSRF nonce and the session. */
  readonly cookie: string;
  /** Value for the `_csrf` form field or the `x-csrf-token` header. */
  readonly csrfToken: string;
  readonly userId: string;
  readonly email: string;
  readonly password: string;
}

/** Password given to the users `loginAs` creates (12+ characters, not the e-mail). */
export const TEST_PASSWORD = 'correct horse battery staple';

let counter = 0;

/** Cookies of a response merged into a jar (a cleared cookie is removed). */
function absorb(jar: Map<string, string>, response: LightMyRequestResponse): void {
  for (const cookie of response.cookies) {
    if (cookie.value === '' || (cookie.maxAge !== undefined && cookie.maxAge <= 0)) jar.delete(cookie.name);
    else jar.set(cookie.name, cookie.value);
  }
}

function header(jar: Map<string, string>): string {
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

function expectRedirect(response: LightMyRequestResponse, step: string): string {
  const location = response.headers.location;
  if (response.statusCode !== 303 || typeof location !== 'string') {
    throw new Error(`loginAs: ${step} answered ${response.statusCode} instead of a redirect: ${response.body.slice(0, 500)}`);
  }
  return location;
}

/** The hidden `_csrf` field of a page. */
export function csrfFieldOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no _csrf field in the page');
  return match[1];
}

/**
 * Creates a user of `role` (bound to `structureIds` for a beneficiary) and logs in through the
 * real HTTP flow: one-time password, password change, and TOTP enrolment for CERT roles. Each
 * call comes from its own loopback address, so the per-address login rate limit never trips.
 */
export async function loginAs(
  app: HttpApp,
  platform: Platform,
  options: { role: Role; structureIds?: readonly string[]; email?: string },
): Promise<LoggedIn> {
  counter += 1;
  const remoteAddress = `127.0.${Math.floor(counter / 250) % 250}.${(counter % 250) + 1}`;
  const email = options.email ?? `${options.role}-${counter}-${Date.now().toString(36)}@test.hygie.example`;
  const ctx = contextFor(platform, systemActor('test'));
  const { user, oneTimePassword } = await createUser(ctx, {
    email,
    firstName: 'Test',
    lastName: options.role,
    role: options.role,
    structureIds: options.structureIds ?? [],
  });

  const jar = new Map<string, string>();
  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url, remoteAddress, headers: { cookie: header(jar) } });
    absorb(jar, response);
    return response;
  };
  const post = async (url: string, form: Record<string, string>) => {
    const response = await app.inject({
      method: 'POST',
      url,
      remoteAddress,
      headers: { cookie: header(jar), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(form).toString(),
    });
    absorb(jar, response);
    return response;
  };

  const loginPage = await get('/login');
  const csrfToken = csrfFieldOf(loginPage.body);
  let next = expectRedirect(await post('/login', { _csrf: csrfToken, email, password: oneTimePassword }), 'POST /login');
  if (next !== '/account/password') throw new Error(`loginAs: expected the password change, got ${next}`);
  next = expectRedirect(
    await post('/account/password', { _csrf: csrfToken, currentPassword: oneTimePassword, newPassword: TEST_PASSWORD, confirmation: TEST_PASSWORD }),
    'POST /account/password',
  );
  if (CERT_ROLES.includes(options.role)) {
    if (next !== '/account/totp/enrol') throw new Error(`loginAs: expected the TOTP enrolment, got ${next}`);
    const page = await get('/account/totp/enrol');
    if (page.statusCode !== 200) throw new Error(`loginAs: enrolment page answered ${page.statusCode}`);
    const record = await findUserRecordById(platform.db, user.id);
    const secret = record?.totpSecret ? decryptTotpSecret(platform.config.secret, user.id, record.totpSecret) : null;
    if (!secret) throw new Error('loginAs: no pending TOTP secret after the enrolment page');
    const code = await totpCodeAt(secret, platform.clock.now());
    expectRedirect(await post('/account/totp/enrol', { _csrf: csrfToken, code }), 'POST /account/totp/enrol');
  }
  if (!jar.has('hygie_session')) throw new Error('loginAs: no session cookie at the end of the login flow');
  return { cookie: header(jar), csrfToken, userId: user.id, email, password: TEST_PASSWORD };
}

/** A structure row with only the required columns, for the `user_structures` foreign key. */
export async function insertTestStructure(db: Kysely<Database>, name = 'Centre hospitalier de test'): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  await db
    .insertInto('structures')
    .values({
      id,
      name,
      finess: null,
      siret: null,
      kind: 'health-establishment',
      legal_status: 'public',
      region: 'IDF',
      address: null,
      postal_code: null,
      city: null,
      is_oiv: 0,
      is_ose: 0,
      group_id: null,
      search_text: name.toLowerCase(),
      archived_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** A user ready to log in, made through the services (no HTTP). */
export interface ReadyUser {
  readonly user: User;
  readonly password: string;
  /** Base32 TOTP secret when the second factor is enrolled. */
  readonly totpSecret: string | null;
  /** Cookie token of the fully authenticated session opened on the way. */
  readonly sessionToken: string;
  /** A context acting as this user. */
  readonly ctx: ServiceContext;
}

/** Client facts used by service-level tests. */
export const TEST_CLIENT = { ip: '127.0.0.1', userAgent: 'vitest' } as const;

/**
 * Creates a user and takes them through the first login with the services: one-time password,
 * own password, TOTP enrolment (CERT roles, or `totp: true`). The manual clock then moves 30 s
 * on, so that the next TOTP code of the test is not a replay of the enrolment code.
 */
export async function readyUser(
  platform: Platform & { clock: { advance(ms: number): void } },
  options: { role: Role; structureIds?: readonly string[]; email?: string; totp?: boolean },
): Promise<ReadyUser> {
  counter += 1;
  const email = options.email ?? `${options.role}-${counter}-${Date.now().toString(36)}@test.hygie.example`;
  const system = contextFor(platform, systemActor('test'));
  const anonymous = contextFor(platform, anonymousActor, { ip: TEST_CLIENT.ip });
  const created = await createUser(system, {
    email,
    firstName: 'Test',
    lastName: options.role,
    role: options.role,
    structureIds: options.structureIds ?? [],
  });
  const userCtx = contextFor(platform, toUserActor(created.user), { ip: TEST_CLIENT.ip });
  const first = await loginWithPassword(anonymous, { email, password: created.oneTimePassword }, TEST_CLIENT);
  let step = await changeOwnPassword(
    userCtx,
    { currentPassword: created.oneTimePassword, newPassword: TEST_PASSWORD, confirmation: TEST_PASSWORD },
    first.sessionToken,
    TEST_CLIENT,
  );
  let totpSecret: string | null = null;
  if (options.totp ?? CERT_ROLES.includes(options.role)) {
    const enrolment = await startTotpEnrolment(userCtx);
    totpSecret = enrolment.secret;
    step = await confirmTotpEnrolment(userCtx, await totpCodeAt(totpSecret, platform.clock.now()), step.sessionToken, TEST_CLIENT);
    platform.clock.advance(30_000);
  }
  if (step.state !== 'complete') throw new Error(`readyUser: the session ended at step ${step.state}`);
  const user = await getUser(system, created.user.id);
  return { user, password: TEST_PASSWORD, totpSecret, sessionToken: step.sessionToken, ctx: contextFor(platform, toUserActor(user), { ip: TEST_CLIENT.ip }) };
}
