/**
 * CVSS vector strings: syntax validation for versions 2.0, 3.0, 3.1 and 4.0 (every metric name
 * and value checked, mandatory base metrics present, none repeated), and base-score computation
 * for 3.x with ae-cvss-calculator to cross-check the score a source gave.
 */
import cvss from 'ae-cvss-calculator';
import type { CvssVersion } from '../vuln-watch.types.js';

/** Allowed values per metric, and which metrics are mandatory (the base group). */
interface VectorGrammar {
  readonly prefix: RegExp;
  readonly values: Readonly<Record<string, readonly string[]>>;
  readonly required: readonly string[];
}

const CIA3 = ['H', 'L', 'N'];
const M_CIA3 = ['X', 'H', 'L', 'N'];
const REQ = ['X', 'L', 'M', 'H'];

const V3: VectorGrammar = {
  prefix: /^CVSS:3\.[01]\//,
  required: ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'],
  values: {
    AV: ['N', 'A', 'L', 'P'],
    AC: ['L', 'H'],
    PR: ['N', 'L', 'H'],
    UI: ['N', 'R'],
    S: ['U', 'C'],
    C: CIA3,
    I: CIA3,
    A: CIA3,
    E: ['X', 'U', 'P', 'F', 'H'],
    RL: ['X', 'O', 'T', 'W', 'U'],
    RC: ['X', 'U', 'R', 'C'],
    CR: REQ,
    IR: REQ,
    AR: REQ,
    MAV: ['X', 'N', 'A', 'L', 'P'],
    MAC: ['X', 'L', 'H'],
    MPR: ['X', 'N', 'L', 'H'],
    MUI: ['X', 'N', 'R'],
    MS: ['X', 'U', 'C'],
    MC: M_CIA3,
    MI: M_CIA3,
    MA: M_CIA3,
  },
};

const V4: VectorGrammar = {
  prefix: /^CVSS:4\.0\//,
  required: ['AV', 'AC', 'AT', 'PR', 'UI', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA'],
  values: {
    AV: ['N', 'A', 'L', 'P'],
    AC: ['L', 'H'],
    AT: ['N', 'P'],
    PR: ['N', 'L', 'H'],
    UI: ['N', 'P', 'A'],
    VC: CIA3,
    VI: CIA3,
    VA: CIA3,
    SC: CIA3,
    SI: CIA3,
    SA: CIA3,
    E: ['X', 'A', 'P', 'U'],
    CR: REQ,
    IR: REQ,
    AR: REQ,
    MAV: ['X', 'N', 'A', 'L', 'P'],
    MAC: ['X', 'L', 'H'],
    MAT: ['X', 'N', 'P'],
    MPR: ['X', 'N', 'L', 'H'],
    MUI: ['X', 'N', 'P', 'A'],
    MVC: M_CIA3,
    MVI: M_CIA3,
    MVA: M_CIA3,
    MSC: M_CIA3,
    MSI: ['X', 'S', 'H', 'L', 'N'],
    MSA: ['X', 'S', 'H', 'L', 'N'],
    S: ['X', 'N', 'P'],
    AU: ['X', 'N', 'Y'],
    R: ['X', 'A', 'U', 'I'],
    V: ['X', 'D', 'C'],
    RE: ['X', 'L', 'M', 'H'],
    U: ['X', 'Clear', 'Green', 'Amber', 'Red'],
  },
};

const CIA2 = ['N', 'P', 'C'];
const REQ2 = ['L', 'M', 'H', 'ND'];

const V2: VectorGrammar = {
  prefix: /^(CVSS:2\.0\/)?/,
  required: ['AV', 'AC', 'Au', 'C', 'I', 'A'],
  values: {
    AV: ['L', 'A', 'N'],
    AC: ['H', 'M', 'L'],
    Au: ['M', 'S', 'N'],
    C: CIA2,
    I: CIA2,
    A: CIA2,
    E: ['U', 'POC', 'F', 'H', 'ND'],
    RL: ['OF', 'TF', 'W', 'U', 'ND'],
    RC: ['UC', 'UR', 'C', 'ND'],
    CDP: ['N', 'L', 'LM', 'MH', 'H', 'ND'],
    TD: ['N', 'L', 'M', 'H', 'ND'],
    CR: REQ2,
    IR: REQ2,
    AR: REQ2,
  },
};

const GRAMMARS: Readonly<Record<CvssVersion, VectorGrammar>> = { '2.0': V2, '3.0': V3, '3.1': V3, '4.0': V4 };

/** What a vector says, or why it does not parse. */
export type VectorCheck =
  | {
      readonly ok: true;
      readonly version: CvssVersion;
      readonly vector: string;
      readonly metrics: Readonly<Record<string, string>>;
    }
  | { readonly ok: false; readonly reason: string };

/** The CVSS version a vector string announces (`CVSS:3.1/…`), 2.0 for the prefix-less v2 form. */
export function vectorVersion(vector: string): CvssVersion | null {
  const m = /^CVSS:(\d\.\d)\//.exec(vector.trim());
  if (!m) return /^\(?AV:[LAN]\//.test(vector.trim()) ? '2.0' : null;
  return m[1] === '2.0' || m[1] === '3.0' || m[1] === '3.1' || m[1] === '4.0' ? m[1] : null;
}

/**
 * Checks a vector string against its version's grammar. `expected` is the version the record
 * claims; a vector announcing another version is refused (a 3.0 vector under `cvssV3_1`).
 */
export function checkVector(raw: unknown, expected: CvssVersion): VectorCheck {
  if (typeof raw !== 'string' || raw.trim() === '') return { ok: false, reason: 'no vector string' };
  const vector = raw.trim().replace(/^\((.*)\)$/, '$1');
  if (vector.length > 300) return { ok: false, reason: 'vector longer than 300 characters' };
  const announced = vectorVersion(vector);
  if (announced === null) return { ok: false, reason: 'no CVSS:x.y/ prefix' };
  if (announced !== expected)
    return { ok: false, reason: `vector is CVSS ${announced}, the record says ${expected}` };
  const grammar = GRAMMARS[expected];
  const body = vector.replace(grammar.prefix, '');
  const metrics: Record<string, string> = {};
  for (const part of body.split('/')) {
    const colon = part.indexOf(':');
    if (colon <= 0) return { ok: false, reason: `"${part}" is not METRIC:VALUE` };
    const name = part.slice(0, colon);
    const value = part.slice(colon + 1);
    const allowed = grammar.values[name];
    if (!allowed) return { ok: false, reason: `unknown metric ${name}` };
    if (!allowed.includes(value))
      return { ok: false, reason: `${name}:${value} is not one of ${allowed.join(', ')}` };
    if (name in metrics) return { ok: false, reason: `metric ${name} given twice` };
    metrics[name] = value;
  }
  const missing = grammar.required.filter((m) => !(m in metrics));
  if (missing.length > 0)
    return { ok: false, reason: `missing base metric${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` };
  return { ok: true, version: expected, vector, metrics };
}

/** The base score a valid 3.0/3.1 vector computes to (ae-cvss-calculator), null for other versions. */
export function computeBaseScore(vector: string, version: CvssVersion): number | null {
  try {
    if (version === '3.1' || version === '3.0') {
      const calc = version === '3.1' ? new cvss.Cvss3P1(vector) : new cvss.Cvss3P0(vector);
      const base = calc.calculateScores().base;
      return typeof base === 'number' && Number.isFinite(base) ? base : null;
    }
  } catch {
    return null;
  }
  return null;
}

/** Severity words of CVSS v3/v4 for a base score (v2 has no CRITICAL: NVD maps ≥ 7 to HIGH). */
export function severityWord(
  score: number,
  version: CvssVersion,
): 'NONE' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL' {
  if (score === 0) return version === '2.0' ? 'LOW' : 'NONE';
  if (score < 4) return 'LOW';
  if (score < 7) return 'MEDIUM';
  if (score < 9 || version === '2.0') return 'HIGH';
  return 'CRITICAL';
}
