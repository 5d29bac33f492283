import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseEmail, parseFrenchPhone } from './contact-format.js';

const reasonOf = (r: { ok: true; value: string } | { ok: false; reason: string }): string =>
  r.ok ? '' : r.reason;

describe('parseEmail', () => {
  it('accepts and normalises ordinary addresses', () => {
    expect(parseEmail(' Jeanne.Martin@CHU-Exemple.FR ')).toEqual({
      ok: true,
      value: 'Jeanne.Martin@chu-exemple.fr',
    });
    expect(parseEmail("o'neil+cert@example.fr").ok).toBe(true);
    expect(parseEmail('soc@Bücher.de')).toEqual({ ok: true, value: 'soc@xn--bcher-kva.de' });
  });

  it('explains refusals', () => {
    expect(reasonOf(parseEmail(''))).toMatch(/empty/);
    expect(reasonOf(parseEmail('jeanne.example.fr'))).toMatch(/exactly one @/);
    expect(reasonOf(parseEmail('a@b@example.fr'))).toMatch(/exactly one @/);
    expect(reasonOf(parseEmail('@example.fr'))).toMatch(/before the @ is missing/);
    expect(reasonOf(parseEmail('jeanne..martin@example.fr'))).toMatch(/twice in a row/);
    expect(reasonOf(parseEmail('.jeanne@example.fr'))).toMatch(/either end/);
    expect(reasonOf(parseEmail('jeanne martin@example.fr'))).toMatch(/no spaces/);
    expect(reasonOf(parseEmail('"jeanne"@example.fr'))).toMatch(/Quoted/);
    expect(reasonOf(parseEmail('jeanne@localhost'))).toMatch(/After the @: .*two labels/);
    expect(reasonOf(parseEmail('jeanne@[192.0.2.1]'))).toMatch(/IP address/);
    expect(reasonOf(parseEmail('jeanne@_dmarc.example.fr'))).toMatch(/underscore/);
    expect(reasonOf(parseEmail(`${'a'.repeat(65)}@example.fr`))).toMatch(/at most 64/);
    expect(
      reasonOf(
        parseEmail(
          `a@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(60)}.${'f'.repeat(10)}.fr`,
        ),
      ),
    ).toMatch(/at most 254/);
  });

  it('accepted addresses re-parse to themselves and never exceed 254 characters', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (e) => {
        const r = parseEmail(e);
        if (r.ok) {
          expect(r.value.length).toBeLessThanOrEqual(254);
          expect(parseEmail(r.value)).toEqual(r);
        }
      }),
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string(), (s) => void parseEmail(s)));
  });
});

describe('parseFrenchPhone', () => {
  it('normalises the usual French spellings to E.164', () => {
    for (const s of [
      '06 12 34 56 78',
      '06.12.34.56.78',
      '06-12-34-56-78',
      '+33 6 12 34 56 78',
      '+33 (0)6 12 34 56 78',
      '0033612345678',
      '+33612345678',
    ]) {
      expect(parseFrenchPhone(s), s).toEqual({ ok: true, value: '+33612345678' });
    }
    expect(parseFrenchPhone('01 40 27 30 00')).toEqual({ ok: true, value: '+33140273000' });
  });

  it('maps overseas départements to their own country code', () => {
    expect(parseFrenchPhone('0262 12 34 56')).toEqual({ ok: true, value: '+262262123456' });
    expect(parseFrenchPhone('0692 12 34 56')).toEqual({ ok: true, value: '+262692123456' });
    expect(parseFrenchPhone('+262 692 12 34 56')).toEqual({ ok: true, value: '+262692123456' });
    expect(parseFrenchPhone('+33 6 92 12 34 56')).toEqual({ ok: true, value: '+262692123456' });
    expect(parseFrenchPhone('0590 12 34 56')).toEqual({ ok: true, value: '+590590123456' });
    expect(parseFrenchPhone('+594 594 12 34 56')).toEqual({ ok: true, value: '+594594123456' });
    expect(parseFrenchPhone('0696 12 34 56')).toEqual({ ok: true, value: '+596696123456' });
    expect(parseFrenchPhone('0639 12 34 56')).toEqual({ ok: true, value: '+262639123456' });
    expect(parseFrenchPhone('+269 761 12 34')).toEqual({ ok: true, value: '+2697611234' });
    expect(parseFrenchPhone('+687 28 12 34')).toEqual({ ok: true, value: '+687281234' });
    expect(parseFrenchPhone('+689 87 12 34 56')).toEqual({ ok: true, value: '+68987123456' });
    expect(parseFrenchPhone('00 689 40 12 34 56')).toEqual({ ok: true, value: '+68940123456' });
  });

  it('explains refusals', () => {
    expect(reasonOf(parseFrenchPhone(''))).toMatch(/empty/);
    expect(reasonOf(parseFrenchPhone('06 12 34 56'))).toMatch(/10 digits.*you entered 8/);
    expect(reasonOf(parseFrenchPhone('6 12 34 56 78'))).toMatch(/start with 0/);
    expect(reasonOf(parseFrenchPhone('tel: 06 12 34 56 78'))).toMatch(/only digits/);
    expect(reasonOf(parseFrenchPhone('+33 6 12 34 56'))).toMatch(/9 digits/);
    expect(reasonOf(parseFrenchPhone('+44 20 7946 0958'))).toMatch(/Only French numbers/);
    expect(reasonOf(parseFrenchPhone('+687 28 12 34 5'))).toMatch(/6 digits/);
    expect(reasonOf(parseFrenchPhone('00 12 34 56 78'))).toMatch(/Only French numbers/);
  });

  it('any 9-digit subscriber number survives every spelling with the same E.164 result', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{8}$/), fc.constantFrom(' ', '.', '-', ''), (n, sep) => {
        const national = `0${n}`;
        const spaced = national.match(/../g)!.join(sep);
        const expected = parseFrenchPhone(national);
        expect(expected.ok).toBe(true);
        expect(parseFrenchPhone(spaced)).toEqual(expected);
        expect(parseFrenchPhone(`+33 ${n}`)).toEqual(expected);
        expect(parseFrenchPhone(`0033${n}`)).toEqual(expected);
        if (expected.ok) {
          expect(expected.value).toMatch(/^\+\d{11,12}$/);
          expect(parseFrenchPhone(expected.value)).toEqual(expected);
        }
      }),
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string(), (s) => void parseFrenchPhone(s)));
  });
});
