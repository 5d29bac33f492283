/**
 * Accuracy on the lab (issue 4): part 1's probes observe every lab host, `gatherAssessmentInput`
 * adds the assess observations and the DNS and mail posture of `chu-lab.test` and
 * `hopital-sain.test` through the lab DNS server, `runChecks` judges. Every weakness `lab/hosts.json`
 * plants must be reported with the right check, category and severity (zero misses), and the clean
 * hosts and the clean zone must produce nothing above `info` (zero false positives). Only
 * 127.100.0.0/16 and the lab's ports are ever contacted. Fails with "lab is not up: run lab/up".
 */
import * as net from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConnectFn } from '../../../platform/net/index.js';
import { contractErrors } from '../contract/scan-result.validator.js';
import { loadEndOfLifeCatalogue } from '../checks/end-of-life.load.js';
import type { Finding } from '../findings/finding.types.js';
import { buildTrustStore } from '../findings/trust-store.js';
import type { AssessmentInput } from './assessment.types.js';
import { gatherAssessmentInput, runChecks } from './assess.js';
import { accuracyFalsePositives, accuracyMisses, plantedWeaknesses } from './fixtures/lab-accuracy.js';
import {
  labCaPem,
  labDnsServers,
  labDomainTargets,
  labPlan,
  labScanNetwork,
  observeLab,
  requireLabUp,
} from './fixtures/lab-observe.js';

describe('lab accuracy of the checks', () => {
  const plan = labPlan();
  const contacted: { address: string; port: number }[] = [];
  const connect: ConnectFn = (options) => {
    contacted.push({ address: String(options.host), port: Number(options.port) });
    return net.connect(options);
  };
  const network = labScanNetwork(plan, connect);
  let input: AssessmentInput;
  let findings: Finding[];

  beforeAll(async () => {
    await requireLabUp(network, plan);
    const hosts = await observeLab(network, plan);
    input = await gatherAssessmentInput(
      network,
      { hosts, domains: labDomainTargets(plan) },
      { dnsServers: labDnsServers(plan), trustedCa: [labCaPem()] },
    );
    findings = await runChecks(input, {
      now: new Date(),
      trustStore: buildTrustStore([labCaPem()]),
      endOfLife: loadEndOfLifeCatalogue(),
    });
  }, 240_000);

  it('reports every planted weakness with the right check, category and severity (zero misses)', () => {
    const planted = plantedWeaknesses(plan);
    const misses = accuracyMisses(findings, plan);
    const table = planted.map(
      (p) => `${findings.some(p.matches) ? 'found ' : 'MISSED'} ${p.check.padEnd(30)} ${p.where}`,
    );
    console.info(`planted weaknesses: ${planted.length}, misses: ${misses.length}\n${table.join('\n')}`);
    expect(misses).toEqual([]);
  });

  it('finds nothing above info on the clean hosts and the clean zone (zero false positives)', () => {
    expect(accuracyFalsePositives(findings, plan)).toEqual([]);
  });

  it('lists what it reports beyond the planted weaknesses (for the record, not an error)', () => {
    const planted = plantedWeaknesses(plan);
    const extra = findings.filter((f) => !planted.some((p) => p.matches(f)));
    console.info(
      `findings: ${findings.length}; beyond the plan: ${extra.length}\n` +
        extra
          .map(
            (f) =>
              `${f.severity.padEnd(8)} ${f.check.padEnd(30)} ${f.target.address ?? f.target.domain}:${f.target.port ?? ''} ${f.evidence.slice(0, 100)}`,
          )
          .join('\n'),
    );
    expect(findings.length).toBeGreaterThan(planted.length / 2);
  });

  it('fits the hygie.scan/1 contract', () => {
    const now = new Date().toISOString();
    const document = {
      schema: 'hygie.scan/1',
      scan: {
        id: 'lab-accuracy',
        startedAt: now,
        finishedAt: now,
        targets: plan.hosts.map((h) => h.address),
        status: 'completed',
        refused: [],
      },
      domains: input.domains,
      hosts: input.hosts,
      findings,
    };
    expect(contractErrors(document)).toEqual([]);
  });

  it('gives the same ids on a second judgement of the same observations', async () => {
    const again = await runChecks(input, {
      now: new Date(),
      trustStore: buildTrustStore([labCaPem()]),
      endOfLife: loadEndOfLifeCatalogue(),
    });
    expect(again.map((f) => f.id).sort()).toEqual(findings.map((f) => f.id).sort());
  });

  it('only ever contacted 127.100.0.0/16 on the lab ports, and nothing was refused', () => {
    expect(contacted.length).toBeGreaterThan(0);
    const outside = contacted.filter(
      (c) => !c.address.startsWith('127.100.') || !plan.allPorts.includes(c.port),
    );
    expect(outside).toEqual([]);
    expect(contacted.some((c) => c.address === '127.0.0.1' || c.port === 2024)).toBe(false);
    expect(network.guard.refused).toEqual([]);
  });
});
