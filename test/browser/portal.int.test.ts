import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { computeFinessKey } from '../../src/lib/finess.js';
import { systemActor } from '../../src/platform/auth/actor.js';
import { contextFor } from '../../src/platform/context.js';
import { createUser } from '../../src/modules/accounts/index.js';
import { totpCodeAt } from '../../src/modules/accounts/totp.crypto.js';
import { seedDemoConstituency, searchStructures } from '../../src/modules/registry/index.js';
import { launchBrowser, newRecordingContext, seriousAccessibilityViolations } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/**
 * The portal in a real browser (Debian's Chromium through playwright-core): the flows the
 * issue names, with axe-core on every page visited and CSP violations collected.
 */
const NEW_PASSWORD = 'Un mot de passe bien long 2026';

let server: TestServer;
let browser: Browser;
const problems: string[] = [];
const contexts: BrowserContext[] = [];
let analystEmail = '';
let analystOneTimePassword = '';

async function newPage(): Promise<Page> {
  const recording = await newRecordingContext(browser);
  contexts.push(recording.context);
  const page = await recording.context.newPage();
  // Collected at the end: any CSP violation or script error fails the suite.
  // Pages answered 400/401/404 on purpose log "Failed to load resource"; anything else counts.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
  return page;
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousAccessibilityViolations(page), `axe on ${page.url()}`).toEqual([]);
}

async function submit(page: Page, formSelector = 'main form[method="post"]'): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.locator(`${formSelector} button[type="submit"]`).first().click()]);
  await page.waitForLoadState('load');
}

async function passwordLogin(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await expectAccessible(page);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await submit(page);
}

beforeAll(async () => {
  server = await startTestServer('sqlite');
  browser = await launchBrowser();
  const ctx = contextFor(server.platform, systemActor('test'));
  await seedDemoConstituency(ctx);
  analystEmail = 'analyste@cert-sante.test';
  const analyst = await createUser(ctx, { email: analystEmail, firstName: 'Inès', lastName: 'Analyste', role: 'analyst' });
  analystOneTimePassword = analyst.oneTimePassword;
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.close();
});

describe('portal in Chromium', () => {
  let analyst: Page;

  it('an analyst logs in with a one-time password, changes it, enrols TOTP and sees real counts', async () => {
    analyst = await newPage();
    await passwordLogin(analyst, analystEmail, analystOneTimePassword);
    expect(new URL(analyst.url()).pathname).toBe('/account/password');
    await expectAccessible(analyst);
    await analyst.fill('input[name="currentPassword"]', analystOneTimePassword);
    await analyst.fill('input[name="newPassword"]', NEW_PASSWORD);
    await analyst.fill('input[name="confirmation"]', NEW_PASSWORD);
    await submit(analyst);

    expect(new URL(analyst.url()).pathname).toBe('/account/totp/enrol');
    await expectAccessible(analyst);
    expect(await analyst.locator('.hygie-qr svg').count()).toBe(1);
    // The secret printed for manual entry is what an authenticator app would scan.
    const secret = (await analyst.locator('code.user-select-all').innerText()).replace(/\s+/g, '');
    await analyst.fill('input[name="code"]', await totpCodeAt(secret, server.platform.clock.now()));
    await submit(analyst);

    expect(new URL(analyst.url()).pathname).toBe('/');
    await expectAccessible(analyst);
    const counts = await analyst.locator('.hygie-count').allInnerTexts();
    expect(counts[0]).toBe('20');

    // Log out, then log in again: this time the TOTP step is asked for.
    await submit(analyst, 'header form[action="/logout"]');
    server.platform.clock.advance(60_000);
    await passwordLogin(analyst, analystEmail, NEW_PASSWORD);
    expect(new URL(analyst.url()).pathname).toBe('/login/totp');
    await expectAccessible(analyst);
    await analyst.fill('input[name="code"]', '000000');
    await submit(analyst);
    expect(new URL(analyst.url()).pathname).toBe('/login/totp');
    await analyst.fill('input[name="code"]', await totpCodeAt(secret, server.platform.clock.now()));
    await submit(analyst);
    expect(new URL(analyst.url()).pathname).toBe('/');
  });

  it('the analyst creates a structure through the form', async () => {
    await analyst.goto(`${server.url}/structures/new`);
    await expectAccessible(analyst);
    // A validation error first: the form comes back with the message next to the field.
    await analyst.fill('input[name="name"]', 'Centre hospitalier de Brocéliande');
    await analyst.fill('input[name="finess"]', '350000001');
    await analyst.selectOption('select[name="kind"]', 'health-establishment');
    await analyst.selectOption('select[name="legalStatus"]', 'public');
    await analyst.selectOption('select[name="region"]', 'BRE');
    await submit(analyst);
    expect(await analyst.locator('.invalid-feedback').first().innerText()).toMatch(/FINESS/i);
    await expectAccessible(analyst);

    const finess = '35000001';
    await analyst.fill('input[name="finess"]', `${finess}${computeFinessKey(finess)}`);
    await submit(analyst);
    expect(new URL(analyst.url()).pathname).toMatch(/^\/structures\/[0-9a-f-]{36}$/);
    await expect(analyst.locator('h1').first().innerText()).resolves.toContain('Centre hospitalier de Brocéliande');
    await expectAccessible(analyst);
  });

  it('a CSV import with one bad row reports it by line and imports nothing', async () => {
    await analyst.goto(`${server.url}/structures/import`);
    await expectAccessible(analyst);
    const f1 = `35001001`;
    const f2 = `35001002`;
    const csv = [
      'Raison sociale;FINESS;Catégorie;Statut juridique;Région',
      `Clinique de la Vilaine;${f1}${computeFinessKey(f1)};ES;Privé;Bretagne`,
      `EHPAD du Trégor;${f2}${computeFinessKey(f2)};Médico-social;Public;Bretagne`,
      'Hôpital mal saisi;12345;ES;Public;Bretagne',
    ].join('\n');
    await analyst.selectOption('select[name="kind"]', 'structures');
    await analyst.setInputFiles('input[name="file"]', { name: 'structures.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    // A real run, not a dry run: all rows or none.
    await analyst.uncheck('input[name="dryRun"]');
    await submit(analyst);
    const rows = analyst.locator('table tbody tr');
    expect(await rows.count()).toBe(1);
    const cells = (await rows.first().locator('td, th').allInnerTexts()).map((c) => c.trim());
    expect(cells[0]).toBe('4');
    expect(cells[1]).toBe('FINESS');
    expect(cells[2]).toMatch(/FINESS invalide/);
    await expectAccessible(analyst);
    const ctx = contextFor(server.platform, systemActor('test'));
    const found = await searchStructures(ctx, { q: 'Clinique de la Vilaine' });
    expect(found.total).toBe(0);
  });

  it('a beneficiary sees its own structure and not another one', async () => {
    const ctx = contextFor(server.platform, systemActor('test'));
    const all = await searchStructures(ctx, { pageSize: 100 });
    const own = all.items.find((s) => s.name.includes('Valmont-sur-Loire'));
    const other = all.items.find((s) => s.name.includes('Port-Kerlann'));
    if (!own || !other) throw new Error('demo structures missing');
    const { oneTimePassword } = await createUser(ctx, {
      email: 'rssi@ch-valmont.test',
      firstName: 'Marc',
      lastName: 'Rssi',
      role: 'beneficiary',
      structureIds: [own.id],
    });
    const page = await newPage();
    await passwordLogin(page, 'rssi@ch-valmont.test', oneTimePassword);
    await page.fill('input[name="currentPassword"]', oneTimePassword);
    await page.fill('input[name="newPassword"]', NEW_PASSWORD);
    await page.fill('input[name="confirmation"]', NEW_PASSWORD);
    await submit(page);

    await page.goto(`${server.url}/structures`);
    await expectAccessible(page);
    const list = await page.locator('main').innerText();
    expect(list).toContain(own.name);
    expect(list).not.toContain(other.name);

    const response = await page.goto(`${server.url}/structures/${other.id}`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('main').innerText()).not.toContain(other.name);
    const ownPage = await page.goto(`${server.url}/structures/${own.id}`);
    expect(ownPage?.status()).toBe(200);
  });

  it('no page raised a CSP violation or a script error', () => {
    expect(problems).toEqual([]);
  });
});
