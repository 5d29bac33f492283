import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { computeLuhnCheckDigit } from './luhn.js';
import { isValidSiret, LA_POSTE_SIREN, parseSiret } from './siret.js';

const reason = (s: string): string => {
  const r = parseSiret(s);
  return r.ok ? '' : r.reason;
};

describe('parseSiret', () => {
  it('accepts a real SIRET with or without spaces', () => {
    // 7th establishment of SIREN 732 829 320, the example on the INSEE/Wikipedia SIRET page.
    expect(parseSiret('732 829 320 00074')).toEqual({ ok: true, value: '73282932000074' });
    expect(parseSiret('73282932000074')).toEqual({ ok: true, value: '73282932000074' });
  });

  it('explains what to fix', () => {
    expect(reason('')).toMatch(/14 digits/);
    expect(reason('7328293200007')).toMatch(/you entered 13 digits/);
    expect(reason('732-829-320-00074')).toMatch(/only digits/);
    expect(reason('73282932000075')).toMatch(/does not match/);
  });

  it('applies the La Poste sum-of-digits rule to SIREN 356000000', () => {
    expect(isValidSiret('35600000000048')).toBe(true); // head office, Luhn-valid
    // 3+5+6+1+2+3+4+5 = 29 → not a multiple of 5; 3+5+6+1+2+3+4+6 = 30 → multiple of 5.
    expect(isValidSiret('35600000012345')).toBe(false);
    expect(isValidSiret('35600000012346')).toBe(true);
    // The same digits under another SIREN must still pass Luhn.
    expect(isValidSiret('35600000112346')).toBe(false);
  });
});

describe('parseSiret properties', () => {
  it('accepts every Luhn-completed 13-digit body and rejects any other last digit (outside La Poste)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{13}$/), fc.integer({ min: 1, max: 9 }), (body, delta) => {
        fc.pre(!body.startsWith(LA_POSTE_SIREN));
        const key = computeLuhnCheckDigit(body);
        expect(parseSiret(body + key)).toEqual({ ok: true, value: body + key });
        expect(isValidSiret(body + String((Number(key) + delta) % 10))).toBe(false);
      }),
    );
  });

  it('accepts a La Poste SIRET exactly when its digit sum is a multiple of 5 or it passes Luhn', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{5}$/), (nic) => {
        const siret = LA_POSTE_SIREN + nic;
        const sum = [...siret].reduce((s, c) => s + Number(c), 0);
        const luhn = computeLuhnCheckDigit(siret.slice(0, 13)) === siret[13];
        expect(isValidSiret(siret)).toBe(sum % 5 === 0 || luhn);
      }),
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = parseSiret(s);
        if (r.ok) expect(r.value).toMatch(/^\d{14}$/);
      }),
    );
  });
});
