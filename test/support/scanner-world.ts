import { newId } from '../../src/lib/ids.js';
import type { ServiceContext } from '../../src/platform/context.js';
import { upsertAssetHost, upsertAssetService } from '../../src/modules/scanner/asset.repository.js';
import { validateScanRequest } from '../../src/modules/scanner/scan-request.js';
import {
  createDatabaseScanStore,
  listScanHosts,
  updateScanHostLinks,
} from '../../src/modules/scanner/scan-store.repository.js';
import { insertScanRun } from '../../src/modules/scanner/scan.repository.js';
import type { ScanRun } from '../../src/modules/scanner/scanner.types.js';

/*
 * Scanner objects for the cross-module tests (authorisation matrix, CSP and markup), written
 * straight into the scanner's tables: no scan is launched, no `scanner.run-scan` job is queued,
 * nothing is ever contacted. (The matrix's own launch requests do queue a job, but the test app
 * starts no job runner, and their targets are outside HYGIE_NET_ALLOW anyway.)
 */

/**
 * An address of TEST-NET-1 (RFC 5737, documentation only): outside the tests' HYGIE_NET_ALLOW
 * (127.0.0.0/8), so the scope guard would refuse it before any socket even if a runner ran.
 */
export function unreachableTarget(n: number): string {
  return `192.0.2.${(n % 250) + 1}`;
}

function runOf(
  ctx: ServiceContext,
  targets: string[],
  structureId: string,
  status: 'queued' | 'completed',
): ScanRun {
  const valid = validateScanRequest({ targets, ports: '22,443' });
  const at = ctx.clock.now().toISOString();
  const done = status === 'completed';
  return {
    id: newId(),
    targets: valid.targetList,
    options: valid.options,
    status,
    stage: done ? 'done' : 'discover',
    checkpoint: {
      round: 0,
      pendingNames: [],
      notes: done ? ['Enregistré par le test (aucun scan lancé)'] : [],
      incomplete: false,
    },
    progress: null,
    refused: [],
    structureId,
    createdBy: 'system:test',
    createdByUserId: null,
    cancelRequested: false,
    error: null,
    createdAt: at,
    startedAt: done ? at : null,
    finishedAt: done ? at : null,
    updatedAt: at,
  };
}

/** A queued scan of the structure (a TEST-NET target, no job queued: it never runs). */
export async function insertQueuedScan(ctx: ServiceContext, structureId: string, n: number): Promise<string> {
  const run = runOf(ctx, [unreachableTarget(n)], structureId, 'queued');
  await insertScanRun(ctx.db, run);
  return run.id;
}

/**
 * A completed scan of the structure as the scanner would have stored it: one host of its network
 * with an SSH service, recorded as an asset of the structure. Returns the scan and the host.
 */
export async function insertFinishedScan(
  ctx: ServiceContext,
  s: { readonly id: string; readonly networkCidr: string; readonly domainName: string },
): Promise<{ scanId: string; hostId: string }> {
  const address = s.networkCidr.replace(/\.0\/24$/, '.10');
  const run = runOf(ctx, [address], s.id, 'completed');
  await insertScanRun(ctx.db, run);
  const store = createDatabaseScanStore(ctx.db, run.id, ctx.clock);
  const service = {
    port: 22,
    transport: 'tcp',
    protocol: 'ssh',
    product: 'OpenSSH',
    version: '9.2p1',
  } as const;
  await store.saveHosts([{ address, hostnames: [`vpn.${s.domainName}`] }]);
  await store.saveService({
    address,
    service: { ...service, cpe: ['cpe:2.3:a:openbsd:openssh:9.2p1:*:*:*:*:*:*:*'] },
  });
  const seen = run.createdAt;
  const hostId = await upsertAssetHost(
    ctx.db,
    { address, structureId: s.id, hostnames: [`vpn.${s.domainName}`] },
    seen,
    run.id,
  );
  await upsertAssetService(ctx.db, { hostId, ...service, cpe: [] }, seen, run.id);
  for (const h of await listScanHosts(ctx.db, run.id))
    await updateScanHostLinks(ctx.db, h.id, { structureId: s.id, assetHostId: hostId });
  return { scanId: run.id, hostId };
}
