import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMoreSevere, severityFromCvss, severityOfVulnerability, severityRank } from './severity.js';

describe('severity rules of the catalogue', () => {
  it('maps CVSS bands', () => {
    expect(severityFromCvss(9.8)).toBe('critical');
    expect(severityFromCvss(9.0)).toBe('critical');
    expect(severityFromCvss(8.9)).toBe('high');
    expect(severityFromCvss(7.0)).toBe('high');
    expect(severityFromCvss(6.9)).toBe('medium');
    expect(severityFromCvss(4.0)).toBe('medium');
    expect(severityFromCvss(3.9)).toBe('low');
    expect(severityFromCvss(0.1)).toBe('low');
    expect(severityFromCvss(0)).toBe('info');
    expect(severityFromCvss(null)).toBe('info');
  });

  it('is monotonic in the score', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        (a, b) => {
          if (a <= b)
            expect(severityRank(severityFromCvss(a))).toBeGreaterThanOrEqual(
              severityRank(severityFromCvss(b)),
            );
        },
      ),
    );
  });

  it('makes a KEV CVE on an exposed service critical, and an unscored one medium', () => {
    expect(severityOfVulnerability({ cvss: 5.3, kev: true, exposed: true })).toBe('critical');
    expect(severityOfVulnerability({ cvss: 5.3, kev: true, exposed: false })).toBe('medium');
    expect(severityOfVulnerability({ cvss: null, kev: false, exposed: true })).toBe('medium');
    expect(isMoreSevere('critical', 'high')).toBe(true);
    expect(isMoreSevere('info', 'low')).toBe(false);
  });
});
