/**
 * Scan use cases: launch (queued, run by the `scanner.run-scan` job), run in place (CLI), resume,
 * cancel, read runs and their `hygie.scan/1` result. Authorisation (`scanner.policy.ts`) and audit
 * entries live here; the work itself is in `scan-execution.service.ts`.
 */
import { parseCidr } from '../../lib/cidr.js';
import { HygieError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { pageWindow, type Page } from '../../lib/pagination.js';
import { actorLabel } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import type { ServiceContext } from '../../platform/context.js';
import { recordAudit } from '../audit-log/index.js';
import {
  findOwnerOfDomain,
  findOwnerOfIp,
  getStructureByReference,
  getStructureDetails,
} from '../registry/index.js';
import { executeScan, type ScanHooks } from './scan-execution.service.js';
import { toScanResult } from './scan-result.mapping.js';
import { validateScanRequest, type ScanRequest, type ValidatedRequest } from './scan-request.js';
import {
  countScanObservations,
  listScanDomains,
  listScanHosts,
  listScanServices,
} from './scan-store.repository.js';
import { listVisibleScanFindings } from './finding.repository.js';
import { countScanRuns, findScanRun, insertScanRun, listScanRuns, updateScanRun } from './scan.repository.js';
import { scanNotFound, ScannerErrors } from './scanner.errors.js';
import { canLaunchScan, canListScans, canReadScanOf, scanReadScope } from './scanner.policy.js';
import type { ScanResult, ScanRun } from './scanner.types.js';
import { displayNetwork } from './targets.js';

export type { ScanHooks } from './scan-execution.service.js';

/** The job that runs a launched scan. */
export const RUN_SCAN_JOB = 'scanner.run-scan';

/** A run with the counts of what it observed so far. */
export interface ScanSummary extends ScanRun {
  readonly counts: { readonly domains: number; readonly hosts: number; readonly services: number };
}

/** Targets of a structure: its active domains and networks (the registry's policy applies). */
async function structureTargets(
  ctx: ServiceContext,
  reference: string,
): Promise<{ id: string; name: string; targets: string[] }> {
  const structure = await getStructureByReference(ctx, reference);
  const details = await getStructureDetails(ctx, structure.id);
  const targets = [
    ...(details.domains ?? []).filter((d) => d.archivedAt === null).map((d) => d.name),
    ...(details.networks ?? []).filter((n) => n.archivedAt === null).map((n) => displayNetwork(n.cidr)),
  ];
  return { id: structure.id, name: structure.name, targets };
}

/** The one structure owning every target, when there is one (so its users may read the scan). */
async function soleOwner(ctx: ServiceContext, targets: readonly string[]): Promise<string | null> {
  const owners = new Set<string>();
  for (const target of targets) {
    const block = parseCidr(target);
    const owner = block.ok
      ? await findOwnerOfIp(ctx.db, block.value.network).catch(() => undefined)
      : await findOwnerOfDomain(ctx.db, target).catch(() => undefined);
    if (!owner) return null;
    owners.add(owner.structureId);
  }
  return owners.size === 1 ? ([...owners][0] ?? null) : null;
}

/** Validates and stores a new run (queued), with its audit entry; the caller runs or enqueues it. */
async function createScan(
  ctx: ServiceContext,
  request: ScanRequest,
  enqueue: boolean,
  check?: (valid: ValidatedRequest) => void,
): Promise<ScanRun> {
  authorize(ctx.actor, canLaunchScan(ctx.actor));
  let targets = [...request.targets];
  let structureId: string | null = null;
  if (request.structure !== undefined && request.structure.trim() !== '') {
    const structure = await structureTargets(ctx, request.structure);
    if (structure.targets.length === 0 && targets.length === 0) {
      throw new HygieError(ScannerErrors.SCANNER_STRUCTURE_EMPTY, { name: structure.name });
    }
    // A scan belongs to a structure only when every target does: an extra target owned by
    // another structure (or by nobody) must not become visible to this structure's users.
    const extra = targets.filter((t) => !structure.targets.includes(t));
    const extraOwner = extra.length === 0 ? structure.id : await soleOwner(ctx, extra);
    targets = [...new Set([...targets, ...structure.targets])];
    structureId = extraOwner === structure.id ? structure.id : null;
  }
  const valid = validateScanRequest({ ...request, targets });
  check?.(valid);
  if (request.structure === undefined || request.structure.trim() === '') {
    structureId = await soleOwner(ctx, valid.targetList);
  }
  const at = ctx.clock.now().toISOString();
  const run: ScanRun = {
    id: newId(),
    targets: valid.targetList,
    options: valid.options,
    status: 'queued',
    stage: 'discover',
    checkpoint: { round: 0, pendingNames: [], notes: [], incomplete: false },
    progress: null,
    refused: [],
    structureId,
    createdBy: actorLabel(ctx.actor),
    createdByUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
    cancelRequested: false,
    error: null,
    createdAt: at,
    startedAt: null,
    finishedAt: null,
    updatedAt: at,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertScanRun(trx, run);
    await recordAudit(
      ctx,
      {
        action: 'scanner.launch-scan',
        objectType: 'scan',
        objectId: run.id,
        details: {
          targets: run.targets.slice(0, 50),
          targetCount: run.targets.length,
          ports: run.options.ports,
          structureId,
        },
      },
      trx,
    );
    if (enqueue)
      await ctx.jobs.enqueue(RUN_SCAN_JOB, { scanId: run.id }, { db: trx, singletonKey: `scan:${run.id}` });
  });
  return run;
}

/** Queues a scan for the job runner (portal, API); returns the queued run at once. */
export async function launchScan(ctx: ServiceContext, request: ScanRequest): Promise<ScanRun> {
  return createScan(ctx, request, true);
}

/** Runs a scan in this process (CLI) and returns the run as it ended; `onCreated` gets its id first. */
export async function runScan(
  ctx: ServiceContext,
  request: ScanRequest,
  hooks: ScanHooks & { readonly onCreated?: (run: ScanRun) => void },
): Promise<ScanRun> {
  const run = await createScan(ctx, request, false, (valid) => {
    const servers = valid.options.dnsServers ?? hooks.runtime.netConfig.dnsServers;
    if (valid.targets.domains.length > 0 && servers.length === 0) {
      throw new HygieError(ScannerErrors.SCANNER_DNS_NOT_CONFIGURED);
    }
  });
  hooks.onCreated?.(run);
  return executeScan(ctx, run.id, hooks);
}

/** Continues an interrupted, cancelled or crashed scan where it stopped. */
export async function resumeScan(ctx: ServiceContext, id: string, hooks: ScanHooks): Promise<ScanRun> {
  authorize(ctx.actor, canLaunchScan(ctx.actor));
  const run = await findScanRun(ctx.db, id);
  if (!run) throw scanNotFound(ctx.lang);
  if (run.stage === 'done') throw new HygieError(ScannerErrors.SCANNER_NOT_RESUMABLE, { status: run.status });
  await recordAudit(ctx, {
    action: 'scanner.resume-scan',
    objectType: 'scan',
    objectId: id,
    details: { stage: run.stage },
  });
  return executeScan(ctx, id, hooks);
}

/** Stops a scan: a queued one ends at once, a running one at its next unit of work (`partial`). */
export async function cancelScan(ctx: ServiceContext, id: string): Promise<ScanRun> {
  authorize(ctx.actor, canLaunchScan(ctx.actor));
  const run = await findScanRun(ctx.db, id);
  if (!run) throw scanNotFound(ctx.lang);
  if (run.status !== 'queued' && run.status !== 'running') {
    throw new HygieError(ScannerErrors.SCANNER_ALREADY_FINISHED, { status: run.status });
  }
  const at = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    if (run.status === 'queued') {
      await updateScanRun(trx, id, {
        status: 'partial',
        error: 'cancelled before it started',
        cancelRequested: true,
        finishedAt: at,
        updatedAt: at,
      });
    } else {
      await updateScanRun(trx, id, { cancelRequested: true, updatedAt: at });
    }
    await recordAudit(
      ctx,
      { action: 'scanner.cancel-scan', objectType: 'scan', objectId: id, details: { status: run.status } },
      trx,
    );
  });
  return (await findScanRun(ctx.db, id)) as ScanRun;
}

/** A run the actor may read, or "not found" (a beneficiary never learns of other structures' scans). */
async function requireReadableRun(ctx: ServiceContext, id: string): Promise<ScanRun> {
  authorize(ctx.actor, canListScans(ctx.actor));
  const run = await findScanRun(ctx.db, id);
  if (!run || !canReadScanOf(ctx.actor, run.structureId)) throw scanNotFound(ctx.lang);
  return run;
}

/** One run with its counts (status page, API). */
export async function getScan(ctx: ServiceContext, id: string): Promise<ScanSummary> {
  const run = await requireReadableRun(ctx, id);
  return { ...run, counts: await countScanObservations(ctx.db, id) };
}

/** Runs the actor may read, newest first. */
export async function listScans(
  ctx: ServiceContext,
  request: { page?: number; pageSize?: number },
): Promise<Page<ScanSummary>> {
  authorize(ctx.actor, canListScans(ctx.actor));
  const scope = scanReadScope(ctx.actor);
  const { page, pageSize, limit, offset } = pageWindow(request, 25, 200);
  const [runs, total] = await Promise.all([
    listScanRuns(ctx.db, scope, limit, offset),
    countScanRuns(ctx.db, scope),
  ]);
  const items = await Promise.all(
    runs.map(async (r) => ({ ...r, counts: await countScanObservations(ctx.db, r.id) })),
  );
  return { items, total, page, pageSize };
}

/** The document of a run as it stands (`hygie.scan/1`), whatever its status. */
export async function buildScanResult(ctx: ServiceContext, run: ScanRun): Promise<ScanResult> {
  const [domains, hosts, services, findings] = await Promise.all([
    listScanDomains(ctx.db, run.id),
    listScanHosts(ctx.db, run.id),
    listScanServices(ctx.db, run.id),
    listVisibleScanFindings(ctx.db, run.id),
  ]);
  return toScanResult({ run, domains, hosts, services, findings });
}

/** The `hygie.scan/1` document of a finished run (409 while it runs). */
export async function getScanResult(ctx: ServiceContext, id: string): Promise<ScanResult> {
  const run = await requireReadableRun(ctx, id);
  if (run.status === 'queued' || run.status === 'running') {
    throw new HygieError(ScannerErrors.SCANNER_NOT_FINISHED, { status: run.status });
  }
  return buildScanResult(ctx, run);
}

/** What the scan page shows: the run, its document so far, and the asset id of each host address. */
export interface ScanView {
  readonly scan: ScanSummary;
  readonly result: ScanResult;
  readonly assetIds: Readonly<Record<string, string>>;
}

/** The run and its document for the scan page: readable while it runs (the page shows what is known). */
export async function getScanView(ctx: ServiceContext, id: string): Promise<ScanView> {
  const scan = await getScan(ctx, id);
  const hosts = await listScanHosts(ctx.db, id);
  const assetIds: Record<string, string> = {};
  for (const h of hosts) if (h.assetHostId) assetIds[h.address] = h.assetHostId;
  return { scan, result: await buildScanResult(ctx, scan), assetIds };
}
