/**
 * SIRET numbers: the INSEE identifier of a French business establishment — the 9-digit SIREN of the legal
 * unit followed by a 5-digit NIC, the last digit being a Luhn check digit.
 *
 * La Poste exception: when La Poste became a société anonyme all its establishments were gathered under
 * SIREN 356 000 000; there are too many of them for Luhn keys, so their SIRET is valid when the sum of its
 * 14 digits is a multiple of 5 (only the head office, 356 000 000 00048, is Luhn-valid).
 * Source: « Système d'identification du répertoire des établissements », section « Exceptions pour le
 * groupe La Poste », https://fr.wikipedia.org/wiki/Syst%C3%A8me_d%27identification_du_r%C3%A9pertoire_des_%C3%A9tablissements
 */
import { isLuhnValid } from './luhn.js';

/** Outcome of reading a SIRET number typed or imported by a user. */
export type SiretResult = { ok: true; value: string } | { ok: false; reason: string };

/** SIREN under which every La Poste establishment is registered. */
export const LA_POSTE_SIREN = '356000000';

const LAYOUT = 'SIRET must be 14 digits: the 9-digit SIREN then the 5-digit establishment number (NIC)';

/** True when the 14-digit SIRET passes its check: Luhn, or La Poste's sum-of-digits rule. */
function checksumOk(siret: string): boolean {
  if (isLuhnValid(siret)) return true;
  if (!siret.startsWith(LA_POSTE_SIREN)) return false;
  let sum = 0;
  for (const c of siret) sum += Number(c);
  return sum % 5 === 0;
}

/** Validates a SIRET (spaces allowed, 14 digits, check digit) and returns its 14-digit canonical form. */
export function parseSiret(input: string): SiretResult {
  const value = input.replace(/\s+/g, '');
  if (value.length === 0) return { ok: false, reason: `${LAYOUT}; the value is empty.` };
  if (!/^\d+$/.test(value)) {
    return { ok: false, reason: 'SIRET may contain only digits and spaces: remove letters and punctuation.' };
  }
  if (value.length !== 14) {
    return { ok: false, reason: `${LAYOUT}; you entered ${value.length} digits.` };
  }
  if (!checksumOk(value)) {
    return {
      ok: false,
      reason:
        'The SIRET check digit does not match: look for a typing error and compare with annuaire-entreprises.data.gouv.fr.',
    };
  }
  return { ok: true, value };
}

/** True when the input is a well-formed SIRET with a correct check digit. */
export function isValidSiret(input: string): boolean {
  return parseSiret(input).ok;
}
