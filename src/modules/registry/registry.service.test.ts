import { describe, expect, it } from 'vitest';
import { isValidFiness } from '../../lib/finess.js';
import { isValidSiret } from '../../lib/siret.js';
import { isLuhnValid } from '../../lib/luhn.js';
import { demoFiness, demoSiret } from './registry.demo.js';
import { fieldChanges, withPatch } from './registry.service.js';

describe('audit details and patches', () => {
  it('lists changed fields only, all of them for a creation', () => {
    expect(fieldChanges({ a: 1, b: 'x', c: null }, { a: 1, b: 'y', c: null })).toEqual([
      { field: 'b', from: 'x', to: 'y' },
    ]);
    expect(fieldChanges({ list: ['a'] }, { list: ['a', 'b'] })).toEqual([
      { field: 'list', from: ['a'], to: ['a', 'b'] },
    ]);
    expect(fieldChanges(null, { a: 1, b: null })).toEqual([{ field: 'a', from: null, to: 1 }]);
  });

  it('applies defined patch fields only; null clears', () => {
    const current: { a: number; b: string | null } = { a: 1, b: 'x' };
    expect(withPatch(current, { a: undefined, b: null })).toEqual({ a: 1, b: null });
  });
});

describe('demo identifiers', () => {
  it('are well formed', () => {
    for (const first8 of ['41000101', '2A000017', '97041818'])
      expect(isValidFiness(demoFiness(first8))).toBe(true);
    const siret = demoSiret('26410037', '0001');
    expect(isValidSiret(siret)).toBe(true);
    expect(isLuhnValid(siret.slice(0, 9))).toBe(true);
  });
});
