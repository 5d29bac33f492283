import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cidrContains } from '../../lib/cidr.js';
import {
  createScopeGuard,
  REFUSAL_REASONS as R,
  ScopeError,
  scopeFromTargets,
  type ScopeGuard,
} from './scope.js';

const reasonOf = (guard: ScopeGuard, ip: string, port?: number): string | undefined =>
  guard.refusalFor(ip, port)?.reason;

describe('ScopeGuard.checkAddress', () => {
  const guard = createScopeGuard({
    scope: { cidrs: ['192.0.2.0/24', '2001:db8:1::/48', '10.0.0.0/8'], domains: [] },
    netAllow: ['192.0.2.0/24', '2001:db8::/32', '10.0.0.0/8'],
    netDeny: ['192.0.2.128/25', '2001:db8:1:bad::/64', '10.9.0.0/16'],
  });

  it.each([
    ['192.0.2.10', undefined],
    ['192.0.2.200', R.inDeny],
    ['198.51.100.1', R.outsideAllow],
    ['2001:db8:1::10', undefined],
    ['2001:db8:1:bad::1', R.inDeny],
    ['2001:db8:2::1', R.notInScope],
    ['2001:db9::1', R.outsideAllow],
    ['::ffff:192.0.2.10', undefined],
    ['::ffff:192.0.2.200', R.inDeny],
    ['::ffff:198.51.100.1', R.outsideAllow],
    ['10.9.1.1', R.inDeny],
    ['0.0.0.0', R.notUnicast],
    ['224.0.0.1', R.notUnicast],
    ['::', R.notUnicast],
    ['www.example.fr', R.notIp],
    ['010.0.0.1', R.notIp],
  ])('%s → %s', (ip, reason) => {
    expect(reasonOf(guard, ip)).toBe(reason);
  });

  it('returns the canonical address, IPv4-mapped unwrapped', () => {
    expect(guard.checkAddress('::FFFF:192.0.2.10', 80)).toBe('192.0.2.10');
    expect(guard.checkAddress('2001:DB8:1:0::10')).toBe('2001:db8:1::10');
  });

  it('lets deny win over both the scan scope and the allow list', () => {
    const g = createScopeGuard({
      scope: { cidrs: ['0.0.0.0/1'], domains: [] },
      netAllow: ['8.8.8.0/24'],
      netDeny: ['8.8.8.8/32'],
    });
    expect(reasonOf(g, '8.8.8.8')).toBe(R.inDeny);
    expect(reasonOf(g, '8.8.8.9')).toBeUndefined();
  });

  it('needs the scan scope even without a global allow list, and nothing is in an empty scope', () => {
    const g = createScopeGuard({ scope: { cidrs: [], domains: ['example.fr'] } });
    expect(reasonOf(g, '192.0.2.1')).toBe(R.notInScope);
  });
});

describe('ports', () => {
  const guard = createScopeGuard({
    scope: { cidrs: ['192.0.2.0/24'], domains: [], ports: [22, 80, 443, 9100], excludedPorts: [9100] },
  });

  it('refuses excluded ports, ports outside the list, and impossible ports, naming the port', () => {
    expect(guard.refusalFor('192.0.2.1', 9100)).toEqual({ target: '192.0.2.1:9100', reason: R.portExcluded });
    expect(guard.refusalFor('192.0.2.1', 8080)).toEqual({
      target: '192.0.2.1:8080',
      reason: R.portNotInScope,
    });
    expect(guard.refusalFor('192.0.2.1', 0)?.reason).toBe(R.badPort);
    expect(guard.refusalFor('192.0.2.1', 70000)?.reason).toBe(R.badPort);
    expect(guard.refusalFor('192.0.2.1', 443)).toBeUndefined();
  });

  it('names the address alone when the address is the problem', () => {
    expect(guard.refusalFor('198.51.100.1', 443)).toEqual({ target: '198.51.100.1', reason: R.notInScope });
  });

  it('brackets IPv6 targets with a port', () => {
    const g = createScopeGuard({ scope: { cidrs: ['2001:db8::/32'], domains: [], excludedPorts: [23] } });
    expect(g.refusalFor('2001:db8::1', 23)?.target).toBe('[2001:db8::1]:23');
  });
});

describe('refusal log', () => {
  it('records each refusal once, throws ScopeError with target and reason', () => {
    const guard = createScopeGuard({
      scope: { cidrs: ['192.0.2.0/24'], domains: [] },
      netAllow: ['192.0.2.0/24'],
    });
    for (let i = 0; i < 3; i++) {
      expect(() => guard.checkAddress('8.8.8.8', 53)).toThrow(ScopeError);
    }
    try {
      guard.checkAddress('::ffff:8.8.4.4');
    } catch (error) {
      expect(error).toMatchObject({ code: 'NET_SCOPE_REFUSED', target: '8.8.4.4', reason: R.outsideAllow });
    }
    guard.record({ target: 'http://a → http://b', reason: 'redirect out of scope' });
    expect(guard.refused).toEqual([
      { target: '8.8.8.8', reason: R.outsideAllow },
      { target: '8.8.4.4', reason: R.outsideAllow },
      { target: 'http://a → http://b', reason: 'redirect out of scope' },
    ]);
  });

  it('is bounded', () => {
    const guard = createScopeGuard({ scope: { cidrs: [], domains: [] }, maxRefusals: 5 });
    for (let i = 1; i <= 50; i++) expect(guard.refusalFor(`192.0.2.${i}`)).toBeDefined();
    for (let i = 1; i <= 50; i++) expect(() => guard.checkAddress(`192.0.2.${i}`)).toThrow(ScopeError);
    expect(guard.refused).toHaveLength(5);
  });
});

describe('names', () => {
  const guard = createScopeGuard({ scope: { cidrs: [], domains: ['chu-exemple.fr', 'Hôpital.fr'] } });

  it.each([
    ['chu-exemple.fr', true],
    ['WWW.CHU-Exemple.fr.', true],
    ['a.b.chu-exemple.fr', true],
    ['xn--hpital-ixa.fr', true],
    ['mail.hôpital.fr', true],
    ['evilchu-exemple.fr', false],
    ['chu-exemple.fr.evil.com', false],
    ['fr', false],
    ['', false],
  ])('%s in scope: %s', (name, inScope) => {
    expect(guard.nameRefusalFor(name) === undefined).toBe(inScope);
  });

  it('canonicalises accepted names and logs refused ones', () => {
    expect(guard.checkName('WWW.Hôpital.FR.')).toBe('www.xn--hpital-ixa.fr');
    expect(() => guard.checkName('cdn.provider.net')).toThrow(/cdn\.provider\.net: name not in scan scope/);
    expect(guard.refused).toContainEqual({ target: 'cdn.provider.net', reason: R.nameNotInScope });
  });

  it('matches a name when it or a parent is listed (property)', () => {
    const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/);
    fc.assert(
      fc.property(
        fc.array(label, { minLength: 2, maxLength: 4 }),
        fc.array(label, { maxLength: 3 }),
        label,
        (zone, sub, other) => {
          const domain = zone.join('.');
          fc.pre(!/^\d+$/.test(zone[zone.length - 1] ?? ''));
          const g = createScopeGuard({ scope: { cidrs: [], domains: [domain] } });
          expect(g.nameRefusalFor([...sub, domain].join('.'))).toBeUndefined();
          // A sibling label glued to the zone (otherexample.fr) is not a subdomain.
          expect(g.nameRefusalFor(`${other}${domain}`)?.reason).toBe(R.nameNotInScope);
        },
      ),
    );
  });
});

describe('admitted addresses', () => {
  it('admits addresses of in-scope names only, still under the global lists', () => {
    const guard = createScopeGuard({
      scope: { cidrs: [], domains: ['example.fr'] },
      netAllow: ['203.0.113.0/24'],
      netDeny: ['203.0.113.66/32'],
    });
    guard.admitResolved('www.example.fr', ['203.0.113.5', '203.0.113.66', '198.51.100.7']);
    guard.admitResolved('cdn.other.net', ['203.0.113.9']);
    expect(reasonOf(guard, '203.0.113.5')).toBeUndefined();
    expect(reasonOf(guard, '203.0.113.66')).toBe(R.inDeny);
    expect(reasonOf(guard, '198.51.100.7')).toBe(R.outsideAllow);
    expect(reasonOf(guard, '203.0.113.9')).toBe(R.notInScope);
  });

  it('can be switched off', () => {
    const guard = createScopeGuard({ scope: { cidrs: [], domains: ['example.fr'], admitResolved: false } });
    guard.admitResolved('www.example.fr', ['203.0.113.5']);
    expect(reasonOf(guard, '203.0.113.5')).toBe(R.notInScope);
  });

  it('admits an infrastructure endpoint on its port only, never past the global lists', () => {
    const guard = createScopeGuard({
      scope: { cidrs: [], domains: [], excludedPorts: [53] },
      netAllow: ['127.0.0.0/8'],
    });
    guard.admitEndpoint('127.100.250.53', 53);
    expect(reasonOf(guard, '127.100.250.53', 53)).toBeUndefined();
    expect(reasonOf(guard, '127.100.250.53', 80)).toBe(R.notInScope);
    expect(() => guard.admitEndpoint('9.9.9.9', 53)).toThrow(ScopeError);
    expect(guard.refused).toContainEqual({ target: '9.9.9.9:53', reason: R.outsideAllow });
  });
});

describe('property: the guard agrees with the CIDR arithmetic', () => {
  const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((b) => b.join('.'));
  const block = fc.tuple(ipv4, fc.integer({ min: 0, max: 32 })).map(([ip, p]) => `${ip}/${p}`);

  it('accepts exactly: unicast ∧ ¬deny ∧ allow ∧ scope, for plain and IPv4-mapped input', () => {
    fc.assert(
      fc.property(block, block, block, ipv4, fc.boolean(), (scope, allow, deny, ip, mapped) => {
        const g = createScopeGuard({
          scope: { cidrs: [scope], domains: [] },
          netAllow: [allow],
          netDeny: [deny],
        });
        const special = ['0.0.0.0/8', '224.0.0.0/4', '255.255.255.255/32'].some((c) => cidrContains(c, ip));
        const expected =
          !special && !cidrContains(deny, ip) && cidrContains(allow, ip) && cidrContains(scope, ip);
        expect(g.refusalFor(mapped ? `::ffff:${ip}` : ip) === undefined).toBe(expected);
      }),
    );
  });
});

describe('scopeFromTargets', () => {
  it('sorts command-line targets into networks and domains', () => {
    expect(
      scopeFromTargets(['192.0.2.10', '2001:db8::/48', 'CHU-Exemple.fr'], { excludedPorts: [9100] }),
    ).toEqual({
      cidrs: ['192.0.2.10/32', '2001:db8::/48'],
      domains: ['chu-exemple.fr'],
      excludedPorts: [9100],
    });
    expect(() => scopeFromTargets(['not a target'])).toThrow(/neither an address/);
  });
});
