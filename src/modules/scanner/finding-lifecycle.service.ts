/**
 * After a scan's assess stage: each finding it made is recorded across scans (first/last seen,
 * owner structure), statuses move by the rules of `findings/finding-lifecycle.ts`, false positives
 * with unchanged evidence are hidden from the scan, and the scan is tied to the previous one of
 * the same scope (the diff's base). Called by `executeScan`; authorisation was checked by the caller.
 */
import type { ServiceContext } from '../../platform/context.js';
import { findOwnerOfDomain } from '../registry/index.js';
import {
  findFindingsByIds,
  findPreviousScanOfScope,
  hideScanFindings,
  listScanFindings,
  markScanAssessed,
  setFindingStatus,
  upsertSeenFinding,
} from './finding.repository.js';
import { normaliseDomain } from './findings/fingerprint.js';
import { reconcileFindings, type KnownFinding } from './findings/finding-lifecycle.js';
import type { Finding } from './findings/finding.types.js';
import { listScanDomains, listScanHosts } from './scan-store.repository.js';
import type { ScanRun } from './scanner.types.js';

/** Actor label of the status changes a scan makes. */
export const SCAN_ACTOR = 'scan';

/** Scans with the same targets, ports and exclusions have the same key: they are compared. */
export function scanScopeKey(run: Pick<ScanRun, 'targets' | 'options'>): string {
  const targets = [...new Set(run.targets.map((t) => t.trim().toLowerCase()))].sort();
  const excluded = [...new Set(run.options.excludePorts)].sort((a, b) => a - b);
  return JSON.stringify({ targets, ports: run.options.ports, excluded });
}

/** The structure a finding belongs to: its host's, else its domain's, else the scan's. */
async function ownerResolver(
  ctx: ServiceContext,
  run: ScanRun,
): Promise<(finding: Finding) => Promise<string | null>> {
  const byAddress = new Map(
    (await listScanHosts(ctx.db, run.id)).map((h) => [h.address, h.structureId] as const),
  );
  const byDomain = new Map(
    (await listScanDomains(ctx.db, run.id)).map((d) => [normaliseDomain(d.observation.name), d.structureId]),
  );
  return async (finding) => {
    const { address, domain, hostname } = finding.target;
    const fromHost = address === undefined ? undefined : byAddress.get(address);
    if (fromHost) return fromHost;
    for (const name of [domain, hostname]) {
      if (name === undefined) continue;
      const known = byDomain.get(normaliseDomain(name));
      if (known) return known;
      const owner = await findOwnerOfDomain(ctx.db, name).catch(() => undefined);
      if (owner) return owner.structureId;
    }
    return run.structureId;
  };
}

/** Records the scan's findings across scans and moves their statuses; idempotent per scan. */
export async function reconcileScanFindings(ctx: ServiceContext, run: ScanRun): Promise<void> {
  const at = ctx.clock.now().toISOString();
  const scopeKey = scanScopeKey(run);
  const baseScanId = (await findPreviousScanOfScope(ctx.db, scopeKey, run.id)) ?? null;
  const seen = await listScanFindings(ctx.db, run.id);
  const previous = baseScanId === null ? null : await listScanFindings(ctx.db, baseScanId);
  const ids = [...new Set([...seen, ...(previous ?? [])].map((f) => f.finding.id))];
  const stored = await findFindingsByIds(ctx.db, ids);
  const known = new Map<string, KnownFinding>(
    [...stored].map(([id, r]) => [id, { id, status: r.status, statusEvidenceHash: r.statusEvidenceHash }]),
  );
  const decision = reconcileFindings({
    seen: seen.map((f) => ({ id: f.finding.id, evidenceHash: f.evidenceHash })),
    known,
    previous: previous === null ? null : new Set(previous.map((f) => f.finding.id)),
    complete: run.status === 'completed',
  });
  const ownerOf = await ownerResolver(ctx, run);
  const evidenceOf = new Map(seen.map((f) => [f.finding.id, f.evidenceHash]));
  // Owners are looked up before the transaction: SQLite has one connection, held by it.
  const owners = new Map<string, string | null>();
  for (const { finding } of seen) owners.set(finding.id, await ownerOf(finding));
  await ctx.db.transaction().execute(async (trx) => {
    for (const { finding } of seen) {
      await upsertSeenFinding(trx, finding, {
        scanId: run.id,
        at,
        structureId: owners.get(finding.id) ?? null,
      });
    }
    for (const t of decision.transitions) {
      await setFindingStatus(trx, {
        id: t.id,
        from: t.from,
        to: t.to,
        // A code, not a sentence: pages show it in the reader's language (`SCAN_REASON_KEYS`).
        reason: t.reason,
        actor: SCAN_ACTOR,
        scanId: run.id,
        at,
        evidenceHash: evidenceOf.get(t.id) ?? stored.get(t.id)?.evidenceHash ?? null,
      });
    }
    await hideScanFindings(trx, run.id, [...decision.hidden]);
    await markScanAssessed(trx, run.id, { scopeKey, baseScanId, at });
  });
}
