/**
 * The lab identification table: every lab service that list A covers, identified the way the
 * identify stage does it (greeting read once, greeting match, then the probes in order) and
 * enriched from the fingerprint data, compared with what the lab discloses (`lab/hosts.json`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProbeMatch } from '../probes/probe.js';
import { fallbackProbe, probesA } from '../probes/index-a.js';
import { labCa, labNetwork, probeContext, readGreeting, requireLab } from '../probes/probe-lab-kit.js';
import { enrichWithFingerprints } from './identify.js';

const lab = labNetwork();

interface Expected {
  readonly target: string;
  readonly hostnames?: string[];
  readonly protocol: string;
  readonly product?: string;
  readonly version?: string;
  readonly cpe?: string;
  readonly check?: (m: ProbeMatch) => void;
}

const TABLE: readonly Expected[] = [
  { target: '127.100.1.10:80', hostnames: ['www.hopital-sain.test'], protocol: 'http', product: 'nginx' },
  {
    target: '127.100.1.10:443',
    hostnames: ['www.hopital-sain.test'],
    protocol: 'https',
    product: 'nginx',
    check: (m) => {
      expect(m.tlsVersions).toEqual(['TLSv1.2', 'TLSv1.3']);
      expect(m.certificate?.trusted).toBe(true);
    },
  },
  {
    target: '127.100.1.20:80',
    protocol: 'http',
    product: 'nginx',
    version: '1.22.1',
    cpe: 'cpe:2.3:a:f5:nginx:1.22.1:*:*:*:*:*:*:*',
    check: (m) =>
      expect(m.technologies).toContainEqual(expect.objectContaining({ name: 'PHP', version: '5.6.40' })),
  },
  {
    target: '127.100.1.20:443',
    protocol: 'https',
    product: 'nginx',
    version: '1.22.1',
    cpe: 'cpe:2.3:a:f5:nginx:1.22.1:*:*:*:*:*:*:*',
    check: (m) => {
      expect(m.tlsVersions).toEqual(['TLSv1', 'TLSv1.1', 'TLSv1.2']);
      expect(m.certificate?.trustError).toBe('CERT_HAS_EXPIRED');
    },
  },
  {
    target: '127.100.1.20:8443',
    protocol: 'https',
    product: 'nginx',
    version: '1.22.1',
    check: (m) => expect(m.certificate?.selfSigned).toBe(true),
  },
  { target: '127.100.1.30:80', protocol: 'http', product: 'nginx', version: '1.22.1' },
  {
    target: '127.100.1.40:80',
    protocol: 'http',
    product: 'IIS',
    version: '7.5',
    cpe: 'cpe:2.3:a:microsoft:internet_information_services:7.5:*:*:*:*:*:*:*',
    check: (m) =>
      expect(m.technologies).toContainEqual(
        expect.objectContaining({ name: 'Microsoft ASP.NET', version: '2.0.50727' }),
      ),
  },
  { target: '127.100.1.40:443', protocol: 'https', product: 'IIS', version: '7.5' },
  {
    target: '127.100.1.50:80',
    protocol: 'http',
    product: 'Fortinet FortiGate SSL-VPN',
    cpe: 'cpe:2.3:o:fortinet:fortios:-:*:*:*:*:*:*:*',
  },
  {
    target: '127.100.1.50:443',
    protocol: 'https',
    product: 'Fortinet FortiGate SSL-VPN',
    cpe: 'cpe:2.3:o:fortinet:fortios:-:*:*:*:*:*:*:*',
  },
  {
    target: '127.100.6.10:22',
    protocol: 'ssh',
    product: 'OpenSSH',
    version: '9.2p1',
    cpe: 'cpe:2.3:a:openbsd:openssh:9.2:p1:*:*:*:*:*:*',
  },
  {
    target: '127.100.5.10:21',
    protocol: 'ftp',
    product: 'vsFTPd',
    version: '3.0.3',
    cpe: 'cpe:2.3:a:beasts:vsftpd:3.0.3:*:*:*:*:*:*:*',
    check: (m) => expect(m.details?.anonymousLogin).toBe(true),
  },
  {
    target: '127.100.9.10:25',
    hostnames: ['mx.hopital-sain.test'],
    protocol: 'smtp',
    product: 'Postfix',
    check: (m) => {
      expect(m.details?.starttls).toBe(true);
      expect(m.certificate?.trusted).toBe(true);
    },
  },
  {
    target: '127.100.9.20:25',
    protocol: 'smtp',
    product: 'Postfix',
    check: (m) => expect(m.details?.starttls).toBe(false),
  },
  { target: '127.100.6.20:23', protocol: 'telnet', check: (m) => expect(m.details?.loginPrompt).toBe(true) },
  { target: '127.100.6.30:5900', protocol: 'vnc', check: (m) => expect(m.details?.noAuth).toBe(true) },
];

const split = (target: string): [string, number] => {
  const [address = '', port = '0'] = target.split(':');
  return [address, Number(port)];
};

/** Identifies one endpoint like the identify stage, with list A only. */
async function identify(address: string, port: number, hostnames: string[]): Promise<ProbeMatch | null> {
  const greeting = await readGreeting(lab, address, port);
  const ctx = probeContext(lab, address, port, {
    hostnames,
    greeting,
    trustedCa: [labCa()],
    timeoutMs: 8000,
  });
  let match: ProbeMatch | null = null;
  for (const probe of probesA.filter((p) => p !== fallbackProbe)) {
    const early = greeting.length > 0 ? (probe.matchGreeting?.(greeting) ?? null) : null;
    if (probe.greetingFirst && greeting.length === 0) continue;
    if (probe.greetingFirst && early === null && probe.matchGreeting) continue;
    const result = await probe.run(ctx);
    match = result ? { ...early, ...result } : null;
    if (match) break;
  }
  match ??= await fallbackProbe.run(ctx);
  return match ? enrichWithFingerprints(match) : null;
}

describe('lab identification table (list A + fingerprints)', () => {
  const rows: string[] = [];
  beforeAll(() => requireLab(TABLE.map((row) => split(row.target))));

  for (const row of TABLE) {
    it(`${row.target} → ${row.protocol} ${row.product ?? ''} ${row.version ?? ''}`, async () => {
      const [address, port] = split(row.target);
      const match = await identify(address, port, row.hostnames ?? []);
      rows.push(
        `| ${row.target} | ${match?.protocol ?? '-'} | ${match?.product ?? '-'} | ${match?.version ?? '-'} | ${(match?.cpe ?? []).join('<br>') || '-'} |`,
      );
      expect(match?.protocol).toBe(row.protocol);
      if (row.product !== undefined) expect(match?.product).toBe(row.product);
      if (row.version !== undefined) expect(match?.version).toBe(row.version);
      if (row.cpe !== undefined) expect(match?.cpe).toContain(row.cpe);
      row.check?.(match as ProbeMatch);
    });
  }

  it('prints the table', () => {
    console.info(
      [
        '| address:port | protocol | product | version | cpe |',
        '| --- | --- | --- | --- | --- |',
        ...rows,
      ].join('\n'),
    );
    expect(rows).toHaveLength(TABLE.length);
  });
});
