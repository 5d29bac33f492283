/**
 * FIRST EPSS daily files: `#model_version:…,score_date:…` comment lines, then a CSV header
 * `cve,epss,percentile` (extra columns are ignored, in any order) and one row per CVE. Pure.
 */
import { CVE_ID, type EpssContribution, type ParseOutcome } from '../source-record.js';

/** Column positions found in the header, or the missing column names. */
export type EpssHeader =
  | { readonly ok: true; readonly cve: number; readonly epss: number; readonly percentile: number }
  | { readonly ok: false; readonly missing: string[] };

/** The score date a `#model_version:v2023.03.01,score_date:2024-04-01T00:00:00+0000` line announces. */
export function epssCommentDate(line: string): string | null {
  const m = /score_date:(\d{4}-\d{2}-\d{2})/.exec(line);
  return m ? (m[1] as string) : null;
}

function splitCsv(line: string): string[] {
  // EPSS rows hold no quoted commas; quotes around a field are removed.
  return line.split(',').map((f) => f.trim().replace(/^"(.*)"$/, '$1'));
}

/** Reads the header line. */
export function parseEpssHeader(line: string): EpssHeader {
  const names = splitCsv(line.replace(/^\uFEFF/, '')).map((n) => n.toLowerCase());
  const cve = names.indexOf('cve');
  const epss = names.indexOf('epss');
  const percentile = names.indexOf('percentile');
  const missing = [cve < 0 ? 'cve' : '', epss < 0 ? 'epss' : '', percentile < 0 ? 'percentile' : ''].filter(
    Boolean,
  );
  return missing.length > 0 ? { ok: false, missing } : { ok: true, cve, epss, percentile };
}

function probability(text: string | undefined): number | null {
  if (text === undefined || !/^\d*\.?\d+(e-?\d+)?$/i.test(text)) return null;
  const n = Number(text);
  return n >= 0 && n <= 1 ? n : null;
}

/** Parses one data row with the header's column positions and the file's score date. */
export function parseEpssRow(
  line: string,
  header: Extract<EpssHeader, { ok: true }>,
  date: string,
): ParseOutcome<EpssContribution> {
  const fields = splitCsv(line);
  const id = fields[header.cve] ?? '';
  if (!CVE_ID.test(id)) return { ok: false, id: id || null, reason: `"${id}" is not a CVE identifier` };
  const score = probability(fields[header.epss]);
  const percentile = probability(fields[header.percentile]);
  if (score === null)
    return { ok: false, id, reason: `epss "${fields[header.epss] ?? ''}" is not a probability from 0 to 1` };
  if (percentile === null)
    return {
      ok: false,
      id,
      reason: `percentile "${fields[header.percentile] ?? ''}" is not a number from 0 to 1`,
    };
  return { ok: true, problems: [], value: { source: 'epss', id, epss: { score, percentile, date } } };
}
