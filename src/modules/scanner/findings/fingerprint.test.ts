import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFinding } from './finding.build.js';
import type { CheckDefinition } from './finding.types.js';
import { findingId, normaliseAddress, normaliseDomain, targetIdentity } from './fingerprint.js';

const definition: CheckDefinition = {
  id: 'http.env-exposed',
  category: 'information-leak',
  severity: 'critical',
  title: { fr: 'titre', en: 'title' },
  description: { fr: 'description', en: 'description' },
  recommendation: { fr: 'recommandation', en: 'recommendation' },
  references: [],
};

describe('finding ids', () => {
  it('are the same for the same input', () => {
    const target = { address: '127.100.1.20', port: 443, hostname: 'www.chu-lab.test' };
    expect(findingId('http.env-exposed', target, '/.env')).toBe(
      findingId('http.env-exposed', target, '/.env'),
    );
    expect(findingId('http.env-exposed', target, '/.env')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignore evidence, titles, host names and URLs', () => {
    const a = buildFinding(definition, {
      target: {
        address: '127.100.1.20',
        port: 443,
        hostname: 'www.chu-lab.test',
        url: 'https://www.chu-lab.test/.env',
      },
      discriminator: '/.env',
      evidence: '/.env → 200, 323 bytes',
    });
    const b = buildFinding(definition, {
      target: {
        address: '127.100.1.20',
        port: 443,
        hostname: 'portail.chu-lab.test',
        url: 'https://portail.chu-lab.test/.env',
      },
      discriminator: '/.env',
      evidence: '/.env → 200, 512 bytes, other variables',
      title: { fr: 'autre', en: 'other' },
    });
    expect(a.id).toBe(b.id);
  });

  it('differ when the check, the target or the discriminator differs', () => {
    const target = { address: '127.100.1.20', port: 443 };
    const base = findingId('http.env-exposed', target, '/.env');
    expect(findingId('http.git-exposed', target, '/.env')).not.toBe(base);
    expect(findingId('http.env-exposed', { ...target, port: 80 }, '/.env')).not.toBe(base);
    expect(findingId('http.env-exposed', { ...target, address: '127.100.1.21' }, '/.env')).not.toBe(base);
    expect(findingId('http.env-exposed', { ...target, domain: 'chu-lab.test' }, '/.env')).not.toBe(base);
    expect(findingId('http.env-exposed', target, '/.env.local')).not.toBe(base);
  });

  it('normalise the spelling of domains and addresses', () => {
    expect(normaliseDomain('CHU-Lab.TEST.')).toBe('chu-lab.test');
    expect(normaliseDomain('hôpital.fr')).toBe('xn--hpital-ixa.fr');
    expect(normaliseAddress('::ffff:127.100.1.20')).toBe('127.100.1.20');
    expect(normaliseAddress('[2001:DB8:0:0::1]')).toBe('2001:db8::1');
    expect(findingId('dns.zone-transfer', { domain: 'CHU-LAB.test.' }, 'ns1')).toBe(
      findingId('dns.zone-transfer', { domain: 'chu-lab.test' }, 'ns1'),
    );
  });

  it('never collide between distinct targets (property)', () => {
    const octet = fc.integer({ min: 0, max: 255 });
    const target = fc.record({
      address: fc.tuple(octet, octet).map(([a, b]) => `127.100.${a}.${b}`),
      port: fc.integer({ min: 1, max: 65535 }),
    });
    fc.assert(
      fc.property(target, target, (a, b) => {
        const same = targetIdentity(a) === targetIdentity(b);
        expect(findingId('service.rdp-exposed', a) === findingId('service.rdp-exposed', b)).toBe(same);
      }),
    );
  });
});
