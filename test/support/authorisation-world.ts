import type { Dialect } from '../../src/db/connection.js';
import { CERT_ROLES, systemActor, type Role } from '../../src/platform/auth/actor.js';
import { contextFor, type ServiceContext } from '../../src/platform/context.js';
import type { HttpApp } from '../../src/platform/http/server.js';
import {
  createApiToken,
  createUser,
  disableUser,
  getUser,
  type User,
} from '../../src/modules/accounts/index.js';
import { generateOpaqueToken, hashToken } from '../../src/modules/accounts/credentials.crypto.js';
import { insertPasswordReset } from '../../src/modules/accounts/password-reset.repository.js';
import { toUserActor } from '../../src/modules/accounts/session.service.js';
import { decryptTotpSecret, totpCodeAt } from '../../src/modules/accounts/totp.crypto.js';
import { findUserRecordById } from '../../src/modules/accounts/user.repository.js';
import { createContact } from '../../src/modules/registry/contact.service.js';
import { createDomain } from '../../src/modules/registry/domain.service.js';
import { structureDraft } from '../../src/modules/registry/fixtures/test-kit.js';
import { createGroup } from '../../src/modules/registry/group.service.js';
import { createNetwork } from '../../src/modules/registry/network.service.js';
import { archiveStructure, createStructure } from '../../src/modules/registry/structure.service.js';
import { signUnsubscribeToken } from '../../src/modules/vuln-watch/unsubscribe.token.js';
import { csrfFieldOf, loginAs, TEST_PASSWORD } from './login.js';
import {
  insertAssessedFindings,
  insertFinishedScan,
  insertQueuedScan,
  type SeededFindings,
} from './scanner-world.js';
import { startTestServer, type TestServer } from './test-server.js';
import {
  newBulletin,
  newDeployment,
  newNews,
  newSubscription,
  seedKnowledgeBase,
} from './vuln-watch-world.js';

/**
 * The world the authorisation matrix and the CSP/markup tests walk: the full app on a fresh
 * database, two structures A and B in one GHT (each with a contact, a domain, a network, a
 * finished scan with the host and the findings it found — compared with an earlier scan of the
 * same scope —, and a declared product), one logged-in user per role (the beneficiary bound to
 * A only), an anonymous visitor, the vulnerability watch's public and private
 * objects (CVEs, bulletins and news items in every status, one subscription per user), and
 * helpers that create fresh objects for destructive requests. Everything goes through
 * `app.inject`; no scan is ever run (no job runner, scanner rows written directly).
 */

/** A seeded structure and what hangs on it. */
export interface Seeded {
  readonly id: string;
  readonly name: string;
  readonly contactId: string;
  readonly domainId: string;
  readonly domainName: string;
  readonly networkId: string;
  readonly networkCidr: string;
  /** A completed scan of the structure's network (stored, never run). */
  readonly scanId: string;
  /** The asset host that scan found (one SSH service). */
  readonly hostId: string;
  /** What that scan found, compared with an earlier scan of the same scope (both assessed). */
  readonly findings: SeededFindings;
}

export {
  anonymousSession,
  roleSession,
  send,
  WHO,
  type Body,
  type Session,
  type Who,
} from './http-session.js';
import {
  anonymousSession,
  cookieHeader,
  cookiesOf,
  nextAddress,
  roleSession,
  WHO,
  type Session,
  type Who,
} from './http-session.js';

/** Makers of fresh objects, so that one caller's destructive request does not break the next. */
export interface Fresh {
  structure(): Promise<string>;
  archivedStructure(): Promise<string>;
  /** A GHT without members (archivable). */
  group(): Promise<string>;
  contact(structureId: string): Promise<string>;
  domain(structureId: string): Promise<string>;
  network(structureId: string): Promise<string>;
  /** An active account nobody else uses. */
  user(): Promise<User>;
  disabledUser(): Promise<User>;
  /** A token owned by `userId`. */
  apiToken(userId: string): Promise<string>;
  /** A usable password-reset token of `userId`. */
  resetToken(userId: string): Promise<string>;
  /** A new session of the caller (its own new account for a role), for requests that end or rotate it. */
  session(who: Who): Promise<Session>;
  /** A caller's session just before confirming a TOTP enrolment, with the code to send. */
  enrolment(who: Who): Promise<{ session: Session; code: string }>;
  /** A queued scan of the structure (TEST-NET target, no job queued: never runs). */
  queuedScan(structureId: string): Promise<string>;
  /** A declared product (catalogue FortiOS, a version of its own) at the structure. */
  deployment(structureId: string): Promise<{ productId: string; version: string }>;
  /** A complete bulletin (publishable) in the given status. */
  bulletin(status: 'draft' | 'published' | 'withdrawn'): Promise<string>;
  /** A complete news item (publishable) in the given status. */
  news(status: 'draft' | 'published' | 'withdrawn'): Promise<string>;
  /** A subscription of `userId` (null: of `target`, nobody's among the callers). */
  subscription(userId: string | null): Promise<string>;
  /** The one-click unsubscribe token of a subscription (as its digests carry it). */
  unsubscribeToken(subscriptionId: string): string;
  /** A unique number, for e-mails, FINESS, codes. */
  n(): number;
}

/** The seeded world of one dialect. */
export interface World {
  readonly dialect: Dialect;
  readonly server: TestServer;
  readonly app: HttpApp;
  readonly system: ServiceContext;
  readonly groupId: string;
  readonly A: Seeded;
  readonly B: Seeded;
  readonly sessions: Readonly<Record<Who, Session>>;
  /** An account that none of the callers owns (admin pages, someone else's token). */
  readonly target: User;
  /** An account (authority, no TOTP, password TEST_PASSWORD) that `POST /login` logs into. */
  readonly loginTarget: { readonly email: string; readonly password: string };
  /** Knowledge base: a CVE of the imported fkie sample, the catalogue product (FortiOS). */
  readonly kb: { readonly cveId: string; readonly productId: string };
  /** Bulletins: published (public), draft and withdrawn (CERT writers only). */
  readonly bulletins: { readonly published: string; readonly draft: string; readonly withdrawn: string };
  /** News items: published (public), draft (CERT writers only). */
  readonly news: { readonly published: string; readonly draft: string };
  /** One subscription per caller's account, and one of `target` (nobody else's). */
  readonly subscriptions: { readonly own: Readonly<Record<Role, string>>; readonly target: string };
  readonly fresh: Fresh;
}

async function seedStructure(
  ctx: ServiceContext,
  letter: string,
  groupId: string,
  octet: number,
): Promise<Omit<Seeded, 'scanId' | 'hostId' | 'findings'>> {
  const name = `Centre hospitalier ${letter} de la Matrice`;
  const structure = await createStructure(ctx, structureDraft({ name, groupId }));
  const contact = await createContact(ctx, structure.id, {
    role: 'security-officer',
    lastName: `Rssi ${letter}`,
    firstName: 'Camille',
    email: `rssi@ch-${letter.toLowerCase()}.matrice.test`,
    phone: '06 00 00 00 0' + String(octet),
  });
  const domainName = `ch-${letter.toLowerCase()}.matrice.test`;
  const domain = await createDomain(ctx, structure.id, {
    name: domainName,
    ownership: 'declared',
    notes: null,
  });
  const networkCidr = `127.21.${octet}.0/24`;
  const network = await createNetwork(ctx, structure.id, {
    cidr: networkCidr,
    asn: null,
    description: `Réseau ${letter}`,
  });
  return {
    id: structure.id,
    name,
    contactId: contact.id,
    domainId: domain.id,
    domainName,
    networkId: network.id,
    networkCidr,
  };
}

/** Starts the full app on a fresh database of `dialect` and seeds the world. */
export async function buildWorld(dialect: Dialect, env: Record<string, string> = {}): Promise<World> {
  const server = await startTestServer(dialect, { listen: false, env });
  const { app, platform } = server;
  const system = contextFor(platform, systemActor('test'));
  const group = await createGroup(system, { name: 'GHT de la Matrice', code: 'GHT-MAT-01', region: 'BRE' });
  const withScan = async (s: Omit<Seeded, 'scanId' | 'hostId' | 'findings'>): Promise<Seeded> => {
    const { scanId, hostId } = await insertFinishedScan(system, s);
    return { ...s, scanId, hostId, findings: await insertAssessedFindings(system, s, scanId) };
  };
  const A = await withScan(await seedStructure(system, 'A', group.id, 1));
  const B = await withScan(await seedStructure(system, 'B', group.id, 2));
  const kb = await seedKnowledgeBase(system);

  let counter = 0;
  const n = () => ++counter;
  const stamp = Date.now().toString(36);
  const createAccount = (role: Role, structureIds: readonly string[] = []) => {
    const i = n();
    return createUser(system, {
      email: `cible-${i}-${stamp}@test.hygie.example`,
      firstName: 'Cible',
      lastName: `Numéro ${i}`,
      role,
      structureIds,
    });
  };
  const newUser = async () => (await createAccount('authority')).user;
  const target = await newUser();

  const structureIdsOf = (who: Who) => (who === 'beneficiary' ? [A.id] : []);

  const fresh: Fresh = {
    n,
    structure: async () =>
      (await createStructure(system, structureDraft({ name: `Structure fraîche ${n()}` }))).id,
    archivedStructure: async () => {
      const id = (await createStructure(system, structureDraft({ name: `Structure archivée ${n()}` }))).id;
      await archiveStructure(system, id);
      return id;
    },
    group: async () => {
      const i = n();
      return (await createGroup(system, { name: `GHT frais ${i}`, code: `GHT-FRAIS-${i}`, region: 'BRE' }))
        .id;
    },
    contact: async (structureId) => {
      const i = n();
      return (
        await createContact(system, structureId, {
          role: 'deputy',
          lastName: `Suppléant ${i}`,
          firstName: 'Dominique',
          email: `suppleant-${i}@matrice.test`,
        })
      ).id;
    },
    domain: async (structureId) =>
      (await createDomain(system, structureId, { name: `frais-${n()}.matrice.test`, ownership: 'declared' }))
        .id,
    network: async (structureId) => {
      const i = n();
      return (
        await createNetwork(system, structureId, { cidr: `127.${60 + Math.floor(i / 250)}.${i % 250}.0/24` })
      ).id;
    },
    user: () => newUser(),
    disabledUser: async () => disableUser(system, (await newUser()).id),
    apiToken: async (userId) => {
      const owner = await getUser(system, userId);
      const { token } = await createApiToken(contextFor(platform, toUserActor(owner)), {
        name: `jeton ${n()}`,
      });
      return token.id;
    },
    resetToken: async (userId) => {
      const token = generateOpaqueToken();
      const now = platform.clock.now();
      await insertPasswordReset(platform.db, {
        id: hashToken(token),
        userId,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + 30 * 60_000).toISOString(),
        usedAt: null,
      });
      return token;
    },
    queuedScan: (structureId) => insertQueuedScan(system, structureId, n()),
    deployment: (structureId) => newDeployment(system, structureId, kb.productId, n()),
    bulletin: (status) => newBulletin(system, status, n()),
    news: (status) => newNews(system, status, n()),
    subscription: async (userId) => {
      const owner = await getUser(system, userId ?? target.id);
      return newSubscription(contextFor(platform, toUserActor(owner)), n());
    },
    unsubscribeToken: (subscriptionId) => signUnsubscribeToken(platform.config.secret, subscriptionId),
    session: async (who) =>
      who === 'anonymous' ? anonymousSession(app) : roleSession(server, who, structureIdsOf(who)),
    enrolment: async (who) => {
      if (who === 'anonymous') return { session: await anonymousSession(app), code: '000000' };
      // The real first login of a new account of this role, up to the enrolment form: CERT
      // roles must enrol there; the others reach it from their profile.
      const { user, oneTimePassword } = await createAccount(who, structureIdsOf(who));
      const remoteAddress = nextAddress();
      const jar = new Map<string, string>();
      const go = async (method: 'GET' | 'POST', url: string, form?: Record<string, string>) => {
        const response = await app.inject({
          method,
          url,
          remoteAddress,
          headers: {
            cookie: cookieHeader(jar),
            ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          },
          ...(form ? { payload: new URLSearchParams(form).toString() } : {}),
        });
        cookiesOf(response, jar);
        return response;
      };
      const csrfToken = csrfFieldOf((await go('GET', '/login')).body);
      const login = await go('POST', '/login', {
        _csrf: csrfToken,
        email: user.email,
        password: oneTimePassword,
      });
      if (login.headers.location !== '/account/password')
        throw new Error(`enrolment: login went to ${String(login.headers.location)}`);
      const changed = await go('POST', '/account/password', {
        _csrf: csrfToken,
        currentPassword: oneTimePassword,
        newPassword: TEST_PASSWORD,
        confirmation: TEST_PASSWORD,
      });
      const expected = CERT_ROLES.includes(who) ? '/account/totp/enrol' : '/account?done=password';
      if (changed.headers.location !== expected)
        throw new Error(`enrolment: password change went to ${String(changed.headers.location)}`);
      const page = await go('GET', '/account/totp/enrol');
      if (page.statusCode !== 200)
        throw new Error(`enrolment: the enrolment page answered ${page.statusCode}`);
      const record = await findUserRecordById(platform.db, user.id);
      const secret = record?.totpSecret
        ? decryptTotpSecret(platform.config.secret, user.id, record.totpSecret)
        : null;
      if (!secret) throw new Error('enrolment: no pending TOTP secret');
      return {
        session: { who, cookie: cookieHeader(jar), csrfToken, userId: user.id, remoteAddress },
        code: await totpCodeAt(secret, platform.clock.now()),
      };
    },
  };

  const sessions = {
    anonymous: await anonymousSession(app),
    admin: await roleSession(server, 'admin'),
    analyst: await roleSession(server, 'analyst'),
    auditor: await roleSession(server, 'auditor'),
    beneficiary: await roleSession(server, 'beneficiary', [A.id]),
    authority: await roleSession(server, 'authority'),
  } satisfies Record<Who, Session>;

  const loginUser = await loginAs(app, platform, { role: 'authority' });

  for (const s of [A, B]) await fresh.deployment(s.id);
  const bulletins = {
    published: await fresh.bulletin('published'),
    draft: await fresh.bulletin('draft'),
    withdrawn: await fresh.bulletin('withdrawn'),
  };
  const news = { published: await fresh.news('published'), draft: await fresh.news('draft') };
  const own = {} as Record<Role, string>;
  for (const who of WHO) if (who !== 'anonymous') own[who] = await fresh.subscription(sessions[who].userId);
  const subscriptions = { own, target: await fresh.subscription(null) };

  return {
    dialect,
    server,
    app,
    system,
    groupId: group.id,
    A,
    B,
    sessions,
    target,
    loginTarget: { email: loginUser.email, password: loginUser.password },
    kb,
    bulletins,
    news,
    subscriptions,
    fresh,
  };
}
