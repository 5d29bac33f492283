import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressesOf, displayNetwork, parseTargets, splitTargetText, targetStrings } from './targets.js';

const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(octet, octet, octet, octet).map((parts) => parts.join('.'));
const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/);

describe('parseTargets', () => {
  it('splits addresses, blocks and names, canonical and without duplicates', () => {
    const r = parseTargets([
      '127.100.1.10',
      '127.100.1.10',
      '127.100.1.0/24',
      'CHU-Lab.test.',
      '::ffff:127.100.2.10',
      '2001:db8::1',
    ]);
    expect(r).toEqual({
      ok: true,
      value: {
        networks: ['127.100.1.10/32', '127.100.1.0/24', '127.100.2.10/32', '2001:db8::1/128'],
        domains: ['chu-lab.test'],
      },
    });
    if (r.ok)
      expect(targetStrings(r.value)).toEqual([
        '127.100.1.10',
        '127.100.1.0/24',
        '127.100.2.10',
        '2001:db8::1',
        'chu-lab.test',
      ]);
  });

  it('reports every bad target with a reason that says what to do', () => {
    const r = parseTargets([
      'https://www.chu.fr/login',
      '10.0.0.0/8',
      '999.1.1.1',
      'exa mple.fr',
      'localhost',
      '',
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const reasons = Object.fromEntries(r.problems.map((p) => [p.target, p.reason]));
    expect(reasons['https://www.chu.fr/login']).toMatch(/URL.*www\.chu\.fr/);
    expect(reasons['10.0.0.0/8']).toMatch(/too wide.*\/16/);
    expect(reasons['999.1.1.1']).toMatch(/not an IP address/);
    expect(reasons.localhost).toMatch(/two labels/);
    expect(r.problems).toHaveLength(6);
  });

  it('accepts every IPv4 address and every block of /16 or narrower; refuses wider ones', () => {
    fc.assert(
      fc.property(ipv4, fc.integer({ min: 0, max: 32 }), (ip, prefix) => {
        const r = parseTargets([`${ip}/${prefix}`]);
        expect(r.ok).toBe(prefix >= 16);
        if (!r.ok) expect(r.problems[0]?.reason).toMatch(/\/16/);
      }),
    );
  });

  it('accepts domain names and never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.array(label, { minLength: 2, maxLength: 4 }), (labels) => {
        const r = parseTargets([labels.join('.')]);
        expect(r.ok).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 40 }), { maxLength: 5 }), (inputs) => {
        const r = parseTargets(inputs);
        if (!r.ok) for (const p of r.problems) expect(p.reason.length).toBeGreaterThan(10);
      }),
    );
  });

  it('caps the number of targets and of addresses', () => {
    expect(parseTargets([]).ok).toBe(false);
    expect(
      parseTargets(Array.from({ length: 1001 }, (_, i) => `10.0.${Math.floor(i / 250)}.${i % 250}`)).ok,
    ).toBe(false);
    const blocks = ['10.0.0.0/16', '10.1.0.0/16', '10.2.0.0/16', '10.3.0.0/16', '10.4.0.0/16'];
    const r = parseTargets(blocks);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.reason).toMatch(/at most 262144/);
  });
});

describe('addressesOf', () => {
  it('lists every address of a block in order', () => {
    expect([...addressesOf('127.101.0.254/31')]).toEqual(['127.101.0.254', '127.101.0.255']);
    expect([...addressesOf('127.101.0.0/23')].slice(254, 258)).toEqual([
      '127.101.0.254',
      '127.101.0.255',
      '127.101.1.0',
      '127.101.1.1',
    ]);
    expect([...addressesOf('2001:db8::/126')]).toEqual([
      '2001:db8::',
      '2001:db8::1',
      '2001:db8::2',
      '2001:db8::3',
    ]);
  });

  it('has 2^(32-prefix) distinct addresses, all inside the block', () => {
    fc.assert(
      fc.property(ipv4, fc.integer({ min: 20, max: 32 }), (ip, prefix) => {
        const list = [...addressesOf(`${ip}/${prefix}`)];
        expect(list).toHaveLength(2 ** (32 - prefix));
        expect(new Set(list).size).toBe(list.length);
      }),
      { numRuns: 40 },
    );
  });

  it('shows single-address blocks as addresses', () => {
    expect(displayNetwork('127.100.1.10/32')).toBe('127.100.1.10');
    expect(displayNetwork('127.100.1.0/24')).toBe('127.100.1.0/24');
    expect(splitTargetText(' a.fr,b.fr;\n127.0.0.2  c.fr ')).toEqual(['a.fr', 'b.fr', '127.0.0.2', 'c.fr']);
  });
});
