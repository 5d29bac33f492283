import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateSpf, type SpfDns } from './spf.evaluate.js';

/** An in-memory DNS: TXT records by name; A/MX counts by name; anything else NXDOMAIN. */
function zones(
  txt: Record<string, string[]>,
  counts: Record<string, number> = {},
): SpfDns & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    txt(name) {
      asked.push(`TXT ${name}`);
      const records = txt[name];
      return Promise.resolve(records ? { rcode: 'NOERROR', records } : { rcode: 'NXDOMAIN', records: [] });
    },
    count(name, type) {
      asked.push(`${type} ${name}`);
      const n = counts[`${type} ${name}`];
      return Promise.resolve(
        n === undefined ? { rcode: 'NXDOMAIN', count: 0 } : { rcode: 'NOERROR', count: n },
      );
    },
  };
}

describe('SPF evaluation', () => {
  it('finds "+all" and counts the lab record\'s lookups', async () => {
    const e = await evaluateSpf(
      'chu-lab.test',
      'v=spf1 a mx ip4:127.100.0.0/16 +all',
      zones({}, { 'A chu-lab.test': 1, 'MX chu-lab.test': 1 }),
    );
    expect(e).toMatchObject({
      lookups: 2,
      voidLookups: 0,
      defaultQualifier: '+',
      passesEverythingVia: '+all',
      errors: [],
      broadNetworks: [],
    });
  });

  it('follows includes and redirects, and sees a "+all" hidden in an include', async () => {
    const dns = zones({
      '_spf.prestataire.example': ['v=spf1 include:_inner.prestataire.example ~all'],
      '_inner.prestataire.example': ['v=spf1 +all'],
      '_spf.chu.example': ['v=spf1 ip4:192.0.2.0/24 -all'],
    });
    const viaInclude = await evaluateSpf('chu.example', 'v=spf1 include:_spf.prestataire.example -all', dns);
    expect(viaInclude.passesEverythingVia).toBe(
      'include:_spf.prestataire.example (include:_inner.prestataire.example (+all))',
    );
    expect(viaInclude.defaultQualifier).toBe('-');
    expect(viaInclude.lookups).toBe(2);
    const viaRedirect = await evaluateSpf('chu.example', 'v=spf1 redirect=_spf.chu.example', dns);
    expect(viaRedirect).toMatchObject({
      defaultQualifier: '-',
      passesEverythingVia: null,
      lookups: 1,
      errors: [],
    });
    const neutral = await evaluateSpf('chu.example', 'v=spf1 mx', zones({}, { 'MX chu.example': 1 }));
    expect(neutral.defaultQualifier).toBeNull();
  });

  it('reports permerrors: more than 10 lookups, void lookups, includes without SPF, loops', async () => {
    const many = Array.from({ length: 11 }, (_, i) => `include:s${i}.example.org`);
    const txt = Object.fromEntries(
      Array.from({ length: 11 }, (_, i) => [`s${i}.example.org`, ['v=spf1 -all']]),
    );
    const tooMany = await evaluateSpf('d.example', `v=spf1 ${many.join(' ')} -all`, zones(txt));
    expect(tooMany.lookups).toBe(11);
    expect(tooMany.errors.some((e) => e.includes('more than 10'))).toBe(true);
    const voids = await evaluateSpf(
      'd.example',
      'v=spf1 a:x1.example a:x2.example a:x3.example -all',
      zones({}),
    );
    expect(voids.voidLookups).toBe(3);
    expect(voids.errors.some((e) => e.includes('void'))).toBe(true);
    const missing = await evaluateSpf(
      'd.example',
      'v=spf1 include:nospf.example -all',
      zones({ 'nospf.example': ['google-site-verification=x'] }),
    );
    expect(missing.errors).toEqual(['include:nospf.example has no SPF record (NOERROR)']);
    const loop = await evaluateSpf(
      'a.example',
      'v=spf1 include:b.example -all',
      zones({ 'b.example': ['v=spf1 include:a.example -all'] }),
    );
    expect(loop.errors.some((e) => e.includes('loop'))).toBe(true);
  });

  it('turns DNS failures into dnsErrors, never into a throw', async () => {
    const failing: SpfDns = { txt: () => Promise.reject(new Error('timeout')) };
    const e = await evaluateSpf('d.example', 'v=spf1 include:x.example -all', failing);
    expect(e.dnsErrors[0]).toContain('timeout');
    expect(e.errors).toEqual([]);
  });

  it('flags networks larger than a /16', async () => {
    const e = await evaluateSpf(
      'd.example',
      'v=spf1 ip4:10.0.0.0/8 ip4:192.0.2.0/24 ip6:2001:db8::/16 -all',
      zones({}),
    );
    expect(e.broadNetworks).toEqual(['ip4:10.0.0.0/8', 'ip6:2001:db8::/16']);
    const open = await evaluateSpf('d.example', 'v=spf1 ip4:0.0.0.0/0 -all', zones({}));
    expect(open.passesEverythingVia).toBe('ip4:0.0.0.0/0');
  });

  it('asks at most its query budget whatever the tree (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 60 }), async (n) => {
        const txt: Record<string, string[]> = {};
        for (let i = 0; i < n; i++)
          txt[`n${i}.example`] = [`v=spf1 include:n${i + 1}.example include:n${i + 2}.example -all`];
        const dns = zones(txt);
        const e = await evaluateSpf('root.example', 'v=spf1 include:n0.example -all', dns, {
          maxQueries: 40,
        });
        expect(dns.asked.length).toBeLessThanOrEqual(40);
        expect(e.lookups).toBeGreaterThan(0);
      }),
      { numRuns: 20 },
    );
  });
});
