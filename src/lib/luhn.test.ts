import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { computeLuhnCheckDigit, isLuhnValid } from './luhn.js';

describe('luhn', () => {
  it('accepts known-good numbers and rejects a typo', () => {
    expect(isLuhnValid('79927398713')).toBe(true); // textbook example
    expect(isLuhnValid('732829320')).toBe(true); // a real SIREN
    expect(isLuhnValid('79927398710')).toBe(false);
    expect(computeLuhnCheckDigit('7992739871')).toBe('3');
  });

  it('rejects non-digit input', () => {
    expect(isLuhnValid('')).toBe(false);
    expect(isLuhnValid('12a4')).toBe(false);
    expect(() => computeLuhnCheckDigit('')).toThrow(RangeError);
    expect(() => computeLuhnCheckDigit('1 2')).toThrow(RangeError);
  });

  it('appending the computed digit always yields a valid number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,30}$/), (digits) => {
        expect(isLuhnValid(digits + computeLuhnCheckDigit(digits))).toBe(true);
      }),
    );
  });

  it('detects every single-digit substitution', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{1,20}$/),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (body, pos, delta) => {
          const full = body + computeLuhnCheckDigit(body);
          const i = pos % full.length;
          const changed = String((Number(full[i]) + delta) % 10);
          const typo = full.slice(0, i) + changed + full.slice(i + 1);
          expect(isLuhnValid(typo)).toBe(false);
        },
      ),
    );
  });
});
