import { describe, expect, it } from 'vitest';
import { changesOf, decideProposal, draftContent, factsSummary, frenchList, isEligible, referencesOf, risksFromCwes, severityOfScore, type CoveringBulletin } from './bulletin.proposal.js';
import type { Cve, Product, SelectedScore } from './vuln-watch.types.js';

const RULE = { threshold: 7 };

function score(value: number): SelectedScore {
  return { score: value, version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', source: 'nvd@nist.gov', rule: 'test' };
}

function cve(overrides: Partial<Cve> = {}): Cve {
  return {
    id: 'CVE-2024-21762',
    publishedAt: '2024-02-09T09:15:08.087Z',
    sourceModifiedAt: '2024-02-13T00:00:00.000Z',
    vulnStatus: 'Analyzed',
    title: null,
    description: 'A out-of-bounds write in Fortinet FortiOS allows a remote unauthenticated attacker to execute arbitrary code.',
    cwes: ['CWE-787'],
    references: [
      { url: 'https://example.org/blog', tags: ['Third Party Advisory'] },
      { url: 'https://fortiguard.com/psirt/FG-IR-24-015', tags: ['Vendor Advisory'] },
      { url: 'javascript:alert(1)' },
    ],
    metrics: [],
    selectedScore: score(9.8),
    severity: 'critical',
    configurations: [],
    affected: [{ vendor: 'Fortinet', product: 'FortiOS', provider: 'cna', defaultStatus: 'unaffected', versions: [{ version: '7.4.0', lessThan: '7.4.3', status: 'affected' }] }],
    kev: null,
    epss: null,
    materialChangedAt: '2026-11-01T00:00:00.000Z',
    sources: ['nvd', 'cve5'],
    state: 'PUBLISHED',
    ...overrides,
  };
}

const fortios: Product = { id: 'p-fortios', vendor: 'fortinet', product: 'fortios', displayName: 'Fortinet FortiOS', category: 'firewall', createdAt: '', updatedAt: '' };
const fortiproxy: Product = { ...fortios, id: 'p-fortiproxy', product: 'fortiproxy', displayName: 'Fortinet FortiProxy' };

function covering(overrides: Partial<CoveringBulletin> & { seen?: string | null; score?: number | null; kev?: boolean } = {}): CoveringBulletin {
  return {
    id: overrides.id ?? 'b1',
    status: overrides.status ?? 'draft',
    fact: { cveId: 'CVE-2024-21762', score: overrides.score === undefined ? 9.8 : overrides.score, kev: overrides.kev ?? false, seenChangedAt: overrides.seen === undefined ? '2026-11-01T00:00:00.000Z' : overrides.seen },
    productIds: overrides.productIds ?? [fortios.id],
  };
}

describe('the proposal rule', () => {
  it('is eligible at 7 or more, or when exploited (KEV) whatever the score', () => {
    expect(isEligible(cve({ selectedScore: score(7) }), RULE)).toBe(true);
    expect(isEligible(cve({ selectedScore: score(6.9) }), RULE)).toBe(false);
    expect(isEligible(cve({ selectedScore: null }), RULE)).toBe(false);
    expect(isEligible(cve({ selectedScore: score(5.3), kev: { dateAdded: '2024-02-09', dueDate: null, requiredAction: null, vulnerabilityName: null, knownRansomwareCampaignUse: null, vendorProject: null, product: null } }), RULE)).toBe(true);
  });

  it('creates a draft for an eligible CVE on a catalogue product that no bulletin covers', () => {
    expect(decideProposal(cve(), [fortios], [], RULE)).toEqual({ cveId: 'CVE-2024-21762', actions: [{ action: 'create' }], skipped: null });
  });

  it('skips CVEs outside the catalogue, below the threshold, or rejected', () => {
    expect(decideProposal(cve(), [], [], RULE).skipped).toBe('not-in-catalogue');
    expect(decideProposal(cve({ selectedScore: score(6.5) }), [fortios], [], RULE).skipped).toBe('below-threshold');
    expect(decideProposal(cve({ selectedScore: null }), [fortios], [], RULE).skipped).toBe('below-threshold');
    expect(decideProposal(cve({ state: 'REJECTED' }), [fortios], [], RULE).skipped).toBe('rejected');
  });

  it('does nothing when the change was already looked at (idempotent)', () => {
    expect(decideProposal(cve(), [fortios], [covering()], RULE)).toEqual({ cveId: 'CVE-2024-21762', actions: [], skipped: 'unchanged' });
  });

  it('refreshes a draft, and lists the changes', () => {
    const later = cve({ materialChangedAt: '2026-11-20T00:00:00.000Z', selectedScore: score(9.6) });
    const d = decideProposal(later, [fortios, fortiproxy], [covering({ status: 'draft' })], RULE);
    expect(d.actions).toEqual([
      {
        action: 'refresh-draft',
        bulletinId: 'b1',
        changes: [
          { kind: 'score', cveId: 'CVE-2024-21762', from: 9.8, to: 9.6 },
          { kind: 'product', cveId: 'CVE-2024-21762', product: 'Fortinet FortiProxy' },
        ],
      },
    ]);
  });

  it('never rewrites a published bulletin: the changes wait for an analyst', () => {
    const kev = { dateAdded: '2026-11-20', dueDate: null, requiredAction: 'Apply updates', vulnerabilityName: null, knownRansomwareCampaignUse: null, vendorProject: null, product: null };
    const later = cve({ materialChangedAt: '2026-11-20T00:00:00.000Z', kev });
    expect(decideProposal(later, [fortios], [covering({ status: 'published' })], RULE).actions).toEqual([
      { action: 'flag-published', bulletinId: 'b1', changes: [{ kind: 'kev', cveId: 'CVE-2024-21762', dateAdded: '2026-11-20' }] },
    ]);
  });

  it('reports a change of description or versions as a content change', () => {
    const later = cve({ materialChangedAt: '2026-11-20T00:00:00.000Z' });
    expect(decideProposal(later, [fortios], [covering({ status: 'published' })], RULE).actions[0]).toMatchObject({ changes: [{ kind: 'content' }] });
  });

  it('reopens a withdrawn bulletin only for a KEV addition', () => {
    const kev = { dateAdded: '2026-11-20', dueDate: null, requiredAction: null, vulnerabilityName: null, knownRansomwareCampaignUse: null, vendorProject: null, product: null };
    const withdrawn = covering({ status: 'withdrawn' });
    expect(decideProposal(cve({ materialChangedAt: '2026-11-20T00:00:00.000Z', kev }), [fortios], [withdrawn], RULE).actions[0]).toMatchObject({ action: 'reopen', bulletinId: 'b1' });
    expect(decideProposal(cve({ materialChangedAt: '2026-11-20T00:00:00.000Z', selectedScore: score(10) }), [fortios], [withdrawn], RULE).actions).toEqual([{ action: 'record-seen', bulletinId: 'b1' }]);
    // Another bulletin still covers it: the withdrawn one stays withdrawn.
    const twoBulletins = decideProposal(cve({ materialChangedAt: '2026-11-20T00:00:00.000Z', kev }), [fortios], [withdrawn, covering({ id: 'b2', status: 'published' })], RULE);
    expect(twoBulletins.actions.map((a) => a.action)).toEqual(['record-seen', 'flag-published']);
  });

  it('flags a rejection on a published bulletin', () => {
    expect(changesOf(cve({ state: 'REJECTED' }), covering().fact, [])).toEqual([{ kind: 'rejected', cveId: 'CVE-2024-21762' }]);
  });
});

describe('facts, severities and risks', () => {
  it('summarises scores and KEV', () => {
    expect(factsSummary([{ score: 7.5, kev: false }, { score: 9.4, kev: true }, { score: null, kev: false }])).toEqual({ maxScore: 9.4, severity: 'critical', kev: true });
    expect(factsSummary([{ score: null, kev: false }])).toEqual({ maxScore: null, severity: 'unscored', kev: false });
    expect([9, 8.9, 7, 6.9, 4, 0.1, 0].map(severityOfScore)).toEqual(['critical', 'high', 'high', 'medium', 'medium', 'low', 'none']);
  });

  it('suggests risks from CWEs', () => {
    expect(risksFromCwes(['CWE-787'])).toEqual(['remote-code-execution']);
    expect(risksFromCwes(['CWE-79', 'CWE-352'])).toEqual(['xss', 'csrf']);
    expect(risksFromCwes(['CWE-89'])).toEqual(['confidentiality', 'integrity']);
    expect(risksFromCwes(['NVD-CWE-noinfo'])).toEqual(['unspecified']);
    expect(risksFromCwes([])).toEqual(['unspecified']);
  });

  it('joins French lists', () => {
    expect(frenchList(['A'])).toBe('A');
    expect(frenchList(['A', 'B', 'C'])).toBe('A, B et C');
  });
});

describe('the draft text', () => {
  it('is written in French from the CVE, with affected versions in words and vendor advisories first', () => {
    const content = draftContent([cve()], [fortios]);
    expect(content.title).toBe('Vulnérabilité dans Fortinet FortiOS (CVE-2024-21762)');
    expect(content.summary).toContain('Une vulnérabilité a été découverte dans Fortinet FortiOS. Elle permet à un attaquant de provoquer une exécution de code arbitraire à distance.');
    expect(content.summary).toContain('score CVSS 3.1 9.8, sévérité critique');
    expect(content.summary).toContain('« A out-of-bounds write');
    expect(content.risks).toEqual(['remote-code-execution']);
    expect(content.affectedSystems).toMatch(/FortiOS.*7\.4\.0 before 7\.4\.3/);
    expect(content.solution).toContain('Se référer au bulletin de sécurité de l’éditeur');
    expect(content.references[0]).toEqual({ label: 'fortiguard.com', url: 'https://fortiguard.com/psirt/FG-IR-24-015' });
    expect(content.references.map((r) => r.url)).not.toContain('javascript:alert(1)');
    expect(content.references.at(-1)).toEqual({ label: 'CVE-2024-21762 (NVD)', url: 'https://nvd.nist.gov/vuln/detail/CVE-2024-21762' });
  });

  it('says when a vulnerability is exploited and quotes CISA’s required action', () => {
    const exploited = cve({ kev: { dateAdded: '2024-02-09', dueDate: '2024-02-16', requiredAction: 'Apply mitigations per vendor instructions.', vulnerabilityName: null, knownRansomwareCampaignUse: 'Known', vendorProject: 'Fortinet', product: 'FortiOS' } });
    const content = draftContent([exploited], [fortios]);
    expect(content.summary).toContain('activement exploitée (ajout au catalogue KEV le 2024-02-09)');
    expect(content.solution).toContain('« Apply mitigations per vendor instructions. »');
  });

  it('groups several CVEs', () => {
    const content = draftContent([cve(), cve({ id: 'CVE-2024-23113', cwes: ['CWE-134'] })], [fortios, fortiproxy]);
    expect(content.title).toBe('Multiples vulnérabilités dans Fortinet FortiOS et Fortinet FortiProxy');
    expect(content.affectedSystems.split('\n').every((l) => l.startsWith('CVE-2024-'))).toBe(true);
    expect(referencesOf([cve(), cve({ id: 'CVE-2024-23113' })]).filter((r) => r.url.includes('nvd.nist.gov'))).toHaveLength(2);
  });
});
