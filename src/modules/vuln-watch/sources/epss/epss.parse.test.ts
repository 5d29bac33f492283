import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { epssCommentDate, parseEpssHeader, parseEpssRow } from './epss.parse.js';

describe('EPSS CSV', () => {
  it('reads the score date of the comment line', () => {
    expect(epssCommentDate('#model_version:v2023.03.01,score_date:2024-04-15T00:00:00+0000')).toBe(
      '2024-04-15',
    );
  });

  it('finds the columns in any order, ignoring extra ones', () => {
    const header = parseEpssHeader('percentile,cve,model,epss');
    expect(header).toEqual({ ok: true, cve: 1, epss: 3, percentile: 0 });
    if (!header.ok) return;
    expect(parseEpssRow('0.99870,CVE-2023-4966,v2025.03.14,0.97120', header, '2025-08-25')).toEqual({
      ok: true,
      problems: [],
      value: {
        source: 'epss',
        id: 'CVE-2023-4966',
        epss: { score: 0.9712, percentile: 0.9987, date: '2025-08-25' },
      },
    });
  });

  it('names the missing columns and the bad row', () => {
    expect(parseEpssHeader('cve,score')).toEqual({ ok: false, missing: ['epss', 'percentile'] });
    const header = parseEpssHeader('cve,epss,percentile');
    if (!header.ok) throw new Error('header');
    expect(parseEpssRow('CVE-2024-3400,1.5,0.9', header, '2024-01-01')).toEqual({
      ok: false,
      id: 'CVE-2024-3400',
      reason: 'epss "1.5" is not a probability from 0 to 1',
    });
  });

  it('never throws (fast-check)', () => {
    const header = parseEpssHeader('cve,epss,percentile');
    if (!header.ok) throw new Error('header');
    fc.assert(
      fc.property(fc.string(), (line) => {
        expect(() => parseEpssRow(line, header, '2024-01-01')).not.toThrow();
        expect(() => parseEpssHeader(line)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });
});
