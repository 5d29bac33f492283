import { describe, expect, it } from 'vitest';
import { mergeCve } from '../cve.merge.js';
import { FIXTURES, cve5Record, nvdRecord } from '../sources/fixtures.js';
import type { Configuration, Cve } from '../vuln-watch.types.js';
import { parseCpe } from './cpe.js';
import { matchCve } from './cpe-match.js';

/** A merged CVE from real records (NVD fkie or derived, plus CVE 5 when given). */
function cveOf(id: string, nvdFile: string | null, withCve5 = false): Cve {
  return mergeCve(
    {
      id,
      nvd: nvdFile ? nvdRecord(nvdFile, id) : null,
      cve5: withCve5 ? cve5Record(id) : null,
      kev: null,
      epss: null,
    },
    '2026-01-01T00:00:00.000Z',
  );
}

function match(cve: Pick<Cve, 'id' | 'configurations' | 'affected'>, ...cpes: string[]) {
  return matchCve(
    cve,
    cpes.map((c) => parseCpe(c, { allowShort: true })),
  );
}

type Row = [cpe: string, affected: boolean, ruleContains?: string];

describe('FortiOS CVE-2024-21762 (NVD, fkie file)', () => {
  const cve = cveOf('CVE-2024-21762', FIXTURES.nvdFkie);
  it.each<Row>([
    [
      'cpe:2.3:o:fortinet:fortios:7.0.13',
      true,
      'from 7.0.0 (including) up to 7.0.14 (excluding): 7.0.13 is inside',
    ],
    ['cpe:2.3:o:fortinet:fortios:7.0.14', false],
    ['cpe:2.3:o:fortinet:fortios:7.0.0', true],
    ['cpe:2.3:o:fortinet:fortios:7.2.6', true, 'up to 7.2.7 (excluding)'],
    ['cpe:2.3:o:fortinet:fortios:7.2.7', false],
    ['cpe:2.3:o:fortinet:fortios:7.4.2', true],
    ['cpe:2.3:o:fortinet:fortios:7.4.3', false],
    ['cpe:2.3:o:fortinet:fortios:6.0.17', true],
    ['cpe:2.3:o:fortinet:fortios:6.0.18', false],
    ['cpe:2.3:o:fortinet:fortios:7.6.0', false],
    ['cpe:2.3:a:fortinet:fortiproxy:7.0.14', true, 'fortiproxy'],
    ['cpe:2.3:a:fortinet:fortiproxy:7.0.15', false],
    ['cpe:2.3:a:fortinet:fortios:7.0.13', false],
    ['cpe:2.3:o:paloaltonetworks:pan-os:7.0.13', false],
  ])('%s → affected %s', (cpe, affected, rule) => {
    const hit = match(cve, cpe);
    expect(hit !== null).toBe(affected);
    if (hit && rule) expect(hit.rule).toContain(rule);
    if (hit)
      expect(hit).toMatchObject({
        cveId: 'CVE-2024-21762',
        via: 'nvd-configuration',
        certainty: 'confirmed',
      });
  });
  it('matches any version when the version is not given, and says so', () => {
    expect(match(cve, 'cpe:2.3:o:fortinet:fortios')).toMatchObject({ certainty: 'version-not-checked' });
  });
});

describe('Citrix Bleed CVE-2023-4966 (NVD, fkie file): affected and fixed builds per branch', () => {
  const cve = cveOf('CVE-2023-4966', FIXTURES.nvdFkie);
  const adc = 'cpe:2.3:a:citrix:netscaler_application_delivery_controller';
  const gw = 'cpe:2.3:a:citrix:netscaler_gateway';
  it.each<Row>([
    [`${adc}:14.1-8.49:*:*:*:-:*:*:*`, true, 'up to 14.1-8.50 (excluding)'],
    [`${adc}:14.1-8.50:*:*:*:-:*:*:*`, false],
    [
      `${adc}:13.1-49.13:*:*:*:-:*:*:*`,
      true,
      'from 13.1 (including) up to 13.1-49.15 (excluding): 13.1-49.13 is inside',
    ],
    [`${adc}:13.1-49.15:*:*:*:-:*:*:*`, false],
    [`${adc}:13.1-51.15:*:*:*:-:*:*:*`, false],
    [`${adc}:13.0-92.18:*:*:*:-:*:*:*`, true],
    [`${adc}:13.0-92.19:*:*:*:-:*:*:*`, false],
    [`${adc}:13.1-37.163:*:*:*:fips:*:*:*`, true, 'up to 13.1-37.164 (excluding)'],
    [`${adc}:13.1-37.164:*:*:*:fips:*:*:*`, false],
    [`${adc}:12.1-55.299:*:*:*:fips:*:*:*`, true],
    [`${adc}:12.1-55.300:*:*:*:fips:*:*:*`, false],
    [`${adc}:12.1-55.299:*:*:*:ndcpp:*:*:*`, true],
    [`${adc}:12.1-55.299:*:*:*:-:*:*:*`, false],
    [`${gw}:13.1-49.14`, true],
    [`${gw}:13.1-49.15`, false],
    [`${gw}:14.1-8.50`, false],
    [`${gw}:13.0-92.18`, true],
  ])('%s → affected %s', (cpe, affected, rule) => {
    const hit = match(cve, cpe);
    expect(hit !== null).toBe(affected);
    if (hit && rule) expect(hit.rule).toContain(rule);
  });
});

describe('vulnerable:false platform in an AND configuration (derived NVD set)', () => {
  // CVE-2009-1122: IIS 5.0 (vulnerable) AND Windows 2000 SP4 (platform, vulnerable:false).
  const iis = cveOf('CVE-2009-1122', FIXTURES.nvdDerived);
  // CVE-2017-14797: Philips Hue bridge firmware 1707040932 AND the BSB002 hardware.
  const hue = cveOf('CVE-2017-14797', FIXTURES.nvdDerived);
  const IIS5 = 'cpe:2.3:a:microsoft:internet_information_services:5.0';
  const W2K_SP4 = 'cpe:2.3:o:microsoft:windows_2000:-:sp4';
  it('reports the application on the platform, naming the platform', () => {
    const hit = match(iis, IIS5, W2K_SP4);
    expect(hit?.rule).toContain('AND on platform cpe:2.3:o:microsoft:windows_2000:-:sp4');
    expect(hit?.certainty).toBe('confirmed');
  });
  it('does not report it on another platform of the same part', () => {
    expect(match(iis, IIS5, 'cpe:2.3:o:microsoft:windows_2000:-:sp3')).toBeNull();
    expect(match(iis, IIS5, 'cpe:2.3:o:microsoft:windows_xp:-:sp3')).toBeNull();
  });
  it('never reports the platform itself (vulnerable:false counts for the AND only)', () => {
    expect(match(iis, W2K_SP4)).toBeNull();
    expect(match(hue, 'cpe:2.3:h:philips:hue_bridge_bsb002:-')).toBeNull();
  });
  it('assumes the platform when none is given, and says so', () => {
    expect(match(iis, IIS5)).toMatchObject({ certainty: 'platform-assumed' });
    expect(match(iis, IIS5)?.rule).toContain('(assumed: no platform given)');
  });
  it('checks the vulnerable entry', () => {
    expect(match(iis, 'cpe:2.3:a:microsoft:internet_information_services:6.0', W2K_SP4)).toBeNull();
    expect(
      match(
        hue,
        'cpe:2.3:o:philips:hue_bridge_bsb002_firmware:1707040932',
        'cpe:2.3:h:philips:hue_bridge_bsb002:-',
      ),
    ).not.toBeNull();
    expect(
      match(
        hue,
        'cpe:2.3:o:philips:hue_bridge_bsb002_firmware:1711302058',
        'cpe:2.3:h:philips:hue_bridge_bsb002:-',
      ),
    ).toBeNull();
  });
});

describe('CVE-2024-3400 PAN-OS: no NVD configuration ("Awaiting Analysis"), matched through CVE 5 data', () => {
  const nvd = nvdRecord(FIXTURES.nvdFkie, 'CVE-2024-3400');
  it('has no configuration in the fkie record', () => {
    expect(nvd.vulnStatus).toBe('Awaiting Analysis');
    expect(nvd.configurations).toEqual([]);
  });
  const cve = cveOf('CVE-2024-3400', FIXTURES.nvdFkie, true);
  it.each<Row>([
    ['cpe:2.3:o:paloaltonetworks:pan-os:10.2.9', true, '10.2.9 is in 10.2.0 ≤ v < 10.2.9-h1 → affected'],
    ['cpe:2.3:o:paloaltonetworks:pan-os:10.2.9-h1', false],
    ['cpe:2.3:o:paloaltonetworks:pan-os:10.2.0', true],
    ['cpe:2.3:o:paloaltonetworks:pan-os:11.0.4', true],
    ['cpe:2.3:o:paloaltonetworks:pan-os:11.0.4-h1', false],
    ['cpe:2.3:o:paloaltonetworks:pan-os:11.1.2-h2', true],
    ['cpe:2.3:o:paloaltonetworks:pan-os:11.1.2-h3', false],
    ['cpe:2.3:o:paloaltonetworks:pan-os:10.1.0', false],
    ['cpe:2.3:o:paloaltonetworks:pan-os:9.1.17', false],
  ])('%s → affected %s', (cpe, affected, rule) => {
    const hit = match(cve, cpe);
    expect(hit !== null).toBe(affected);
    if (hit) expect(hit.via).toBe('cve5-cpe');
    if (hit && rule) expect(hit.rule).toContain(rule);
  });
  it('reads the CISA-ADP bound "10.2.9-h1 " with its trailing space', () => {
    const adp = cve.affected.find(
      (a) => a.provider === 'adp:CISA-ADP' && a.versions?.[0]?.version === '10.2.0',
    );
    expect(adp?.versions?.[0]?.lessThan).toBe('10.2.9-h1 ');
    expect(match(cve, 'cpe:2.3:o:paloaltonetworks:pan-os:10.2.9')?.rule).toContain(
      'CISA-ADP, via CPE cpe:2.3:o:paloaltonetworks:pan-os:10.2.0',
    );
  });
  it('falls back to the CNA names "Palo Alto Networks" / "PAN-OS" without CPEs', () => {
    const cnaOnly = { ...cve, affected: cve.affected.filter((a) => a.provider === 'cna') };
    const hit = match(cnaOnly, 'cpe:2.3:o:paloaltonetworks:pan-os:10.2.9');
    expect(hit).toMatchObject({ via: 'cve5-name' });
    expect(hit?.rule).toContain('names "Palo Alto Networks" / "PAN-OS" = paloaltonetworks:pan-os');
    expect(match(cnaOnly, 'cpe:2.3:o:paloaltonetworks:pan-os:10.2.9-h1')).toBeNull();
  });
});

describe('negate (CONSTRUCTED from the NVD configuration semantics: the samples hold no negate:true)', () => {
  // "example app before 2.0, on any operating system except Windows".
  const configurations: Configuration[] = [
    {
      operator: 'AND',
      nodes: [
        {
          operator: 'OR',
          cpeMatch: [
            {
              vulnerable: true,
              criteria: 'cpe:2.3:a:example:app:*:*:*:*:*:*:*:*',
              versionEndExcluding: '2.0',
            },
          ],
        },
        {
          operator: 'OR',
          negate: true,
          cpeMatch: [{ vulnerable: false, criteria: 'cpe:2.3:o:microsoft:windows:*:*:*:*:*:*:*:*' }],
        },
      ],
    },
  ];
  const cve = { id: 'CVE-0000-0001', configurations, affected: [] };
  it('reports the application on another system', () => {
    const hit = match(cve, 'cpe:2.3:a:example:app:1.5', 'cpe:2.3:o:debian:debian_linux:12');
    expect(hit?.rule).toContain('AND NOT cpe:2.3:o:microsoft:windows');
  });
  it('does not report it on the negated platform', () => {
    expect(match(cve, 'cpe:2.3:a:example:app:1.5', 'cpe:2.3:o:microsoft:windows:10')).toBeNull();
  });
  it('reports it when no platform is given (never assumes the excluded one)', () => {
    expect(match(cve, 'cpe:2.3:a:example:app:1.5')).not.toBeNull();
    expect(match(cve, 'cpe:2.3:a:example:app:2.0')).toBeNull();
  });
  it('inverts a whole negated node of vulnerable entries', () => {
    const negated = {
      id: 'CVE-0000-0002',
      affected: [],
      configurations: [
        {
          nodes: [
            {
              operator: 'OR' as const,
              negate: true,
              cpeMatch: [{ vulnerable: true, criteria: 'cpe:2.3:a:example:app:*:*:*:*:*:*:*:*' }],
            },
          ],
        },
      ],
    };
    expect(match(negated, 'cpe:2.3:a:example:app:1.0')).toBeNull();
  });
});

describe('Ivanti release encoded as update (derived NVD set)', () => {
  it('matches 9.0r3.3 inside 9.0r1 … 9.0r3.4, written either way', () => {
    const pulse = {
      id: 'CVE-TEST',
      affected: [],
      configurations: [
        {
          nodes: [
            {
              operator: 'OR' as const,
              cpeMatch: [
                {
                  vulnerable: true,
                  criteria: 'cpe:2.3:a:pulsesecure:pulse_connect_secure:*:*:*:*:*:*:*:*',
                  versionStartIncluding: '9.0r1',
                  versionEndExcluding: '9.0r3.4',
                },
              ],
            },
          ],
        },
      ],
    };
    expect(match(pulse, 'cpe:2.3:a:pulsesecure:pulse_connect_secure:9.0R3.3')).not.toBeNull();
    expect(match(pulse, 'cpe:2.3:a:pulsesecure:pulse_connect_secure:9.0:r3.3')).not.toBeNull();
    expect(match(pulse, 'cpe:2.3:a:pulsesecure:pulse_connect_secure:9.0R3.4')).toBeNull();
  });
});

describe('Citrix CVE 5 builds written relative to the branch (versionType "patch"), CVE-2023-3466', () => {
  const cve = cveOf('CVE-2023-3466', null, true);
  const adc = 'cpe:2.3:a:citrix:netscaler_application_delivery_controller';
  it.each<Row>([
    [`${adc}:13.1-49.12`, true, '13.1-49.12 is in 13.1 ≤ v < 13.1-49.13 → affected'],
    [`${adc}:13.1-49.13`, false],
    [`${adc}:13.0-91.12`, true],
    [`${adc}:13.0-91.13`, false],
    [`${adc}:14.1-4.42`, false],
  ])('%s → affected %s', (cpe, affected, rule) => {
    const hit = match(cve, cpe);
    expect(hit !== null).toBe(affected);
    if (hit) expect(hit.via).toBe('cve5-name');
    if (hit && rule) expect(hit.rule).toContain(rule);
  });
});
