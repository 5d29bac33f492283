/**
 * Certificate-transparency exports given as files, in crt.sh's JSON format
 * (`[{"name_value": "a.example\nb.example", "common_name": "a.example", …}]`). Pure: the names
 * found, lower-case, wildcards reduced to their base name, deduplicated and capped.
 */
import { parseDomainName } from '../../../lib/domain-name.js';

/** Most names taken from one export (a big CDN certificate can list thousands). */
export const MAX_CT_NAMES = 100_000;

/** What an export yielded. */
export interface CtExport {
  /** Canonical names, in order of first appearance. */
  readonly names: string[];
  /** Entries or names that could not be read, for the scan notes. */
  readonly skipped: number;
}

/** Outcome of reading an export. */
export type CtExportResult = { ok: true; value: CtExport } | { ok: false; reason: string };

function namesOf(entry: unknown): string[] {
  if (entry === null || typeof entry !== 'object') return [];
  const record = entry as Record<string, unknown>;
  const out: string[] = [];
  for (const key of ['name_value', 'common_name']) {
    const value = record[key];
    if (typeof value === 'string') out.push(...value.split(/\s+/));
  }
  return out;
}

/** Reads a crt.sh JSON export; never throws, whatever the file holds. */
export function parseCtExport(text: string, max = MAX_CT_NAMES): CtExportResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      reason: `The certificate-transparency file is not JSON (${(error as Error).message.slice(0, 120)}): export it from crt.sh with ?output=json.`,
    };
  }
  if (!Array.isArray(data)) {
    return {
      ok: false,
      reason:
        'The certificate-transparency file must be a JSON array of crt.sh entries ([{"name_value": …}]).',
    };
  }
  const names: string[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  for (const entry of data as unknown[]) {
    const raw = namesOf(entry);
    if (raw.length === 0) skipped++;
    for (const one of raw) {
      if (one === '') continue;
      const parsed = parseDomainName(one.replace(/^\*\./, ''));
      if (!parsed.ok) {
        skipped++;
        continue;
      }
      if (seen.has(parsed.value)) continue;
      if (names.length >= max) {
        skipped++;
        continue;
      }
      seen.add(parsed.value);
      names.push(parsed.value);
    }
  }
  return { ok: true, value: { names, skipped } };
}
