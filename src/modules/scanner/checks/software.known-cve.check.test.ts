/**
 * `software.known-cve`: fixtures (records as a lookup returns them) and, through `runChecks`, a test
 * double of the vulnerability knowledge base fed with real NVD and KEV records (`fixtures/…/records/`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EMPTY_ASSESSMENT, type AssessmentInput } from '../assess/assessment.types.js';
import { runChecks } from '../assess/assess.js';
import { OBSERVED_VERDICT_ONLY } from '../findings/trust-store.js';
import type { VulnerabilityLookup, VulnerabilityRecord } from '../findings/vulnerability-lookup.js';
import type { HostObservation } from '../scanner.types.js';
import { runCheckFixtures } from './check-fixtures.js';
import { EMPTY_END_OF_LIFE } from './end-of-life.js';
import { softwareKnownCveCheck } from './software.known-cve.check.js';

const RECORDS = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures/software.known-cve/records');
const read = (file: string): unknown => JSON.parse(readFileSync(join(RECORDS, file), 'utf8'));

interface Criterion {
  readonly cpe: string;
  readonly startIncluding?: string;
  readonly startExcluding?: string;
  readonly endIncluding?: string;
  readonly endExcluding?: string;
}

interface KnownCve {
  readonly id: string;
  readonly cvss: number | null;
  readonly vector: string | null;
  readonly title: string;
  readonly criteria: readonly Criterion[];
}

/** `9.2p1` → [9, 2, 'p', 1]: numbers compared as numbers, letters as text. */
function versionParts(v: string): (number | string)[] {
  return (v.toLowerCase().match(/\d+|[a-z]+/g) ?? []).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function compareVersions(a: string, b: string): number {
  const x = versionParts(a);
  const y = versionParts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i];
    const q = y[i];
    if (p === undefined) return typeof q === 'string' ? 1 : -1;
    if (q === undefined) return typeof p === 'string' ? -1 : 1;
    if (p === q) continue;
    if (typeof p === 'number' && typeof q === 'number') return p - q;
    return String(p).localeCompare(String(q));
  }
  return 0;
}

/** NVD compares the CPE's version field (OpenSSH `9.6` + update `p1`), so the double does too. */
function matches(c: Criterion, cpe: string, detected: string): boolean {
  const [, , part, vendor, product, exact] = c.cpe.split(':');
  const [, , wantedPart, wantedVendor, wantedProduct, cpeVersion] = cpe.split(':');
  const version = cpeVersion && cpeVersion !== '*' && cpeVersion !== '-' ? cpeVersion : detected;
  if (part !== wantedPart || vendor !== wantedVendor || product !== wantedProduct) return false;
  if (exact !== '*' && exact !== '-') return compareVersions(exact ?? '', version) === 0;
  if (c.startIncluding && compareVersions(version, c.startIncluding) < 0) return false;
  if (c.startExcluding && compareVersions(version, c.startExcluding) <= 0) return false;
  if (c.endIncluding && compareVersions(version, c.endIncluding) > 0) return false;
  if (c.endExcluding && compareVersions(version, c.endExcluding) >= 0) return false;
  return true;
}

/** The parts of an NVD JSON 1.1 item the double reads. */
interface Nvd11Match {
  readonly vulnerable: boolean;
  readonly cpe23Uri: string;
  readonly versionStartIncluding?: string;
  readonly versionStartExcluding?: string;
  readonly versionEndIncluding?: string;
  readonly versionEndExcluding?: string;
}
interface Nvd11Node {
  readonly cpe_match?: readonly Nvd11Match[];
  readonly children?: readonly Nvd11Node[];
}
interface Nvd11Item {
  readonly cve: {
    readonly CVE_data_meta: { readonly ID: string };
    readonly description: { readonly description_data: readonly { readonly value: string }[] };
  };
  readonly configurations: { readonly nodes: readonly Nvd11Node[] };
  readonly impact: {
    readonly baseMetricV3?: {
      readonly cvssV3: { readonly baseScore: number; readonly vectorString: string };
    };
  };
}

/** The parts of an NVD API 2.0 record the double reads. */
interface Nvd20Cve {
  readonly id: string;
  readonly descriptions: readonly { readonly lang: string; readonly value: string }[];
  readonly configurations: readonly {
    readonly nodes: readonly {
      readonly cpeMatch: readonly (Omit<Nvd11Match, 'cpe23Uri'> & { readonly criteria: string })[];
    }[];
  }[];
  readonly metrics: {
    readonly cvssMetricV31: readonly {
      readonly source: string;
      readonly cvssData: { readonly baseScore: number; readonly vectorString: string };
    }[];
  };
}

function criterion(m: Omit<Nvd11Match, 'cpe23Uri' | 'vulnerable'>, cpe: string): Criterion {
  return {
    cpe,
    ...(m.versionStartIncluding ? { startIncluding: m.versionStartIncluding } : {}),
    ...(m.versionStartExcluding ? { startExcluding: m.versionStartExcluding } : {}),
    ...(m.versionEndIncluding ? { endIncluding: m.versionEndIncluding } : {}),
    ...(m.versionEndExcluding ? { endExcluding: m.versionEndExcluding } : {}),
  };
}

/** Real NVD 1.1 and 2.0 records and KEV ids, reduced to what the lookup answers. */
function loadKnownCves(): { cves: KnownCve[]; kev: Set<string> } {
  const cves: KnownCve[] = [];
  const n11 = read('nvd-1.1-records.json') as { CVE_Items: readonly Nvd11Item[] };
  for (const item of n11.CVE_Items) {
    const criteria: Criterion[] = [];
    const walk = (nodes: readonly Nvd11Node[]): void => {
      for (const n of nodes) {
        for (const m of n.cpe_match ?? []) if (m.vulnerable) criteria.push(criterion(m, m.cpe23Uri));
        walk(n.children ?? []);
      }
    };
    walk(item.configurations.nodes);
    const v3 = item.impact.baseMetricV3?.cvssV3;
    cves.push({
      id: item.cve.CVE_data_meta.ID,
      cvss: v3?.baseScore ?? null,
      vector: v3?.vectorString ?? null,
      title: item.cve.description.description_data[0]?.value ?? '',
      criteria,
    });
  }
  const n20 = read('nvd-2.0-records.json') as { vulnerabilities: readonly { cve: Nvd20Cve }[] };
  for (const { cve } of n20.vulnerabilities) {
    const criteria = cve.configurations.flatMap((c) =>
      c.nodes.flatMap((n) => n.cpeMatch.filter((m) => m.vulnerable).map((m) => criterion(m, m.criteria))),
    );
    const metric =
      cve.metrics.cvssMetricV31.find((m) => m.source === 'nvd@nist.gov') ?? cve.metrics.cvssMetricV31[0];
    cves.push({
      id: cve.id,
      cvss: metric?.cvssData.baseScore ?? null,
      vector: metric?.cvssData.vectorString ?? null,
      title: cve.descriptions.find((d) => d.lang === 'en')?.value ?? '',
      criteria,
    });
  }
  const kev = new Set(
    (read('kev-entries.json') as { vulnerabilities: { cveID: string }[] }).vulnerabilities.map(
      (v) => v.cveID,
    ),
  );
  return { cves, kev };
}

/** The test double: answers from the real records above. */
function recordLookup(): VulnerabilityLookup & { readonly asked: string[] } {
  const { cves, kev } = loadKnownCves();
  const asked: string[] = [];
  return {
    asked,
    lookup(cpe, version): Promise<VulnerabilityRecord[]> {
      asked.push(`${cpe} ${version}`);
      return Promise.resolve(
        cves
          .filter((c) => c.criteria.some((k) => matches(k, cpe, version)))
          .map((c) => ({
            id: c.id,
            cvss: c.cvss,
            cvssVector: c.vector,
            kev: kev.has(c.id),
            title: c.title.split('. ')[0]?.slice(0, 160) ?? c.id,
          })),
      );
    },
  };
}

function service(
  address: string,
  port: number,
  product: string,
  version: string,
  cpe: string,
): HostObservation {
  return {
    address,
    hostnames: [],
    services: [
      { port, transport: 'tcp', protocol: port === 22 ? 'ssh' : 'https', product, version, cpe: [cpe] },
    ],
  };
}

const options = {
  now: new Date('2026-11-29T06:00:00Z'),
  trustStore: OBSERVED_VERDICT_ONLY,
  endOfLife: EMPTY_END_OF_LIFE,
};
const only = [softwareKnownCveCheck];

describe('software.known-cve', () => {
  runCheckFixtures(softwareKnownCveCheck);

  it('reports the real OpenSSH CVEs for 9.2p1 with their CVSS, and none for 9.6p1', async () => {
    const input: AssessmentInput = {
      ...EMPTY_ASSESSMENT,
      hosts: [
        service('127.100.6.10', 22, 'OpenSSH', '9.2p1', 'cpe:2.3:a:openbsd:openssh:9.2:p1:*:*:*:*:*:*'),
        service('127.100.6.11', 22, 'OpenSSH', '9.6p1', 'cpe:2.3:a:openbsd:openssh:9.6:p1:*:*:*:*:*:*'),
      ],
    };
    const lookup = recordLookup();
    const findings = await runChecks(input, { ...options, vulnerabilityLookup: lookup, checks: only });
    expect(findings.map((f) => [f.target.address, f.cve, f.severity, f.cvss, f.kev])).toEqual([
      ['127.100.6.10', ['CVE-2023-51385'], 'critical', 9.8, false],
      ['127.100.6.10', ['CVE-2023-48795'], 'medium', 5.9, false],
    ]);
    expect(findings[0]?.cvssVector).toMatch(/^CVSS:3\.1\/AV:N/);
    expect(findings[0]?.title).toContain('CVE-2023-51385');
    expect(findings[0]?.references).toContain('https://nvd.nist.gov/vuln/detail/CVE-2023-51385');
    expect(lookup.asked).toEqual([
      'cpe:2.3:a:openbsd:openssh:9.2:p1:*:*:*:*:*:* 9.2p1',
      'cpe:2.3:a:openbsd:openssh:9.6:p1:*:*:*:*:*:* 9.6p1',
    ]);
  });

  it('makes a KEV CVE on an exposed service critical whatever its score (FortiOS 6.0.4)', async () => {
    const input: AssessmentInput = {
      ...EMPTY_ASSESSMENT,
      hosts: [
        service('127.100.1.50', 443, 'FortiOS', '6.0.4', 'cpe:2.3:o:fortinet:fortios:6.0.4:*:*:*:*:*:*:*'),
      ],
    };
    const findings = await runChecks(input, {
      ...options,
      vulnerabilityLookup: recordLookup(),
      checks: only,
    });
    const byCve = new Map(findings.map((f) => [f.cve[0], f]));
    expect(byCve.get('CVE-2018-13382')).toMatchObject({ cvss: 7.5, kev: true, severity: 'critical' });
    expect(byCve.get('CVE-2024-21762')).toMatchObject({ cvss: 9.8, kev: true, severity: 'critical' });
    expect(findings.every((f) => f.category === 'known-vulnerability')).toBe(true);
  });

  it('gives stable ids per CVE and service, and survives a lookup that fails', async () => {
    const input: AssessmentInput = {
      ...EMPTY_ASSESSMENT,
      hosts: [
        service('127.100.6.10', 22, 'OpenSSH', '9.2p1', 'cpe:2.3:a:openbsd:openssh:9.2:p1:*:*:*:*:*:*'),
      ],
    };
    const a = await runChecks(input, { ...options, vulnerabilityLookup: recordLookup(), checks: only });
    const b = await runChecks(input, { ...options, vulnerabilityLookup: recordLookup(), checks: only });
    expect(a.map((f) => f.id)).toEqual(b.map((f) => f.id));
    expect(new Set(a.map((f) => f.id)).size).toBe(a.length);
    const failing: VulnerabilityLookup = { lookup: () => Promise.reject(new Error('knowledge base down')) };
    expect(await runChecks(input, { ...options, vulnerabilityLookup: failing, checks: only })).toEqual([]);
  });
});
