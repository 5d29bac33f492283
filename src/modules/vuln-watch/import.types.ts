/** Types of CVE import runs. */
import type { SourceName } from './sources/source-record.js';

/** Counts of one run (per record read). */
export interface ImportCounts {
  /** Records read from the inputs (refused ones included). */
  read: number;
  /** New CVEs. */
  inserted: number;
  /** CVEs whose data changed. */
  updated: number;
  /** Records equal to what is stored (same `lastModified`, same KEV entry, same EPSS). */
  unchanged: number;
  /** Records older than what is stored: ignored. */
  older: number;
  /** Records refused (unreadable, no id, bad timestamp…). */
  rejected: number;
  /** EPSS rows of CVEs not in the knowledge base: ignored. */
  unknownCve: number;
  /** Problems inside imported records (a CVSS vector that does not parse, a bad CPE…). */
  problems: number;
  /** Files read to the end. */
  files: number;
  /** Files that stopped with an error (truncated, wrong format…) or were skipped. */
  failedFiles: number;
  /** CVEs handed to `vuln-watch.propose-bulletins` (new or materially changed, score ≥ 7 or KEV). */
  proposed: number;
}

/** One error or warning of a run, naming the record or file. */
export interface ImportIssue {
  readonly code: string;
  readonly level: 'error' | 'warning';
  /** CVE id when readable. */
  readonly id: string | null;
  /** File (and record number, or line) where it happened. */
  readonly where: string;
  readonly message: string;
}

/** A file as read. */
export interface ImportFile {
  readonly file: string;
  readonly format: SourceName | null;
  readonly records: number;
  /** What the file announces (KEV `count`, NVD `totalResults`), null when it says nothing. */
  readonly declared: number | null;
  readonly status: 'read' | 'stopped' | 'skipped';
}

/** One import run, as recorded in `vuln_import_runs`. */
export interface ImportRun {
  readonly id: string;
  readonly source: string[];
  readonly inputs: string[];
  readonly status: 'running' | 'completed' | 'completed-with-errors' | 'failed';
  readonly counts: ImportCounts;
  /** The first files (at most 200 kept). */
  readonly files: ImportFile[];
  /** The first issues (at most 200 kept); `errorCount` counts them all. */
  readonly errors: ImportIssue[];
  readonly errorCount: number;
  readonly actorLabel: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
}

/** Progress reported while importing (for the CLI bar). */
export interface ImportProgress {
  readonly file: string;
  readonly read: number;
  readonly counts: ImportCounts;
}
