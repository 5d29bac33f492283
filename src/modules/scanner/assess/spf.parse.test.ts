import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allMechanism,
  countsAsLookup,
  isSpfRecord,
  parseSpf,
  redirectOf,
  type SpfQualifier,
} from './spf.parse.js';

describe('SPF parser', () => {
  it('reads the lab records', () => {
    const weak = parseSpf('v=spf1 a mx ip4:127.100.0.0/16 +all');
    expect(weak.errors).toEqual([]);
    expect(weak.terms.map((t) => t.raw)).toEqual(['a', 'mx', 'ip4:127.100.0.0/16', '+all']);
    expect(allMechanism(weak)?.qualifier).toBe('+');
    expect(parseSpf('v=spf1 mx -all').terms).toHaveLength(2);
    expect(allMechanism(parseSpf('v=spf1 ?all'))?.qualifier).toBe('?');
  });

  it('reads mechanisms, prefixes and modifiers', () => {
    const r = parseSpf(
      'v=spf1 include:_spf.google.com a:mail.example.org/28 mx//64 ip6:2001:db8::/32 exists:%{i}.bl.example.org -ptr redirect=_spf.example.org exp=explain.example.org x-custom=1',
    );
    expect(r.errors).toEqual([]);
    expect(r.terms.filter(countsAsLookup).map((t) => t.name)).toEqual([
      'include',
      'a',
      'mx',
      'exists',
      'ptr',
      'redirect',
    ]);
    expect(r.terms[1]).toMatchObject({ name: 'a', value: 'mail.example.org', cidr4: 28 });
    expect(r.terms[2]).toMatchObject({ name: 'mx', cidr6: 64 });
    expect(redirectOf(r)).toBe('_spf.example.org');
  });

  it('reports syntax errors', () => {
    expect(parseSpf('v=spf1 ip4:192.0.2.300 -all').errors[0]).toContain('bad IPv4 network');
    expect(parseSpf('v=spf1 mxx -all').errors[0]).toContain('unknown mechanism');
    expect(parseSpf('v=spf1 include -all').errors[0]).toContain('needs a domain');
    expect(parseSpf('v=spf1 redirect=a.example redirect=b.example').errors).toContain(
      '"redirect" appears more than once',
    );
    expect(parseSpf('v=spf1 a:%{z}.example -all').errors[0]).toContain('bad macro');
    expect(parseSpf('v=spf1 ip4:10.0.0.0/33').errors[0]).toContain('prefix');
    expect(parseSpf('spf1 -all').errors).toEqual(['does not start with "v=spf1"']);
    expect(isSpfRecord('v=spf10 -all')).toBe(false);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const r = parseSpf(`v=spf1 ${s}`);
        expect(Array.isArray(r.terms) && Array.isArray(r.errors)).toBe(true);
        parseSpf(s);
      }),
    );
  });

  it('parses every well-formed record it is given back into the same terms (property)', () => {
    const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/);
    const domain = fc.tuple(label, label).map(([a, b]) => `${a}.${b}.org`);
    const qualifier = fc.constantFrom<SpfQualifier | ''>('', '+', '-', '~', '?');
    const octet = fc.integer({ min: 0, max: 255 });
    const mechanism = fc.oneof(
      fc.tuple(qualifier, domain).map(([q, d]) => ({ text: `${q}include:${d}`, lookup: true })),
      fc
        .tuple(qualifier, domain, fc.integer({ min: 0, max: 32 }))
        .map(([q, d, c]) => ({ text: `${q}a:${d}/${c}`, lookup: true })),
      fc.tuple(qualifier).map(([q]) => ({ text: `${q}mx`, lookup: true })),
      fc
        .tuple(qualifier, octet, octet, fc.integer({ min: 0, max: 32 }))
        .map(([q, a, b, c]) => ({ text: `${q}ip4:10.${a}.${b}.0/${c}`, lookup: false })),
      fc.tuple(qualifier, domain).map(([q, d]) => ({ text: `${q}exists:${d}`, lookup: true })),
    );
    fc.assert(
      fc.property(fc.array(mechanism, { maxLength: 15 }), qualifier, (mechanisms, q) => {
        const text = ['v=spf1', ...mechanisms.map((m) => m.text), `${q}all`].join(' ');
        const r = parseSpf(text);
        expect(r.errors).toEqual([]);
        expect(r.terms.map((t) => t.raw)).toEqual([...mechanisms.map((m) => m.text), `${q}all`]);
        expect(r.terms.filter(countsAsLookup)).toHaveLength(mechanisms.filter((m) => m.lookup).length);
        expect(allMechanism(r)?.qualifier).toBe(q === '' ? '+' : q);
      }),
    );
  });
});
