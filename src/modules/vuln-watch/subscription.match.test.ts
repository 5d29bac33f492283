import { describe, expect, it } from 'vitest';
import { mergeCve } from './cve.merge.js';
import { FIXTURES, cve5Record, nvdRecord } from './sources/fixtures.js';
import { containsKeyword, cveNamesOf, matchSubscription, type SubscriptionCriteria, type WatchedDeployment } from './subscription.match.js';
import type { MatchReason } from './subscription.types.js';
import type { Cve } from './vuln-watch.types.js';

/** A merged CVE from the real records: NVD (fkie file) when it has one, plus the CVE 5 record. */
function real(id: string, sources: { nvd?: boolean; cve5?: boolean } = { cve5: true }): Cve {
  return mergeCve(
    { id, nvd: sources.nvd ? nvdRecord(FIXTURES.nvdFkie, id) : null, cve5: sources.cve5 === false ? null : cve5Record(id), kev: null, epss: null },
    '2026-01-01T00:00:00.000Z',
  );
}

const NONE: SubscriptionCriteria = { vendors: [], products: [], keywords: [], minScore: 7, kevOnly: false, includeUnscored: true, deployedProducts: false };

function sub(overrides: Partial<SubscriptionCriteria>): SubscriptionCriteria {
  return { ...NONE, ...overrides };
}

function product(vendor: string, name: string) {
  return { productId: null, vendor, product: name, displayName: `${vendor} ${name}` };
}

function deployed(vendor: string, name: string, version: string | null): WatchedDeployment {
  return { structureNames: ['Centre hospitalier A'], vendor, product: name, productName: `${vendor} ${name}`, version };
}

const kinds = (reasons: MatchReason[] | null) => (reasons ? reasons.map((r) => r.kind) : null);

const FORTIOS = real('CVE-2024-21762', { nvd: true, cve5: true }); // 9.8, KEV (CISA ADP), NVD configurations
const PANOS = real('CVE-2024-3400'); // 10, KEV, CVE 5 affected data only (no NVD configuration)
const PANOS_9468 = real('CVE-2024-9468'); // 8.2, not KEV
const MEDDREAM = real('CVE-2023-40150'); // 9.8, "Softneta MedDream PACS"
const MEDDREAM_LOW = real('CVE-2023-39227'); // 6.1, "MedDream PACS"
const SONICOS_UNSCORED = real('CVE-2023-41713'); // no score yet

describe('matching a CVE against a subscription (real records)', () => {
  type Row = [label: string, cve: Cve, criteria: SubscriptionCriteria, expected: MatchReason['kind'][] | null, deployments?: WatchedDeployment[]];
  it.each<Row>([
    // Vendors: CPE names and the names CNAs write, compared normalised.
    ['vendor fortinet on FortiOS CVE-2024-21762', FORTIOS, sub({ vendors: ['fortinet'] }), ['vendor']],
    ['vendor "Fortinet, Inc." (CNA spelling)', FORTIOS, sub({ vendors: ['Fortinet, Inc.'] }), ['vendor']],
    ['vendor paloaltonetworks on FortiOS', FORTIOS, sub({ vendors: ['paloaltonetworks'] }), null],
    ['vendor "Palo Alto Networks" on PAN-OS CVE-2024-3400 (CVE 5 names only)', PANOS, sub({ vendors: ['Palo Alto Networks'] }), ['vendor']],
    // Products: catalogue CPE names or free pairs; a product listed only as unaffected does not count.
    ['product fortinet:fortios', FORTIOS, sub({ products: [product('fortinet', 'fortios')] }), ['product']],
    ['product fortinet:fortiproxy (also vulnerable)', FORTIOS, sub({ products: [product('fortinet', 'fortiproxy')] }), ['product']],
    ['product fortinet:fortimanager', FORTIOS, sub({ products: [product('fortinet', 'fortimanager')] }), null],
    ['product paloaltonetworks:pan-os', PANOS, sub({ products: [product('paloaltonetworks', 'pan-os')] }), ['product']],
    ['product "Palo Alto Networks":"Prisma Access" (listed as unaffected)', PANOS, sub({ products: [product('Palo Alto Networks', 'Prisma Access')] }), null],
    // Keywords: whole words, accents and case ignored, in the title or description.
    ['keyword PACS on MedDream PACS 9.8', MEDDREAM, sub({ keywords: ['PACS'] }), ['keyword']],
    ['keyword "pàcs" (accent, case)', MEDDREAM, sub({ keywords: ['pàcs'] }), ['keyword']],
    ['keyword PAC (not a whole word)', MEDDREAM, sub({ keywords: ['PAC'] }), null],
    ['keyword "out-of-bounds write" on FortiOS', FORTIOS, sub({ keywords: ['out-of-bounds write'] }), ['keyword']],
    ['keyword "write out-of-bounds" (words out of order)', FORTIOS, sub({ keywords: ['write out-of-bounds'] }), null],
    // Minimum score and unscored CVEs.
    ['keyword PACS, min 7, MedDream 6.1', MEDDREAM_LOW, sub({ keywords: ['PACS'] }), null],
    ['keyword PACS, any score, MedDream 6.1', MEDDREAM_LOW, sub({ keywords: ['PACS'], minScore: null }), ['keyword']],
    ['vendor sonicwall, not yet scored, included', SONICOS_UNSCORED, sub({ vendors: ['sonicwall'] }), ['vendor']],
    ['vendor sonicwall, not yet scored, excluded', SONICOS_UNSCORED, sub({ vendors: ['sonicwall'], includeUnscored: false }), null],
    ['no watch criterion, min 7, not yet scored', SONICOS_UNSCORED, sub({}), null],
    // KEV only.
    ['KEV only, PAN-OS CVE-2024-3400 (KEV)', PANOS, sub({ vendors: ['paloaltonetworks'], kevOnly: true }), ['vendor']],
    ['KEV only, PAN-OS CVE-2024-9468 (not KEV)', PANOS_9468, sub({ vendors: ['paloaltonetworks'], kevOnly: true }), null],
    // No watch criterion: the filters alone ("every CVE ≥ 9").
    ['filters only, min 9, CVE-2024-3400 (10)', PANOS, sub({ minScore: 9 }), ['filters-only']],
    ['filters only, min 9, CVE-2024-9468 (8.2)', PANOS_9468, sub({ minScore: 9 }), null],
    // Deployments: version-aware, through NVD configurations or CVE 5 affected data.
    ['PAN-OS 10.2.9 deployed, CVE-2024-3400', PANOS, sub({ deployedProducts: true }), ['deployment'], [deployed('paloaltonetworks', 'pan-os', '10.2.9')]],
    ['PAN-OS 10.2.9-h1 deployed (fixed)', PANOS, sub({ deployedProducts: true }), null, [deployed('paloaltonetworks', 'pan-os', '10.2.9-h1')]],
    ['PAN-OS 11.1.2 deployed', PANOS, sub({ deployedProducts: true }), ['deployment'], [deployed('paloaltonetworks', 'pan-os', '11.1.2')]],
    ['PAN-OS 11.1.2-h3 deployed (fixed)', PANOS, sub({ deployedProducts: true }), null, [deployed('paloaltonetworks', 'pan-os', '11.1.2-h3')]],
    ['PAN-OS 10.1.0 deployed (unaffected branch)', PANOS, sub({ deployedProducts: true }), null, [deployed('paloaltonetworks', 'pan-os', '10.1.0')]],
    ['FortiOS 7.0.13 deployed, CVE-2024-21762', FORTIOS, sub({ deployedProducts: true }), ['deployment'], [deployed('fortinet', 'fortios', '7.0.13')]],
    ['FortiOS 7.0.14 deployed (fixed)', FORTIOS, sub({ deployedProducts: true }), null, [deployed('fortinet', 'fortios', '7.0.14')]],
    ['deployments not watched', PANOS, sub({ vendors: ['fortinet'] }), null, [deployed('paloaltonetworks', 'pan-os', '10.2.9')]],
    // Several criteria: every one met is a reason.
    ['vendor + keyword + deployment', FORTIOS, sub({ vendors: ['fortinet'], keywords: ['FortiOS'], deployedProducts: true }), ['vendor', 'keyword', 'deployment'], [deployed('fortinet', 'fortios', '7.2.6'), deployed('paloaltonetworks', 'pan-os', '10.2.9')]],
  ])('%s', (_label, cve, criteria, expected, deployments = []) => {
    expect(kinds(matchSubscription(cve, criteria, deployments))).toEqual(expected);
  });

  it('says how sure a deployment match is: a version not given is not checked', () => {
    expect(matchSubscription(PANOS, sub({ deployedProducts: true }), [deployed('paloaltonetworks', 'pan-os', '10.2.9')])).toEqual([
      { kind: 'deployment', structureNames: ['Centre hospitalier A'], productName: 'paloaltonetworks pan-os', version: '10.2.9', certainty: 'confirmed' },
    ]);
    expect(matchSubscription(PANOS, sub({ deployedProducts: true }), [deployed('paloaltonetworks', 'pan-os', null)])).toMatchObject([{ kind: 'deployment', certainty: 'version-not-checked' }]);
  });

  it('never matches a rejected CVE', () => {
    expect(matchSubscription({ ...FORTIOS, state: 'REJECTED' }, sub({ vendors: ['fortinet'] }))).toBeNull();
  });

  it('reads vulnerable names only: NVD platform entries and wholly unaffected CVE 5 products are left out', () => {
    const names = cveNamesOf(PANOS);
    expect([...names.products]).toContain('paloaltonetworks|panos');
    expect([...names.products].some((p) => p.includes('prismaaccess'))).toBe(false);
    expect([...cveNamesOf(FORTIOS).vendors]).toEqual(['fortinet']);
  });
});

describe('keywords', () => {
  it.each<[text: string, keyword: string, found: boolean]>([
    ['Vulnérabilité du serveur PACS de l’hôpital', 'pacs', true],
    ['Vulnérabilité du serveur PACS de l’hôpital', 'vulnerabilite', true],
    ['Vulnerabilite du serveur', 'VULNÉRABILITÉ', true],
    ['Dossier patient informatisé (DPI)', 'dossier patient', true],
    ['Dossier du patient', 'dossier patient', false],
    ['IMPACS viewer', 'PACS', false],
    ['PACS-server 2.0', 'PACS', true],
    ['DICOM/PACS', 'pacs', true],
    ['anything', '  ', false],
    ['anything', '---', false],
  ])('%s ∋ %s → %s', (text, keyword, found) => {
    expect(containsKeyword(text, keyword)).toBe(found);
  });
});
