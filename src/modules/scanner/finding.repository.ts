/**
 * SQL of findings: what each scan found (`scan_findings`, a snapshot per scan), each problem's
 * lifecycle across scans (`findings`) and its status history (`finding_events`).
 */
import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import { containsPattern, fromDbJson, likeEscaped, searchKey, toDbJson } from '../../db/portable.js';
import type { FindingTable } from '../../db/tables/scanner.js';
import { newId } from '../../lib/ids.js';
import type { Finding, FindingStatus } from './findings/finding.types.js';
import { severityRank } from './findings/severity.js';
import { describeTarget } from './findings/finding-table.js';
import type { ScanReadScope } from './scan.repository.js';

type Db = Kysely<Database>;

/** SHA-256 of a finding's evidence: a false positive comes back when it changes. */
export function evidenceHash(finding: Pick<Finding, 'evidence'>): string {
  return createHash('sha256').update(finding.evidence.trim()).digest('hex');
}

/** One problem across scans, as stored. */
export interface FindingRecord {
  readonly finding: Finding;
  readonly status: FindingStatus;
  readonly statusReason: string | null;
  readonly statusBy: string | null;
  readonly statusAt: string | null;
  readonly statusEvidenceHash: string | null;
  readonly evidenceHash: string;
  readonly structureId: string | null;
  readonly firstSeenAt: string;
  readonly lastSeenAt: string;
  readonly firstScanId: string;
  readonly lastScanId: string;
}

/** A finding as one scan saw it. */
export interface ScanFindingRecord {
  readonly finding: Finding;
  readonly evidenceHash: string;
  readonly hidden: boolean;
}

/** A status change in a finding's history. */
export interface FindingEvent {
  readonly id: string;
  readonly findingId: string;
  readonly fromStatus: FindingStatus | null;
  readonly toStatus: FindingStatus;
  readonly reason: string | null;
  readonly actor: string;
  readonly scanId: string | null;
  readonly createdAt: string;
}

function toRecord(row: Selectable<FindingTable>): FindingRecord {
  const finding = fromDbJson<Finding>(row.finding, {} as Finding);
  return {
    finding: { ...finding, status: row.status },
    status: row.status,
    statusReason: row.status_reason,
    statusBy: row.status_by,
    statusAt: row.status_at,
    statusEvidenceHash: row.status_evidence_hash,
    evidenceHash: row.evidence_hash,
    structureId: row.structure_id,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    firstScanId: row.first_scan_id,
    lastScanId: row.last_scan_id,
  };
}

/** Replaces what a scan found (the assess stage is replayed as a whole after a resume). */
export async function replaceScanFindings(
  db: Db,
  scanId: string,
  findings: readonly Finding[],
  at: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('scan_findings').where('scan_id', '=', scanId).execute();
    for (let i = 0; i < findings.length; i += 200) {
      await trx
        .insertInto('scan_findings')
        .values(
          findings.slice(i, i + 200).map((f) => ({
            scan_id: scanId,
            finding_id: f.id,
            check_id: f.check,
            severity: f.severity,
            severity_rank: severityRank(f.severity),
            finding: toDbJson(f),
            evidence_hash: evidenceHash(f),
            hidden: 0,
            created_at: at,
          })),
        )
        .execute();
    }
  });
}

/** What a scan found, most severe first. */
export async function listScanFindings(db: Db, scanId: string): Promise<ScanFindingRecord[]> {
  const rows = await db
    .selectFrom('scan_findings')
    .selectAll()
    .where('scan_id', '=', scanId)
    .orderBy('severity_rank')
    .orderBy('check_id')
    .orderBy('finding_id')
    .execute();
  return rows.map((r) => ({
    finding: fromDbJson<Finding>(r.finding, {} as Finding),
    evidenceHash: r.evidence_hash,
    hidden: r.hidden === 1,
  }));
}

/** What a scan found and shows (false positives left out), each with its current status. */
export async function listVisibleScanFindings(db: Db, scanId: string): Promise<Finding[]> {
  const rows = (await listScanFindings(db, scanId)).filter((f) => !f.hidden);
  const stored = await findFindingsByIds(
    db,
    rows.map((r) => r.finding.id),
  );
  return rows.map((r) => ({ ...r.finding, status: stored.get(r.finding.id)?.status ?? 'open' }));
}

/** Marks the scan's findings hidden (false positives with unchanged evidence). */
export async function hideScanFindings(db: Db, scanId: string, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 200) {
    await db
      .updateTable('scan_findings')
      .set({ hidden: 1 })
      .where('scan_id', '=', scanId)
      .where('finding_id', 'in', ids.slice(i, i + 200))
      .execute();
  }
}

/** Stored findings by id (those that exist). */
export async function findFindingsByIds(db: Db, ids: readonly string[]): Promise<Map<string, FindingRecord>> {
  const out = new Map<string, FindingRecord>();
  for (let i = 0; i < ids.length; i += 200) {
    const rows = await db
      .selectFrom('findings')
      .selectAll()
      .where('id', 'in', ids.slice(i, i + 200))
      .execute();
    for (const r of rows) out.set(r.id, toRecord(r));
  }
  return out;
}

/** One stored finding. */
export async function findFinding(db: Db, id: string): Promise<FindingRecord | undefined> {
  const row = await db.selectFrom('findings').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** Records a finding seen by `scanId` at `seenAt`: inserted open, or its latest observation updated. */
export async function upsertSeenFinding(
  db: Db,
  finding: Finding,
  seen: { scanId: string; at: string; structureId: string | null },
): Promise<void> {
  const { status: _status, ...observed } = finding;
  const values = {
    check_id: finding.check,
    category: finding.category,
    severity: finding.severity,
    severity_rank: severityRank(finding.severity),
    target_label: describeTarget(finding.target),
    domain: finding.target.domain ?? null,
    address: finding.target.address ?? null,
    port: finding.target.port ?? null,
    structure_id: seen.structureId,
    finding: toDbJson(observed),
    evidence_hash: evidenceHash(finding),
    last_seen_at: seen.at,
    last_scan_id: seen.scanId,
    search_text: searchKey(
      [
        finding.check,
        describeTarget(finding.target),
        finding.titleFr,
        finding.titleEn,
        finding.evidence,
      ].join(' '),
    ),
    updated_at: seen.at,
  };
  await db
    .insertInto('findings')
    .values({
      id: finding.id,
      ...values,
      status: 'open',
      status_reason: null,
      status_by: null,
      status_at: null,
      status_evidence_hash: null,
      first_seen_at: seen.at,
      first_scan_id: seen.scanId,
    })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

/** Changes a finding's status and writes its history line. */
export async function setFindingStatus(
  db: Db,
  change: {
    id: string;
    from: FindingStatus | null;
    to: FindingStatus;
    reason: string | null;
    actor: string;
    scanId: string | null;
    at: string;
    /** Evidence the decision was made on (kept for false positives). */
    evidenceHash: string | null;
  },
): Promise<void> {
  await db
    .updateTable('findings')
    .set({
      status: change.to,
      status_reason: change.reason,
      status_by: change.actor,
      status_at: change.at,
      status_evidence_hash: change.evidenceHash,
      updated_at: change.at,
    })
    .where('id', '=', change.id)
    .execute();
  await db
    .insertInto('finding_events')
    .values({
      id: newId(),
      finding_id: change.id,
      from_status: change.from,
      to_status: change.to,
      reason: change.reason,
      actor: change.actor,
      scan_id: change.scanId,
      created_at: change.at,
    })
    .execute();
}

/** A finding's history, oldest first. */
export async function listFindingEvents(db: Db, findingId: string): Promise<FindingEvent[]> {
  const rows = await db
    .selectFrom('finding_events')
    .selectAll()
    .where('finding_id', '=', findingId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    findingId: r.finding_id,
    fromStatus: r.from_status as FindingStatus | null,
    toStatus: r.to_status as FindingStatus,
    reason: r.reason,
    actor: r.actor,
    scanId: r.scan_id,
    createdAt: r.created_at,
  }));
}

/** Filters of the findings lists (all optional). */
export interface FindingFilter {
  readonly scanId?: string;
  readonly structureId?: string;
  readonly severity?: string;
  readonly category?: string;
  readonly check?: string;
  /** A status; default: every status but `false-positive` and `resolved`. */
  readonly status?: FindingStatus | 'all';
  readonly q?: string;
}

function filtered(db: Db, scope: ScanReadScope, filter: FindingFilter) {
  let query = db.selectFrom('findings');
  if (scope.kind === 'only') {
    if (scope.structureIds.length === 0) return query.where('findings.id', '=', '');
    query = query.where('findings.structure_id', 'in', [...scope.structureIds]);
  }
  if (filter.scanId !== undefined) {
    const scanId = filter.scanId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('scan_findings')
          .select('scan_findings.finding_id')
          .whereRef('scan_findings.finding_id', '=', 'findings.id')
          .where('scan_findings.scan_id', '=', scanId)
          .where('scan_findings.hidden', '=', 0),
      ),
    );
  }
  if (filter.structureId !== undefined) query = query.where('findings.structure_id', '=', filter.structureId);
  if (filter.severity !== undefined) query = query.where('findings.severity', '=', filter.severity);
  if (filter.category !== undefined) query = query.where('findings.category', '=', filter.category);
  if (filter.check !== undefined) query = query.where('findings.check_id', '=', filter.check);
  const status = filter.status;
  if (status === undefined) query = query.where('findings.status', 'not in', ['false-positive', 'resolved']);
  else if (status !== 'all') query = query.where('findings.status', '=', status);
  if (filter.q !== undefined && filter.q.trim() !== '')
    query = query.where(likeEscaped('findings.search_text', containsPattern(filter.q)));
  return query;
}

/** One page of findings, most severe and most recently seen first. */
export async function listFindingRecords(
  db: Db,
  scope: ScanReadScope,
  filter: FindingFilter,
  limit: number,
  offset: number,
): Promise<FindingRecord[]> {
  const rows = await filtered(db, scope, filter)
    .selectAll('findings')
    .orderBy('findings.severity_rank')
    .orderBy('findings.last_seen_at', 'desc')
    .orderBy('findings.id')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map(toRecord);
}

/** How many findings match. */
export async function countFindingRecords(
  db: Db,
  scope: ScanReadScope,
  filter: FindingFilter,
): Promise<number> {
  const row = await filtered(db, scope, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The previous assessed scan of the same scope (the diff's base), or undefined. */
export async function findPreviousScanOfScope(
  db: Db,
  scopeKey: string,
  beforeScanId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('scan_runs')
    .select('id')
    .where('scope_key', '=', scopeKey)
    .where('assessed_at', 'is not', null)
    .where('id', '!=', beforeScanId)
    .orderBy('assessed_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.id;
}

/** Records that a scan's findings were reconciled, with its scope and base. */
export async function markScanAssessed(
  db: Db,
  scanId: string,
  values: { scopeKey: string; baseScanId: string | null; at: string },
): Promise<void> {
  await db
    .updateTable('scan_runs')
    .set({ scope_key: values.scopeKey, base_scan_id: values.baseScanId, assessed_at: values.at })
    .where('id', '=', scanId)
    .execute();
}
