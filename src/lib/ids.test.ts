import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { idTime, isId, newId } from './ids.js';

describe('newId', () => {
  it('produces UUIDv7 text that isId accepts', () => {
    const id = newId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(isId(id)).toBe(true);
  });

  it('embeds the creation time', () => {
    const before = Date.now();
    const t = idTime(newId())!.getTime();
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now() + 1);
  });

  it('is strictly increasing and unique, even within one millisecond', () => {
    const ids = Array.from({ length: 10_000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
  });
});

describe('isId', () => {
  it('rejects other UUID versions, upper case and junk', () => {
    expect(isId('018f3c1e-7b2a-4c3d-8e4f-123456789abc')).toBe(false); // version 4 nibble
    expect(isId('018F3C1E-7B2A-7C3D-8E4F-123456789ABC')).toBe(false);
    expect(isId('018f3c1e-7b2a-7c3d-ce4f-123456789abc')).toBe(false); // wrong variant
    expect(isId('018f3c1e7b2a7c3d8e4f123456789abc')).toBe(false);
    expect(isId('')).toBe(false);
    expect(idTime('nope')).toBeUndefined();
  });

  it('never accepts a string of the wrong shape', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        if (isId(s)) expect(s).toHaveLength(36);
      }),
    );
  });

  it('accepts any lower-case RFC 9562 v7 UUID', () => {
    fc.assert(
      fc.property(fc.uuid({ version: 7 }), (u) => {
        expect(isId(u.toLowerCase())).toBe(true);
      }),
    );
  });
});
