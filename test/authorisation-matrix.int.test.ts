import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/lib/ids.js';
import type { Role } from '../src/platform/auth/actor.js';
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
import { unreachableTarget } from './support/scanner-world.js';
import { testDialects } from './support/test-db.js';
import { bulletinFields, newProductFields, newsFields } from './support/vuln-watch-world.js';

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
 *             structure's records for a beneficiary, another user's subscription, a draft
 *             bulletin — for the latter, anonymous visitors are listed too: they read the
 *             published ones) — and then the answer must be the same as for an object that does
 *             not exist. The JSON API's error code is COMMON_UNAUTHENTICATED / COMMON_FORBIDDEN /
 *             COMMON_NOT_FOUND unless the entry names the module's own code (`codes`).
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
  /** The JSON API's error code of a denial when it is the module's own, not the common one. */
  readonly codes?: { readonly 403?: string; readonly 404?: string };
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
/** Everyone who may not see an unpublished bulletin or news item: it is "not found" to them. */
const NOT_WRITERS: readonly Who[] = ['anonymous', 'auditor', 'beneficiary', 'authority'];

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

/** A draft or withdrawn bulletin or news item: CERT writers see it, it does not exist for the rest. */
function unpublished(label: string, build: Case['build'], code404?: string): Case {
  return {
    label,
    allowed: WRITERS,
    hidden: NOT_WRITERS,
    ...(code404 ? { codes: { 404: code404 } } : {}),
    ...(build ? { build } : {}),
  };
}

/** The bulletin form as the browser sends it. */
function bulletinForm(w: World): Record<string, string> {
  const b = bulletinFields(w.fresh.n());
  return {
    title: b.title,
    summary: b.summary,
    affectedSystems: b.affectedSystems,
    solution: b.solution,
    references: b.references.map((r) => `${r.label} | ${r.url}`).join('\n'),
    cveIds: b.cveIds.join(' '),
  };
}

/** A valid new subscription (API). */
function subscriptionInput(w: World): Record<string, unknown> {
  return {
    name: `Veille ${w.fresh.n()}`,
    vendors: ['fortinet'],
    keywords: ['FortiGate'],
    frequency: 'weekly',
    weekday: 1,
    hour: 8,
  };
}

/** The subscription form as the browser sends it. */
function subscriptionForm(w: World, structureId: string): Record<string, string> {
  return {
    name: `Veille ${w.fresh.n()}`,
    structureId,
    vendors: 'fortinet',
    otherVendors: '',
    otherProducts: '',
    keywords: 'FortiGate',
    minScore: '7',
    includeUnscored: 'on',
    frequency: 'daily',
    hour: '8',
    weekday: '1',
    active: 'on',
  };
}

/**
 * The caller's own subscription (every logged-in user) and someone else's (404 for everyone,
 * admins included). `destructive`: a fresh subscription per request.
 */
function subscriptionCases(
  build: (w: World, who: Who, id: () => Promise<string>) => Built | Promise<Built> = async (
    _w,
    _who,
    id,
  ) => ({
    params: { id: await id() },
  }),
  destructive = false,
): Case[] {
  const own = (w: World, who: Who) => {
    const userId = w.sessions[who].userId;
    if (destructive) return w.fresh.subscription(userId);
    return Promise.resolve(who === 'anonymous' ? w.subscriptions.target : w.subscriptions.own[who]);
  };
  const others = (w: World) =>
    destructive ? w.fresh.subscription(null) : Promise.resolve(w.subscriptions.target);
  return [
    { label: 'own subscription', allowed: USERS, build: (w, who) => build(w, who, () => own(w, who)) },
    {
      label: 'someone else’s subscription',
      allowed: [],
      hidden: USERS,
      codes: { 404: 'VULNWATCH_SUBSCRIPTION_NOT_FOUND' },
      build: (w, who) => build(w, who, () => others(w)),
    },
  ];
}

/** A mail client following a digest's List-Unsubscribe-Post: no cookie, no CSRF token. */
const mailClient: Session = {
  who: 'anonymous',
  cookie: '',
  csrfToken: '',
  userId: null,
  remoteAddress: '127.79.0.1',
};

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

  // ---- scanner (scanner.policy.ts, docs/scanner.md): CERT staff (admin, analyst, auditor)
  // launch, cancel and read every scan and host; a beneficiary reads those of its own structures
  // (another structure's: 404, as if missing); an authority reads none. ----
  // A launch only queues a `scanner.run-scan` job: the world starts no job runner, and the target
  // is a TEST-NET-1 address outside HYGIE_NET_ALLOW, so nothing is ever contacted.
  'GET /api/v1/scans': { allowed: ASSET_READERS },
  'POST /api/v1/scans': {
    allowed: CERT_STAFF,
    build: (w) => ({ body: json({ targets: [unreachableTarget(w.fresh.n())], ports: '443' }) }),
  },
  'GET /api/v1/scans/:id': onBandA(CERT_STAFF, ASSET_READERS, (_w, s) => ({ params: { id: s.scanId } })),
  'GET /api/v1/scans/:id/result': onBandA(CERT_STAFF, ASSET_READERS, (_w, s) => ({
    params: { id: s.scanId },
  })),
  'GET /api/v1/scans/:id/sarif': onBandA(CERT_STAFF, ASSET_READERS, (_w, s) => ({
    params: { id: s.scanId },
  })),
  'POST /api/v1/scans/:id/cancel': onBandA(CERT_STAFF, CERT_STAFF, async (w, s) => ({
    params: { id: await w.fresh.queuedScan(s.id) },
  })),
  'GET /api/v1/hosts/:id': onBandA(CERT_STAFF, ASSET_READERS, (_w, s) => ({ params: { id: s.hostId } })),
  'GET /scans': { allowed: ASSET_READERS },
  'POST /scans': {
    allowed: CERT_STAFF,
    build: (w) => ({
      body: form({
        targets: unreachableTarget(w.fresh.n()),
        ports: 'top100',
        portList: '443',
        structureId: '',
      }),
    }),
  },
  'GET /scans/:id': [
    ...onBandA(CERT_STAFF, ASSET_READERS, (_w, s) => ({ params: { id: s.scanId } })),
    ...onBandA(CERT_STAFF, ASSET_READERS, async (w, s) => ({
      params: { id: await w.fresh.queuedScan(s.id) },
    })).map((c) => ({ ...c, label: `${c.label ?? ''}, queued` })),
  ],
  'GET /scans/:id/progress': onBandA(CERT_STAFF, ASSET_READERS, async (w, s) => ({
    params: { id: await w.fresh.queuedScan(s.id) },
  })),
  'POST /scans/:id/cancel': onBandA(CERT_STAFF, CERT_STAFF, async (w, s) => ({
    params: { id: await w.fresh.queuedScan(s.id) },
  })),
  'GET /hosts/:id': onBandA(CERT_STAFF, ASSET_READERS, (_w, s) => ({ params: { id: s.hostId } })),
  // Findings follow the scans' reading rule; only CERT staff change their status (a beneficiary
  // may read its own finding but gets 403 on triage; another structure's finding is 404 to it).
  'GET /api/v1/findings': [
    { allowed: ASSET_READERS },
    ...onBandA(CERT_STAFF, ASSET_READERS, (_w, s) => ({ query: `scan=${s.scanId}&status=all` })).map((c) => ({
      ...c,
      label: `${c.label ?? ''}, filtered by its scan`,
    })),
  ],
  'GET /api/v1/findings/:id': onBandA(CERT_STAFF, ASSET_READERS, (_w, s) => ({
    params: { id: s.findings.stillId },
  })),
  'POST /api/v1/findings/:id/status': onBandA(CERT_STAFF, CERT_STAFF, (w, s) => ({
    params: { id: s.findings.stillId },
    body: json({ status: 'acknowledged', reason: `Vu par la matrice ${w.fresh.n()}` }),
  })),
  'GET /api/v1/scans/:id/diff': onBandA(CERT_STAFF, ASSET_READERS, (_w, s) => ({
    params: { id: s.scanId },
    query: `against=${s.findings.baseScanId}`,
  })),
  'GET /findings': [
    { allowed: ASSET_READERS },
    ...onBandA(CERT_STAFF, ASSET_READERS, (_w, s) => ({ query: `scan=${s.scanId}&severity=high` })).map(
      (c) => ({ ...c, label: `${c.label ?? ''}, filtered by its scan` }),
    ),
  ],
  'GET /findings/:id': onBandA(CERT_STAFF, ASSET_READERS, (_w, s) => ({
    params: { id: s.findings.cveId },
  })),
  'POST /findings/:id/status': onBandA(CERT_STAFF, CERT_STAFF, (w, s) => ({
    params: { id: s.findings.stillId },
    body: form({ status: 'acknowledged', reason: `Vu par la matrice ${w.fresh.n()}` }),
  })),

  // ---- vuln-watch knowledge base (vuln-watch.policy.ts): CVE data is public; the catalogue is
  // read by every logged-in user and curated by admin/analyst; deployments are read by CERT staff
  // and the structure's own users, declared by admin/analyst and the structure's own users ----
  'GET /api/v1/cves': pub(() => ({ query: 'q=globalprotect&minScore=7' })),
  'GET /api/v1/cves/:id': pub((w) => ({ params: { id: w.kb.cveId } })),
  'GET /api/v1/cpe/match': pub(() => ({
    query: `cpe=${encodeURIComponent('cpe:2.3:o:paloaltonetworks:pan-os:10.2.9:*:*:*:*:*:*:*')}`,
  })),
  'GET /api/v1/products': { allowed: USERS },
  'POST /api/v1/products': {
    allowed: WRITERS,
    build: (w) => ({ body: json(newProductFields(w.fresh.n())) }),
  },
  'GET /api/v1/products/:id': { allowed: USERS, build: (w) => ({ params: { id: w.kb.productId } }) },
  'PATCH /api/v1/products/:id': {
    allowed: WRITERS,
    build: (w) => ({ params: { id: w.kb.productId }, body: json({ displayName: 'Fortinet FortiOS' }) }),
  },
  'GET /api/v1/structures/:id/deployments': onBandA(CERT_STAFF, ASSET_READERS, (_w, s) => ({
    params: { id: s.id },
  })),
  'POST /api/v1/structures/:id/deployments': onBandA(WRITERS, CONTACT_WRITERS_OF_A, (w, s) => ({
    params: { id: s.id },
    body: json({ productId: w.kb.productId, version: `7.2.${w.fresh.n()}` }),
  })),
  'DELETE /api/v1/structures/:id/deployments': onBandA(WRITERS, CONTACT_WRITERS_OF_A, async (w, s) => {
    const d = await w.fresh.deployment(s.id);
    return { params: { id: s.id }, query: `productId=${d.productId}&version=${d.version}` };
  }),
  'GET /products': { allowed: USERS },
  'POST /products': { allowed: WRITERS, build: (w) => ({ body: form(newProductFields(w.fresh.n())) }) },
  'GET /structures/:id/products': onBandA(CERT_STAFF, ASSET_READERS, (_w, s) => ({ params: { id: s.id } })),
  'POST /structures/:id/products': onBandA(WRITERS, CONTACT_WRITERS_OF_A, (w, s) => ({
    params: { id: s.id },
    body: form({ productId: w.kb.productId, version: `7.4.${w.fresh.n()}` }),
  })),
  'POST /structures/:id/products/remove': onBandA(WRITERS, CONTACT_WRITERS_OF_A, async (w, s) => {
    const d = await w.fresh.deployment(s.id);
    return { params: { id: s.id }, body: form({ productId: d.productId, version: d.version }) };
  }),

  // ---- vuln-watch bulletins, news, CVE pages, feed, indicators (vuln-watch.policy.ts): everyone,
  // anonymous visitors included, reads what is published; drafts, withdrawn items, the review
  // queue and every write are admin/analyst only, and an unpublished item is "not found" to
  // everyone else (anonymous visitors too: its existence must not leak) ----
  'GET /bulletins': [
    pub(),
    {
      ...pub(() => ({ query: 'q=pan-os&severity=critical&kev=true&from=2020-01-01&page=1' })),
      label: 'filtered',
    },
  ],
  'GET /bulletins.atom': pub(),
  'GET /bulletins/a-valider': { allowed: WRITERS },
  'GET /bulletins/nouveau': { allowed: WRITERS },
  'POST /bulletins': { allowed: WRITERS, build: (w) => ({ body: form(bulletinForm(w)) }) },
  'GET /bulletins/:id': [
    { ...pub((w) => ({ params: { id: w.bulletins.published } })), label: 'published' },
    unpublished('draft', (w) => ({ params: { id: w.bulletins.draft } })),
    unpublished('withdrawn', (w) => ({ params: { id: w.bulletins.withdrawn } })),
  ],
  'GET /bulletins/:id/modifier': [
    { label: 'published', allowed: WRITERS, build: (w) => ({ params: { id: w.bulletins.published } }) },
    unpublished('draft', (w) => ({ params: { id: w.bulletins.draft } })),
  ],
  'POST /bulletins/:id/modifier': [
    {
      label: 'a fresh draft',
      allowed: WRITERS,
      build: async (w) => ({ params: { id: await w.fresh.bulletin('draft') }, body: form(bulletinForm(w)) }),
    },
    {
      label: 'a fresh published bulletin: a new revision',
      allowed: WRITERS,
      build: async (w) => ({
        params: { id: await w.fresh.bulletin('published') },
        body: form({ ...bulletinForm(w), revisionNote: 'Précision sur les versions' }),
      }),
    },
  ],
  'POST /bulletins/:id/publier': {
    label: 'a fresh draft',
    allowed: WRITERS,
    build: async (w) => ({ params: { id: await w.fresh.bulletin('draft') }, body: form({ note: '' }) }),
  },
  'POST /bulletins/:id/retirer': [
    {
      label: 'a fresh draft',
      allowed: WRITERS,
      build: async (w) => ({ params: { id: await w.fresh.bulletin('draft') }, body: form({ reason: '' }) }),
    },
    {
      label: 'a fresh published bulletin',
      allowed: WRITERS,
      build: async (w) => ({
        params: { id: await w.fresh.bulletin('published') },
        body: form({ reason: 'Publié par erreur' }),
      }),
    },
  ],
  'POST /bulletins/:id/examiner': {
    label: 'published',
    allowed: WRITERS,
    build: (w) => ({ params: { id: w.bulletins.published }, body: form({}) }),
  },
  'GET /cves/:id': pub((w) => ({ params: { id: w.kb.cveId } })),
  'GET /indicateurs': [pub(), { ...pub(() => ({ query: 'depuis=2024-01' })), label: 'since January 2024' }],
  'GET /indicateurs/:chart': pub(() => ({ params: { chart: 'bulletins.svg' } })),
  'GET /actualites': [pub(), { ...pub(() => ({ query: 'q=hameconnage&kind=phishing' })), label: 'filtered' }],
  'GET /actualites/nouvelle': { allowed: WRITERS },
  'POST /actualites': { allowed: WRITERS, build: (w) => ({ body: form(newsFields(w.fresh.n())) }) },
  'GET /actualites/:id': [
    { ...pub((w) => ({ params: { id: w.news.published } })), label: 'published' },
    unpublished('draft', (w) => ({ params: { id: w.news.draft } })),
  ],
  'GET /actualites/:id/modifier': [
    { label: 'published', allowed: WRITERS, build: (w) => ({ params: { id: w.news.published } }) },
    unpublished('draft', (w) => ({ params: { id: w.news.draft } })),
  ],
  'POST /actualites/:id/modifier': {
    label: 'a fresh draft',
    allowed: WRITERS,
    build: async (w) => ({
      params: { id: await w.fresh.news('draft') },
      body: form(newsFields(w.fresh.n())),
    }),
  },
  'POST /actualites/:id/publier': {
    label: 'a fresh draft',
    allowed: WRITERS,
    build: async (w) => ({ params: { id: await w.fresh.news('draft') }, body: form({}) }),
  },
  'POST /actualites/:id/retirer': {
    label: 'a fresh published item',
    allowed: WRITERS,
    build: async (w) => ({
      params: { id: await w.fresh.news('published') },
      body: form({ reason: 'Doublon' }),
    }),
  },
  'GET /api/v1/bulletins': [
    pub(() => ({ query: 'q=pan-os&kev=true' })),
    ...(['draft', 'withdrawn'] as const).map((status): Case => ({
      label: `status=${status}`,
      allowed: WRITERS,
      codes: { 403: 'VULNWATCH_BULLETIN_STATUS_FILTER' },
      build: () => ({ query: `status=${status}` }),
    })),
  ],
  'POST /api/v1/bulletins': { allowed: WRITERS, build: (w) => ({ body: json(bulletinFields(w.fresh.n())) }) },
  'GET /api/v1/bulletins/:id': [
    { ...pub((w) => ({ params: { id: w.bulletins.published } })), label: 'published' },
    unpublished('draft', (w) => ({ params: { id: w.bulletins.draft } }), 'VULNWATCH_BULLETIN_NOT_FOUND'),
    unpublished(
      'withdrawn',
      (w) => ({ params: { id: w.bulletins.withdrawn } }),
      'VULNWATCH_BULLETIN_NOT_FOUND',
    ),
  ],
  'PATCH /api/v1/bulletins/:id': [
    {
      label: 'a fresh draft',
      allowed: WRITERS,
      build: async (w) => ({
        params: { id: await w.fresh.bulletin('draft') },
        body: json({ solution: 'Mettre à jour PAN-OS.' }),
      }),
    },
    {
      label: 'a fresh published bulletin: a new revision',
      allowed: WRITERS,
      build: async (w) => ({
        params: { id: await w.fresh.bulletin('published') },
        body: json({ solution: 'Mettre à jour PAN-OS.', revisionNote: 'Solution précisée' }),
      }),
    },
  ],
  'POST /api/v1/bulletins/:id/publish': {
    label: 'a fresh draft',
    allowed: WRITERS,
    build: async (w) => ({ params: { id: await w.fresh.bulletin('draft') }, body: json({}) }),
  },
  'POST /api/v1/bulletins/:id/withdraw': {
    label: 'a fresh published bulletin',
    allowed: WRITERS,
    build: async (w) => ({
      params: { id: await w.fresh.bulletin('published') },
      body: json({ reason: 'Publié par erreur' }),
    }),
  },
  'GET /api/v1/news': [
    pub(() => ({ query: 'kind=phishing' })),
    {
      label: 'status=draft',
      allowed: WRITERS,
      codes: { 403: 'VULNWATCH_BULLETIN_STATUS_FILTER' },
      build: () => ({ query: 'status=draft' }),
    },
  ],
  'POST /api/v1/news': { allowed: WRITERS, build: (w) => ({ body: json(newsFields(w.fresh.n())) }) },
  'GET /api/v1/news/:id': [
    { ...pub((w) => ({ params: { id: w.news.published } })), label: 'published' },
    unpublished('draft', (w) => ({ params: { id: w.news.draft } }), 'VULNWATCH_NEWS_NOT_FOUND'),
  ],
  'PATCH /api/v1/news/:id': {
    label: 'a fresh draft',
    allowed: WRITERS,
    build: async (w) => ({ params: { id: await w.fresh.news('draft') }, body: json({ kind: 'ransomware' }) }),
  },
  'POST /api/v1/news/:id/publish': {
    label: 'a fresh draft',
    allowed: WRITERS,
    build: async (w) => ({ params: { id: await w.fresh.news('draft') } }),
  },
  'POST /api/v1/news/:id/withdraw': {
    label: 'a fresh published item',
    allowed: WRITERS,
    build: async (w) => ({
      params: { id: await w.fresh.news('published') },
      body: json({ reason: 'Doublon' }),
    }),
  },

  // ---- vuln-watch subscriptions (vuln-watch.policy.ts, docs/vuln-watch.md): every logged-in
  // user keeps their own; another user's subscription is 404 for everyone (admins included), as
  // one that does not exist; a subscription may be tied to any structure by CERT staff, to its own
  // structures by a beneficiary (another one: 403), to none by an authority; watching deployed
  // products is for CERT staff and beneficiaries. The unsubscribe link needs only its signed token. ----
  'GET /api/v1/subscriptions': { allowed: USERS },
  'POST /api/v1/subscriptions': [
    { label: 'no structure', allowed: USERS, build: (w) => ({ body: json(subscriptionInput(w)) }) },
    ...onBandA(CERT_STAFF, ASSET_READERS, (w, s) => ({
      body: json({ ...subscriptionInput(w), structureId: s.id }),
    })).map((c) => ({ ...c, hidden: [], codes: { 403: 'VULNWATCH_SUBSCRIPTION_STRUCTURE_NOT_ALLOWED' } })),
    {
      label: 'deployed products',
      allowed: ASSET_READERS,
      codes: { 403: 'VULNWATCH_SUBSCRIPTION_DEPLOYMENTS_NOT_ALLOWED' },
      build: (w) => ({ body: json({ ...subscriptionInput(w), deployedProducts: true }) }),
    },
  ],
  'GET /api/v1/subscriptions/:id': subscriptionCases(),
  'GET /api/v1/subscriptions/:id/preview': subscriptionCases(),
  'PATCH /api/v1/subscriptions/:id': [
    ...subscriptionCases(async (w, who, id) => ({
      params: { id: await id() },
      body: json({ name: `Renommé ${who}` }),
    })),
    ...onBandA(CERT_STAFF, ASSET_READERS, async (w, s, who) => ({
      params: { id: await w.fresh.subscription(w.sessions[who].userId) },
      body: json({ structureId: s.id }),
    })).map((c) => ({
      ...c,
      label: `own, tied to ${c.label ?? ''}`,
      hidden: [],
      codes: { 403: 'VULNWATCH_SUBSCRIPTION_STRUCTURE_NOT_ALLOWED' },
    })),
  ],
  'DELETE /api/v1/subscriptions/:id': subscriptionCases(
    async (_w, _who, id) => ({ params: { id: await id() } }),
    true,
  ),
  'GET /espace/abonnements': { allowed: USERS },
  'GET /espace/abonnements/nouveau': { allowed: USERS },
  'POST /espace/abonnements': [
    { label: 'no structure', allowed: USERS, build: (w) => ({ body: form(subscriptionForm(w, '')) }) },
    ...onBandA(CERT_STAFF, ASSET_READERS, (w, s) => ({ body: form(subscriptionForm(w, s.id)) })).map((c) => ({
      ...c,
      hidden: [],
    })),
  ],
  'GET /espace/abonnements/:id': subscriptionCases(),
  'GET /espace/abonnements/:id/modifier': subscriptionCases(),
  'POST /espace/abonnements/:id': subscriptionCases(async (w, _who, id) => ({
    params: { id: await id() },
    body: form(subscriptionForm(w, '')),
  })),
  'POST /espace/abonnements/:id/supprimer': subscriptionCases(
    async (_w, _who, id) => ({ params: { id: await id() } }),
    true,
  ),
  // The link of a digest: anyone holding it (the GET only shows a confirmation).
  'GET /desabonnement': pub(async (w) => ({
    query: `token=${encodeURIComponent(w.fresh.unsubscribeToken(await w.fresh.subscription(null)))}`,
  })),
  'POST /desabonnement': [
    {
      ...pub(async (w) => ({
        query: `token=${encodeURIComponent(w.fresh.unsubscribeToken(await w.fresh.subscription(null)))}`,
      })),
      label: 'the page’s button',
    },
    // RFC 8058 one-click: a mail client's POST, with neither cookie nor CSRF token.
    {
      ...pub(async (w) => ({
        session: { ...mailClient, who: 'anonymous' },
        query: `token=${encodeURIComponent(w.fresh.unsubscribeToken(await w.fresh.subscription(null)))}`,
      })),
      label: 'one-click from a mail client, no cookie, no CSRF token',
    },
  ],
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

  it('a beneficiary lists the scans of its own structures only; CERT staff list them all', async () => {
    const ids = async (who: Who) => {
      const response = await send(w.app, w.sessions[who], 'GET', '/api/v1/scans?pageSize=200');
      expect(response.statusCode, response.body).toBe(200);
      return response.json<{ items: { id: string; structureId: string | null }[] }>().items;
    };
    const mine = await ids('beneficiary');
    expect(mine.map((s) => s.id)).toContain(w.A.scanId);
    expect(new Set(mine.map((s) => s.structureId))).toEqual(new Set([w.A.id]));
    expect((await ids('auditor')).map((s) => s.id)).toEqual(expect.arrayContaining([w.A.scanId, w.B.scanId]));
    const page = await send(w.app, w.sessions.beneficiary, 'GET', '/scans');
    expect(page.body).toContain(`/scans/${w.A.scanId}`);
    expect(page.body).not.toContain(`/scans/${w.B.scanId}`);
    expect(page.body, 'no launch form for a beneficiary').not.toContain('action="/scans"');
  });

  it('a beneficiary lists and compares the findings of its own structures only; CERT staff see them all', async () => {
    const ids = async (who: Who, query = '') => {
      const response = await send(w.app, w.sessions[who], 'GET', `/api/v1/findings?status=all${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json<{ items: { id: string; structureId: string | null }[] }>().items;
    };
    const mine = await ids('beneficiary');
    expect(mine.map((f) => f.id)).toEqual(expect.arrayContaining([w.A.findings.stillId, w.A.findings.cveId]));
    expect(new Set(mine.map((f) => f.structureId))).toEqual(new Set([w.A.id]));
    expect(await ids('beneficiary', `&structure=${w.B.id}`)).toEqual([]);
    expect((await ids('auditor')).map((f) => f.id)).toEqual(
      expect.arrayContaining([w.A.findings.stillId, w.B.findings.stillId]),
    );
    const page = await send(w.app, w.sessions.beneficiary, 'GET', '/findings?status=all');
    expect(page.body).toContain(`/findings/${w.A.findings.cveId}`);
    expect(page.body).not.toContain(`/findings/${w.B.findings.cveId}`);
    expect(page.body, 'the structure filter offers its own structures only').not.toContain(w.B.id);
    const scan = await send(w.app, w.sessions.beneficiary, 'GET', `/scans/${w.A.scanId}`);
    expect(scan.body).toContain(`/findings/${w.A.findings.cveId}`);
    const finding = await send(w.app, w.sessions.beneficiary, 'GET', `/findings/${w.A.findings.cveId}`);
    expect(finding.statusCode).toBe(200);
    expect(finding.body, 'no triage form for a beneficiary').not.toContain('/status"');
  });

  // scanner.policy.ts: "A beneficiary is never told that a scan or host outside its structures
  // exists." A scan launched for A whose targets also hold an address of B must not show B's
  // address to A's beneficiary (not found, or without it). The launch is only queued (no job
  // runner) and cancelled at once: nothing is ever contacted.
  it('a scan launched for A that also targets an address of B does not show it to A’s beneficiary', async () => {
    const address = w.B.networkCidr.replace(/\.0\/24$/, '.77');
    const launched = await send(
      w.app,
      w.sessions.analyst,
      'POST',
      '/api/v1/scans',
      json({ targets: [address], structureId: w.A.id, ports: '22' }),
    );
    expect(launched.statusCode, launched.body).toBe(202);
    const id = launched.json<{ id: string }>().id;
    const cancelled = await send(w.app, w.sessions.analyst, 'POST', `/api/v1/scans/${id}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    for (const url of [`/api/v1/scans/${id}`, `/scans/${id}`, '/api/v1/scans?pageSize=200', '/scans']) {
      const response = await send(w.app, w.sessions.beneficiary, 'GET', url);
      expect([200, 404], `${url}: ${response.body.slice(0, 200)}`).toContain(response.statusCode);
      expect(response.body, `${url} tells A's beneficiary of B's address ${address}`).not.toContain(address);
    }
  });

  it('drafts and withdrawn items never show in public lists, the feed or CVE pages', async () => {
    const { published, draft, withdrawn } = w.bulletins;
    for (const who of NOT_WRITERS) {
      const session = w.sessions[who];
      const api = await send(w.app, session, 'GET', '/api/v1/bulletins?pageSize=100');
      expect(api.statusCode, `${who} ${api.body}`).toBe(200);
      const listed = api.json<{ items: { id: string; status: string }[] }>().items;
      expect(
        listed.map((b) => b.id),
        who,
      ).toContain(published);
      expect(new Set(listed.map((b) => b.status)), who).toEqual(new Set(['published']));
      const news = await send(w.app, session, 'GET', '/api/v1/news?pageSize=100');
      const items = news.json<{ items: { id: string }[] }>().items.map((n) => n.id);
      expect(items, who).toContain(w.news.published);
      expect(items, who).not.toContain(w.news.draft);
      for (const url of ['/bulletins', '/bulletins.atom', `/cves/${w.kb.cveId}`, '/actualites']) {
        const response = await send(w.app, session, 'GET', url);
        expect(response.statusCode, `${who} ${url}`).toBe(200);
        for (const hidden of [draft, withdrawn, w.news.draft])
          expect(response.body, `${who} ${url} shows ${hidden}`).not.toContain(hidden);
      }
      expect((await send(w.app, session, 'GET', '/bulletins.atom')).body, who).toContain(published);
    }
    const queue = await send(w.app, w.sessions.analyst, 'GET', '/bulletins/a-valider');
    expect(queue.body).toContain(`/bulletins/${draft}`);
  });

  it('each user lists their own subscriptions only, and picks only the structures they may', async () => {
    for (const who of USERS) {
      const session = w.sessions[who];
      const list = await send(w.app, session, 'GET', '/api/v1/subscriptions');
      expect(list.statusCode, list.body).toBe(200);
      const ids = list.json<{ items: { id: string }[] }>().items.map((s) => s.id);
      expect(ids, who).toContain(w.subscriptions.own[who as Role]);
      expect(ids, who).not.toContain(w.subscriptions.target);
      for (const other of USERS)
        if (other !== who) expect(ids, who).not.toContain(w.subscriptions.own[other as Role]);
      const page = await send(w.app, session, 'GET', '/espace/abonnements');
      expect(page.body, who).not.toContain(w.subscriptions.target);
    }
    const form = async (who: Who) =>
      (await send(w.app, w.sessions[who], 'GET', '/espace/abonnements/nouveau')).body;
    const beneficiary = await form('beneficiary');
    expect(beneficiary).toContain(w.A.id);
    expect(beneficiary).not.toContain(w.B.id);
    const authority = await form('authority');
    for (const s of [w.A, w.B]) expect(authority).not.toContain(s.id);
    expect(await form('auditor')).toContain(w.B.id);
  });

  it('the unsubscribe link turns its one subscription off with the signed token alone; a tampered one changes nothing', async () => {
    const owner = w.sessions.authority;
    const id = await w.fresh.subscription(owner.userId);
    const token = w.fresh.unsubscribeToken(id);
    const active = async () =>
      (await send(w.app, owner, 'GET', `/api/v1/subscriptions/${id}`)).json<{ active: boolean }>().active;
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    const forged = await send(
      w.app,
      mailClient,
      'POST',
      `/desabonnement?token=${encodeURIComponent(tampered)}`,
    );
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('VULNWATCH_SUBSCRIPTION_TOKEN_INVALID');
    const other = w.fresh.unsubscribeToken(w.subscriptions.target).split('.')[1] ?? '';
    const swapped = await send(
      w.app,
      mailClient,
      'POST',
      `/desabonnement?token=${encodeURIComponent(`${id}.${other}`)}`,
    );
    expect(swapped.statusCode, 'another subscription’s signature').toBe(400);
    expect(
      (await send(w.app, mailClient, 'GET', `/desabonnement?token=${encodeURIComponent(token)}`)).statusCode,
    ).toBe(200);
    expect(await active(), 'a GET changes nothing').toBe(true);
    const done = await send(w.app, mailClient, 'POST', `/desabonnement?token=${encodeURIComponent(token)}`);
    expect(done.statusCode, done.body).toBe(200);
    expect(await active()).toBe(false);
    const list = await send(w.app, w.sessions.authority, 'GET', '/api/v1/subscriptions');
    const mine = list.json<{ items: { id: string; active: boolean }[] }>().items;
    expect(mine.find((s) => s.id === w.subscriptions.own.authority)?.active, 'the others stay on').toBe(true);
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
    const hidden = (row.kase.hidden ?? []).includes(row.who);
    if (row.who === 'anonymous') {
      expect(
        status === 401 ||
          (status === 303 && locationOf(response).startsWith('/login')) ||
          (hidden && status === 404),
        `anonymous must be sent to log in (or told "not found" when hidden): ${why}`,
      ).toBe(true);
    } else {
      expect([403, ...(hidden ? [404] : [])], why).toContain(status);
    }
    if (isApi) {
      const expectedCode =
        status === 401
          ? 'COMMON_UNAUTHENTICATED'
          : status === 403
            ? (row.kase.codes?.[403] ?? 'COMMON_FORBIDDEN')
            : (row.kase.codes?.[404] ?? 'COMMON_NOT_FOUND');
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
  // A quick check without a database: routes declared with a literal path in the scanner's and
  // the vulnerability watch's route and page files (the full check is the first test above).
  const files = [
    'scanner/scanner.routes.ts',
    'scanner/scan.pages.tsx',
    'scanner/host.pages.tsx',
    'scanner/finding.routes.ts',
    'scanner/finding.pages.tsx',
    ...(existsSync(new URL('../src/modules/vuln-watch/', import.meta.url))
      ? readdirSync(new URL('../src/modules/vuln-watch/', import.meta.url))
          .filter((f) => /\.(routes\.ts|pages\.tsx)$/.test(f))
          .map((f) => `vuln-watch/${f}`)
      : []),
  ];
  it.each(files)('every route src/modules/%s declares with a literal path has an entry', (name) => {
    const file = new URL(`../src/modules/${name}`, import.meta.url);
    if (!existsSync(file)) return;
    const source = readFileSync(file, 'utf8');
    const declared = [...source.matchAll(/\.(get|post|put|patch|delete)\(\s*['"`]([^'"`$]+)['"`]/g)].map(
      (m) => `${(m[1] ?? '').toUpperCase()} ${m[2] ?? ''}`,
    );
    const missing = declared.filter((route) => !(route in EXPECTATIONS));
    expect(
      missing,
      `routes of ${name} without an entry in the authorisation table:\n  ${missing.join('\n  ')}`,
    ).toEqual([]);
  });
});
