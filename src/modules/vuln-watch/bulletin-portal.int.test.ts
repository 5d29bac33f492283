/**
 * The public portal pages around bulletins, on each dialect. The world
 * (test/support/bulletin-world.ts) starts with the real sample data imported, the proposed drafts
 * and three bulletins published (FortiOS edited, Citrix NetScaler, PAN-OS). Covered: the CVE page
 * (both scores, the rule that chose one, CWE, KEV, EPSS, the link to its bulletin), affected
 * versions from the CVE 5 data when NVD has none, and the indicators page with its SVG charts.
 */
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectCspFriendly,
  proposeDrafts,
  publishDraft,
  publishEditedFortios,
  startBulletinWorld,
  type ApiBulletin,
  type BulletinWorld,
} from '../../../test/support/bulletin-world.js';
import { testDialects } from '../../../test/support/test-db.js';

describe.each(testDialects())('CVE pages and indicators on %s', (dialect) => {
  let w: BulletinWorld;
  const published: Record<string, ApiBulletin> = {};

  beforeAll(async () => {
    w = await startBulletinWorld(dialect);
    const drafts = await proposeDrafts(w);
    published.fortios = await publishEditedFortios(w, drafts);
    published.citrix = await publishDraft(w, drafts, 'CVE-2023-4966');
    published.panos = await publishDraft(w, drafts, 'CVE-2024-3400');
  });
  afterAll(async () => {
    await w.close();
  });

  it('shows the CVE page with both scores and the rule that chose one (CVE-2023-4966)', async () => {
    const page = await w.anon('/cves/cve-2023-4966');
    expect(page.statusCode).toBe(200);
    expectCspFriendly(page.body);
    for (const text of [
      'CVE-2023-4966',
      '9.4',
      '7.5',
      'highest of NVD and CNA: CNA (secure@citrix.com) CVSS 3.1 9.4 > NVD CVSS 3.1 7.5',
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:L',
      'secure@citrix.com',
      'nvd@nist.gov',
      'CWE-119',
      'https://cwe.mitre.org/data/definitions/119.html',
      'Selon l’analyse de la NVD',
      'netscaler',
      'Exploitation connue (catalogue KEV de la CISA)',
      '18 octobre 2023',
      'Probabilité d’exploitation (EPSS)',
      'This product uses data from the NVD API but is not endorsed or certified by the NVD',
      `href="/bulletins/${published.citrix?.id ?? ''}"`,
    ]) {
      expect(page.body, text).toContain(text);
    }
  });

  it('shows affected versions from the CVE 5 data when NVD has no configuration (CVE-2024-3400)', async () => {
    const page = await w.anon('/cves/CVE-2024-3400');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('La NVD n’a pas encore analysé cette CVE');
    expect(page.body).toContain('PAN-OS');
    expect(page.body).toContain('10.2.9-h1');
    expect(page.body).toContain('only the CNA scored it');
    expect((await w.anon('/cves/CVE-1999-99999')).statusCode).toBe(404);
    expect((await w.anon('/cves/not-a-cve')).statusCode).toBe(400);
  });

  it('renders the indicators page and an SVG for each chart', async () => {
    const page = await w.anon('/indicateurs?depuis=2023-01');
    expect(page.statusCode).toBe(200);
    expectCspFriendly(page.body);
    expect(
      page.body.match(
        /<img class="img-fluid border" src="\/indicateurs\/(cves|kev|bulletins|incidents)\.svg\?depuis=2023-01"/g,
      ),
    ).toHaveLength(4);
    expect(page.body.match(/<details/g)).toHaveLength(4);
    expect(page.body).toContain('Les incidents déclarés apparaîtront ici');
    expect(page.body).toContain('<th scope="row">2023-10</th>');
    for (const chart of ['cves', 'kev', 'bulletins', 'incidents']) {
      const svg = await w.anon(`/indicateurs/${chart}.svg?depuis=2023-01`);
      expect(svg.statusCode, chart).toBe(200);
      expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect(svg.body.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(XMLValidator.validate(svg.body)).toBe(true);
      expect(svg.body).not.toMatch(/\sstyle=|<script/);
    }
    expect((await w.anon('/indicateurs/bulletins.svg?depuis=2023-01')).body).toContain('Pare-feu');
    expect((await w.anon('/indicateurs/kev.svg?depuis=2023-01')).body).toContain('2023-10');
    expect((await w.anon('/indicateurs/incidents.svg')).body).toContain('Aucune donnée pour cette période');
    expect((await w.anon('/indicateurs/nope.svg')).statusCode).toBe(404);
    expect((await w.anon('/indicateurs?depuis=2023-13')).statusCode).toBe(400);
  });
});
