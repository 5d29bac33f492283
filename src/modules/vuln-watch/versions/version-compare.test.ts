import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVersions, describeBounds, versionInRange } from './version-compare.js';

/** [older, newer] pairs from real vendor schemes (each also checked reversed). */
const ORDERED: readonly (readonly [string, string, string])[] = [
  ['FortiOS', '7.0.12', '7.0.13'],
  ['FortiOS', '7.0.13', '7.0.14'],
  ['FortiOS', '7.0.9', '7.0.10'],
  ['FortiOS', '6.4.15', '7.0.0'],
  ['NetScaler base < build', '13.1', '13.1-49.15'],
  ['NetScaler builds', '13.1-49.14', '13.1-49.15'],
  ['NetScaler builds', '13.1-48.47', '13.1-49.15'],
  ['NetScaler build < next branch', '13.1-49.15', '14.1'],
  ['NetScaler 12.1', '12.1-55.299', '12.1-55.300'],
  ['OpenSSH portable', '8.9', '8.9p1'],
  ['OpenSSH portable', '8.9p1', '9.0'],
  ['OpenSSH portable', '9.3p1', '9.3p2'],
  ['OpenSSH portable', '8.3p1', '9.8p1'],
  ['PAN-OS hotfix > base', '10.2.9', '10.2.9-h1'],
  ['PAN-OS hotfixes', '10.2.9-h1', '10.2.9-h2'],
  ['PAN-OS hotfix < next', '10.2.9-h1', '10.2.10'],
  ['PAN-OS hotfix 10', '11.1.2-h3', '11.1.2-h10'],
  ['Ivanti R = release', '9.1', '9.1R1'],
  ['Ivanti R = release', '9.1R11', '9.1R11.4'],
  ['Ivanti R = release', '9.1R2', '9.1R11'],
  ['Ivanti R = release', '9.1R18.9', '22.7R1.1'],
  ['Ivanti packed in update', '8.2r1.0', '8.2r12.1'],
  ['Windows build', '10.0.19045.4045', '10.0.19045.4046'],
  ['Windows build', '10.0.19044.9999', '10.0.19045.1'],
  ['Windows build', '10.0.17763.5458', '10.0.19045.4046'],
  ['VMware update', '8.0', '8.0U2'],
  ['VMware update', '8.0U2', '8.0U3'],
  ['VMware update letter', '7.0U3', '7.0U3o'],
  ['VMware update letter', '7.0U3c', '7.0U3o'],
  ['OpenSSL letter', '1.0.2', '1.0.2zk'],
  ['OpenSSL letter', '1.0.2zk', '1.0.2zl'],
  ['OpenSSL letter', '1.1.1q', '1.1.2'],
  ['semver pre-release', '1.0.0-alpha', '1.0.0-alpha.1'],
  ['semver pre-release', '1.0.0-alpha.1', '1.0.0-beta'],
  ['semver pre-release', '1.0.0-beta.2', '1.0.0-beta.11'],
  ['semver pre-release', '1.0.0-beta.11', '1.0.0-rc.1'],
  ['semver pre-release', '1.0.0-rc.1', '1.0.0'],
  ['semver pre-release', '2.0.0-beta.36', '2.0.0'],
  ['Tomcat milestone', '9.0.0.M9', '9.0.0'],
  ['Tomcat milestone', '9.0.0.M1', '9.0.0.M9'],
  ['leading v', 'v5.6.0', 'v5.17.0'],
  ['numbers, not text', '1.9', '1.10'],
  ['SonicOS', '7.0.1-5145', '7.0.1-5151'],
];

/** Pairs that denote the same version. */
const EQUAL: readonly (readonly [string, string, string])[] = [
  ['trailing space in CISA data', '10.2.9-h1 ', '10.2.9-h1'],
  ['trailing zeros', '7.0', '7.0.0'],
  ['case', '9.1R11.4', '9.1r11.4'],
  ['Ivanti version+update packed', '8.3r1', '8.3:r1'],
  ['leading zeros', '10.02', '10.2'],
  ['separators', '13.1-49.15', '13.1.49.15'],
  ['prefix', 'v7.2.8', '7.2.8'],
  ['pre-release with zeros', '1.0.0-rc1', '1-rc1'],
];

describe('compareVersions on real vendor schemes', () => {
  it.each(ORDERED)('%s: %s < %s', (_scheme, older, newer) => {
    expect(compareVersions(older, newer)).toBeLessThan(0);
    expect(compareVersions(newer, older)).toBeGreaterThan(0);
  });
  it.each(EQUAL)('%s: %s = %s', (_why, a, b) => {
    expect(compareVersions(a, b)).toBe(0);
    expect(compareVersions(b, a)).toBe(0);
  });
});

describe('versionInRange', () => {
  it('checks NVD bounds: FortiOS 7.0.0 ≤ v < 7.0.14', () => {
    const b = { startIncluding: '7.0.0', endExcluding: '7.0.14' };
    expect(versionInRange('7.0.13', b)).toBe(true);
    expect(versionInRange('7.0.14', b)).toBe(false);
    expect(versionInRange('7.0', b)).toBe(true);
    expect(versionInRange('6.4.15', b)).toBe(false);
  });
  it('checks NetScaler bounds 13.1 ≤ v < 13.1-49.15', () => {
    const b = { startIncluding: '13.1', endExcluding: '13.1-49.15' };
    expect(versionInRange('13.1-49.13', b)).toBe(true);
    expect(versionInRange('13.1-49.15', b)).toBe(false);
    expect(versionInRange('13.1-50.1', b)).toBe(false);
  });
  it('handles excluding start and including end', () => {
    const b = { startExcluding: '1.0', endIncluding: '2.0' };
    expect(versionInRange('1.0', b)).toBe(false);
    expect(versionInRange('1.0.1', b)).toBe(true);
    expect(versionInRange('2.0', b)).toBe(true);
    expect(versionInRange('2.0-h1', b)).toBe(false);
  });
  it('says the bounds in words', () => {
    expect(describeBounds({ startIncluding: '7.0.0', endExcluding: '7.0.14' })).toBe(
      'from 7.0.0 (including) up to 7.0.14 (excluding)',
    );
    expect(describeBounds({})).toBe('all versions');
  });
});

/** Versions shaped like the vendor schemes above, to exercise the order properties. */
const versionArb = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 30 }).map(String),
      fc.constantFrom('h', 'p', 'r', 'u', 'o', 'sp', 'rc', 'beta', 'alpha', 'a', 'm', 'zk', 'build'),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .chain((tokens) =>
    fc
      .array(fc.constantFrom('.', '-', '', '_', ' '), { minLength: tokens.length, maxLength: tokens.length })
      .map((seps) => tokens.map((t, i) => (i === 0 ? t : `${seps[i]}${t}`)).join('')),
  );

describe('compareVersions properties', () => {
  it('is reflexive and antisymmetric', () => {
    fc.assert(
      fc.property(versionArb, versionArb, (a, b) => {
        expect(compareVersions(a, a)).toBe(0);
        expect(Math.sign(compareVersions(a, b))).toBe(-Math.sign(compareVersions(b, a)) || 0);
      }),
      { numRuns: 2000 },
    );
  });
  it('is transitive', () => {
    fc.assert(
      fc.property(versionArb, versionArb, versionArb, (a, b, c) => {
        if (compareVersions(a, b) <= 0 && compareVersions(b, c) <= 0)
          expect(compareVersions(a, c)).toBeLessThanOrEqual(0);
        if (compareVersions(a, b) === 0 && compareVersions(b, c) === 0) expect(compareVersions(a, c)).toBe(0);
        if (compareVersions(a, b) < 0 && compareVersions(b, c) <= 0)
          expect(compareVersions(a, c)).toBeLessThan(0);
      }),
      { numRuns: 5000 },
    );
  });
  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(Number.isInteger(compareVersions(a, b))).toBe(true);
      }),
    );
  });
  it('orders a higher last number after a lower one', () => {
    fc.assert(
      fc.property(versionArb, fc.integer({ min: 1, max: 99 }), (v, n) => {
        expect(compareVersions(`${v}.${n}`, `${v}.${n + 1}`)).toBeLessThan(0);
      }),
    );
  });
});
