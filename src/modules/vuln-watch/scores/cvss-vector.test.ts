import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkVector, computeBaseScore } from './cvss-vector.js';
import { readMetric } from './cvss-metric.js';

describe('checkVector', () => {
  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:L', '3.1'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:F/RL:X/RC:C', '3.1'],
    ['CVSS:3.0/AV:L/AC:H/PR:L/UI:R/S:C/C:L/I:N/A:N', '3.0'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', '4.0'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/AU:Y/U:Red', '4.0'],
    ['AV:N/AC:L/Au:N/C:P/I:P/A:P', '2.0'],
    ['(AV:N/AC:M/Au:N/C:C/I:C/A:C)', '2.0'],
  ] as const)('accepts %s', (vector, version) => {
    expect(checkVector(vector, version)).toMatchObject({ ok: true, version });
  });

  it.each([
    ['CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', '3.1', 'AV:Q is not one of N, A, L, P'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H', '3.1', 'missing base metric A'],
    ['CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', '3.1', 'metric AV given twice'],
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', '3.1', 'vector is CVSS 3.0, the record says 3.1'],
    ['CVSS:4.0/AV:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', '4.0', 'missing base metric AT'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/XX:1', '4.0', 'unknown metric XX'],
    ['AV:N/AC:L/Au:N/C:P/I:P', '2.0', 'missing base metric A'],
    ['AV:N/AC:L/Au:N/C:X/I:P/A:P', '2.0', 'C:X is not one of N, P, C'],
    ['', '3.1', 'no vector string'],
    ['nonsense', '3.1', 'no CVSS:x.y/ prefix'],
  ] as const)('refuses %s (%s): %s', (vector, version, reason) => {
    expect(checkVector(vector, version)).toEqual({ ok: false, reason });
  });

  it('never throws (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.jsonValue()),
        fc.constantFrom('2.0', '3.0', '3.1', '4.0' as const),
        (v, version) => {
          expect(() => checkVector(v, version)).not.toThrow();
          expect(() =>
            readMetric({ version, vector: v, baseScore: v, source: 's', type: 'Secondary', provider: 'cna' }),
          ).not.toThrow();
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('computeBaseScore (ae-cvss-calculator) cross-checks 3.x scores', () => {
  it('computes the scores of real vectors', () => {
    expect(computeBaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:L', '3.1')).toBe(9.4);
    expect(computeBaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', '3.1')).toBe(7.5);
    expect(computeBaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', '3.1')).toBe(10);
    expect(
      computeBaseScore('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', '4.0'),
    ).toBeNull();
  });

  it('keeps a given score that disagrees with its vector, with a warning', () => {
    const r = readMetric({
      version: '3.1',
      vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:F/RL:X/RC:C',
      baseScore: 9.6,
      source: 'fortinet',
      type: 'Secondary',
      provider: 'cna',
    });
    expect(r.metric?.baseScore).toBe(9.6);
    expect(r.warning).toBe('CVSS 3.1 base score 9.6 given by fortinet, the vector computes 9.8');
  });

  it('computes a missing 3.x score, refuses a missing 4.0 one', () => {
    expect(
      readMetric({
        version: '3.1',
        vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
        baseScore: undefined,
        source: 's',
        type: 'Primary',
        provider: 'nvd',
      }).metric?.baseScore,
    ).toBe(9.8);
    expect(
      readMetric({
        version: '4.0',
        vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
        baseScore: 'x',
        source: 's',
        type: 'Primary',
        provider: 'nvd',
      }).problem,
    ).toContain('is not a number from 0 to 10');
  });
});
