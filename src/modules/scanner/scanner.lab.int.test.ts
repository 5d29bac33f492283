/**
 * A full scan of the lab (every lab address × `allPorts`, domain targets chu-lab.test,
 * hopital-sain.test and the wildcard zone joker-lab.test, plus 8.8.8.8 which must be refused), stored
 * in the database of each dialect, then checked against `lab/hosts.json`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.js';
import { contextFor, type ServiceContext } from '../../platform/context.js';
import { testDialects } from '../../../test/support/test-db.js';
import { createTestPlatform, type TestPlatform } from '../../../test/support/test-platform.js';
import { accuracyFalsePositives, accuracyMisses } from './assess/fixtures/lab-accuracy.js';
import { labPlan } from './assess/fixtures/lab-observe.js';
import { contractErrors } from './contract/scan-result.validator.js';
import {
  assertLabUp,
  insertLabStructure,
  labDescription,
  labRuntime,
  recordingConnect,
  sameProduct,
} from './fixtures/lab-kit.js';
import { getHost } from './host.service.js';
import { getScanResult, listScans, runScan } from './scan.service.js';
import type { Finding } from './findings/finding.types.js';
import type { ScanResult, ScanRun, ServiceObservation } from './scanner.types.js';

const lab = labDescription();

describe.each(testDialects())('a full scan of the lab on %s', (dialect) => {
  let platform: TestPlatform;
  let ctx: ServiceContext;
  let run: ScanRun;
  let result: ScanResult;
  let structureId: string;
  const sockets = recordingConnect();

  const service = (address: string, port: number): ServiceObservation | undefined =>
    result.hosts.find((h) => h.address === address)?.services.find((s) => s.port === port);

  beforeAll(async () => {
    await assertLabUp();
    platform = await createTestPlatform(dialect);
    ctx = contextFor(platform, systemActor('cli'));
    structureId = await insertLabStructure(platform.db, {
      name: 'CHU du Lab',
      domains: ['chu-lab.test'],
      networks: ['127.100.6.0/24'],
    });
    run = await runScan(
      ctx,
      {
        targets: [...lab.allAddresses, 'chu-lab.test', 'hopital-sain.test', 'joker-lab.test', '8.8.8.8'],
        ports: lab.allPorts.join(','),
        dnsServers: [lab.dns.server],
        timeoutMs: 3000,
      },
      { runtime: labRuntime({ connect: sockets.connect }) },
    );
    result = await getScanResult(ctx, run.id);
  }, 300_000);
  afterAll(() => platform?.close());

  it('completes, the hostile host included, and prints exactly the contract', () => {
    expect(run.status).toBe('completed');
    expect(run.stage).toBe('done');
    expect(contractErrors(result)).toEqual([]);
    const hostile = result.hosts.find((h) => h.address === '127.100.66.6');
    expect(hostile?.services.map((s) => s.port)).toEqual([21, 22, 25, 80, 443, 3389]);
  });

  it('judges what it saw: every planted weakness reported right, nothing above info on clean hosts and zone', () => {
    // The lab accuracy rule, this time through the whole pipeline (assess stage, storage, result).
    const findings = result.findings as Finding[];
    const plan = labPlan();
    expect(accuracyMisses(findings, plan)).toEqual([]);
    expect(accuracyFalsePositives(findings, plan)).toEqual([]);
    for (const f of findings) expect(f.titleEn.length * f.titleFr.length).toBeGreaterThan(0);
  });

  it('finds every lab service on its port with the right protocol, product and version where disclosed', () => {
    const problems: string[] = [];
    for (const host of lab.hosts) {
      for (const expected of host.ports) {
        const found = service(host.address, expected.port);
        const where = `${host.id} ${host.address}:${expected.port}`;
        if (!found) {
          problems.push(`${where}: not found`);
          continue;
        }
        const acceptable = expected.acceptableProtocols ?? [expected.protocol];
        if (!acceptable.includes(found.protocol))
          problems.push(`${where}: protocol ${found.protocol}, expected ${acceptable.join('|')}`);
        if (expected.version) {
          if (!sameProduct(expected.product ?? '', found.product))
            problems.push(`${where}: product ${found.product}, expected ${expected.product}`);
          if (!found.version?.startsWith(expected.version))
            problems.push(`${where}: version ${found.version}, expected ${expected.version}`);
        }
        if (expected.tls && found.tls !== true) problems.push(`${where}: TLS not seen`);
      }
    }
    expect(problems).toEqual([]);
    // Nothing else: no service outside the lab's description.
    const declared = new Set(lab.hosts.flatMap((h) => h.ports.map((p) => `${h.address}:${p.port}`)));
    const extra = result.hosts
      .flatMap((h) => h.services.map((s) => `${h.address}:${s.port}`))
      .filter((k) => !declared.has(k));
    expect(extra).toEqual([]);
  });

  it('discovers names by AXFR, NS, MX and the wordlist, with the right hosts', () => {
    const byName = new Map(result.domains.map((d) => [d.name, d]));
    const chu = byName.get('chu-lab.test');
    expect(chu?.source).toBe('target');
    expect(chu?.records).toMatchObject({
      NS: ['ns1.chu-lab.test'],
      MX: ['10 mail.chu-lab.test'],
      SOA: [expect.stringMatching(/^ns1\.chu-lab\.test /)],
    });
    expect(chu?.zoneTransfers).toEqual([
      expect.objectContaining({ nameServer: 'ns1.chu-lab.test', status: 'transferred' }),
    ]);
    expect(byName.get('hopital-sain.test')?.zoneTransfers).toEqual([
      expect.objectContaining({ status: 'refused' }),
    ]);
    for (const name of [
      'automate.chu-lab.test',
      'bastion.chu-lab.test',
      'legacy.chu-lab.test',
      'ancien-pacs.chu-lab.test',
    ]) {
      expect(byName.get(name)?.source, name).toBe('axfr');
    }
    expect(byName.get('ancien-pacs.chu-lab.test')?.notes?.join(' ')).toMatch(
      /dangling CNAME: pacs-2015\.chu-lab\.test/,
    );
    expect(byName.get('ancien-portail.chu-lab.test')?.notes?.join(' ')).toMatch(/leaves the scan scope/);
    expect(byName.get('mail.chu-lab.test')?.source).toBe('mx');
    expect(byName.get('ns1.hopital-sain.test')?.source).toBe('ns');
    for (const name of ['www.hopital-sain.test', 'partage.hopital-sain.test', 'mta-sts.hopital-sain.test']) {
      expect(byName.get(name)?.source, name).toBe('wordlist');
    }
    // Every lab name resolves to its host's address, and the hosts carry their names.
    for (const [name, address] of Object.entries(lab.dns.a)) {
      if (!name.endsWith('chu-lab.test') && !name.endsWith('hopital-sain.test')) continue;
      expect(byName.get(name)?.addresses, name).toEqual([address]);
      expect(result.hosts.find((h) => h.address === address)?.hostnames, name).toContain(name);
    }
    expect(result.hosts.find((h) => h.address === '127.100.1.20')?.hostnames).toEqual(
      expect.arrayContaining(['www.chu-lab.test', 'portail.chu-lab.test', 'labo.chu-lab.test']),
    );
  });

  it('does not report the wildcard zone’s guesses as hosts, but keeps its real names', () => {
    const joker = result.domains.filter((d) => d.name.endsWith('joker-lab.test')).map((d) => d.name);
    expect(joker.sort()).toEqual(['joker-lab.test', 'www.joker-lab.test']);
    expect(result.domains.find((d) => d.name === 'joker-lab.test')?.wildcard).toBe(true);
    const intranet = result.hosts.find((h) => h.address === '127.100.1.30');
    expect(intranet?.hostnames.filter((n) => n.endsWith('joker-lab.test')).sort()).toEqual([
      'joker-lab.test',
      'www.joker-lab.test',
    ]);
  });

  it('refuses and records out-of-scope targets, before any socket', () => {
    expect(result.scan.refused).toEqual(
      expect.arrayContaining([
        { target: '8.8.8.8', reason: 'outside HYGIE_NET_ALLOW' },
        { target: 'chu-lab-portail.azurewebsites.net', reason: 'name not in scan scope' },
        { target: 'localhost.localdomain', reason: 'name not in scan scope' },
      ]),
    );
    expect(sockets.contacted.length).toBeGreaterThan(100);
    const outside = sockets.contacted.filter((c) => !c.address.startsWith('127.100.'));
    expect(outside).toEqual([]);
    const ports = new Set(lab.allPorts);
    expect(sockets.contacted.filter((c) => !ports.has(c.port))).toEqual([]);
  });

  it('persists the run and its assets, linked to the registry structure owning them', async () => {
    const list = await listScans(ctx, {});
    expect(list.items.map((s) => s.id)).toContain(run.id);
    const summary = list.items.find((s) => s.id === run.id);
    expect(summary?.counts.services).toBe(result.hosts.reduce((n, h) => n + h.services.length, 0));
    expect(result.domains.find((d) => d.name === 'bastion.chu-lab.test')?.structureId).toBe(structureId);
    const bastion = result.hosts.find((h) => h.address === '127.100.6.10');
    expect(bastion?.structureId).toBe(structureId);
    const asset = await platform.db
      .selectFrom('assets_hosts')
      .selectAll()
      .where('address', '=', '127.100.6.10')
      .executeTakeFirstOrThrow();
    const host = await getHost(ctx, asset.id);
    expect(host).toMatchObject({ structureId, firstSeen: run.finishedAt, lastSeen: run.finishedAt });
    expect(host.services).toEqual([
      expect.objectContaining({ port: 22, protocol: 'ssh', product: 'OpenSSH' }),
    ]);
    expect(host.services[0]?.technologies.map((t) => t.name)).toContain('OpenSSH');
  });

  it('keeps first seen and moves last seen on a second run', async () => {
    platform.clock.advance(3_600_000);
    const second = await runScan(
      ctx,
      { targets: ['127.100.6.10', '127.100.7.10'], ports: '22,6379', timeoutMs: 3000 },
      { runtime: labRuntime() },
    );
    expect(second.status).toBe('completed');
    const asset = await platform.db
      .selectFrom('assets_hosts')
      .selectAll()
      .where('address', '=', '127.100.6.10')
      .executeTakeFirstOrThrow();
    const host = await getHost(ctx, asset.id);
    expect(host.firstSeen).toBe(run.finishedAt);
    expect(host.lastSeen).toBe(second.finishedAt);
    expect(host.lastSeen > host.firstSeen).toBe(true);
    expect(host.services[0]).toMatchObject({
      firstSeen: run.finishedAt,
      lastSeen: second.finishedAt,
      lastScanId: second.id,
    });
  });
});
