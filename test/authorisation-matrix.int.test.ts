import { existsSync, readFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/lib/ids.js';
import { getContact } from '../src/modules/registry/contact.service.js';
import { uniqueFiness } from '../src/modules/registry/fixtures/test-kit.js';
import { getStructure } from '../src/modules/registry/structure.service.js';
import {
  buildWorld,
  send,
  WHO,
  type Body,
  type Seeded,
  type Session,
  type Who,
  type World,
} from './support/authorisation-world.js';
import { TEST_PASSWORD } from './support/login.js';
import { testDialects } from './support/test-db.js';

/*
 * The authorisation matrix (issue 2, design §4): every registered route, called by every role
 * and by an anonymous visitor, must be allowed or denied exactly as the table below says.
 *
 * A route missing from the table fails the first test with its name: a new route must declare
 * who may call it here. Each entry gives the callers allowed, how to build the path parameters
 * (a FRESH object per request for destructive actions) and a valid body, so that only the
 * authorisation decides the outcome:
 *
 *   allowed ⇔ 2xx, or a 3xx that does not go to /login
 *   denied  ⇔ anonymous: 401, or 303 to /login…; logged in: 403, or 404 for callers the entry
 *             lists in `hidden` (objects whose existence they must not learn, e.g. another
 *             structure's records for a beneficiary) — and then the answer must be the same as
 *             for an object that does not exist.
 *   anything else (400, 409, 5xx, a 404 nobody expects) is a broken sample request or a bug.
 *
 * Public entries (login steps, password reset, language, docs, health) are allowed for everyone:
 * any answer below 400 counts, including their own redirects to /login (logout, login steps).
 * Users still at a login step (TOTP code, password change) are covered by the accounts tests.
 */

type Params = Readonly<Record<string, string>>;

/** What a case sends: path parameters, query string, body, and a session of its own if needed. */
interface Built {
  readonly params?: Params;
  readonly query?: string;
  readonly body?: Body;
  readonly session?: Session;
}

/** One way of calling a route, and who may do it. */
interface Case {
  /** Shown in the test name when a route has several cases. */
  readonly label?: string;
  readonly allowed: readonly Who[];
  /** Denied callers that must get 404 (never 403): the object is outside their reach. */
  readonly hidden?: readonly Who[];
  readonly public?: true;
  /** A redirect to /login that is this route's success answer (logging out), not a denial. */
  readonly success?: string;
  readonly build?: (w: World, who: Who) => Built | Promise<Built>;
}

const USERS: readonly Who[] = ['admin', 'analyst', 'auditor', 'beneficiary', 'authority'];
const ADMIN: readonly Who[] = ['admin'];
const WRITERS: readonly Who[] = ['admin', 'analyst'];
const CERT_STAFF: readonly Who[] = ['admin', 'analyst', 'auditor'];
/** The whole constituency's structures and GHTs. */
const REGISTRY_READERS: readonly Who[] = ['admin', 'analyst', 'auditor', 'authority'];
/** Contacts, domains, networks: CERT staff (all) and beneficiaries (their own). */
const ASSET_READERS: readonly Who[] = ['admin', 'analyst', 'auditor', 'beneficiary'];
const CONTACT_WRITERS_OF_A: readonly Who[] = ['admin', 'analyst', 'beneficiary'];
const NOT_ADMIN: readonly Who[] = ['analyst', 'auditor', 'beneficiary', 'authority'];

const form = (fields: Readonly<Record<string, string | readonly string[]>>): Body => ({
  kind: 'form',
  fields,
});
const json = (value: unknown): Body => ({ kind: 'json', value });

/** A public route: allowed for everyone. */
const pub = (build?: Case['build']): Case => ({ allowed: WHO, public: true, ...(build ? { build } : {}) });

/** The same request on structure B (outside the beneficiary's reach) and on A (the beneficiary's). */
function onBandA(
  allowedOnB: readonly Who[],
  allowedOnA: readonly Who[],
  build: (w: World, s: Seeded, who: Who) => Built | Promise<Built>,
): Case[] {
  return [
    {
      label: 'structure B',
      allowed: allowedOnB,
      hidden: ['beneficiary'],
      build: (w, who) => build(w, w.B, who),
    },
    { label: 'structure A, the beneficiary’s', allowed: allowedOnA, build: (w, who) => build(w, w.A, who) },
  ];
}

function contactFields(w: World): Record<string, string | string[]> {
  const i = w.fresh.n();
  return {
    role: 'security-officer',
    lastName: `Martin ${i}`,
    firstName: 'Alex',
    email: `alex-${i}@matrice.test`,
    phone: '06 12 34 56 78',
    alertKinds: ['vulnerability', 'incident'],
  };
}

function newStructureFields(w: World): Record<string, string> {
  const i = w.fresh.n();
  return {
    name: `Clinique nouvelle ${i}`,
    finess: uniqueFiness(),
    kind: 'health-establishment',
    legalStatus: 'public',
    region: 'BRE',
    postalCode: '35000',
    city: 'Rennes',
  };
}

/** The edit form of a structure as the browser sends it back (unchanged but the city). */
async function structureEditFields(w: World, id: string): Promise<Record<string, string>> {
  const s = await getStructure(w.system, id);
  return {
    name: s.name,
    finess: s.finess ?? '',
    siret: s.siret ?? '',
    kind: s.kind,
    legalStatus: s.legalStatus,
    region: s.region,
    address: s.address ?? '',
    postalCode: s.postalCode ?? '',
    city: 'Rennes',
    groupId: s.groupId ?? '',
    ...(s.isOiv ? { isOiv: 'on' } : {}),
    ...(s.isOse ? { isOse: 'on' } : {}),
  };
}

async function contactEditFields(w: World, id: string): Promise<Record<string, string | string[]>> {
  const c = await getContact(w.system, id);
  return {
    role: c.role,
    lastName: c.lastName,
    firstName: 'Camille',
    email: c.email,
    phone: c.phone ?? '',
    alertKinds: [...c.alertKinds],
  };
}

const freshCidr = (w: World) => {
  const i = w.fresh.n();
  return `127.${90 + Math.floor(i / 250)}.${i % 250}.0/24`;
};

const importCsv = readFileSync(
  new URL('../src/modules/registry/fixtures/structures.csv', import.meta.url),
  'utf8',
);

/** Someone else's token (hidden from non-admins) and the caller's own. */
const tokenCases = (): Case[] => [
  {
    label: 'someone else’s token',
    allowed: ADMIN,
    hidden: NOT_ADMIN,
    build: async (w) => ({ params: { id: await w.fresh.apiToken(w.target.id) } }),
  },
  {
    label: 'own token',
    allowed: USERS,
    build: async (w, who) => ({
      params: { id: await w.fresh.apiToken(w.sessions[who].userId ?? w.target.id) },
    }),
  },
];

/**
 * THE TABLE: `METHOD url` as registered → who may call it. Skipped: HEAD, `/assets/*` and
 * `/api/docs/static/*` (static files).
 *
 * TODO(scanner): `src/modules/scanner/scanner.routes.ts` is being written; its routes are not
 * registered yet. When they are, the first test below fails naming each of them until an entry
 * is added here (and the last test checks the routes the file declares, even before they are
 * registered). `scanner.policy.ts` says: launch, resume, cancel → CERT_STAFF; list → ASSET_READERS;
 * read a scan or host → CERT_STAFF on B with `hidden: ['beneficiary']`, + beneficiary on A; the
 * authority and anonymous nothing. Scan only loopback targets (A's and B's 127.21.x.0/24).
 */
const EXPECTATIONS: Readonly<Record<string, Case | readonly Case[]>> = {
  // ---- platform (public) ----
  'GET /': pub(),
  'GET /healthz': pub(),
  'POST /lang': pub(() => ({ body: form({ lang: 'fr', next: '/structures' }) })),
  'GET /api/docs': pub(),
  'GET /api/docs/json': pub(),
  'GET /api/docs/yaml': pub(),
  'GET /api/docs/static/index.html': pub(),
  'GET /api/docs/static/swagger-initializer.js': pub(),

  // ---- accounts: login steps and password reset (public) ----
  'GET /login': pub(),
  // Logging in ends the caller's current session: each call gets a session of its own.
  'POST /login': pub(async (w, who) => ({
    session: await w.fresh.session(who),
    body: form({ email: w.loginTarget.email, password: w.loginTarget.password }),
  })),
  'GET /login/totp': pub(),
  'POST /login/totp': pub(() => ({ body: form({ code: '000000' }) })),
  'POST /logout': pub(async (w, who) => ({ session: await w.fresh.session(who) })),
  'GET /password/forgot': pub(),
  'POST /password/forgot': pub((w) => ({ body: form({ email: w.target.email }) })),
  'GET /password/reset': pub(async (w) => ({
    query: `token=${encodeURIComponent(await w.fresh.resetToken(w.target.id))}`,
  })),
  'POST /password/reset': pub(async (w) => ({
    body: form({
      token: await w.fresh.resetToken(w.target.id),
      newPassword: 'une phrase de passe neuve',
      confirmation: 'une phrase de passe neuve',
    }),
  })),

  // ---- accounts: one's own account (every logged-in user) ----
  'GET /account': { allowed: USERS },
  'POST /account': {
    allowed: USERS,
    build: (_w, who) => ({ body: form({ firstName: 'Test', lastName: who, lang: 'fr' }) }),
  },
  'POST /account/sessions/logout-everywhere': {
    allowed: USERS,
    success: '/login?done=logged-out',
    build: async (w, who) => ({ session: await w.fresh.session(who) }),
  },
  'GET /account/password': { allowed: USERS },
  'POST /account/password': {
    allowed: USERS,
    build: async (w, who) => ({
      session: await w.fresh.session(who),
      body: form({
        currentPassword: TEST_PASSWORD,
        newPassword: 'une autre phrase de passe',
        confirmation: 'une autre phrase de passe',
      }),
    }),
  },
  'GET /account/totp/enrol': { allowed: USERS },
  // A new account of the role at its enrolment form (CERT roles: the mandatory first-login step).
  'POST /account/totp/enrol': {
    allowed: USERS,
    build: async (w, who) => {
      const { session, code } = await w.fresh.enrolment(who);
      return { session, body: form({ code }) };
    },
  },
  'GET /account/tokens': { allowed: USERS },
  'POST /account/tokens': {
    allowed: USERS,
    build: (w) => ({ body: form({ name: `jeton ${w.fresh.n()}` }) }),
  },
  'POST /account/tokens/:id/revoke': tokenCases(),
  'GET /api/v1/me': { allowed: USERS },
  'GET /api/v1/tokens': { allowed: USERS },
  'POST /api/v1/tokens': { allowed: USERS, build: (w) => ({ body: json({ name: `jeton ${w.fresh.n()}` }) }) },
  'DELETE /api/v1/tokens/:id': tokenCases(),

  // ---- accounts: administration (admin only) ----
  'GET /api/v1/users': { allowed: ADMIN },
  'POST /api/v1/users': {
    allowed: ADMIN,
    build: (w) => ({
      body: json({
        email: `nouveau-${w.fresh.n()}@test.hygie.example`,
        firstName: 'Nouveau',
        lastName: 'Compte',
        role: 'authority',
      }),
    }),
  },
  'GET /api/v1/users/:id': [
    { label: 'another account', allowed: ADMIN, build: (w) => ({ params: { id: w.target.id } }) },
    {
      label: 'own account',
      allowed: USERS,
      build: (w, who) => ({ params: { id: w.sessions[who].userId ?? w.target.id } }),
    },
  ],
  'PATCH /api/v1/users/:id': [
    {
      label: 'another account',
      allowed: ADMIN,
      build: (w) => ({ params: { id: w.target.id }, body: json({ firstName: 'Cible' }) }),
    },
    // Privilege escalation: nobody but an admin may give themself the admin role.
    {
      label: 'own account, role admin',
      allowed: ADMIN,
      build: (w, who) => ({
        params: { id: w.sessions[who].userId ?? w.target.id },
        body: json({ role: 'admin' }),
      }),
    },
  ],
  'GET /admin/users': { allowed: ADMIN },
  'GET /admin/users/new': { allowed: ADMIN },
  'POST /admin/users/new': {
    allowed: ADMIN,
    build: (w) => ({
      body: form({
        email: `nouveau-${w.fresh.n()}@test.hygie.example`,
        firstName: 'Nouveau',
        lastName: 'Compte',
        phone: '',
        role: 'authority',
        lang: 'fr',
        structureIds: '',
      }),
    }),
  },
  'GET /admin/users/:id': [
    { label: 'another account', allowed: ADMIN, build: (w) => ({ params: { id: w.target.id } }) },
    {
      label: 'own account',
      allowed: ADMIN,
      build: (w, who) => ({ params: { id: w.sessions[who].userId ?? w.target.id } }),
    },
  ],
  'POST /admin/users/:id': [
    {
      label: 'another account',
      allowed: ADMIN,
      build: (w) => ({
        params: { id: w.target.id },
        body: form({
          firstName: 'Cible',
          lastName: 'Compte',
          phone: '',
          role: 'authority',
          lang: 'fr',
          structureIds: '',
        }),
      }),
    },
    {
      label: 'own account, role admin',
      allowed: ADMIN,
      build: (w, who) => ({
        params: { id: w.sessions[who].userId ?? w.target.id },
        body: form({
          firstName: 'Test',
          lastName: who,
          phone: '',
          role: 'admin',
          lang: 'fr',
          structureIds: '',
        }),
      }),
    },
  ],
  'POST /admin/users/:id/disable': {
    allowed: ADMIN,
    build: async (w) => ({ params: { id: (await w.fresh.user()).id } }),
  },
  'POST /admin/users/:id/enable': {
    allowed: ADMIN,
    build: async (w) => ({ params: { id: (await w.fresh.disabledUser()).id } }),
  },
  'POST /admin/users/:id/totp-reset': {
    allowed: ADMIN,
    build: async (w) => ({ params: { id: (await w.fresh.user()).id } }),
  },
  'POST /admin/users/:id/one-time-password': {
    allowed: ADMIN,
    build: async (w) => ({ params: { id: (await w.fresh.user()).id } }),
  },

  // ---- audit log (admin only) ----
  'GET /api/v1/audit-log': { allowed: ADMIN },
  'GET /admin/audit-log': { allowed: ADMIN },

  // ---- registry API: structures ----
  'GET /api/v1/structures': { allowed: USERS },
  'POST /api/v1/structures': {
    allowed: WRITERS,
    build: (w) => ({
      body: json({
        name: `Clinique API ${w.fresh.n()}`,
        finess: uniqueFiness(),
        kind: 'health-establishment',
        legalStatus: 'public',
        region: 'BRE',
      }),
    }),
  },
  'GET /api/v1/structures/:id': onBandA(REGISTRY_READERS, USERS, (_w, s) => ({ params: { id: s.id } })),
  'PATCH /api/v1/structures/:id': onBandA(WRITERS, WRITERS, (_w, s) => ({
    params: { id: s.id },
    body: json({ city: 'Rennes' }),
  })),
  'POST /api/v1/structures/:id/archive': {
    label: 'a fresh structure',
    allowed: WRITERS,
    hidden: ['beneficiary'],
    build: async (w) => ({ params: { id: await w.fresh.structure() } }),
  },
  'POST /api/v1/structures/:id/restore': {
    label: 'a fresh archived structure',
    allowed: WRITERS,
    hidden: ['beneficiary'],
    build: async (w) => ({ params: { id: await w.fresh.archivedStructure() } }),
  },
  'POST /api/v1/structures/import': {
    allowed: WRITERS,
    build: () => ({ query: 'kind=structures&dryRun=true', body: { kind: 'csv', text: importCsv } }),
  },

  // ---- registry API: GHTs ----
  'GET /api/v1/groups': { allowed: REGISTRY_READERS },
  'POST /api/v1/groups': {
    allowed: WRITERS,
    build: (w) => {
      const i = w.fresh.n();
      return { body: json({ name: `GHT API ${i}`, code: `GHT-API-${i}`, region: 'BRE' }) };
    },
  },
  'GET /api/v1/groups/:id': { allowed: REGISTRY_READERS, build: (w) => ({ params: { id: w.groupId } }) },
  'PATCH /api/v1/groups/:id': {
    allowed: WRITERS,
    build: (w) => ({ params: { id: w.groupId }, body: json({ name: 'GHT de la Matrice' }) }),
  },
  'POST /api/v1/groups/:id/archive': {
    label: 'a fresh GHT',
    allowed: WRITERS,
    build: async (w) => ({ params: { id: await w.fresh.group() } }),
  },

  // ---- registry API: contacts ----
  'GET /api/v1/contacts': { allowed: ASSET_READERS },
  'POST /api/v1/contacts': onBandA(WRITERS, CONTACT_WRITERS_OF_A, (w, s) => ({
    body: json({ structureId: s.id, ...contactFields(w) }),
  })),
  'GET /api/v1/contacts/:id': onBandA(CERT_STAFF, ASSET_READERS, (_w, s) => ({
    params: { id: s.contactId },
  })),
  'PATCH /api/v1/contacts/:id': onBandA(WRITERS, CONTACT_WRITERS_OF_A, (_w, s) => ({
    params: { id: s.contactId },
    body: json({ firstName: 'Camille' }),
  })),
  'POST /api/v1/contacts/:id/archive': onBandA(WRITERS, CONTACT_WRITERS_OF_A, async (w, s) => ({
    params: { id: await w.fresh.contact(s.id) },
  })),

  // ---- registry API: domains ----
  'GET /api/v1/domains': { allowed: ASSET_READERS },
  'POST /api/v1/domains': onBandA(WRITERS, WRITERS, (w, s) => ({
    body: json({ structureId: s.id, name: `api-${w.fresh.n()}.matrice.test`, ownership: 'dns-txt' }),
  })),
  'GET /api/v1/domains/:id': onBandA(CERT_STAFF, ASSET_READERS, (_w, s) => ({ params: { id: s.domainId } })),
  'PATCH /api/v1/domains/:id': onBandA(WRITERS, WRITERS, (_w, s) => ({
    params: { id: s.domainId },
    body: json({ notes: 'Vérifié' }),
  })),
  'POST /api/v1/domains/:id/archive': onBandA(WRITERS, WRITERS, async (w, s) => ({
    params: { id: await w.fresh.domain(s.id) },
  })),

  // ---- registry API: networks ----
  'GET /api/v1/networks': { allowed: ASSET_READERS },
  'POST /api/v1/networks': onBandA(WRITERS, WRITERS, (w, s) => ({
    body: json({ structureId: s.id, cidr: freshCidr(w), asn: 'AS2200' }),
  })),
  'GET /api/v1/networks/:id': onBandA(CERT_STAFF, ASSET_READERS, (_w, s) => ({
    params: { id: s.networkId },
  })),
  'PATCH /api/v1/networks/:id': onBandA(WRITERS, WRITERS, (_w, s) => ({
    params: { id: s.networkId },
    body: json({ description: 'Réseau vérifié' }),
  })),
  'POST /api/v1/networks/:id/archive': onBandA(WRITERS, WRITERS, async (w, s) => ({
    params: { id: await w.fresh.network(s.id) },
  })),

  // ---- registry API: owner lookups (CERT staff) ----
  'GET /api/v1/lookup/ip/:ip': { allowed: CERT_STAFF, build: () => ({ params: { ip: '127.21.2.9' } }) },
  'GET /api/v1/lookup/domain/:name': {
    allowed: CERT_STAFF,
    build: (w) => ({ params: { name: `www.${w.B.domainName}` } }),
  },

  // ---- registry pages: structures ----
  'GET /structures': { allowed: USERS },
  'GET /structures/new': { allowed: WRITERS },
  'POST /structures': { allowed: WRITERS, build: (w) => ({ body: form(newStructureFields(w)) }) },
  'GET /structures/:id': onBandA(REGISTRY_READERS, USERS, (_w, s) => ({ params: { id: s.id } })),
  'GET /structures/:id/edit': onBandA(WRITERS, WRITERS, (_w, s) => ({ params: { id: s.id } })),
  'POST /structures/:id/edit': onBandA(WRITERS, WRITERS, async (w, s) => ({
    params: { id: s.id },
    body: form(await structureEditFields(w, s.id)),
  })),
  'POST /structures/:id/archive': {
    label: 'a fresh structure',
    allowed: WRITERS,
    hidden: ['beneficiary'],
    build: async (w) => ({ params: { id: await w.fresh.structure() } }),
  },
  'POST /structures/:id/restore': {
    label: 'a fresh archived structure',
    allowed: WRITERS,
    hidden: ['beneficiary'],
    build: async (w) => ({ params: { id: await w.fresh.archivedStructure() } }),
  },
  'GET /structures/import': { allowed: WRITERS },
  'POST /structures/import': {
    allowed: WRITERS,
    build: () => ({
      body: {
        kind: 'multipart',
        parts: [
          { name: 'kind', value: 'structures' },
          { name: 'dryRun', value: 'on' },
          { name: 'file', value: importCsv, filename: 'structures.csv' },
        ],
      },
    }),
  },

  // ---- registry pages: contacts, domains, networks of a structure ----
  'POST /structures/:id/contacts': onBandA(WRITERS, CONTACT_WRITERS_OF_A, (w, s) => ({
    params: { id: s.id },
    body: form(contactFields(w)),
  })),
  'GET /structures/:id/contacts/:itemId/edit': onBandA(WRITERS, CONTACT_WRITERS_OF_A, (_w, s) => ({
    params: { id: s.id, itemId: s.contactId },
  })),
  'POST /structures/:id/contacts/:itemId/edit': onBandA(WRITERS, CONTACT_WRITERS_OF_A, async (w, s) => ({
    params: { id: s.id, itemId: s.contactId },
    body: form(await contactEditFields(w, s.contactId)),
  })),
  'POST /structures/:id/contacts/:itemId/archive': onBandA(WRITERS, CONTACT_WRITERS_OF_A, async (w, s) => ({
    params: { id: s.id, itemId: await w.fresh.contact(s.id) },
  })),
  'POST /structures/:id/domains': onBandA(WRITERS, WRITERS, (w, s) => ({
    params: { id: s.id },
    body: form({ name: `page-${w.fresh.n()}.matrice.test`, ownership: 'declared', notes: '' }),
  })),
  'POST /structures/:id/domains/:itemId/archive': onBandA(WRITERS, WRITERS, async (w, s) => ({
    params: { id: s.id, itemId: await w.fresh.domain(s.id) },
  })),
  'POST /structures/:id/networks': onBandA(WRITERS, WRITERS, (w, s) => ({
    params: { id: s.id },
    body: form({ cidr: freshCidr(w), asn: '', description: '' }),
  })),
  'POST /structures/:id/networks/:itemId/archive': onBandA(WRITERS, WRITERS, async (w, s) => ({
    params: { id: s.id, itemId: await w.fresh.network(s.id) },
  })),

  // ---- registry pages: GHTs ----
  'GET /groups': { allowed: REGISTRY_READERS },
  'GET /groups/new': { allowed: WRITERS },
  'POST /groups': {
    allowed: WRITERS,
    build: (w) => {
      const i = w.fresh.n();
      return { body: form({ name: `GHT page ${i}`, code: `GHT-PAGE-${i}`, region: 'BRE' }) };
    },
  },
  'GET /groups/:id': { allowed: REGISTRY_READERS, build: (w) => ({ params: { id: w.groupId } }) },
  'GET /groups/:id/edit': { allowed: WRITERS, build: (w) => ({ params: { id: w.groupId } }) },
  'POST /groups/:id/edit': {
    allowed: WRITERS,
    build: (w) => ({
      params: { id: w.groupId },
      body: form({ name: 'GHT de la Matrice', code: 'GHT-MAT-01', region: 'BRE' }),
    }),
  },
  'POST /groups/:id/archive': {
    label: 'a fresh GHT',
    allowed: WRITERS,
    build: async (w) => ({ params: { id: await w.fresh.group() } }),
  },
};

/** Routes the matrix walks: everything registered but HEAD and static files. */
function walkedRoutes(app: World['app']): string[] {
  return app.routeTable
    .filter(
      (r) => r.method !== 'HEAD' && !r.url.startsWith('/assets/') && !r.url.startsWith('/api/docs/static/*'),
    )
    .map((r) => `${r.method} ${r.url}`);
}

interface Row {
  readonly name: string;
  readonly route: string;
  readonly method: string;
  readonly path: string;
  readonly kase: Case;
  readonly who: Who;
  readonly expected: 'allowed' | 'denied';
}

const ROWS: Row[] = Object.entries(EXPECTATIONS).flatMap(([route, entry]) => {
  const [method = '', path = ''] = route.split(' ');
  const cases: readonly Case[] = Array.isArray(entry) ? entry : [entry as Case];
  return cases.flatMap((kase) =>
    WHO.map((who): Row => {
      const expected = kase.allowed.includes(who) ? 'allowed' : 'denied';
      return {
        name: `${route}${kase.label ? ` (${kase.label})` : ''} as ${who} → ${expected}`,
        route,
        method,
        path,
        kase,
        who,
        expected,
      };
    }),
  );
});

function fillPath(path: string, params: Params = {}): string {
  return path.replace(/:(\w+)/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`the table gives no value for :${name} of ${path}`);
    return encodeURIComponent(value);
  });
}

function locationOf(response: LightMyRequestResponse): string {
  const location = response.headers.location;
  return typeof location === 'string' ? location : '';
}

/** What the answer means: allowed, denied, or a problem of the sample request (or a bug). */
function verdictOf(response: LightMyRequestResponse, row: Row): 'allowed' | 'denied' | 'broken' {
  const status = response.statusCode;
  if (row.kase.public) return status < 400 ? 'allowed' : 'broken';
  if (status < 300) return 'allowed';
  if (status < 400)
    return locationOf(response).startsWith('/login') && locationOf(response) !== row.kase.success
      ? 'denied'
      : 'allowed';
  if (status === 401 || status === 403) return 'denied';
  if (status === 404 && (row.kase.hidden ?? []).includes(row.who)) return 'denied';
  return 'broken';
}

function explain(response: LightMyRequestResponse, row: Row, url: string): string {
  const where = locationOf(response) ? ` → ${locationOf(response)}` : '';
  const hint =
    response.statusCode === 400 || response.statusCode === 409
      ? ' (the sample request of the table is invalid: fix it so that only the authorisation decides)'
      : '';
  const text = response.body.replace(/\s+/g, ' ');
  const code = /<code>([A-Z_]+)<\/code>/.exec(text)?.[1] ?? '';
  return `${row.method} ${url} as ${row.who} answered ${response.statusCode}${where}${hint} ${code} ${text.slice(0, 300)}`;
}

function errorCodeOf(response: LightMyRequestResponse): string | undefined {
  try {
    return (response.json<{ error?: { code?: string } }>().error ?? {}).code;
  } catch {
    return undefined;
  }
}

describe.each(testDialects())('authorisation matrix on %s', (dialect) => {
  let w: World;

  beforeAll(async () => {
    w = await buildWorld(dialect);
  }, 300_000);
  afterAll(async () => {
    await w?.server.close();
  });

  it('every registered route has an entry in the table, and every entry is a registered route', () => {
    const walked = walkedRoutes(w.app);
    const missing = walked.filter((route) => !(route in EXPECTATIONS));
    expect(
      missing,
      `routes without an entry in the EXPECTATIONS table of test/authorisation-matrix.int.test.ts — declare who may call them:\n  ${missing.join('\n  ')}`,
    ).toEqual([]);
    const stale = Object.keys(EXPECTATIONS).filter((route) => !walked.includes(route));
    expect(stale, `entries of the table that match no registered route:\n  ${stale.join('\n  ')}`).toEqual(
      [],
    );
  });

  it('what an allowed beneficiary or authority gets back stays within its reach', async () => {
    const ben = w.sessions.beneficiary;
    const list = async (url: string) => {
      const response = await send(w.app, ben, 'GET', url);
      expect(response.statusCode, url).toBe(200);
      return response.json<{ items: { id: string; structureId?: string }[]; total: number }>();
    };
    expect(
      (await list('/api/v1/structures?pageSize=500&includeArchived=true')).items.map((s) => s.id),
    ).toEqual([w.A.id]);
    for (const kind of ['contacts', 'domains', 'networks']) {
      const mine = await list(`/api/v1/${kind}?pageSize=500&includeArchived=true`);
      expect(mine.total, kind).toBeGreaterThan(0);
      expect(new Set(mine.items.map((i) => i.structureId)), kind).toEqual(new Set([w.A.id]));
      expect((await list(`/api/v1/${kind}?structureId=${w.B.id}`)).total, kind).toBe(0);
    }
    const own = await send(w.app, ben, 'GET', '/structures?includeArchived=on');
    expect(own.body).toContain(w.A.name);
    expect(own.body).not.toContain(w.B.name);

    // An authority reads the record of B but none of its contacts, domains or networks.
    const authority = await send(w.app, w.sessions.authority, 'GET', `/structures/${w.B.id}`);
    const auditor = await send(w.app, w.sessions.auditor, 'GET', `/structures/${w.B.id}`);
    for (const secret of ['rssi@ch-b.matrice.test', w.B.domainName, w.B.networkCidr]) {
      expect(auditor.body, secret).toContain(secret);
      expect(authority.body, secret).not.toContain(secret);
    }
  });

  // '%s' and not '$name': vitest would cut the interpolated name after 40 characters.
  it.each(ROWS.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    const built = (await row.kase.build?.(w, row.who)) ?? {};
    const session = built.session ?? w.sessions[row.who];
    const query = built.query ? `?${built.query}` : '';
    const url = `${fillPath(row.path, built.params)}${query}`;
    const response = await send(w.app, session, row.method, url, built.body);
    const why = explain(response, row, url);
    expect(verdictOf(response, row), why).toBe(row.expected);
    if (row.expected === 'allowed') return;

    const status = response.statusCode;
    const isApi = row.path.startsWith('/api/');
    if (row.who === 'anonymous') {
      expect(
        status === 401 || (status === 303 && locationOf(response).startsWith('/login')),
        `anonymous must be sent to log in: ${why}`,
      ).toBe(true);
    } else {
      expect([403, ...((row.kase.hidden ?? []).includes(row.who) ? [404] : [])], why).toContain(status);
    }
    if (isApi) {
      const expectedCode =
        status === 401 ? 'COMMON_UNAUTHENTICATED' : status === 403 ? 'COMMON_FORBIDDEN' : 'COMMON_NOT_FOUND';
      expect(errorCodeOf(response), why).toBe(expectedCode);
    } else {
      expect(response.body, `a CSRF refusal is not an authorisation decision: ${why}`).not.toContain(
        'COMMON_CSRF',
      );
    }

    // A hidden object: the answer must not tell it from one that does not exist (the ids of
    // the path, and the `structureId` of a JSON body, replaced by ids nobody holds).
    if (status === 404) {
      const ghost = Object.fromEntries(Object.keys(built.params ?? {}).map((k) => [k, newId()]));
      const ghostUrl = `${fillPath(row.path, ghost)}${query}`;
      const body =
        built.body?.kind === 'json' &&
        typeof built.body.value === 'object' &&
        built.body.value !== null &&
        'structureId' in built.body.value
          ? json({ ...built.body.value, structureId: newId() })
          : built.body;
      const missing = await send(w.app, session, row.method, ghostUrl, body);
      expect(
        missing.statusCode,
        `same answer as for a missing object: ${explain(missing, row, ghostUrl)}`,
      ).toBe(status);
      if (isApi) expect(errorCodeOf(missing)).toBe(errorCodeOf(response));
    }
  });
});

describe('authorisation matrix table', () => {
  it('TODO(scanner): once src/modules/scanner/scanner.routes.ts exists, every route it declares has an entry', () => {
    const file = new URL('../src/modules/scanner/scanner.routes.ts', import.meta.url);
    if (!existsSync(file)) return;
    const source = readFileSync(file, 'utf8');
    const declared = [...source.matchAll(/\.(get|post|put|patch|delete)\(\s*['"`]([^'"`$]+)['"`]/g)].map(
      (m) => `${(m[1] ?? '').toUpperCase()} ${m[2] ?? ''}`,
    );
    const missing = declared.filter((route) => !(route in EXPECTATIONS));
    expect(
      missing,
      `scanner routes without an entry in the authorisation table:\n  ${missing.join('\n  ')}`,
    ).toEqual([]);
  });
});
