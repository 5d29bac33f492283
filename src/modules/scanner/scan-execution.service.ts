/**
 * Running a stored scan: network from the run's scope, the pipeline over the database store, live
 * progress, cancellation, final status, registry links and assets. Called by `runScan` (CLI), by
 * `resumeScan` and by the `scanner.run-scan` job; authorisation was checked by the caller.
 */
import { HygieError } from '../../lib/errors.js';
import type { ServiceContext } from '../../platform/context.js';
import {
  createScanNetwork,
  ScopeError,
  scopeFromTargets,
  type DnsServer,
  type ScanNetwork,
} from '../../platform/net/index.js';
import { findOwnerOfDomain, findOwnerOfIp } from '../registry/index.js';
import { gatherAssessmentInput, runChecks } from './assess/assess.js';
import { upsertAssetHost, upsertAssetService, upsertAssetTechnology } from './asset.repository.js';
import { loadEndOfLifeCatalogue } from './checks/end-of-life.load.js';
import { reconcileScanFindings } from './finding-lifecycle.service.js';
import { buildTrustStore } from './findings/trust-store.js';
import { createKnowledgeBaseLookup } from './kb-vulnerability-lookup.js';
import { parsePortSpec, selectPorts } from './ports/port-lists.js';
import {
  runPipeline,
  type AssessStage,
  type PipelineOutcome,
  type PipelineProgress,
} from './scan-pipeline.js';
import { parseDnsServer } from './scan-request.js';
import type { ScanRuntime } from './scan-runtime.js';
import type { ScanStage } from './scan-store.js';
import {
  createDatabaseScanStore,
  listScanDomains,
  listScanHosts,
  listScanServices,
  updateScanDomainStructure,
  updateScanHostLinks,
} from './scan-store.repository.js';
import { findCancelRequested, findScanRun, updateScanRun } from './scan.repository.js';
import { scanNotFound, ScannerErrors } from './scanner.errors.js';
import type { ScanRun } from './scanner.types.js';
import { parseTargets } from './targets.js';

/** What a caller may watch or steer while a scan runs. */
export interface ScanHooks {
  readonly runtime: ScanRuntime;
  /** Aborting leaves the scan resumable (`partial`, stage kept). */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: PipelineProgress) => void;
  readonly onStage?: (stage: Exclude<ScanStage, 'done'>, round: number) => void | Promise<void>;
}

/** How often a running scan looks for a cancellation, and writes its live progress. */
const CANCEL_POLL_MS = 2_000;
const PROGRESS_WRITE_MS = 1_000;

const now = (ctx: ServiceContext): string => ctx.clock.now().toISOString();

function errorMessage(error: unknown): string {
  if (error instanceof HygieError) return error.messageIn('en');
  return error instanceof Error ? error.message : String(error);
}

/** The scan's DNS servers: from its options, else from the environment. */
function dnsServersOf(run: ScanRun, runtime: ScanRuntime): DnsServer[] {
  return run.options.dnsServers
    ? run.options.dnsServers.map((s) => parseDnsServer(s)).filter((s): s is DnsServer => s !== null)
    : [...runtime.netConfig.dnsServers];
}

/** Most assess notes kept in the scan's notes (the rest is counted). */
const MAX_ASSESS_NOTES = 100;

/**
 * The assess stage of a scan: observers through the scan's network, then the checks judged at the
 * time of the stage, with the runtime's trust anchors, end-of-life data and the knowledge base.
 */
function assessStageFor(
  ctx: ServiceContext,
  run: ScanRun,
  net: ScanNetwork,
  runtime: ScanRuntime,
): AssessStage {
  return async (observations, signal) => {
    const input = await gatherAssessmentInput(net, observations, {
      dnsServers: dnsServersOf(run, runtime),
      ...(runtime.trustedCa === undefined ? {} : { trustedCa: runtime.trustedCa }),
      ...(run.options.timeoutMs === undefined ? {} : { timeoutMs: run.options.timeoutMs }),
      ...(signal === undefined ? {} : { signal }),
    });
    const findings = await runChecks(input, {
      now: ctx.clock.now(),
      trustStore: buildTrustStore(runtime.trustedCa ?? []),
      endOfLife: loadEndOfLifeCatalogue(),
      vulnerabilityLookup: createKnowledgeBaseLookup(ctx.db),
      language: ctx.lang === 'en' ? 'en' : 'fr',
    });
    const notes = input.notes.slice(0, MAX_ASSESS_NOTES);
    if (input.notes.length > MAX_ASSESS_NOTES)
      notes.push(`${input.notes.length - MAX_ASSESS_NOTES} more assessment notes not kept`);
    return { findings, notes };
  };
}

/** The scan's network: scope from its targets and ports, DNS servers from its options or the environment. */
function networkFor(run: ScanRun, ports: readonly number[], runtime: ScanRuntime): ScanNetwork {
  const dnsServers = dnsServersOf(run, runtime);
  const scope = scopeFromTargets(run.targets, { ports, excludedPorts: [...run.options.excludePorts] });
  return createScanNetwork({
    scope,
    config: { ...runtime.netConfig, dnsServers },
    limiter: runtime.limiter,
    limits: runtime.limits,
    ...(runtime.connect === undefined ? {} : { connect: runtime.connect }),
  });
}

/**
 * Links a run's domains and hosts to registry structures and records its hosts, services and
 * technologies as assets (first seen kept, last seen moved to `seenAt`).
 */
export async function recordScanAssets(ctx: ServiceContext, run: ScanRun, seenAt: string): Promise<void> {
  const { db } = ctx;
  for (const { observation } of await listScanDomains(db, run.id)) {
    const owner = await findOwnerOfDomain(db, observation.name).catch(() => undefined);
    await updateScanDomainStructure(db, run.id, observation.name, owner?.structureId ?? null);
  }
  const services = await listScanServices(db, run.id);
  for (const host of await listScanHosts(db, run.id)) {
    let structureId: string | null =
      (await findOwnerOfIp(db, host.address).catch(() => undefined))?.structureId ?? null;
    for (const name of host.hostnames) {
      if (structureId !== null) break;
      structureId = (await findOwnerOfDomain(db, name).catch(() => undefined))?.structureId ?? null;
    }
    structureId ??= run.structureId;
    const mine = services.filter((s) => s.address === host.address);
    let assetHostId: string | null = null;
    if (mine.length > 0) {
      await db.transaction().execute(async (trx) => {
        assetHostId = await upsertAssetHost(
          trx,
          { address: host.address, structureId, hostnames: host.hostnames },
          seenAt,
          run.id,
        );
        for (const { service } of mine) {
          const serviceId = await upsertAssetService(
            trx,
            {
              hostId: assetHostId,
              port: service.port,
              transport: service.transport,
              protocol: service.protocol,
              product: service.product ?? null,
              version: service.version ?? null,
              cpe: service.cpe ?? [],
            },
            seenAt,
            run.id,
          );
          const technologies = [
            ...(service.product
              ? [{ name: service.product, version: service.version ?? null, cpe: service.cpe?.[0] ?? null }]
              : []),
            ...(service.technologies ?? []).map((t) => ({
              name: t.name,
              version: t.version ?? null,
              cpe: t.cpe ?? null,
            })),
          ];
          for (const t of technologies) await upsertAssetTechnology(trx, { serviceId, ...t }, seenAt, run.id);
        }
      });
    }
    await updateScanHostLinks(db, host.id, { structureId, assetHostId });
  }
}

/** Runs or continues a stored scan to its end (or until interrupted); returns the run as stored after. */
export async function executeScan(ctx: ServiceContext, scanId: string, hooks: ScanHooks): Promise<ScanRun> {
  const run = await findScanRun(ctx.db, scanId);
  if (!run) throw scanNotFound(ctx.lang);
  if (run.stage === 'done') return run;
  const { runtime } = hooks;
  const log = ctx.log.child({ scanId });
  await updateScanRun(ctx.db, scanId, {
    status: 'running',
    error: null,
    finishedAt: null,
    cancelRequested: false,
    startedAt: run.startedAt ?? now(ctx),
    updatedAt: now(ctx),
  });

  const cancel = new AbortController();
  const signal = hooks.signal ? AbortSignal.any([hooks.signal, cancel.signal]) : cancel.signal;
  const poll = setInterval(() => {
    findCancelRequested(ctx.db, scanId)
      .then((requested) => {
        if (requested) cancel.abort();
      })
      .catch(() => undefined);
  }, CANCEL_POLL_MS);
  let lastWrite = 0;
  let pendingWrite: Promise<void> = Promise.resolve();
  const onProgress = (p: PipelineProgress): void => {
    hooks.onProgress?.(p);
    const t = Date.now();
    if (t - lastWrite < PROGRESS_WRITE_MS && p.done !== p.total) return;
    lastWrite = t;
    pendingWrite = pendingWrite
      .then(() => updateScanRun(ctx.db, scanId, { progress: { ...p, at: now(ctx) }, updatedAt: now(ctx) }))
      .catch(() => undefined);
  };

  let outcome: PipelineOutcome | undefined;
  let failure: string | undefined;
  try {
    const parsed = parseTargets(run.targets);
    if (!parsed.ok) throw new HygieError(ScannerErrors.SCANNER_TARGET_INVALID);
    const spec = parsePortSpec(run.options.ports);
    if (!spec.ok) throw new HygieError(ScannerErrors.SCANNER_PORTS_INVALID, { reason: spec.reason });
    const ports = selectPorts(spec.value, [...run.options.excludePorts, ...runtime.netConfig.excludedPorts]);
    if (ports.length === 0) throw new HygieError(ScannerErrors.SCANNER_NO_PORTS);
    const net = networkFor(run, ports, runtime);
    if (
      parsed.value.domains.length > 0 &&
      (run.options.dnsServers ?? runtime.netConfig.dnsServers).length === 0
    ) {
      throw new HygieError(ScannerErrors.SCANNER_DNS_NOT_CONFIGURED);
    }
    outcome = await runPipeline(
      {
        targets: parsed.value,
        ports,
        ctNames: run.options.ctNames ?? [],
        wordlist: run.options.wordlist === false ? [] : runtime.wordlist(),
      },
      {
        net,
        store: createDatabaseScanStore(ctx.db, scanId, ctx.clock),
        probes: runtime.probes,
        enrich: runtime.enrich,
        assess: assessStageFor(ctx, run, net, runtime),
        signal,
        onProgress,
        ...(hooks.onStage === undefined ? {} : { onStage: hooks.onStage }),
      },
      {
        ...runtime.pipeline,
        ...(run.options.timeoutMs === undefined ? {} : { timeoutMs: run.options.timeoutMs }),
        ...(runtime.trustedCa === undefined ? {} : { trustedCa: runtime.trustedCa }),
      },
    );
  } catch (error) {
    failure =
      error instanceof ScopeError
        ? `the DNS server is refused by the network lists: ${error.message}`
        : errorMessage(error);
    log.error({ err: failure }, 'scan failed');
  } finally {
    clearInterval(poll);
    await pendingWrite;
  }

  const finishedAt = now(ctx);
  if (failure !== undefined || outcome === undefined) {
    await updateScanRun(ctx.db, scanId, {
      status: 'failed',
      error: failure ?? 'unknown failure',
      finishedAt,
      updatedAt: finishedAt,
    });
  } else if (outcome.status === 'interrupted') {
    const cancelled = cancel.signal.aborted;
    await updateScanRun(ctx.db, scanId, {
      status: 'partial',
      error: cancelled
        ? `cancelled during stage ${outcome.stage}`
        : `interrupted during stage ${outcome.stage}: resume with "hygie scan --resume ${scanId}"`,
      finishedAt,
      updatedAt: finishedAt,
    });
  } else {
    await updateScanRun(ctx.db, scanId, { status: outcome.status, finishedAt, updatedAt: finishedAt });
  }
  const after = (await findScanRun(ctx.db, scanId)) as ScanRun;
  if (outcome !== undefined) await recordScanAssets(ctx, after, finishedAt);
  if (outcome !== undefined && outcome.status !== 'interrupted') await reconcileScanFindings(ctx, after);
  log.info({ status: after.status, stage: after.stage }, 'scan ended');
  return after;
}
