import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { computeFinessKey, isValidFiness, normalizeFiness, parseFiness } from './finess.js';

// Real, publicly published numbers (see the source notes in finess.ts).
const REAL = [
  '750712184', // AP-HP (entité juridique)
  '330781196', // CHU de Bordeaux
  '010003812', // sample EJ from the npm "finess" README
  '010003820', // sample ET from the npm "finess" README
  '970465340', // pharmacy in Les Avirons, La Réunion
  '2B0000020', // CH de Bastia
  '2B0005342', // CH de Calvi
  '2B0004246', // CHI de Corte-Tattone
  '2B0000442', // EHPAD La Chênaie
  '2A0000170', // CH de Bonifacio
  '2A0000386', // CH de Castelluccio
  '2A0002606', // CH de Sartène
  '2A0000261', // Centre de convalescence Île de Beauté
];

const prefix = fc.oneof(
  fc.integer({ min: 1, max: 19 }).map((n) => String(n).padStart(2, '0')),
  fc.integer({ min: 21, max: 95 }).map(String),
  fc.constantFrom('2A', '2B', '97', '98'),
);
const first8 = fc.tuple(prefix, fc.stringMatching(/^\d{6}$/)).map(([p, d]) => p + d);

describe('parseFiness', () => {
  it('accepts real FINESS numbers, continental, overseas and Corsican', () => {
    for (const n of REAL) expect(parseFiness(n), n).toEqual({ ok: true, value: n });
  });

  it('normalises spaces and case', () => {
    expect(parseFiness(' 75 071 218 4 ')).toEqual({ ok: true, value: '750712184' });
    expect(parseFiness('2b 000 002 0')).toEqual({ ok: true, value: '2B0000020' });
    expect(normalizeFiness('2a\u00a0000 0170')).toBe('2A0000170');
  });

  it('explains what to fix', () => {
    const reason = (s: string) => {
      const r = parseFiness(s);
      return r.ok ? '' : r.reason;
    };
    expect(reason('')).toMatch(/9 characters/);
    expect(reason('75071218')).toMatch(/you entered 8 characters/);
    expect(reason('000712184')).toMatch(/département code/);
    expect(reason('200712184')).toMatch(/département code/); // 20 is not used since 1976
    expect(reason('960712184')).toMatch(/département code/);
    expect(reason('75071X184')).toMatch(/only digits/);
    expect(reason('75071218X')).toMatch(/check digit/);
    expect(reason('750712185')).toMatch(/does not match/);
    expect(reason('2A0000171')).toMatch(/does not match/);
    expect(isValidFiness('330781197')).toBe(false);
  });
});

describe('computeFinessKey', () => {
  it('reproduces the key of real numbers', () => {
    for (const n of REAL) expect(computeFinessKey(n.slice(0, 8))).toBe(n.slice(8));
  });

  it('refuses malformed prefixes', () => {
    expect(() => computeFinessKey('7507121')).toThrow(RangeError);
    expect(() => computeFinessKey('2C000017')).toThrow(RangeError);
  });

  it('always builds a number parseFiness accepts, and any other key is rejected', () => {
    fc.assert(
      fc.property(first8, fc.integer({ min: 1, max: 9 }), (body, delta) => {
        const key = computeFinessKey(body);
        expect(parseFiness(body + key)).toEqual({ ok: true, value: body + key });
        const wrong = String((Number(key) + delta) % 10);
        expect(isValidFiness(body + wrong)).toBe(false);
      }),
    );
  });
});

describe('parseFiness properties', () => {
  it('never throws and always explains a refusal', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = parseFiness(s);
        if (!r.ok) expect(r.reason.length).toBeGreaterThan(10);
        else expect(r.value).toMatch(/^[0-9][0-9AB]\d{7}$/);
      }),
    );
  });

  it('is insensitive to inserted spaces and letter case', () => {
    fc.assert(
      fc.property(first8, fc.array(fc.nat({ max: 9 })), (body, cuts) => {
        const n = body + computeFinessKey(body);
        let spaced = n.toLowerCase();
        for (const c of cuts) spaced = spaced.slice(0, c) + ' ' + spaced.slice(c);
        expect(parseFiness(spaced)).toEqual({ ok: true, value: n });
      }),
    );
  });

  it('detects any single-digit typo in the digit part', () => {
    fc.assert(
      fc.property(
        first8,
        fc.integer({ min: 2, max: 8 }),
        fc.integer({ min: 1, max: 9 }),
        (body, i, delta) => {
          const n = body + computeFinessKey(body);
          const typo = n.slice(0, i) + String((Number(n[i]) + delta) % 10) + n.slice(i + 1);
          expect(isValidFiness(typo)).toBe(false);
        },
      ),
    );
  });
});
