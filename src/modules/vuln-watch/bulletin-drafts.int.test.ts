/**
 * Bulletin drafts end to end on each dialect, with the real sample data imported through the
 * knowledge base (test/support/bulletin-world.ts): the import's proposal jobs run by the real job
 * runner draft exactly the CVEs ≥ 7 (or KEV) on catalogue products, and nothing twice; the review
 * queue for analysts only, drafts kept out of public pages; editing a draft in the HTML form and
 * publishing it (the first reference); writing a bulletin by hand, pre-filled from its CVEs, and
 * discarding it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectCspFriendly,
  FORTIOS_EDIT,
  KB_FILES,
  startBulletinWorld,
  type ApiBulletin,
  type ApiPage,
  type BulletinWorld,
} from '../../../test/support/bulletin-world.js';
import { csrfFieldOf } from '../../../test/support/login.js';
import { testDialects } from '../../../test/support/test-db.js';
import { cvesAffectingProduct, importCves } from './kb.js';

describe.each(testDialects())('bulletin drafts on %s', (dialect) => {
  let w: BulletinWorld;
  const draftsByCve = new Map<string, ApiBulletin>();

  beforeAll(async () => {
    w = await startBulletinWorld(dialect);
  });
  afterAll(async () => {
    await w.close();
  });

  it('drafts a bulletin for each CVE ≥ 7 or KEV on a catalogue product, and for no other', async () => {
    expect(await w.runJobs()).toBeGreaterThan(0);
    const expected = new Set<string>();
    const belowThreshold: string[] = [];
    for (const p of Object.values(w.products)) {
      for (const m of await cvesAffectingProduct(w.server.platform.db, p.id)) {
        if ((m.cve.selectedScore?.score ?? -1) >= 7 || m.cve.kev !== null) expected.add(m.cve.id);
        else belowThreshold.push(m.cve.id);
      }
    }
    expect(expected.size).toBeGreaterThan(40);
    expect(belowThreshold.length).toBeGreaterThan(0);

    // Every page of the draft list answers 200 (asserted by listDrafts).
    const drafts = await w.listDrafts();
    for (const d of drafts) {
      expect(d.cves).toHaveLength(1);
      draftsByCve.set(d.cves[0]?.id ?? '', d);
    }
    expect(new Set(draftsByCve.keys())).toEqual(expected);
    for (const id of belowThreshold.filter((c) => !expected.has(c))) expect(draftsByCve.has(id)).toBe(false);
    for (const id of ['CVE-2024-21762', 'CVE-2023-4966', 'CVE-2024-3400'])
      expect(draftsByCve.has(id), id).toBe(true);
    // Not in the catalogue: xz (CVE-2024-3094), nginx, Apache…
    expect(draftsByCve.has('CVE-2024-3094')).toBe(false);

    const fortios = draftsByCve.get('CVE-2024-21762');
    expect(fortios).toMatchObject({
      status: 'draft',
      reference: null,
      products: [{ id: w.products.fortios.id }],
    });
    expect(fortios?.title).toBe('Vulnérabilité dans Fortinet FortiOS (CVE-2024-21762)');
    // CVE-2024-3400 has no NVD configuration: the product comes from the CVE 5 data, and so do the versions.
    const panos = await w.asAnalyst('GET', `/api/v1/bulletins/${draftsByCve.get('CVE-2024-3400')?.id ?? ''}`);
    expect(panos.json<{ affectedSystems: string; products: { id: string }[] }>()).toMatchObject({
      products: [{ id: w.products.panos.id }],
    });
    expect(panos.json<{ affectedSystems: string }>().affectedSystems).toContain('10.2.9-h1');
  });

  it('proposes nothing twice: running the import and its jobs again changes nothing', async () => {
    const before = await w.asAnalyst('GET', '/api/v1/bulletins?status=draft&pageSize=1');
    await importCves(w.ctx, [KB_FILES[0] ?? '']);
    await w.runJobs();
    const { proposeBulletins } = await import('./bulletin-proposal.service.js');
    const report = await proposeBulletins(w.ctx, [...draftsByCve.keys()]);
    expect(report.created).toEqual([]);
    expect(report.skipped.unchanged).toBe(draftsByCve.size);
    const after = await w.asAnalyst('GET', '/api/v1/bulletins?status=draft&pageSize=1');
    expect(after.json<ApiPage>().total).toBe(before.json<ApiPage>().total);
  });

  it('lists the drafts for analysts only, and keeps them out of public pages', async () => {
    const queue = await w.asAnalyst('GET', '/bulletins/a-valider');
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain('Vulnérabilité dans Fortinet FortiOS (CVE-2024-21762)');
    expectCspFriendly(queue.body);
    const draftId = draftsByCve.get('CVE-2024-21762')?.id ?? '';
    expect((await w.anon(`/bulletins/${draftId}`)).statusCode).toBe(404);
    expect((await w.anon(`/api/v1/bulletins/${draftId}`)).statusCode).toBe(404);
    expect((await w.anon('/api/v1/bulletins?status=draft')).statusCode).toBe(401);
    expect((await w.anon('/bulletins/a-valider')).statusCode).toBe(303);
    expect((await w.publicList('')).total).toBe(0);
    expect((await w.anon('/bulletins')).body).toContain('Aucun bulletin ne correspond');
  });

  it('lets an analyst edit a draft in the form and publish it', async () => {
    const draft = draftsByCve.get('CVE-2024-21762');
    const editPage = await w.asAnalyst('GET', `/bulletins/${draft?.id ?? ''}/modifier`);
    expect(editPage.statusCode).toBe(200);
    expectCspFriendly(editPage.body);
    expect(csrfFieldOf(editPage.body)).toBe(w.analyst.csrfToken);
    const values = { _csrf: w.analyst.csrfToken, ...FORTIOS_EDIT, productIds: [w.products.fortios.id] };
    // Without the CSRF token the form is refused.
    const { _csrf: _token, ...withoutToken } = values;
    expect((await w.form(`/bulletins/${draft?.id ?? ''}/modifier`, withoutToken)).statusCode).toBe(403);
    // A bad link comes back in the form, with the message and what was typed.
    const bad = await w.form(`/bulletins/${draft?.id ?? ''}/modifier`, {
      ...values,
      references: 'javascript:alert(1)',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Lien de documentation invalide ligne 1');
    expect(bad.body).toContain('Une vulnérabilité critique a été découverte');
    const saved = await w.form(`/bulletins/${draft?.id ?? ''}/modifier`, values);
    expect(saved.statusCode, saved.body).toBe(303);
    const published1 = await w.form(`/bulletins/${draft?.id ?? ''}/publier`, { _csrf: w.analyst.csrfToken });
    expect(published1.statusCode, published1.body).toBe(303);
    const api = await w.anon(`/api/v1/bulletins/${draft?.id ?? ''}`);
    expect(api.statusCode).toBe(200);
    const b = api.json<ApiBulletin>();
    expect(b).toMatchObject({
      status: 'published',
      reference: 'AVI-2026-0001',
      revision: 1,
      risks: ['remote-code-execution'],
      pendingUpdate: [],
      revisions: [{ number: 1, note: 'Version initiale' }],
    });
    expect(b.summary).toContain('VPN SSL de FortiOS');
  });

  it('writes a bulletin by hand, pre-filled from its CVEs', async () => {
    const newPage = await w.asAnalyst('GET', '/bulletins/nouveau');
    expect(newPage.statusCode).toBe(200);
    expectCspFriendly(newPage.body);
    const newsForm = await w.asAnalyst('GET', '/actualites/nouvelle');
    expect(newsForm.statusCode).toBe(200);
    expectCspFriendly(newsForm.body);
    const created = await w.form('/bulletins', {
      _csrf: w.analyst.csrfToken,
      cveIds: 'CVE-2024-3094',
      title: '',
      summary: '',
      affectedSystems: '',
      solution: '',
      references: '',
    });
    expect(created.statusCode, created.body).toBe(303);
    const id = String(created.headers.location).split('/').pop() ?? '';
    const b = (await w.asAnalyst('GET', `/api/v1/bulletins/${id}`)).json<
      ApiBulletin & { origin: string; affectedSystems: string }
    >();
    expect(b).toMatchObject({
      status: 'draft',
      origin: 'manual',
      cves: [{ id: 'CVE-2024-3094' }],
      products: [],
    });
    expect(b.summary).toContain('CVE-2024-3094');
    const unknown = await w.form('/bulletins', { _csrf: w.analyst.csrfToken, cveIds: 'CVE-2099-0001' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('CVE-2099-0001 n’est pas dans la base de connaissances');
    // Discarding a draft.
    expect((await w.asAnalyst('POST', `/api/v1/bulletins/${id}/withdraw`)).json<ApiBulletin>().status).toBe(
      'withdrawn',
    );
  });
});
