/*
 * The world of the bulletin integration tests (src/modules/vuln-watch/bulletin-*.int.test.ts):
 * the whole app on a fresh database, the real CVE samples imported through the knowledge base,
 * three catalogue products, a logged-in analyst and the HTTP helpers the tests share; then, for
 * the files that start further along, the drafts the import's proposal jobs write (run by the
 * real job runner) and bulletins published through the module's services, acting as the system.
 * Nothing leaves the process.
 */
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { allJobDefinitions } from '../../src/apps/compose.js';
import type { Dialect } from '../../src/db/connection.js';
import { systemActor } from '../../src/platform/auth/actor.js';
import { contextFor, type ServiceContext } from '../../src/platform/context.js';
import { createJobRunner } from '../../src/platform/jobs/job-runner.js';
import {
  createBulletin,
  editBulletin,
  publishBulletin,
  withdrawBulletin,
} from '../../src/modules/vuln-watch/bulletin.service.js';
import { importCves } from '../../src/modules/vuln-watch/kb.js';
import { addProduct } from '../../src/modules/vuln-watch/product.service.js';
import { FIXTURES } from '../../src/modules/vuln-watch/sources/fixtures.js';
import type { Product } from '../../src/modules/vuln-watch/vuln-watch.types.js';
import { loginAs, type LoggedIn } from './login.js';
import { startTestServer, type TestServer } from './test-server.js';

/** The samples imported, in this order, one import run each. */
export const KB_FILES: readonly string[] = [
  FIXTURES.nvdFkie,
  FIXTURES.nvdOsv,
  FIXTURES.nvdDerived,
  FIXTURES.cve5,
  FIXTURES.kev,
];

/** A bulletin as the JSON API gives it. */
export interface ApiBulletin {
  id: string;
  reference: string | null;
  status: string;
  title: string;
  summary: string;
  severity: string;
  kev: boolean;
  maxScore: number | null;
  revision: number;
  cves: { id: string; score: number | null; kev: boolean }[];
  products: { id: string; vendor: string; category: string }[];
  pendingUpdate: { kind: string; cveId: string }[];
  revisions?: { number: number; note: string }[];
  firstPublishedAt: string | null;
}
export interface ApiPage {
  items: ApiBulletin[];
  total: number;
  page: number;
  pageSize: number;
}

/** The FortiOS draft (CVE-2024-21762) as the analyst rewrites it before publishing (form fields). */
export const FORTIOS_EDIT = {
  title: 'Vulnérabilité dans Fortinet FortiOS (CVE-2024-21762)',
  summary:
    'Une vulnérabilité critique a été découverte dans le VPN SSL de FortiOS.\n\nElle permet à un attaquant non authentifié d’exécuter du code arbitraire à distance.',
  risks: ['remote-code-execution'],
  affectedSystems: 'FortiOS versions 7.4.x antérieures à 7.4.3\nFortiOS versions 7.2.x antérieures à 7.2.7',
  solution: 'Se référer au bulletin de sécurité de l’éditeur pour l’obtention des correctifs.',
  references: 'Bulletin Fortinet FG-IR-24-015 | https://fortiguard.com/psirt/FG-IR-24-015',
  cveIds: 'CVE-2024-21762',
};

/**
 * What the strict CSP and accessibility need: no inline style or script, no event handler
 * attribute; every POST form carries the CSRF token; every field has a label.
 */
export function expectCspFriendly(html: string): void {
  expect(html).not.toMatch(/\sstyle="|<style|\son[a-z]+="/i);
  for (const script of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? [])
    expect(script).toMatch(/^<script [^>]*src="[^"]+"[^>]*><\/script>$/);
  for (const formHtml of html.match(/<form\b[^>]*method="post"[\s\S]*?<\/form>/g) ?? [])
    expect(formHtml).toMatch(/<input type="hidden" name="_csrf" value="[^"]+"/);
  const labelled = new Set([...html.matchAll(/<label[^>]*\sfor="([^"]+)"/g)].map((m) => m[1]));
  for (const field of html.match(/<(input|select|textarea)\b[^>]*>/g) ?? []) {
    if (/type="(hidden|submit|button)"/.test(field)) continue;
    const id = /\sid="([^"]+)"/.exec(field)?.[1];
    expect(id !== undefined && labelled.has(id), `field without label: ${field}`).toBe(true);
  }
}

export interface BulletinWorld {
  readonly server: TestServer;
  /** The system, as the import, the catalogue and the set-up act. */
  readonly ctx: ServiceContext;
  readonly products: Record<'fortios' | 'netscaler' | 'panos', Product>;
  /** The logged-in analyst (a new session after each `advance`). */
  readonly analyst: LoggedIn;
  /** Runs the due jobs with the real job runner; how many ran. */
  runJobs(): Promise<number>;
  /** Moves the clock on; the analyst logs in again (sessions expire when idle). */
  advance(ms: number): Promise<void>;
  anon(url: string): Promise<LightMyRequestResponse>;
  asAnalyst(method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown): Promise<LightMyRequestResponse>;
  /** Posts a form as the analyst (the test gives `_csrf`, or leaves it out). */
  form(url: string, fields: Record<string, string | string[]>): Promise<LightMyRequestResponse>;
  /** A page of the public JSON list (asserted 200). */
  publicList(query: string): Promise<ApiPage>;
  /** Every draft, through the JSON API as the analyst (each page asserted 200). */
  listDrafts(): Promise<ApiBulletin[]>;
  close(): Promise<void>;
}

/** The app with the knowledge base imported (each run asserted complete), the catalogue and an analyst. */
export async function startBulletinWorld(dialect: Dialect): Promise<BulletinWorld> {
  const server = await startTestServer(dialect, { listen: false });
  const ctx = contextFor(server.platform, systemActor('test'));
  const products = {
    fortios: await addProduct(ctx, {
      vendor: 'fortinet',
      product: 'fortios',
      displayName: 'Fortinet FortiOS',
      category: 'firewall',
    }),
    netscaler: await addProduct(ctx, {
      vendor: 'citrix',
      product: 'netscaler_application_delivery_controller',
      displayName: 'Citrix NetScaler ADC',
      category: 'vpn',
    }),
    panos: await addProduct(ctx, {
      vendor: 'paloaltonetworks',
      product: 'pan-os',
      displayName: 'Palo Alto Networks PAN-OS',
      category: 'firewall',
    }),
  };
  for (const file of KB_FILES) {
    const run = await importCves(ctx, [file]);
    expect(run.status, file).toMatch(/^completed/);
  }
  let analyst = await loginAs(server.app, server.platform, { role: 'analyst' });

  const anon = (url: string) => server.app.inject({ method: 'GET', url });
  const asAnalyst = (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) =>
    server.app.inject({
      method,
      url,
      headers: { cookie: analyst.cookie, ...(method !== 'GET' ? { 'x-csrf-token': analyst.csrfToken } : {}) },
      ...(body !== undefined ? { payload: body as Record<string, unknown> } : {}),
    });
  return {
    server,
    ctx,
    products,
    get analyst() {
      return analyst;
    },
    runJobs: () =>
      createJobRunner({
        db: server.platform.db,
        dialect: server.platform.dialect,
        clock: server.platform.clock,
        log: server.platform.log,
        definitions: allJobDefinitions(server.platform),
      }).runDueJobs(),
    advance: async (ms) => {
      server.platform.clock.advance(ms);
      analyst = await loginAs(server.app, server.platform, { role: 'analyst' });
    },
    anon,
    asAnalyst,
    form: (url, fields) => {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(fields)) for (const value of [v].flat()) params.append(k, value);
      return server.app.inject({
        method: 'POST',
        url,
        headers: { cookie: analyst.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: params.toString(),
      });
    },
    publicList: async (query) => {
      const r = await anon(`/api/v1/bulletins?${query}`);
      expect(r.statusCode, r.body).toBe(200);
      return r.json<ApiPage>();
    },
    listDrafts: async () => {
      const drafts: ApiBulletin[] = [];
      for (let page = 1; ; page++) {
        const r = await asAnalyst('GET', `/api/v1/bulletins?status=draft&pageSize=100&page=${page}`);
        expect(r.statusCode, r.body).toBe(200);
        const body = r.json<ApiPage>();
        drafts.push(...body.items);
        if (drafts.length >= body.total) return drafts;
      }
    },
    close: () => server.close(),
  };
}

/** A bulletin as the analyst reads it in the JSON API. */
export async function bulletinOf(w: BulletinWorld, id: string): Promise<ApiBulletin> {
  const r = await w.asAnalyst('GET', `/api/v1/bulletins/${id}`);
  if (r.statusCode !== 200) throw new Error(`GET /api/v1/bulletins/${id}: ${r.statusCode} ${r.body}`);
  return r.json<ApiBulletin>();
}

/** Runs the import's proposal jobs; the drafts they wrote (one CVE each), by CVE id. */
export async function proposeDrafts(w: BulletinWorld): Promise<Map<string, ApiBulletin>> {
  await w.runJobs();
  return new Map((await w.listDrafts()).map((d) => [d.cves[0]?.id ?? '', d]));
}

/** Publishes a proposed draft as it stands. */
export async function publishDraft(
  w: BulletinWorld,
  drafts: ReadonlyMap<string, ApiBulletin>,
  cveId: string,
): Promise<ApiBulletin> {
  const id = drafts.get(cveId)?.id;
  if (!id) throw new Error(`no draft for ${cveId}`);
  await publishBulletin(w.ctx, id);
  return bulletinOf(w, id);
}

/** The FortiOS draft rewritten with `FORTIOS_EDIT` and published (AVI-<year>-0001 when first). */
export async function publishEditedFortios(
  w: BulletinWorld,
  drafts: ReadonlyMap<string, ApiBulletin>,
): Promise<ApiBulletin> {
  const id = drafts.get('CVE-2024-21762')?.id;
  if (!id) throw new Error('no draft for CVE-2024-21762');
  await editBulletin(w.ctx, id, { ...FORTIOS_EDIT, productIds: [w.products.fortios.id] });
  return publishDraft(w, drafts, 'CVE-2024-21762');
}

/** A draft written by hand for a CVE off the catalogue (CVE-2024-3094, xz), then discarded. */
export async function discardedManualDraft(w: BulletinWorld): Promise<ApiBulletin> {
  const { id } = await createBulletin(w.ctx, { cveIds: ['CVE-2024-3094'] });
  await withdrawBulletin(w.ctx, id);
  return bulletinOf(w, id);
}
