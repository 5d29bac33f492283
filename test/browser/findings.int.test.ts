import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { systemActor } from '../../src/platform/auth/actor.js';
import { contextFor } from '../../src/platform/context.js';
import { assertLabUp, labRuntime } from '../../src/modules/scanner/fixtures/lab-kit.js';
import { runScan } from '../../src/modules/scanner/scan.service.js';
import { launchBrowser, newRecordingContext, seriousAccessibilityViolations } from '../support/browser.js';
import { loginAs } from '../support/login.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/**
 * Findings in a real browser (Debian's Chromium through playwright-core): a real scan of two lab
 * hosts (Redis without authentication, the weak web server), then an analyst reads the scan page's
 * findings, filters the list, opens a finding and marks it a false positive — first without a
 * reason (refused, nothing changed), then with one. axe-core on every page, CSP violations collected.
 */
let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let scanId = '';
const problems: string[] = [];

async function expectAccessible(): Promise<void> {
  expect(await seriousAccessibilityViolations(page), `axe on ${page.url()}`).toEqual([]);
}

beforeAll(async () => {
  await assertLabUp();
  server = await startTestServer('sqlite');
  browser = await launchBrowser();
  const ctx = contextFor(server.platform, systemActor('test'));
  const run = await runScan(
    ctx,
    { targets: ['127.100.7.10', '127.100.1.20'], ports: '80,443,6379', timeoutMs: 3000, wordlist: false },
    { runtime: labRuntime() },
  );
  scanId = run.id;
  const analyst = await loginAs(server.app, server.platform, { role: 'analyst' });
  const recording = await newRecordingContext(browser);
  context = recording.context;
  await context.addCookies(
    analyst.cookie.split('; ').map((pair) => {
      const [name = '', ...value] = pair.split('=');
      return { name, value: value.join('='), url: server.url };
    }),
  );
  page = await context.newPage();
  // The refused status change answers 400 on purpose ("Failed to load resource"); anything else counts.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      problems.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('findings in Chromium', () => {
  it('the scan page shows its findings, all new (no earlier scan of the scope)', async () => {
    await page.goto(`${server.url}/scans/${scanId}`);
    await expectAccessible();
    await page.screenshot({ path: 'var/screenshots/scan-findings.png', fullPage: true });
    const text = await page.locator('main').innerText();
    expect(text).toMatch(/Premier scan de ce périmètre/);
    expect(text).toMatch(/Nouveaux : [1-9]/);
    expect(text).toMatch(/Redis/);
  });

  it('the list filters by severity, and a finding opens with evidence and recommendation', async () => {
    await page.goto(`${server.url}/findings?scan=${scanId}`);
    await expectAccessible();
    await page.selectOption('select[name="severity"]', 'critical');
    await Promise.all([
      page.waitForLoadState('load'),
      page.locator('form[role="search"] button[type="submit"]').click(),
    ]);
    expect(new URL(page.url()).searchParams.get('severity')).toBe('critical');
    const rows = page.locator('main table tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await page.locator('main table tbody').innerText()).toContain('127.100.7.10:6379');
    await Promise.all([
      page.waitForLoadState('load'),
      rows.filter({ hasText: '6379' }).first().locator('a').first().click(),
    ]);
    expect(new URL(page.url()).pathname).toMatch(/^\/findings\/[0-9a-f]{64}$/);
    await expectAccessible();
    const body = await page.locator('main').innerText();
    expect(body).toContain('PING');
    expect(body).toMatch(/requirepass|AUTH/);
  });

  it('a false positive needs a reason; with one, the status and the history change', async () => {
    const form = page.locator('main form[method="post"]');
    await page.selectOption('select[name="status"]', 'false-positive');
    await Promise.all([page.waitForLoadState('load'), form.locator('button[type="submit"]').click()]);
    expect(await page.locator('.alert-danger').innerText()).toMatch(/pourquoi/i);
    await expectAccessible();

    await page.selectOption('select[name="status"]', 'false-positive');
    await page.fill('textarea[name="reason"]', 'Redis de démonstration, isolé du réseau de production');
    await Promise.all([page.waitForLoadState('load'), form.locator('button[type="submit"]').click()]);
    const body = await page.locator('main').innerText();
    expect(body).toContain('Redis de démonstration, isolé du réseau de production');
    expect(body).toMatch(/faux positif/i);
    await expectAccessible();
    // For a person to look at (var/ is not committed).
    await page.screenshot({ path: 'var/screenshots/finding-page.png', fullPage: true });
  });

  it('no CSP violation or script error on any page', () => {
    expect(problems).toEqual([]);
  });
});
