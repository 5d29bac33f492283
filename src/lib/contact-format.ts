/**
 * Contact details of constituency staff: email addresses and French phone numbers (metropolitan and
 * overseas), checked the way a human would write them and normalised for storage.
 */
import { parseDomainName } from './domain-name.js';

/** Outcome of reading a contact detail typed or imported by a user. */
export type ContactResult = { ok: true; value: string } | { ok: false; reason: string };

// RFC 5322 dot-atom (atext characters separated by single dots); quoted local parts are not accepted.
const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

/**
 * Validates an email address (pragmatic RFC 5322 addr-spec: dot-atom local part, domain name checked by
 * parseDomainName) and returns it with the domain lower-cased and in ASCII; the local part keeps its case.
 */
export function parseEmail(input: string): ContactResult {
  const text = input.trim();
  if (text === '')
    return { ok: false, reason: 'The email address is empty: enter one such as jeanne.martin@example.fr.' };
  if (text.length > 254)
    return { ok: false, reason: `An email address has at most 254 characters; this one has ${text.length}.` };
  const parts = text.split('@');
  if (parts.length !== 2) {
    return {
      ok: false,
      reason:
        'An email address has exactly one @ between the name and the domain, e.g. jeanne.martin@example.fr.',
    };
  }
  const [local = '', domain = ''] = parts;
  if (local === '') return { ok: false, reason: 'The part before the @ is missing.' };
  if (local.length > 64)
    return {
      ok: false,
      reason: `The part before the @ has at most 64 characters; this one has ${local.length}.`,
    };
  if (local.startsWith('"'))
    return { ok: false, reason: 'Quoted names before the @ are not accepted: use a plain address.' };
  if (!DOT_ATOM.test(local)) {
    return {
      ok: false,
      reason:
        'Before the @, use letters without accents, digits and symbols such as . _ - +, with no spaces and no dot at either end or twice in a row.',
    };
  }
  if (domain.startsWith('['))
    return { ok: false, reason: 'Use a domain name after the @, not an IP address in brackets.' };
  const d = parseDomainName(domain);
  if (!d.ok) return { ok: false, reason: `After the @: ${d.reason}` };
  if (d.value.includes('_'))
    return {
      ok: false,
      reason: 'A mail domain cannot contain an underscore (_): check the part after the @.',
    };
  const value = `${local}@${d.value}`;
  if (value.length > 254)
    return {
      ok: false,
      reason: `An email address has at most 254 characters; this one has ${value.length} once encoded.`,
    };
  return { ok: true, value };
}

/** Overseas country codes accepted, with the number of digits that follow each. */
const OVERSEAS_LENGTH: Readonly<Record<string, number>> = {
  '262': 9, // La Réunion, Mayotte
  '590': 9, // Guadeloupe, Saint-Martin, Saint-Barthélemy
  '594': 9, // Guyane
  '596': 9, // Martinique
  '269': 7, // Mayotte's pre-2007 numbering (shared with the Comoros)
  '687': 6, // Nouvelle-Calédonie
  '689': 8, // Polynésie française
};

/**
 * National prefixes of the overseas départements, which belong to the French numbering plan (dialled with a
 * leading 0) but have their own country code in E.164 (ARCEP numbering plan).
 */
const DOM_PREFIX: Readonly<Record<string, string>> = {
  '0262': '262',
  '0263': '262',
  '0692': '262',
  '0693': '262', // La Réunion
  '0269': '262',
  '0639': '262', // Mayotte
  '0590': '590',
  '0690': '590',
  '0691': '590', // Guadeloupe, Saint-Martin, Saint-Barthélemy
  '0594': '594',
  '0694': '594', // Guyane
  '0596': '596',
  '0696': '596',
  '0697': '596', // Martinique
};

const CODES = '+33 or an overseas code (+262, +590, +594, +596, +269, +687, +689)';

/** E.164 form of a 10-digit national number (0 + 9 digits), overseas départements mapped to their code. */
function fromNational(national: string): string {
  const cc = DOM_PREFIX[national.slice(0, 4)];
  return cc ? `+${cc}${national.slice(1)}` : `+33${national.slice(1)}`;
}

/**
 * Validates a French phone number written as people do (06 12 34 56 78, +33 6 12 34 56 78,
 * +33 (0)6…, 0033…, dots or dashes, overseas codes) and returns it in E.164 (+33612345678).
 */
export function parseFrenchPhone(input: string): ContactResult {
  const text = input.trim().replace(/\(0\)/g, '');
  if (text === '')
    return { ok: false, reason: 'The phone number is empty: enter one such as 06 12 34 56 78.' };
  if (!/^\+?[\d\s.\-()/\u00a0\u202f]+$/.test(text)) {
    return {
      ok: false,
      reason: 'A phone number may contain only digits, spaces, dots, dashes, brackets and a leading +.',
    };
  }
  const digits = text.replace(/\D/g, '');
  let international: string | undefined;
  if (text.startsWith('+')) international = digits;
  else if (digits.startsWith('00')) international = digits.slice(2);

  if (international === undefined) {
    if (!digits.startsWith('0')) {
      return { ok: false, reason: `French numbers start with 0 (06 12 34 56 78) or with ${CODES}.` };
    }
    if (digits.length !== 10) {
      return {
        ok: false,
        reason: `French numbers have 10 digits starting with 0 (06 12 34 56 78); you entered ${digits.length}.`,
      };
    }
    if (digits[1] === '0')
      return { ok: false, reason: 'After the leading 0, a French number cannot start with another 0.' };
    return { ok: true, value: fromNational(digits) };
  }

  if (international.startsWith('33')) {
    let rest = international.slice(2);
    if (rest.length === 10 && rest.startsWith('0')) rest = rest.slice(1); // +33 0 6 12 34 56 78
    if (rest.length !== 9 || rest.startsWith('0')) {
      return {
        ok: false,
        reason: `After +33 come 9 digits without the leading 0 (+33 6 12 34 56 78); you entered ${rest.length}.`,
      };
    }
    return { ok: true, value: fromNational(`0${rest}`) };
  }
  const cc = international.slice(0, 3);
  const expected = OVERSEAS_LENGTH[cc];
  if (expected === undefined) return { ok: false, reason: `Only French numbers are accepted: use ${CODES}.` };
  const rest = international.slice(3);
  if (rest.length !== expected || rest.startsWith('0')) {
    return {
      ok: false,
      reason: `After +${cc} come ${expected} digits without a leading 0; you entered ${rest.length}.`,
    };
  }
  return { ok: true, value: `+${cc}${rest}` };
}
