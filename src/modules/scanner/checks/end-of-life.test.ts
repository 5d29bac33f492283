import { describe, expect, it } from 'vitest';
import { cycleOfVersion, isPastEndOfLife, matchEndOfLife, parseEndOfLifeProduct } from './end-of-life.js';
import { loadEndOfLifeCatalogue } from './end-of-life.load.js';

const now = new Date('2026-11-29T00:00:00Z');

describe('end-of-life data', () => {
  it('parses the front matter of a product file', () => {
    const p = parseEndOfLifeProduct(
      'demo',
      '---\ntitle: Demo\nidentifiers:\n  - cpe: cpe:2.3:a:demo:demo\n  - repology: demo\n\n# comment\nreleases:\n  - releaseCycle: "2.0"\n    releaseDate: 2024-01-01\n    eol: false\n    latest: "2.0.3"\n\n  - releaseCycle: "1.0"\n    eol: 2023-06-30 # end\n---\n\n> text',
    );
    expect(p).toMatchObject({ title: 'Demo', cpes: ['demo:demo'], url: 'https://endoflife.date/demo' });
    expect(p.cycles).toEqual([
      { cycle: '2.0', label: null, releaseDate: '2024-01-01', eol: false, eoas: null, latest: '2.0.3' },
      { cycle: '1.0', label: null, releaseDate: null, eol: '2023-06-30', eoas: null, latest: null },
    ]);
    expect(parseEndOfLifeProduct('x', 'no front matter').cycles).toEqual([]);
  });

  it('maps the lab products to their cycles', () => {
    const catalogue = loadEndOfLifeCatalogue();
    const cases: [string, string, string | undefined, string, boolean][] = [
      ['nginx', '1.22.1', 'cpe:2.3:a:f5:nginx:1.22.1:*:*:*:*:*:*:*', 'nginx 1.22', true],
      ['PHP', '5.6.40', undefined, 'php 5.6', true],
      [
        'Microsoft IIS',
        '7.5',
        'cpe:2.3:a:microsoft:internet_information_services:7.5:*:*:*:*:*:*:*',
        'windows-server 2008-r2-sp1',
        true,
      ],
      ['Redis', '7.0.15', undefined, 'redis 7.0', true],
      ['MariaDB', '10.11.14', undefined, 'mariadb 10.11', false],
      ['nginx', '1.30.2', undefined, 'nginx 1.30', false],
    ];
    for (const [name, version, cpe, expected, past] of cases) {
      const m = matchEndOfLife(catalogue, { name, version, ...(cpe ? { cpe } : {}) });
      expect(`${m?.product.id} ${m?.cycle.cycle}`, name).toBe(expected);
      expect(m && isPastEndOfLife(m.cycle, now), `${name} ${version}`).toBe(past);
    }
    expect(matchEndOfLife(catalogue, { name: 'OpenSSH', version: '9.2p1' })).toBeUndefined();
    expect(matchEndOfLife(catalogue, { name: 'nginx', version: '' })).toBeUndefined();
  });

  it('chooses the longest release prefix, and the most generous of its variants', () => {
    const sql = loadEndOfLifeCatalogue().products.get('mssqlserver');
    expect(sql && cycleOfVersion(sql, '13.0.5026.0')?.cycle.startsWith('13.0')).toBe(true);
    const eols = sql?.cycles
      .filter((c) => c.cycle.startsWith('13.0'))
      .map((c) => String(c.eol))
      .sort();
    expect(String(sql && cycleOfVersion(sql, '13.0.5026.0')?.eol)).toBe(eols?.[eols.length - 1]);
  });
});
