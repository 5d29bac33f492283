/**
 * FINESS numbers (Fichier national des établissements sanitaires et sociaux), the identifier of every
 * French health and social-care establishment (entité juridique or établissement géographique).
 *
 * Layout: 2-character département code, 6 digits, 1 check key — 9 characters, e.g. "75 071 218 4".
 *  - Département codes: 01–19, 21–95, 2A and 2B (Corsica), 97 followed by the overseas département digit
 *    (e.g. 970465340 in La Réunion) and 98 (other overseas territories; accepted on format only, no
 *    published 98 number was available to check the key against).
 *  - Check key: Luhn over the 9 characters, with the Corsican letters replaced by a digit: A → 1, B → 2.
 *
 * Source and verification. No official text stating the key rule could be found in the reference
 * material searched (ANS repository github.com/ansforge/finess, data.gouv.fr FINESS extracts, OSM wiki
 * Key:ref:FR:FINESS); the rule was established by checking published numbers:
 *  - continental: AP-HP 750712184, CHU de Bordeaux 330781196, and 010003812 / 010003820 (sample numbers
 *    in the README of the npm package "finess", https://www.npmjs.com/package/finess) all pass plain Luhn;
 *  - Corsica: 17 of 17 numbers published by ARS Corse in the prefectures' "recueils des actes
 *    administratifs" (e.g. CH de Bastia 2B0000020, CH de Calvi 2B0005342, CH de Bonifacio 2A0000170, CH de
 *    Castelluccio 2A0000386; https://attrap.fr/raa/c46803c4ed5b43d14bfe22b7cc0c03148867bf50de97b697e526ce3a253f5959
 *    and https://attrap.fr/raa/ced41f2c19f89b2f04e48fd246cc3f18df4ff8eae5b6320aca0e988306229654) pass Luhn
 *    with A → 1, B → 2 and fail with the NIR-style substitution (2A → 19, 2B → 18) or with A/B → 0.
 */
import { computeLuhnCheckDigit, isLuhnValid } from './luhn.js';

/** Outcome of reading a FINESS number typed or imported by a user. */
export type FinessResult = { ok: true; value: string } | { ok: false; reason: string };

const PREFIX = /^(0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5]|97|98)$/;
const LAYOUT = 'FINESS must be 9 characters: 2 for the département (01–95, 2A, 2B, 97x) then 7 digits';

/** Canonical form of user input: no surrounding or inner whitespace, upper case (2a → 2A). */
export function normalizeFiness(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** Digit string fed to Luhn: the Corsican département letters become 1 (A) and 2 (B). */
function luhnDigits(finess: string): string {
  return finess.slice(0, 1) + finess.slice(1, 2).replace('A', '1').replace('B', '2') + finess.slice(2);
}

/** Why the first 8 characters cannot start a FINESS number, or undefined when they can. */
function bodyProblem(body: string): string | undefined {
  if (!PREFIX.test(body.slice(0, 2))) {
    return 'FINESS must start with a département code: 01–19, 21–95, 2A, 2B, 97 or 98.';
  }
  if (!/^\d{6}$/.test(body.slice(2, 8))) {
    return 'After the département code, a FINESS number contains only digits: check characters 3 to 9.';
  }
  return undefined;
}

/** Validates a FINESS number (format and check key) and returns its canonical 9-character form. */
export function parseFiness(input: string): FinessResult {
  const value = normalizeFiness(input);
  if (value.length === 0) return { ok: false, reason: `${LAYOUT}; the value is empty.` };
  if (value.length !== 9) {
    return { ok: false, reason: `${LAYOUT}; you entered ${value.length} characters.` };
  }
  const problem = bodyProblem(value.slice(0, 8));
  if (problem) return { ok: false, reason: problem };
  if (!/^\d$/.test(value.slice(8))) {
    return { ok: false, reason: 'The last character of a FINESS number is a check digit (0–9).' };
  }
  if (!isLuhnValid(luhnDigits(value))) {
    return {
      ok: false,
      reason:
        'The FINESS check digit does not match: look for a typing error and compare with the number on finess.esante.gouv.fr.',
    };
  }
  return { ok: true, value };
}

/** True when the input is a well-formed FINESS number with a correct check key. */
export function isValidFiness(input: string): boolean {
  return parseFiness(input).ok;
}

/** The check key completing 8 leading characters (département + 6 digits), so seed data can build valid numbers. */
export function computeFinessKey(first8: string): string {
  const body = normalizeFiness(first8);
  const problem = body.length === 8 ? bodyProblem(body) : 'expected 8 characters';
  if (problem) throw new RangeError(`Cannot compute a FINESS key for "${first8}": ${problem}`);
  return computeLuhnCheckDigit(luhnDigits(body));
}
