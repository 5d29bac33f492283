import { newId } from '../../src/lib/ids.js';
import type { ServiceContext } from '../../src/platform/context.js';
import { upsertAssetHost, upsertAssetService } from '../../src/modules/scanner/asset.repository.js';
import { checkById } from '../../src/modules/scanner/checks/index.js';
import { scanScopeKey } from '../../src/modules/scanner/finding-lifecycle.service.js';
import {
  markScanAssessed,
  replaceScanFindings,
  setFindingStatus,
  upsertSeenFinding,
} from '../../src/modules/scanner/finding.repository.js';
import { buildFinding, type FindingSpec } from '../../src/modules/scanner/findings/finding.build.js';
import type { Finding } from '../../src/modules/scanner/findings/finding.types.js';
import { validateScanRequest } from '../../src/modules/scanner/scan-request.js';
import {
  createDatabaseScanStore,
  listScanHosts,
  updateScanHostLinks,
} from '../../src/modules/scanner/scan-store.repository.js';
import { findScanRun, insertScanRun } from '../../src/modules/scanner/scan.repository.js';
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

/** A finding of the catalogue's check `checkId` (the check must exist). */
export function catalogueFinding(checkId: string, spec: FindingSpec): Finding {
  const check = checkById(checkId);
  if (!check) throw new Error(`scanner-world: no check ${checkId} in the catalogue`);
  return buildFinding(check.definition, spec);
}

/** The findings `insertAssessedFindings` stores, by how they move between the two scans. */
export interface SeededFindings {
  /** The earlier scan of the same scope (the diff's base). */
  readonly baseScanId: string;
  /** SSH exposed on the host: seen by both scans (still present, open). */
  readonly stillId: string;
  /** A CVE of the SSH server (CVSS, vector, NVD reference): new in the scan. */
  readonly cveId: string;
  /** No DMARC record on the structure's domain: new in the scan. */
  readonly domainId: string;
  /** Telnet exposed: seen by the base only (fixed, resolved by the scan). */
  readonly fixedId: string;
}

/**
 * Findings of a finished scan of the structure as the assess stage would have stored them, written
 * with the repository: an earlier completed scan of the same scope (the base) saw SSH and Telnet on
 * the host; `scanId` sees SSH again, a CVE of its OpenSSH and a domain without DMARC, and no longer
 * Telnet. Both scans end assessed, `scanId` based on the earlier one, with the scan-made history.
 */
export async function insertAssessedFindings(
  ctx: ServiceContext,
  s: { readonly id: string; readonly networkCidr: string; readonly domainName: string },
  scanId: string,
): Promise<SeededFindings> {
  const scan = await findScanRun(ctx.db, scanId);
  if (!scan) throw new Error(`scanner-world: no scan ${scanId}`);
  const address = s.networkCidr.replace(/\.0\/24$/, '.10');
  const ssh = catalogueFinding('service.ssh-exposed', {
    target: { address, port: 22 },
    evidence: 'banner SSH-2.0-OpenSSH_9.2p1',
  });
  const telnet = catalogueFinding('service.telnet-exposed', {
    target: { address, port: 23 },
    evidence: 'Telnet answered: login:',
  });
  const cve = catalogueFinding('software.known-cve', {
    target: { address, port: 22 },
    discriminator: 'CVE-2024-6387',
    severity: 'high',
    title: {
      fr: 'CVE-2024-6387 : OpenSSH 9.2p1 — regreSSHion',
      en: 'CVE-2024-6387: OpenSSH 9.2p1 — regreSSHion',
    },
    evidence: 'OpenSSH 9.2p1 (cpe:2.3:a:openbsd:openssh:9.2p1): CVE-2024-6387, CVSS 8.1',
    cve: ['CVE-2024-6387'],
    cvss: 8.1,
    cvssVector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H',
    references: ['https://nvd.nist.gov/vuln/detail/CVE-2024-6387'],
  });
  const dmarc = catalogueFinding('mail.dmarc-missing', {
    target: { domain: s.domainName },
    evidence: `no TXT record at _dmarc.${s.domainName}`,
  });

  const base = runOf(ctx, [...scan.targets], s.id, 'completed');
  await insertScanRun(ctx.db, base);
  const at = ctx.clock.now().toISOString();
  const scopeKey = scanScopeKey(scan);
  const record = async (run: string, findings: readonly Finding[], firstSeen: readonly Finding[]) => {
    await replaceScanFindings(ctx.db, run, findings, at);
    for (const f of findings) await upsertSeenFinding(ctx.db, f, { scanId: run, at, structureId: s.id });
    for (const f of firstSeen) {
      await setFindingStatus(ctx.db, {
        id: f.id,
        from: null,
        to: 'open',
        reason: 'first-seen',
        actor: 'scan',
        scanId: run,
        at,
        evidenceHash: null,
      });
    }
  };
  await record(base.id, [ssh, telnet], [ssh, telnet]);
  await markScanAssessed(ctx.db, base.id, { scopeKey, baseScanId: null, at });
  await record(scanId, [ssh, cve, dmarc], [cve, dmarc]);
  await setFindingStatus(ctx.db, {
    id: telnet.id,
    from: 'open',
    to: 'resolved',
    reason: 'not-seen',
    actor: 'scan',
    scanId,
    at,
    evidenceHash: null,
  });
  await markScanAssessed(ctx.db, scanId, { scopeKey, baseScanId: base.id, at });
  return { baseScanId: base.id, stillId: ssh.id, cveId: cve.id, domainId: dmarc.id, fixedId: telnet.id };
}
