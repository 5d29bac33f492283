import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isMtaStsRecord,
  isTlsRptRecord,
  mtaStsRecordId,
  mxPatternCovers,
  parseMtaStsPolicy,
  tlsRptRua,
} from './mta-sts.parse.js';

describe('MTA-STS and TLS-RPT', () => {
  it('reads the lab records and policy', () => {
    expect(isMtaStsRecord('v=STSv1; id=2024010101')).toBe(true);
    expect(mtaStsRecordId('v=STSv1; id=2024010101')).toBe('2024010101');
    expect(
      parseMtaStsPolicy('version: STSv1\r\nmode: enforce\r\nmx: mx.hopital-sain.test\r\nmax_age: 604800\r\n'),
    ).toEqual({
      version: 'STSv1',
      mode: 'enforce',
      mx: ['mx.hopital-sain.test'],
      maxAge: 604800,
      errors: [],
    });
    expect(isTlsRptRecord('v=TLSRPTv1; rua=mailto:tlsrpt@hopital-sain.test')).toBe(true);
    expect(tlsRptRua('v=TLSRPTv1; rua=mailto:a@b.fr,https://r.example/x')).toEqual([
      'mailto:a@b.fr',
      'https://r.example/x',
    ]);
  });

  it('reports invalid policies', () => {
    expect(parseMtaStsPolicy('<html>not found</html>').errors.length).toBeGreaterThan(0);
    expect(parseMtaStsPolicy('version: STSv1\nmode: strict\nmax_age: 1\nmx: a.b').errors).toEqual([
      'mode "strict" is not enforce, testing or none',
    ]);
    expect(mxPatternCovers('*.hopital-sain.test', 'mx.hopital-sain.test')).toBe(true);
    expect(mxPatternCovers('*.hopital-sain.test', 'a.mx.hopital-sain.test')).toBe(false);
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => void parseMtaStsPolicy(s)));
  });
});
