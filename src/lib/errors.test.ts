import { describe, expect, it } from 'vitest';
import { CommonErrors, HygieError, formatMessage } from './errors.js';

describe('HygieError', () => {
  it('carries code, status and both languages', () => {
    const error = new HygieError(CommonErrors.COMMON_NOT_FOUND, { what: 'Structure' });
    expect(error.code).toBe('COMMON_NOT_FOUND');
    expect(error.status).toBe(404);
    expect(error.messageIn('fr')).toMatch(/^Structure introuvable/);
    expect(error.messageIn('en')).toMatch(/^Structure not found/);
  });
  it('leaves unknown placeholders visible', () => {
    expect(formatMessage('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});
