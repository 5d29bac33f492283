import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { systemActor } from '../../src/platform/auth/actor.js';
import { contextFor } from '../../src/platform/context.js';
import { proposeBulletins } from '../../src/modules/vuln-watch/bulletin-proposal.service.js';
import { listBulletinsToReview, publishBulletin } from '../../src/modules/vuln-watch/bulletin.service.js';
import { importCves } from '../../src/modules/vuln-watch/kb.js';
import { createNews, publishNews } from '../../src/modules/vuln-watch/news.service.js';
import { addProduct } from '../../src/modules/vuln-watch/product.service.js';
import { FIXTURES } from '../../src/modules/vuln-watch/sources/fixtures.js';
import { launchBrowser, newRecordingContext, seriousAccessibilityViolations } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/**
 * The public vulnerability-watch pages in Chromium: axe-core finds no serious violation, the
 * strict CSP reports nothing, and the indicator charts load as images.
 */
let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let problems: string[] = [];
let bulletinId = '';
let newsId = '';

beforeAll(async () => {
  server = await startTestServer('sqlite');
  browser = await launchBrowser();
  const ctx = contextFor(server.platform, systemActor('test'));
  await importCves(ctx, [FIXTURES.nvdFkie, FIXTURES.cve5, FIXTURES.kev]);
  await addProduct(ctx, { vendor: 'citrix', product: 'netscaler_application_delivery_controller', displayName: 'Citrix NetScaler ADC', category: 'vpn' });
  await proposeBulletins(ctx, ['CVE-2023-4966']);
  const { drafts } = await listBulletinsToReview(ctx);
  bulletinId = drafts.items[0]?.id ?? '';
  await publishBulletin(ctx, bulletinId);
  newsId = (await createNews(ctx, { kind: 'ransomware', title: 'Rançongiciel visant des établissements', summary: 'Une campagne en cours.', body: 'Détails.\n\nRecommandations.' })).id;
  await publishNews(ctx, newsId);
  const recording = await newRecordingContext(browser);
  context = recording.context;
  problems = recording.problems;
}, 120_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

async function visit(path: string): Promise<Page> {
  const page = await context.newPage();
  const response = await page.goto(`${server.url}${path}`);
  expect(response?.status(), path).toBe(200);
  expect(await seriousAccessibilityViolations(page), `axe on ${path}`).toEqual([]);
  return page;
}

describe('public vulnerability-watch pages in Chromium', () => {
  it('are accessible and CSP-clean: list, bulletin, CVE, news, feed link', async () => {
    for (const path of ['/bulletins', `/bulletins/${bulletinId}`, '/bulletins?q=netscaler&kev=true', '/cves/CVE-2023-4966', '/cves/CVE-2024-3400', '/actualites', `/actualites/${newsId}`]) {
      const page = await visit(path);
      await page.close();
    }
    expect(problems).toEqual([]);
  });

  it('shows the indicator charts as images, with their tables', async () => {
    const page = await visit('/indicateurs?depuis=2023-01');
    const images = page.locator('main img');
    expect(await images.count()).toBe(4);
    await page.waitForLoadState('load');
    for (let i = 0; i < 4; i++) {
      // The page's DOM types are not in this project's lib: read the two properties by name.
      const size = await images.nth(i).evaluate((img) => {
        const image = img as unknown as { naturalWidth: number; complete: boolean };
        return { w: image.naturalWidth, complete: image.complete };
      });
      expect(size.complete).toBe(true);
      expect(size.w).toBeGreaterThan(100);
    }
    await page.locator('main details summary').first().click();
    await expect.poll(() => page.locator('main details table').first().isVisible()).toBe(true);
    await page.close();
    expect(problems).toEqual([]);
  });
});
