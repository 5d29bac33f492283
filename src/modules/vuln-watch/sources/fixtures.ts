/**
 * Paths of the real sample files kept beside each source (see each `fixtures/README.md`), and
 * loaders of single records for table-driven tests. Test support: read synchronously, never
 * used by the application itself.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCve5Record } from './cve5/cve5.parse.js';
import { parseNvdItem } from './nvd/nvd.parse.js';
import type { RecordContribution } from './source-record.js';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** Every fixture file, by name. */
export const FIXTURES = {
  nvdFkie: here('./nvd/fixtures/nvd-2.0-real-fkie-perimeter.json'),
  nvdOsv: here('./nvd/fixtures/nvd-2.0-real-osvdev-testdata.json'),
  nvdDerived: here('./nvd/fixtures/nvd-2.0-derived-from-1.1.json'),
  nvdLegacy: here('./nvd/fixtures/nvd-1.1-legacy-excerpt.json'),
  cve5: here('./cve5/fixtures/cve5-vulnrichment-sample.json'),
  kev: here('./kev/fixtures/known_exploited_vulnerabilities.json'),
  epss: here('./epss/fixtures/epss-constructed.csv'),
  epssExtraColumns: here('./epss/fixtures/epss-extra-columns.csv'),
} as const;

const cache = new Map<string, unknown>();

function json(path: string): unknown {
  if (!cache.has(path)) cache.set(path, JSON.parse(readFileSync(path, 'utf8')));
  return cache.get(path);
}

/** The raw `vulnerabilities[]` item of a CVE in an NVD fixture. */
export function rawNvdItem(path: string, id: string): unknown {
  const doc = json(path) as { vulnerabilities: { cve: { id: string } }[] };
  const item = doc.vulnerabilities.find((v) => v.cve.id === id);
  if (!item) throw new Error(`${id} is not in ${path}`);
  return item;
}

/** The raw CVE 5 record of a CVE in the CVE 5 fixture. */
export function rawCve5Record(id: string): unknown {
  const records = json(FIXTURES.cve5) as { cveMetadata: { cveId: string } }[];
  const record = records.find((r) => r.cveMetadata.cveId === id);
  if (!record) throw new Error(`${id} is not in the CVE 5 fixture`);
  return record;
}

/** A CVE of an NVD fixture, parsed. */
export function nvdRecord(path: string, id: string): RecordContribution {
  const outcome = parseNvdItem(rawNvdItem(path, id));
  if (!outcome.ok) throw new Error(`${id}: ${outcome.reason}`);
  return outcome.value;
}

/** A CVE of the CVE 5 fixture, parsed. */
export function cve5Record(id: string): RecordContribution {
  const outcome = parseCve5Record(rawCve5Record(id));
  if (!outcome.ok) throw new Error(`${id}: ${outcome.reason}`);
  return outcome.value;
}
