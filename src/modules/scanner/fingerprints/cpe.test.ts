import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ANY,
  CPE_ATTRIBUTES,
  NA,
  cpe23,
  cpeUriToFormatted,
  formatCpe,
  mostSpecificCpes,
  nvdNormalise,
  parseCpe,
  toCpe23,
  withAttributes,
  type CpeName,
  type CpeValue,
} from './cpe.js';

const literal = fc.string({
  minLength: 1,
  maxLength: 12,
  unit: fc.constantFrom(...'abcXYZ019_-.:*?\\/ ~!@#$%^&()+={}[]|;\'",<>'.split('')),
});
const value: fc.Arbitrary<CpeValue> = fc.oneof(literal, fc.constant(ANY), fc.constant(NA));
const name: fc.Arbitrary<CpeName> = fc
  .tuple(fc.constantFrom<CpeValue>('a', 'o', 'h'), ...CPE_ATTRIBUTES.slice(1).map(() => value))
  .map((values) => Object.fromEntries(CPE_ATTRIBUTES.map((a, i) => [a, values[i]])) as unknown as CpeName);

describe('CPE 2.3 formatted strings', () => {
  it('binds the usual application name', () => {
    expect(cpe23('a', 'f5', 'nginx', '1.22.1')).toBe('cpe:2.3:a:f5:nginx:1.22.1:*:*:*:*:*:*:*');
    expect(cpe23('a', 'microsoft', 'asp.net', null)).toBe('cpe:2.3:a:microsoft:asp.net:*:*:*:*:*:*:*:*');
  });

  it('escapes everything but alphanumerics, _, - and .', () => {
    expect(cpe23('a', 'acme', 'web:server', '1.0+b*2')).toBe(
      'cpe:2.3:a:acme:web\\:server:1.0\\+b\\*2:*:*:*:*:*:*:*',
    );
    expect(cpe23('a', 'acme', 'Big Product', '2')).toBe('cpe:2.3:a:acme:big_product:2:*:*:*:*:*:*:*');
  });

  it('writes a literal lone hyphen as \\- so it is not NA', () => {
    const n = { ...parseCpe('cpe:2.3:a:x:y:*:*:*:*:*:*:*:*')!, version: '-' };
    expect(formatCpe(n)).toBe('cpe:2.3:a:x:y:\\-:*:*:*:*:*:*:*');
    expect(parseCpe(formatCpe(n))?.version).toBe('-');
  });

  it('round-trips through the parser (property)', () => {
    fc.assert(
      fc.property(name, (n) => {
        const text = formatCpe(n);
        expect(text).toMatch(/^cpe:2\.3:/);
        expect(parseCpe(text)).toEqual(n);
      }),
    );
  });

  it('never throws on arbitrary text (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        parseCpe(s);
        parseCpe(`cpe:2.3:${s}`);
        cpeUriToFormatted(`cpe:/${s}`);
        toCpe23(s);
      }),
    );
  });

  it('rejects malformed strings', () => {
    expect(parseCpe('cpe:2.3:a:x:y')).toBeNull();
    expect(parseCpe('cpe:2.3:z:x:y:*:*:*:*:*:*:*:*')).toBeNull();
    expect(parseCpe('cpe:2.3:a:x:y:1 2:*:*:*:*:*:*:*')).toBeNull();
    expect(parseCpe('cpe:2.3:a:x:y:1:*:*:*:*:*:*:*\\')).toBeNull();
  });
});

describe('CPE 2.2 URIs from recog', () => {
  it('converts versions, NA and percent-encoding', () => {
    expect(cpeUriToFormatted('cpe:/a:openbsd:openssh:9.2p1')).toBe(
      'cpe:2.3:a:openbsd:openssh:9.2p1:*:*:*:*:*:*:*',
    );
    expect(cpeUriToFormatted('cpe:/a:f5:nginx:-')).toBe('cpe:2.3:a:f5:nginx:-:*:*:*:*:*:*:*');
    expect(cpeUriToFormatted('cpe:/o:microsoft:windows_server_2008:r2:sp1')).toBe(
      'cpe:2.3:o:microsoft:windows_server_2008:r2:sp1:*:*:*:*:*:*',
    );
    expect(cpeUriToFormatted('cpe:/a:acme:prod:1.0%7e2')).toBe('cpe:2.3:a:acme:prod:1.0\\~2:*:*:*:*:*:*:*');
    expect(cpeUriToFormatted('cpe:/a:acme:prod:1:u:~ed~sw~tsw~thw~oth')).toBe(
      'cpe:2.3:a:acme:prod:1:u:ed:*:sw:tsw:thw:oth',
    );
  });

  it('rejects what is not a URI', () => {
    expect(cpeUriToFormatted('cpe:/x:a:b')).toBeNull();
    expect(cpeUriToFormatted('cpe:/a:b:%zz')).toBeNull();
    expect(cpeUriToFormatted('nginx')).toBeNull();
  });
});

describe('helpers', () => {
  it('sets the version of a webappanalyzer CPE', () => {
    expect(withAttributes('cpe:2.3:a:php:php:*:*:*:*:*:*:*:*', { version: '5.6.40' })).toBe(
      'cpe:2.3:a:php:php:5.6.40:*:*:*:*:*:*:*',
    );
  });

  it('splits OpenSSH portable versions the way NVD does', () => {
    expect(nvdNormalise('cpe:2.3:a:openbsd:openssh:9.2p1:*:*:*:*:*:*:*')).toBe(
      'cpe:2.3:a:openbsd:openssh:9.2:p1:*:*:*:*:*:*',
    );
    expect(nvdNormalise('cpe:2.3:a:f5:nginx:1.22.1:*:*:*:*:*:*:*')).toBe(
      'cpe:2.3:a:f5:nginx:1.22.1:*:*:*:*:*:*:*',
    );
  });
});

describe('NVD names', () => {
  it('maps recog vendor/product spellings to the NVD dictionary', () => {
    expect(nvdNormalise('cpe:2.3:a:vsftpd_project:vsftpd:3.0.3:*:*:*:*:*:*:*')).toBe(
      'cpe:2.3:a:beasts:vsftpd:3.0.3:*:*:*:*:*:*:*',
    );
    expect(nvdNormalise('cpe:2.3:a:microsoft:iis:7.5:*:*:*:*:*:*:*')).toBe(
      'cpe:2.3:a:microsoft:internet_information_services:7.5:*:*:*:*:*:*:*',
    );
    expect(nvdNormalise('not a cpe')).toBe('not a cpe');
  });
});

describe('mostSpecificCpes', () => {
  it('keeps one name per product, the most specific version first seen', () => {
    expect(
      mostSpecificCpes([
        'cpe:2.3:o:fortinet:fortios:*:*:*:*:*:*:*:*',
        'cpe:2.3:a:f5:nginx:1.22.1:*:*:*:*:*:*:*',
        'cpe:2.3:o:fortinet:fortios:-:*:*:*:*:*:*:*',
        'cpe:2.3:a:f5:nginx:-:*:*:*:*:*:*:*',
        'junk',
        'junk',
      ]),
    ).toEqual([
      'cpe:2.3:o:fortinet:fortios:-:*:*:*:*:*:*:*',
      'cpe:2.3:a:f5:nginx:1.22.1:*:*:*:*:*:*:*',
      'junk',
    ]);
  });
});
