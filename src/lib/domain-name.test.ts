import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isSubdomainOf, longestSuffixMatch, parseDomainName } from './domain-name.js';

const reason = (s: string): string => {
  const r = parseDomainName(s);
  return r.ok ? '' : r.reason;
};

describe('parseDomainName', () => {
  it('normalises case, trailing dot and IDN', () => {
    expect(parseDomainName(' Example.FR. ')).toEqual({ ok: true, value: 'example.fr' });
    expect(parseDomainName('Bücher.de')).toEqual({ ok: true, value: 'xn--bcher-kva.de' });
    expect(parseDomainName('_dmarc.example.fr')).toEqual({ ok: true, value: '_dmarc.example.fr' });
    expect(parseDomainName('s1._domainkey.example.fr').ok).toBe(true);
    expect(parseDomainName('ab--cd.example').ok).toBe(true);
  });

  it('explains refusals', () => {
    expect(reason('')).toMatch(/empty/);
    expect(reason('.')).toMatch(/not allowed|empty/);
    expect(reason('localhost')).toMatch(/two labels/);
    expect(reason('a..example.fr')).toMatch(/empty labels/);
    expect(reason('.example.fr')).toMatch(/empty labels/);
    expect(reason('-bad.example.fr')).toMatch(/cannot start or end with a hyphen/);
    expect(reason('bad-.example.fr')).toMatch(/cannot start or end with a hyphen/);
    expect(reason('*.example.fr')).toMatch(/label "\*"/);
    expect(reason(`${'a'.repeat(64)}.fr`)).toMatch(/at most 63/);
    expect(reason(`${'a.'.repeat(127)}fr`)).toMatch(/at most 253/);
    expect(reason('https://example.fr/path')).toMatch(/without https/);
    expect(reason('user@example.fr')).toMatch(/email address/);
    expect(reason('exa mple.fr')).toMatch(/spaces/);
    expect(reason('%41.example.fr')).toMatch(/spaces or %/);
    expect(reason('192.0.2.1')).toMatch(/IP address/);
    expect(reason('0x7f.1')).toMatch(/IP address/);
  });
});

describe('suffix relations', () => {
  it('isSubdomainOf works label-wise', () => {
    expect(isSubdomainOf('www.chu.example.fr', 'example.fr')).toBe(true);
    expect(isSubdomainOf('example.fr', 'EXAMPLE.fr.')).toBe(true);
    expect(isSubdomainOf('badexample.fr', 'example.fr')).toBe(false);
    expect(isSubdomainOf('example.fr', 'www.example.fr')).toBe(false);
    expect(isSubdomainOf('a.b.fr', 'fr')).toBe(true);
    expect(isSubdomainOf('', 'fr')).toBe(false);
  });

  it('longestSuffixMatch picks the most specific zone', () => {
    const zones = [
      { domain: 'fr', value: 'tld' },
      { domain: 'example.fr', value: 'ght' },
      { domain: 'chu.example.fr', value: 'chu' },
    ];
    expect(longestSuffixMatch('mail.chu.example.fr', zones)).toBe('chu');
    expect(longestSuffixMatch('chu.example.fr.', zones)).toBe('chu');
    expect(longestSuffixMatch('other.example.fr', zones)).toBe('ght');
    expect(longestSuffixMatch('gouv.fr', zones)).toBe('tld');
    expect(longestSuffixMatch('example.com', zones)).toBeUndefined();
  });
});

const label = fc.stringMatching(/^[a-z0-9_](?:[a-z0-9_-]{0,20}[a-z0-9_])?$/);
const tld = fc.stringMatching(/^[a-z][a-z0-9]{1,10}$/);
const domain = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 4 }), tld)
  .map(([ls, t]) => [...ls, t].join('.'));

describe('domain properties', () => {
  it('valid names are fixed points of parsing, whatever their case and trailing dot', () => {
    fc.assert(
      fc.property(domain, fc.boolean(), (d, dot) => {
        expect(parseDomainName(d)).toEqual({ ok: true, value: d });
        expect(parseDomainName(d.toUpperCase() + (dot ? '.' : ''))).toEqual({ ok: true, value: d });
      }),
    );
  });

  it('parsing is idempotent and never throws', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = parseDomainName(s);
        if (r.ok) expect(parseDomainName(r.value)).toEqual(r);
      }),
    );
  });

  it('a name with an extra label is a subdomain of the original, never the reverse', () => {
    fc.assert(
      fc.property(domain, label, (d, l) => {
        expect(isSubdomainOf(`${l}.${d}`, d)).toBe(true);
        expect(isSubdomainOf(d, `${l}.${d}`)).toBe(false);
      }),
    );
  });
});
