import { HygieError } from '../../lib/errors.js';
import { AccountsErrors } from './accounts.errors.js';

/** Shortest password accepted (ANSSI and NIST SP 800-63B favour length over composition rules). */
export const PASSWORD_MIN_LENGTH = 12;

/** Longest password accepted: bounds the hashing work an attacker can ask for. */
export const PASSWORD_MAX_LENGTH = 256;

/** Number of characters as a person counts them (code points, not UTF-16 units). */
function characterCount(text: string): number {
  return [...text].length;
}

/**
 * Throws the first rule a new password breaks: at least 12 characters, at most 256, not the
 * user's e-mail address. No composition rules: they push people towards predictable patterns.
 */
export function checkPasswordRules(password: string, email: string): void {
  const length = characterCount(password);
  if (length < PASSWORD_MIN_LENGTH) throw new HygieError(AccountsErrors.ACCOUNTS_PASSWORD_TOO_SHORT, { min: PASSWORD_MIN_LENGTH });
  if (length > PASSWORD_MAX_LENGTH) throw new HygieError(AccountsErrors.ACCOUNTS_PASSWORD_TOO_LONG, { max: PASSWORD_MAX_LENGTH });
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) {
    throw new HygieError(AccountsErrors.ACCOUNTS_PASSWORD_EQUALS_EMAIL);
  }
}

/** Throws when the confirmation typed a second time differs. */
export function checkPasswordConfirmation(password: string, confirmation: string | undefined): void {
  if (confirmation !== undefined && confirmation !== password) {
    throw new HygieError(AccountsErrors.ACCOUNTS_PASSWORD_CONFIRMATION);
  }
}
