import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat, HEAD_BYTES } from './detect-format.js';
import { FIXTURES } from './fixtures.js';

const head = (path: string) => readFileSync(path).subarray(0, HEAD_BYTES);

describe('detectFormat from the first bytes', () => {
  it.each([
    [FIXTURES.nvdFkie, { format: 'nvd' }],
    [FIXTURES.nvdOsv, { format: 'nvd' }],
    [FIXTURES.nvdDerived, { format: 'nvd' }],
    [FIXTURES.cve5, { format: 'cve5' }],
    [FIXTURES.kev, { format: 'kev' }],
    [FIXTURES.epss, { format: 'epss' }],
    [FIXTURES.epssExtraColumns, { format: 'epss' }],
    [FIXTURES.nvdLegacy, { problem: 'legacy-nvd' }],
  ])('%s', (path, verdict) => {
    expect(detectFormat(head(path))).toEqual(verdict);
  });

  it('reads a single CVE 5 record whose keys are sorted (containers first)', () => {
    const record = (JSON.parse(readFileSync(FIXTURES.cve5, 'utf8')) as unknown[])[0];
    expect(detectFormat(Buffer.from(JSON.stringify(record)))).toEqual({ format: 'cve5' });
  });

  it('refuses a wrong schema version and names it', () => {
    expect(detectFormat(Buffer.from('{"format":"NVD_CVE","version":"3.0","vulnerabilities":[]}'))).toEqual({
      problem: 'schema-version',
      source: 'nvd',
      found: '3.0',
      expected: '2.0',
    });
    expect(detectFormat(Buffer.from('{"dataType":"CVE_RECORD","dataVersion":"4.0"}'))).toMatchObject({
      problem: 'schema-version',
      source: 'cve5',
    });
  });

  it('says why it does not know a file', () => {
    expect(detectFormat(Buffer.from('<html>502 Bad Gateway</html>'))).toMatchObject({
      problem: 'unknown',
      reason: expect.stringContaining('HTML') as string,
    });
    expect(detectFormat(Buffer.from(''))).toMatchObject({ problem: 'unknown' });
  });

  it('never throws (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        (bytes) => void expect(() => detectFormat(Buffer.from(bytes))).not.toThrow(),
      ),
    );
  });
});
