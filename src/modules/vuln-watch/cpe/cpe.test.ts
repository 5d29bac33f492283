import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ANY,
  CpeError,
  NA,
  buildCpe,
  cpeLiteral,
  cpeValueMatches,
  cpeValueText,
  formatCpe,
  parseCpe,
  tryParseCpe,
} from './cpe.js';

describe('parseCpe on real NVD criteria', () => {
  it.each([
    // from nvd-2.0-derived-from-1.1.json (Cisco ASA, Philips, Erlang) and the fkie sample
    [
      'cpe:2.3:a:cisco:adaptive_security_appliance_software:9.6\\(4.3\\):*:*:*:*:*:*:*',
      'version',
      '9.6(4.3)',
    ],
    [
      'cpe:2.3:h:philips:avalon_fetal\\/maternal_monitors_fm20:-:*:*:*:*:*:*:*',
      'product',
      'avalon_fetal/maternal_monitors_fm20',
    ],
    ['cpe:2.3:h:philips:in.sight_b120\\\\37:-:*:*:*:*:*:*:*', 'product', 'in.sight_b120\\37'],
    ['cpe:2.3:a:erlang:erlang\\/otp:*:*:*:*:*:*:*:*', 'product', 'erlang/otp'],
    ['cpe:2.3:h:precision:precision_thunis-800\\+:-:*:*:*:*:*:*:*', 'product', 'precision_thunis-800+'],
    ['cpe:2.3:a:citrix:netscaler_application_delivery_controller:*:*:*:*:fips:*:*:*', 'swEdition', 'fips'],
  ] as const)('%s → %s = %s', (text, attribute, expected) => {
    const cpe = parseCpe(text);
    const value = cpe[attribute];
    expect(value.kind).toBe('text');
    expect(cpeValueText(value)).toBe(expected);
    expect(formatCpe(cpe)).toBe(text);
  });

  it('reads ANY and NA and the part', () => {
    const cpe = parseCpe('cpe:2.3:o:fortinet:fortios:7.0.13:-:*:*:*:*:*:*');
    expect(cpe.part).toBe('o');
    expect(cpe.update).toEqual(NA);
    expect(cpe.edition).toEqual(ANY);
    expect(cpeValueText(cpe.version)).toBe('7.0.13');
  });

  it('keeps an escaped colon inside its attribute', () => {
    const cpe = parseCpe('cpe:2.3:a:vendor:prod\\:uct:1.0:*:*:*:*:*:*:*');
    expect(cpeValueText(cpe.product)).toBe('prod:uct');
    expect(cpeValueText(cpe.version)).toBe('1.0');
  });

  it('reads wildcards of match strings and a quoted lone hyphen', () => {
    const cpe = parseCpe('cpe:2.3:a:micro*:?ord:\\-:*:*:*:*:*:*:*');
    expect(cpe.vendor).toMatchObject({ kind: 'text', wildcards: true });
    expect(cpe.version).toEqual({ kind: 'text', text: '-', wildcards: false, bound: '\\-' });
    expect(cpeValueMatches(cpe.vendor, cpeLiteral('microsoft'))).toBe(true);
    expect(cpeValueMatches(cpe.product, cpeLiteral('word'))).toBe(true);
    expect(cpeValueMatches(cpe.product, cpeLiteral('sword'))).toBe(false);
  });
});

describe('parseCpe errors name the CPE', () => {
  it.each([
    ['cpe:2.3:x:fortinet:fortios:7.0.13:*:*:*:*:*:*:*', 'unknown part "x"'],
    ['cpe:/o:fortinet:fortios:7.0.13', 'CPE 2.2'],
    ['fortinet:fortios', 'starts with cpe:2.3:'],
    ['cpe:2.3:o:fortinet:fortios:7.0.13', '4 attributes'],
    ['cpe:2.3:o:fortinet:fortios:7.0.13:*:*:*:*:*:*:*:extra', '12 attributes'],
    ['cpe:2.3:o:fortinet::7.0.13:*:*:*:*:*:*:*', 'product is empty'],
    ['cpe:2.3:o:fortinet:fortios:7.0.13:*:*:*:*:*:*:*\\', 'lone backslash'],
  ])('%s', (text, reason) => {
    expect(() => parseCpe(text)).toThrow(CpeError);
    expect(() => parseCpe(text)).toThrow(reason);
    expect(() => parseCpe(text)).toThrow(text);
  });

  it('pads a short CPE with ANY when asked (command line)', () => {
    const cpe = parseCpe('cpe:2.3:o:fortinet:fortios:7.0.13', { allowShort: true });
    expect(formatCpe(cpe)).toBe('cpe:2.3:o:fortinet:fortios:7.0.13:*:*:*:*:*:*:*');
  });
});

describe('value matching', () => {
  it('follows NVD practice for ANY, NA and case', () => {
    expect(cpeValueMatches(ANY, NA)).toBe(true);
    expect(cpeValueMatches(NA, NA)).toBe(true);
    expect(cpeValueMatches(NA, cpeLiteral('sp1'))).toBe(false);
    expect(cpeValueMatches(cpeLiteral('sp1'), NA)).toBe(false);
    expect(cpeValueMatches(cpeLiteral('FortiOS'), cpeLiteral('fortios'))).toBe(true);
    expect(cpeValueMatches(cpeLiteral('fips'), ANY)).toBe(true);
  });
});

/** Printable ASCII and a few non-ASCII letters: what attribute values contain. */
const textArb = fc
  .string({ unit: fc.constantFrom(...'abcXYZ019_.-:\\*?/()+&!~@ é'.split('')), minLength: 1, maxLength: 20 })
  .filter((s) => !/\s/.test(s));

describe('round trip (fast-check)', () => {
  it('format then parse gives back every literal value', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('a', 'o', 'h', '*'),
        textArb,
        textArb,
        textArb,
        (part, vendor, product, version) => {
          const name = buildCpe({ part: part, vendor, product, version });
          const text = formatCpe(name);
          const back = parseCpe(text);
          for (const [attribute, expected] of [
            ['vendor', vendor],
            ['product', product],
            ['version', version],
          ] as const) {
            const value = back[attribute];
            if (expected === '*') expect(value).toEqual(ANY);
            else if (expected === '-') expect(value).toEqual(NA);
            else
              expect(value).toEqual({
                kind: 'text',
                text: expected,
                wildcards: false,
                bound:
                  cpeLiteral(expected).kind === 'text'
                    ? (cpeLiteral(expected) as { bound: string }).bound
                    : '',
              });
          }
          expect(formatCpe(back)).toBe(text);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('parse is idempotent on its own output and never throws anything but CpeError', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 80 }),
        fc.string({ unit: fc.constantFrom(...'ao:*\\-?x1.'.split('')), maxLength: 60 }),
        (noise, tail) => {
          for (const input of [noise, `cpe:2.3:${tail}`]) {
            try {
              const cpe = parseCpe(input);
              expect(formatCpe(parseCpe(formatCpe(cpe)))).toBe(formatCpe(cpe));
            } catch (error) {
              expect(error).toBeInstanceOf(CpeError);
            }
            expect(() => tryParseCpe(input)).not.toThrow();
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
