/**
 * Luhn ("mod 10") check digits, the key of SIREN, SIRET and FINESS numbers.
 * Reference: ISO/IEC 7812-1 annex B; https://fr.wikipedia.org/wiki/Formule_de_Luhn
 */

const DIGITS = /^\d+$/;

/** Luhn sum of `digits`, doubling every second digit starting with the rightmost when `doubleLast`. */
function luhnSum(digits: string, doubleLast: boolean): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if ((i % 2 === 0) === doubleLast) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum;
}

/** True when a digit string, its check digit included, satisfies Luhn (catches any single-digit typo). */
export function isLuhnValid(digits: string): boolean {
  if (!DIGITS.test(digits)) return false;
  return luhnSum(digits, false) % 10 === 0;
}

/** The check digit to append to `digits` so that the whole passes Luhn; used to generate well-formed identifiers. */
export function computeLuhnCheckDigit(digits: string): string {
  if (!DIGITS.test(digits))
    throw new RangeError(`Luhn check digit needs a non-empty digit string, got "${digits}"`);
  return String((10 - (luhnSum(digits, true) % 10)) % 10);
}
