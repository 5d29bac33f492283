import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedMail } from 'mailparser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { systemActor } from '../../src/platform/auth/actor.js';
import { contextFor } from '../../src/platform/context.js';
import { createJobRunner } from '../../src/platform/jobs/job-runner.js';
import { createLogger } from '../../src/platform/log/logger.js';
import { createSmtpSender, sendDueMail, type MailSender } from '../../src/platform/mail/index.js';
import { allJobDefinitions } from '../../src/apps/compose.js';
import { createUser } from '../../src/modules/accounts/index.js';
import { importCves } from '../../src/modules/vuln-watch/import.service.js';
import { addProduct, declareDeployment } from '../../src/modules/vuln-watch/product.service.js';
import { FIXTURES } from '../../src/modules/vuln-watch/sources/fixtures.js';
import { launchBrowser, newRecordingContext, seriousAccessibilityViolations } from '../support/browser.js';
import { insertTestStructure } from '../support/login.js';
import { headerText, startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/**
 * Issue 5, "done when": a beneficiary subscribes in the browser (Debian's Chromium through
 * playwright-core, axe-core on every page) and receives the right digest in a real SMTP sink;
 * the unsubscribe link of that e-mail then works in the browser, without logging in.
 */
const NEW_PASSWORD = 'Un mot de passe bien long 2026';

let server: TestServer;
let browser: Browser;
let sink: SmtpSink;
let sender: MailSender;
const contexts: BrowserContext[] = [];
const problems: string[] = [];
let email = '';
let oneTimePassword = '';
let digest: ParsedMail | undefined;

async function newPage(): Promise<Page> {
  const recording = await newRecordingContext(browser);
  contexts.push(recording.context);
  const page = await recording.context.newPage();
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

beforeAll(async () => {
  server = await startTestServer('sqlite');
  browser = await launchBrowser();
  sink = await startSmtpSink();
  sender = createSmtpSender(sink.url, 'CERT Santé <veille@cert-sante.test>');
  const system = contextFor(server.platform, systemActor('test'));
  const structure = await insertTestStructure(server.platform.db, 'Centre hospitalier de Valmont');
  await importCves(system, [FIXTURES.nvdFkie, FIXTURES.cve5]);
  const panos = await addProduct(system, { vendor: 'paloaltonetworks', product: 'pan-os', displayName: 'Palo Alto PAN-OS', category: 'firewall' });
  await addProduct(system, { vendor: 'fortinet', product: 'fortios', displayName: 'Fortinet FortiOS', category: 'firewall' });
  await declareDeployment(system, structure, { productId: panos.id, version: '10.2.9' });
  email = 'rssi@ch-valmont.test';
  ({ oneTimePassword } = await createUser(system, { email, firstName: 'Marc', lastName: 'Rssi', role: 'beneficiary', structureIds: [structure] }));
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  sender?.close();
  await sink?.close();
  await server?.close();
});

describe('subscriptions in Chromium', () => {
  let page: Page;

  it('a beneficiary logs in and creates a subscription through the form', async () => {
    page = await newPage();
    await page.goto(`${server.url}/login`);
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', oneTimePassword);
    await submit(page);
    await page.fill('input[name="currentPassword"]', oneTimePassword);
    await page.fill('input[name="newPassword"]', NEW_PASSWORD);
    await page.fill('input[name="confirmation"]', NEW_PASSWORD);
    await submit(page);

    await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name: 'Mes abonnements' }).click()]);
    expect(new URL(page.url()).pathname).toBe('/espace/abonnements');
    await expectAccessible(page);
    await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name: 'Nouvel abonnement' }).click()]);
    expect(new URL(page.url()).pathname).toBe('/espace/abonnements/nouveau');
    await expectAccessible(page);

    // A mistake first: the form comes back with the message next to the field.
    await page.getByLabel('Nom de l’abonnement *').fill('Imagerie et pare-feu');
    await page.getByLabel('Score CVSS minimal').fill('onze');
    await submit(page);
    expect(await page.locator('#sub-minScore-error').innerText()).toMatch(/de 0 à 10/);
    await expectAccessible(page);

    await page.getByLabel('Score CVSS minimal').fill('7');
    await page.getByLabel('Les produits déployés dans mes structures (selon leur version)').check();
    await page.getByLabel('Mots-clés').fill('PACS');
    await page.getByLabel('Immédiat (dans le quart d’heure)').check();
    await submit(page);
    expect(new URL(page.url()).pathname).toMatch(/^\/espace\/abonnements\/[0-9a-f-]{36}$/);
    expect(await page.locator('main .alert-success').innerText()).toBe('Abonnement créé.');
    await expectAccessible(page);
    // The preview of the next digest already lists what will be sent.
    const preview = await page.locator('section[aria-labelledby="sub-preview"]').innerText();
    for (const id of ['CVE-2024-3400', 'CVE-2024-9468', 'CVE-2023-40150']) expect(preview).toContain(id);
    expect(preview).not.toContain('CVE-2023-39227'); // PACS, but 6.1
  });

  it('the scheduled digest job runs and the SMTP sink receives the right digest', async () => {
    const platform = server.platform;
    await platform.jobs.schedule('vuln-watch.send-digests', '*/15 * * * *');
    const runner = createJobRunner({ db: platform.db, dialect: platform.dialect, clock: platform.clock, log: createLogger('silent'), definitions: allJobDefinitions(platform) });
    platform.clock.advance(15 * 60_000);
    await runner.runDueJobs(); // also runs what the import queued (bulletin proposals)
    const runs = await platform.db.selectFrom('jobs').select('status').where('name', '=', 'vuln-watch.send-digests').execute();
    expect(runs.map((r) => r.status)).toEqual(['done']);
    expect(await sendDueMail({ db: platform.db, clock: platform.clock, log: createLogger('silent'), sender, batchSize: 10 })).toMatchObject({ sent: 1 });
    const mails = await sink.parsed();
    expect(mails).toHaveLength(1);
    digest = mails[0];
    expect(digest?.subject).toBe('[Hygie] Imagerie et pare-feu : 7 nouvelle(s) CVE (dont 1 exploitée(s) activement)');
    const ids = [...(digest?.text ?? '').matchAll(/Fiche détaillée : \S+\/cves\/(CVE-\d{4}-\d+)/g)].map((m) => m[1]);
    expect(new Set(ids)).toEqual(new Set(['CVE-2024-3400', 'CVE-2024-9468', 'CVE-2023-40150', 'CVE-2023-40159', 'CVE-2023-40704', 'CVE-2023-51637', 'CVE-2024-1863']));
    expect(ids[0]).toBe('CVE-2024-3400'); // actively exploited first
    expect(digest?.text).toContain('produit déployé : Palo Alto PAN-OS 10.2.9 (Centre hospitalier de Valmont)');
    expect(digest?.text).toContain('mot-clé « PACS »');
    expect(digest?.html).toContain('exploitée activement');
    expect(headerText(digest!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
  });

  it('the unsubscribe link of that e-mail works in the browser, without logging in', async () => {
    const href = /href="([^"]*\/desabonnement\?token=[^"]+)"/.exec(digest?.html || '')?.[1]?.replace(/&amp;/g, '&');
    expect(href).toBeTruthy();
    expect(headerText(digest!, 'List-Unsubscribe')).toBe(`<${href}>`);
    const link = new URL(href ?? '');
    expect(link.origin).toBe(server.platform.config.publicUrl);
    // The e-mail links to the public URL; this test server listens on a random port.
    const visitor = await newPage();
    await visitor.goto(`${server.url}${link.pathname}${link.search}`);
    await expectAccessible(visitor);
    expect(await visitor.locator('main').innerText()).toContain('Ne plus recevoir les e-mails de l’abonnement « Imagerie et pare-feu » ?');
    await submit(visitor);
    expect(await visitor.locator('main .alert-success').innerText()).toContain('vous ne recevrez plus les e-mails de l’abonnement « Imagerie et pare-feu »');
    await expectAccessible(visitor);

    // The owner's page now shows it paused, and nothing more is sent.
    await page.reload();
    expect(await page.locator('main .badge').first().innerText()).toBe('Suspendu');
    server.platform.clock.advance(15 * 60_000);
    const before = sink.received.length;
    const runner = createJobRunner({ db: server.platform.db, dialect: server.platform.dialect, clock: server.platform.clock, log: createLogger('silent'), definitions: allJobDefinitions(server.platform) });
    await runner.runDueJobs();
    await sendDueMail({ db: server.platform.db, clock: server.platform.clock, log: createLogger('silent'), sender, batchSize: 10 });
    expect(sink.received.length).toBe(before);
  });

  it('no page raised a CSP violation or a script error', () => {
    expect(problems).toEqual([]);
  });
});
