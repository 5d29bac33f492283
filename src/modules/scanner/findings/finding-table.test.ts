import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkById, checks } from '../checks/index.js';
import { formatResultTable } from '../scan-result.table.js';
import type { ScanResult } from '../scanner.types.js';
import { buildFinding } from './finding.build.js';
import type { FindingSpec } from './finding.build.js';
import type { CheckDefinition, Finding } from './finding.types.js';
import { describeTarget, formatFindingsTable, isContractFinding } from './finding-table.js';
import { SEVERITIES } from './severity.js';

function definitionOf(id: string): CheckDefinition {
  const check = checkById(id);
  if (!check) throw new Error(`no check ${id} in the catalogue`);
  return check.definition;
}

const finding = (check: string, spec: FindingSpec): Finding => buildFinding(definitionOf(check), spec);

const rdp = finding('service.rdp-exposed', {
  target: { address: '192.0.2.10', port: 3389, hostname: 'tse.chu-lab.test' },
  evidence: 'RDP negotiation answered (PROTOCOL_HYBRID)',
});
const gitExposed = finding('http.git-exposed', {
  target: { address: '192.0.2.20', port: 443, url: 'https://intranet.chu-lab.test/.git/HEAD' },
  evidence: 'ref: refs/heads/main',
});
const knownCve = finding('software.known-cve', {
  target: { address: '2001:db8::7', port: 22 },
  evidence: `OpenSSH 9.2p1 ${'x'.repeat(200)}`,
  discriminator: 'CVE-2024-6387',
  severity: 'critical',
  cve: ['CVE-2024-6387'],
  cvss: 9.8,
});
const spfMissing = finding('mail.spf-missing', {
  target: { domain: 'chu-lab.test' },
  evidence: 'no TXT v=spf1',
});

describe('describeTarget', () => {
  it('names the most specific form: URL, then host:port, then domain, then host', () => {
    expect(describeTarget({ url: 'https://a.test/x', address: '192.0.2.1', port: 443 })).toBe(
      'https://a.test/x',
    );
    expect(describeTarget({ address: '192.0.2.1', port: 25, hostname: 'mx.a.test' })).toBe('192.0.2.1:25');
    expect(describeTarget({ hostname: 'mx.a.test', port: 25 })).toBe('mx.a.test:25');
    expect(describeTarget({ address: '2001:db8::1', port: 3389 })).toBe('[2001:db8::1]:3389');
    expect(describeTarget({ domain: 'a.test', hostname: 'ns1.a.test' })).toBe('a.test');
    expect(describeTarget({ address: '192.0.2.1' })).toBe('192.0.2.1');
    expect(describeTarget({})).toBe('-');
  });
});

describe('formatFindingsTable', () => {
  it('groups by severity, most serious first, omits empty groups and ends with the counts', () => {
    const text = formatFindingsTable([spfMissing, rdp, knownCve, gitExposed]);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('CRITICAL (1)');
    expect(lines.indexOf('HIGH (2)')).toBeGreaterThan(0);
    expect(lines.indexOf('MEDIUM (1)')).toBeGreaterThan(lines.indexOf('HIGH (2)'));
    expect(text).not.toMatch(/^(LOW|INFO) \(/m);
    expect(lines.at(-1)).toBe('4 findings: 1 critical, 2 high, 1 medium, 0 low, 0 info');
    expect(text).toContain('[2001:db8::7]:22');
    expect(text).toContain('https://intranet.chu-lab.test/.git/HEAD');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('aligns the columns across groups and clips the evidence', () => {
    const lines = formatFindingsTable([spfMissing, rdp, knownCve]).split('\n');
    const headers = lines.filter((l) => l.startsWith('CHECK'));
    expect(headers).toHaveLength(3);
    const targetColumn = headers[0]?.indexOf('TARGET');
    for (const header of headers) expect(header.indexOf('TARGET')).toBe(targetColumn);
    const cveRow = lines.find((l) => l.startsWith('software.known-cve')) ?? '';
    expect(cveRow.slice(cveRow.indexOf('OpenSSH'))).toHaveLength(70);
    expect(cveRow.endsWith('…')).toBe(true);
  });

  it('sorts within a group by check then target, whatever the input order', () => {
    const other = finding('service.rdp-exposed', {
      target: { address: '192.0.2.9', port: 3389 },
      evidence: '',
    });
    const rows = formatFindingsTable([rdp, gitExposed, other])
      .split('\n')
      .filter((l) => /^(http|service)\./.test(l));
    expect(rows.map((r) => r.split(/\s+/).slice(0, 2).join(' '))).toEqual([
      'http.git-exposed https://intranet.chu-lab.test/.git/HEAD',
      'service.rdp-exposed 192.0.2.10:3389',
      'service.rdp-exposed 192.0.2.9:3389',
    ]);
  });

  it('adds the change column and the moves when the previous scan is known', () => {
    const change = new Map([
      [rdp.id, 'new' as const],
      [spfMissing.id, 'fixed' as const],
    ]);
    const text = formatFindingsTable([rdp, spfMissing, gitExposed], { change });
    expect(text).toMatch(/^CHANGE {2,}CHECK/m);
    expect(text).toMatch(/^NEW {2,}service\.rdp-exposed/m);
    expect(text).toMatch(/^FIXED {2,}mail\.spf-missing/m);
    expect(text).toMatch(/^- {2,}http\.git-exposed/m);
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      '3 findings: 0 critical, 2 high, 1 medium, 0 low, 0 info — 1 new, 0 still, 1 fixed',
    );
  });

  it('speaks French when asked', () => {
    const text = formatFindingsTable([rdp], { language: 'fr', change: new Map([[rdp.id, 'still']]) });
    expect(text).toMatch(/^ÉLEVÉE \(1\)$/m);
    expect(text).toMatch(/^ÉVOLUTION {2,}CONTRÔLE {2,}CIBLE {2,}CONSTAT$/m);
    expect(text).toMatch(/^PERSISTANT /m);
    expect(formatFindingsTable([], { language: 'fr' })).toBe('Aucune vulnérabilité.\n');
  });

  it('says so when there is nothing', () => {
    expect(formatFindingsTable([])).toBe('No findings.\n');
  });

  it('keeps every row on one line, whatever the evidence read back from JSON holds', () => {
    const odd = { ...rdp, evidence: 'line one\nline two\tend' };
    expect(formatFindingsTable([odd])).toContain('line one line two end');
  });

  it('lists every finding under its check id (property)', () => {
    const checkIds = checks.map((c) => c.definition.id);
    const arbitraryFinding = fc
      .record({
        check: fc.constantFrom(...checkIds),
        severity: fc.constantFrom(...SEVERITIES),
        target: fc.oneof(
          fc.record({ domain: fc.domain() }),
          fc.record({ address: fc.ipV4(), port: fc.integer({ min: 1, max: 65535 }) }),
          fc.record({ address: fc.ipV6(), port: fc.integer({ min: 1, max: 65535 }), url: fc.webUrl() }),
        ),
        evidence: fc.string({ maxLength: 200 }),
      })
      .map(({ check, ...spec }) => finding(check, spec));
    fc.assert(
      fc.property(fc.array(arbitraryFinding, { maxLength: 30 }), (findings) => {
        const text = formatFindingsTable(findings);
        const rows = text.split('\n');
        for (const f of findings) expect(rows.some((row) => row.startsWith(`${f.check} `))).toBe(true);
        const perHeading = [...text.matchAll(/^[A-Z]+ \((\d+)\)$/gm)].map((m) => Number(m[1]));
        expect(perHeading.reduce((a, b) => a + b, 0)).toBe(findings.length);
      }),
    );
  });
});

describe('isContractFinding', () => {
  it('accepts a built finding and refuses what lacks the contract fields', () => {
    expect(isContractFinding(rdp)).toBe(true);
    expect(isContractFinding({ ...rdp, severity: 'severe' })).toBe(false);
    expect(isContractFinding({ ...rdp, target: null })).toBe(false);
    expect(isContractFinding({ ...rdp, target: { port: '22' } })).toBe(false);
    expect(isContractFinding({ id: 'x', check: 'y' })).toBe(false);
    expect(isContractFinding('finding')).toBe(false);
  });
});

describe('formatResultTable with findings', () => {
  const result: ScanResult = {
    schema: 'hygie.scan/1',
    scan: {
      id: '01900000-0000-7000-8000-000000000002',
      startedAt: '2026-11-29T09:00:01.000Z',
      finishedAt: '2026-11-29T09:01:00.000Z',
      targets: ['chu-lab.test'],
      status: 'completed',
      refused: [],
    },
    domains: [],
    hosts: [],
    findings: [],
  };

  it('appends a FINDINGS section only when there are findings', () => {
    expect(formatResultTable(result)).not.toContain('FINDINGS');
    const text = formatResultTable({ ...result, findings: [rdp, spfMissing] });
    expect(text).toContain('\nFINDINGS\nHIGH (1)\n');
    expect(text).toContain('2 findings: 0 critical, 1 high, 1 medium, 0 low, 0 info\n');
  });

  it('tells how many findings it could not read', () => {
    const text = formatResultTable({ ...result, findings: [rdp, { id: 'broken' }] });
    expect(text).toContain('1 findings not shown: not in the shape of hygie.scan/1');
    expect(text).toContain('1 findings: 0 critical, 1 high');
  });
});
