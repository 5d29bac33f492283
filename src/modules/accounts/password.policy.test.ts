import { describe, expect, it } from 'vitest';
import { HygieError } from '../../lib/errors.js';
import { checkPasswordConfirmation, checkPasswordRules, PASSWORD_MIN_LENGTH } from './password.policy.js';

function codeOf(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof HygieError ? error.code : 'other';
  }
}

describe('password rules', () => {
  it('accepts 12 characters or more', () => {
    expect(codeOf(() => checkPasswordRules('a'.repeat(PASSWORD_MIN_LENGTH), 'jeanne@example.fr'))).toBeNull();
    expect(codeOf(() => checkPasswordRules('correct horse battery staple', 'jeanne@example.fr'))).toBeNull();
  });

  it('refuses fewer than 12 characters, counting characters rather than bytes', () => {
    expect(codeOf(() => checkPasswordRules('a'.repeat(11), 'jeanne@example.fr'))).toBe('ACCOUNTS_PASSWORD_TOO_SHORT');
    // 6 emoji are 12 UTF-16 units but 6 characters.
    expect(codeOf(() => checkPasswordRules('🔒🔒🔒🔒🔒🔒', 'jeanne@example.fr'))).toBe('ACCOUNTS_PASSWORD_TOO_SHORT');
  });

  it('refuses the e-mail address, whatever the case', () => {
    expect(codeOf(() => checkPasswordRules('Jeanne.Martin@Example.fr', 'jeanne.martin@example.fr'))).toBe('ACCOUNTS_PASSWORD_EQUALS_EMAIL');
  });

  it('refuses absurdly long passwords', () => {
    expect(codeOf(() => checkPasswordRules('x'.repeat(257), 'a@b.fr'))).toBe('ACCOUNTS_PASSWORD_TOO_LONG');
  });

  it('checks the confirmation when one is given', () => {
    expect(codeOf(() => checkPasswordConfirmation('abc', 'abc'))).toBeNull();
    expect(codeOf(() => checkPasswordConfirmation('abc', undefined))).toBeNull();
    expect(codeOf(() => checkPasswordConfirmation('abc', 'abd'))).toBe('ACCOUNTS_PASSWORD_CONFIRMATION');
  });
});
