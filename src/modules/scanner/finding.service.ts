/**
 * Use cases of findings: lists (overall, per scan, per structure, with filters), one finding with
 * its history, status changes by CERT staff (audit-logged), and the diff of a scan with the
 * previous one of its scope. Authorisation: `scanner.policy.ts`; a finding outside the reader's
 * structures answers "not found".
 */
import { HygieError } from '../../lib/errors.js';
import { pageWindow, type Page, type PageRequest } from '../../lib/pagination.js';
import { actorLabel } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import type { ServiceContext } from '../../platform/context.js';
import type { RelatedLink, RelatedObject } from '../../platform/http/related-links.js';
import { recordAudit } from '../audit-log/index.js';
import {
  countFindingRecords,
  findFinding,
  findFindingsByIds,
  listFindingEvents,
  listFindingRecords,
  listScanFindings,
  setFindingStatus,
  type FindingEvent,
  type FindingFilter,
  type FindingRecord,
} from './finding.repository.js';
import { diffFindings, type FindingChange } from './findings/finding-lifecycle.js';
import type { Finding, FindingStatus } from './findings/finding.types.js';
import { getScan } from './scan.service.js';
import { findingNotFound, ScannerErrors } from './scanner.errors.js';
import { canListScans, canReadScanOf, canTriageFindings, scanReadScope } from './scanner.policy.js';
import type { ScanRun } from './scanner.types.js';

export const FINDING_STATUSES: readonly FindingStatus[] = [
  'open',
  'acknowledged',
  'resolved',
  'false-positive',
  'accepted-risk',
];

/** Statuses that need a reason ("with who and why"). */
const NEEDS_REASON: ReadonlySet<FindingStatus> = new Set(['false-positive', 'accepted-risk']);

/** Findings the actor may read, one page. */
export async function listFindings(
  ctx: ServiceContext,
  filter: FindingFilter,
  request: PageRequest = {},
): Promise<Page<FindingRecord>> {
  authorize(ctx.actor, canListScans(ctx.actor));
  if (filter.scanId !== undefined) await getScan(ctx, filter.scanId);
  const scope = scanReadScope(ctx.actor);
  const { page, pageSize, limit, offset } = pageWindow(request);
  const [items, total] = await Promise.all([
    listFindingRecords(ctx.db, scope, filter, limit, offset),
    countFindingRecords(ctx.db, scope, filter),
  ]);
  return { items, total, page, pageSize };
}

/** A finding with its history. */
export interface FindingDetail {
  readonly record: FindingRecord;
  readonly events: readonly FindingEvent[];
  readonly canTriage: boolean;
}

async function requireReadableFinding(ctx: ServiceContext, id: string): Promise<FindingRecord> {
  authorize(ctx.actor, canListScans(ctx.actor));
  const record = /^[0-9a-f]{64}$/.test(id) ? await findFinding(ctx.db, id) : undefined;
  if (!record || !canReadScanOf(ctx.actor, record.structureId)) throw findingNotFound(ctx.lang);
  return record;
}

/** One finding, its evidence, recommendation and history. */
export async function getFinding(ctx: ServiceContext, id: string): Promise<FindingDetail> {
  const record = await requireReadableFinding(ctx, id);
  return { record, events: await listFindingEvents(ctx.db, id), canTriage: canTriageFindings(ctx.actor) };
}

/** Reads a status given by a form, the API or the CLI. */
export function parseFindingStatus(value: unknown): FindingStatus {
  if (typeof value === 'string' && (FINDING_STATUSES as readonly string[]).includes(value))
    return value as FindingStatus;
  throw new HygieError(ScannerErrors.SCANNER_FINDING_STATUS_INVALID, {
    value: typeof value === 'string' ? value.slice(0, 40) : String(value),
  });
}

/** The filters as a page, the API or the CLI give them (strings; empty means "any"). */
export interface FindingFilterText {
  readonly scan?: string | undefined;
  readonly structure?: string | undefined;
  readonly severity?: string | undefined;
  readonly category?: string | undefined;
  readonly check?: string | undefined;
  readonly status?: string | undefined;
  readonly q?: string | undefined;
}

/** Reads list filters given as text; an unknown status is an error that names the valid ones. */
export function findingFilterOf(text: FindingFilterText): FindingFilter {
  const v = (s: string | undefined) => (s && s.trim() !== '' ? s.trim() : undefined);
  const [scanId, structureId, severity, category, check, status, q] = [
    text.scan,
    text.structure,
    text.severity,
    text.category,
    text.check,
    text.status,
    text.q,
  ].map(v);
  return {
    ...(scanId ? { scanId } : {}),
    ...(structureId ? { structureId } : {}),
    ...(severity ? { severity } : {}),
    ...(category ? { category } : {}),
    ...(check ? { check } : {}),
    ...(status ? { status: status === 'all' ? 'all' : parseFindingStatus(status) } : {}),
    ...(q ? { q } : {}),
  };
}

/** Sets a finding's status (CERT staff); false positive and accepted risk need a reason. Audit-logged. */
export async function changeFindingStatus(
  ctx: ServiceContext,
  id: string,
  change: { status: unknown; reason?: unknown },
): Promise<FindingRecord> {
  const record = await requireReadableFinding(ctx, id);
  authorize(ctx.actor, canTriageFindings(ctx.actor));
  const status = parseFindingStatus(change.status);
  const reason = typeof change.reason === 'string' ? change.reason.trim() : '';
  if (reason.length > 2000 || (NEEDS_REASON.has(status) && reason.length < 3))
    throw new HygieError(ScannerErrors.SCANNER_FINDING_REASON_REQUIRED);
  if (status === record.status && reason === (record.statusReason ?? '')) return record;
  const at = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await setFindingStatus(trx, {
      id,
      from: record.status,
      to: status,
      reason: reason === '' ? null : reason,
      actor: actorLabel(ctx.actor),
      scanId: null,
      at,
      evidenceHash: record.evidenceHash,
    });
    await recordAudit(
      ctx,
      {
        action: 'scanner.change-finding-status',
        objectType: 'finding',
        objectId: id,
        details: { check: record.finding.check, from: record.status, to: status, reason },
      },
      trx,
    );
  });
  return (await findFinding(ctx.db, id)) as FindingRecord;
}

/** One line of a diff: the finding as the newer scan saw it (the base's for fixed ones). */
export interface ScanDiffEntry {
  readonly finding: Finding;
  readonly change: FindingChange;
  readonly status: FindingStatus;
}

/** How a scan compares with a base scan. */
export interface ScanDiff {
  readonly scan: ScanRun;
  readonly base: ScanRun | null;
  readonly entries: readonly ScanDiffEntry[];
  readonly counts: Readonly<Record<FindingChange, number>>;
}

/**
 * The diff of a scan with `againstId`, or with the previous assessed scan of its scope. Without a
 * base every finding is new.
 */
export async function getScanDiff(
  ctx: ServiceContext,
  scanId: string,
  againstId?: string,
): Promise<ScanDiff> {
  const scan = await getScan(ctx, scanId);
  if (!scan.assessedAt)
    throw new HygieError(ScannerErrors.SCANNER_DIFF_UNAVAILABLE, {
      reason:
        ctx.lang === 'fr'
          ? `le scan ${scanId} n’a pas (encore) de constats enregistrés ; attendez sa fin.`
          : `scan ${scanId} has no stored findings (yet); wait for it to finish.`,
    });
  const baseId = againstId ?? scan.baseScanId ?? null;
  const base = baseId === null ? null : await getScan(ctx, baseId);
  const current = await listScanFindings(ctx.db, scanId);
  const before = base === null ? [] : await listScanFindings(ctx.db, base.id);
  const changes = diffFindings(
    before.map((f) => ({ id: f.finding.id, hidden: f.hidden })),
    current.map((f) => ({ id: f.finding.id, hidden: f.hidden })),
  );
  const seen = new Map([...before, ...current].map((f) => [f.finding.id, f.finding]));
  const statuses = await findFindingsByIds(ctx.db, [...changes.keys()]);
  const entries: ScanDiffEntry[] = [];
  const counts: Record<FindingChange, number> = { new: 0, still: 0, fixed: 0 };
  for (const [id, change] of changes) {
    const finding = seen.get(id);
    if (!finding) continue;
    const record = statuses.get(id);
    // A finding of another structure stays out of a beneficiary's diff.
    if (record && !canReadScanOf(ctx.actor, record.structureId)) continue;
    counts[change] += 1;
    entries.push({ finding, change, status: record?.status ?? 'open' });
  }
  return { scan, base, entries, counts };
}

/**
 * Findings to handle per severity, for the home page: the same default filter as the list the cards
 * link to (every status but resolved and false positive); null for who may not read findings.
 */
export async function countFindingsToHandle(
  ctx: ServiceContext,
): Promise<{ readonly critical: number; readonly high: number } | null> {
  if (!canListScans(ctx.actor)) return null;
  const scope = scanReadScope(ctx.actor);
  const [critical, high] = await Promise.all(
    (['critical', 'high'] as const).map((severity) => countFindingRecords(ctx.db, scope, { severity })),
  );
  return { critical: critical ?? 0, high: high ?? 0 };
}

/** The structure page's link to its findings to handle (other modules' pages, see related-links). */
export async function structureFindingLinks(
  ctx: ServiceContext,
  object: RelatedObject,
): Promise<readonly RelatedLink[]> {
  if (object.type !== 'structure' || !canListScans(ctx.actor) || !canReadScanOf(ctx.actor, object.id))
    return [];
  const scope = scanReadScope(ctx.actor);
  const toHandle = await countFindingRecords(ctx.db, scope, { structureId: object.id });
  return [
    {
      label: ctx.lang === 'fr' ? 'Constats à traiter' : 'Findings to handle',
      href: `/findings?structure=${encodeURIComponent(object.id)}`,
      count: toHandle,
    },
  ];
}
