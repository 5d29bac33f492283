/**
 * The findings part of the `--format table` rendering: one block per severity, most serious first,
 * columns aligned across blocks so that the eye can run down a single column. Pure.
 *
 * It takes findings as the contract `hygie.scan/1` guarantees them (`ContractFinding`), because a
 * result document may have been read back from JSON; a `Finding` built by Hygie is one.
 */
import { clip, pad } from '../text-table.js';
import type { FindingChange } from './finding-lifecycle.js';
import type { FindingLanguage, FindingSeverity, FindingTarget } from './finding.types.js';
import { SEVERITIES } from './severity.js';

/**
 * A finding as `hygie.scan/1` requires it (`id`, `check`, `category`, `severity`, `target`, `title`,
 * `recommendation`), with the optional fields of the contract and of Hygie's additions.
 */
export interface ContractFinding {
  readonly id: string;
  readonly check: string;
  /** A `FindingCategory` when Hygie wrote it; kept a string so that a newer category still reads. */
  readonly category: string;
  readonly severity: FindingSeverity;
  readonly target: FindingTarget;
  readonly title: string;
  readonly recommendation: string;
  readonly description?: string;
  readonly evidence?: string;
  readonly cve?: readonly string[];
  readonly cvss?: number | null;
  readonly kev?: boolean;
  readonly cvssVector?: string | null;
  readonly references?: readonly string[];
  readonly titleFr?: string;
  readonly titleEn?: string;
  readonly descriptionFr?: string;
  readonly descriptionEn?: string;
  readonly recommendationFr?: string;
  readonly recommendationEn?: string;
}

export interface FindingsTableOptions {
  /** Language of the headings and labels (the evidence is shown as seen); English by default. */
  readonly language?: FindingLanguage;
  /** Finding id → how it moved since the previous scan; adds a change column. */
  readonly change?: ReadonlyMap<string, FindingChange>;
}

/** Evidence is the last column: clipped so that a row stays on one terminal line. */
const EVIDENCE_WIDTH = 70;

const LABELS = {
  en: {
    severity: { critical: 'CRITICAL', high: 'HIGH', medium: 'MEDIUM', low: 'LOW', info: 'INFO' },
    change: { new: 'NEW', still: 'STILL', fixed: 'FIXED' },
    columns: { change: 'CHANGE', check: 'CHECK', target: 'TARGET', evidence: 'EVIDENCE' },
    none: 'No findings.',
    findings: 'findings:',
  },
  fr: {
    severity: { critical: 'CRITIQUE', high: 'ÉLEVÉE', medium: 'MOYENNE', low: 'FAIBLE', info: 'INFO' },
    change: { new: 'NOUVEAU', still: 'PERSISTANT', fixed: 'CORRIGÉ' },
    columns: { change: 'ÉVOLUTION', check: 'CONTRÔLE', target: 'CIBLE', evidence: 'CONSTAT' },
    none: 'Aucune vulnérabilité.',
    findings: 'vulnérabilités :',
  },
} as const satisfies Record<FindingLanguage, unknown>;

const SEVERITY_COUNT_LABELS: Record<FindingLanguage, Record<FindingSeverity, string>> = {
  en: { critical: 'critical', high: 'high', medium: 'medium', low: 'low', info: 'info' },
  fr: { critical: 'critique', high: 'élevée', medium: 'moyenne', low: 'faible', info: 'info' },
};

const CHANGE_COUNT_LABELS: Record<FindingLanguage, Record<FindingChange, string>> = {
  en: { new: 'new', still: 'still', fixed: 'fixed' },
  fr: { new: 'nouvelles', still: 'persistantes', fixed: 'corrigées' },
};

const TARGET_KEYS = ['domain', 'address', 'hostname', 'url'] as const;

/** True when `value` has the fields `hygie.scan/1` requires of a finding, with their types. */
export function isContractFinding(value: unknown): value is ContractFinding {
  if (typeof value !== 'object' || value === null) return false;
  const f = value as Record<string, unknown>;
  const target = f.target as Record<string, unknown> | null | undefined;
  return (
    typeof f.id === 'string' &&
    typeof f.check === 'string' &&
    typeof f.category === 'string' &&
    typeof f.title === 'string' &&
    typeof f.recommendation === 'string' &&
    SEVERITIES.includes(f.severity as FindingSeverity) &&
    typeof target === 'object' &&
    target !== null &&
    !Array.isArray(target) &&
    TARGET_KEYS.every((k) => target[k] === undefined || typeof target[k] === 'string') &&
    (target.port === undefined || typeof target.port === 'number')
  );
}

/** `host:port`, an IPv6 address in brackets so that its colons do not read as the port's. */
export function hostAndPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * One short line naming what a finding is about, the most specific form first: the URL, else
 * `address:port` (or `hostname:port`), else the domain, else the bare address or name; `-` if none.
 */
export function describeTarget(target: FindingTarget): string {
  if (target.url) return target.url;
  const host = target.address || target.hostname;
  if (host && target.port !== undefined) return hostAndPort(host, target.port);
  return target.domain || host || '-';
}

/** Keeps a cell on one line: data read back from JSON may hold line breaks or tabs. */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Findings per severity (most serious first, then by check and target), then one line of counts. */
export function formatFindingsTable(
  findings: readonly ContractFinding[],
  options: FindingsTableOptions = {},
): string {
  const language = options.language ?? 'en';
  const labels = LABELS[language];
  if (findings.length === 0) return `${labels.none}\n`;
  const { change } = options;
  const header = [labels.columns.check, labels.columns.target, labels.columns.evidence];
  const rowOf = (f: ContractFinding): string[] => {
    const cells = [
      f.check,
      oneLine(describeTarget(f.target)),
      clip(oneLine(f.evidence ?? ''), EVIDENCE_WIDTH),
    ];
    if (!change) return cells;
    const moved = change.get(f.id);
    return [moved ? labels.change[moved] : '-', ...cells];
  };
  const groups = SEVERITIES.map((severity) => ({
    severity,
    rows: findings
      .filter((f) => f.severity === severity)
      .map(rowOf)
      .sort((a, b) => compareRows(a, b, change ? 1 : 0)),
  })).filter((g) => g.rows.length > 0);
  const headerRow = change ? [labels.columns.change, ...header] : header;
  // Padded together so that every block has the same column widths.
  const blocks = groups.map((g) => [headerRow, ...g.rows]);
  const padded = pad(blocks.flat());
  const lines: string[] = [];
  let next = 0;
  for (const [i, group] of groups.entries()) {
    const size = blocks[i]?.length ?? 0;
    if (i > 0) lines.push('');
    lines.push(
      `${labels.severity[group.severity]} (${group.rows.length})`,
      ...padded.slice(next, next + size),
    );
    next += size;
  }
  lines.push('', countsLine(findings, language, change));
  return `${lines.join('\n')}\n`;
}

/** Orders rows by check, then target, skipping the change column (a move is not an identity). */
function compareRows(a: readonly string[], b: readonly string[], from: number): number {
  for (let i = from; i < a.length; i++) {
    const order = (a[i] ?? '').localeCompare(b[i] ?? '');
    if (order !== 0) return order;
  }
  return 0;
}

/** `3 findings: 1 critical, 2 high, 0 medium, 0 low, 0 info` (+ the moves when known). */
function countsLine(
  findings: readonly ContractFinding[],
  language: FindingLanguage,
  change: ReadonlyMap<string, FindingChange> | undefined,
): string {
  const perSeverity = SEVERITIES.map(
    (s) => `${findings.filter((f) => f.severity === s).length} ${SEVERITY_COUNT_LABELS[language][s]}`,
  );
  let line = `${findings.length} ${LABELS[language].findings} ${perSeverity.join(', ')}`;
  if (change) {
    const moves = (['new', 'still', 'fixed'] as const).map(
      (m) => `${findings.filter((f) => change.get(f.id) === m).length} ${CHANGE_COUNT_LABELS[language][m]}`,
    );
    line += ` — ${moves.join(', ')}`;
  }
  return line;
}
