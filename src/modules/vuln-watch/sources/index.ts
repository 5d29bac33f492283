/**
 * The CVE sources, listed explicitly (one folder each, see `README.md`): how each JSON source
 * turns one raw record into a contribution. EPSS is CSV and reads line by line
 * (`epss/epss.parse.ts`); the NVD API paging lives in `nvd/nvd.fetch.ts`.
 */
import { parseCve5Record } from './cve5/cve5.parse.js';
import { parseKevEntry } from './kev/kev.parse.js';
import { parseNvdItem } from './nvd/nvd.parse.js';
import type { Contribution, ParseOutcome, SourceName } from './source-record.js';

/** Pure parse of one raw JSON record, per JSON source. */
export const JSON_RECORD_PARSERS: Readonly<
  Record<Exclude<SourceName, 'epss'>, (raw: unknown) => ParseOutcome<Contribution>>
> = {
  nvd: parseNvdItem,
  cve5: parseCve5Record,
  kev: parseKevEntry,
};

export { SOURCE_NAMES, type Contribution, type SourceName } from './source-record.js';
