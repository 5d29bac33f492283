import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProbeMatch } from '../probes/probe.js';
import { enrichWithFingerprints, recogInputsOf, rfc2253 } from './identify.js';

const http = (headers: Record<string, string>, title?: string, bodySample = '') => ({
  url: 'http://127.100.1.20/',
  status: 200,
  headers,
  redirects: [],
  bodySample,
  ...(title ? { title } : {}),
});

describe('enrichWithFingerprints', () => {
  it('SSH: OpenSSH 9.2p1 on Debian 12, NVD-style CPE', () => {
    const out = enrichWithFingerprints({
      protocol: 'ssh',
      banner: 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10',
      details: { software: 'OpenSSH_9.2p1', comment: 'Debian-2+deb12u10' },
    });
    expect(out).toMatchObject({ product: 'OpenSSH', version: '9.2p1' });
    expect(out.cpe).toEqual([
      'cpe:2.3:a:openbsd:openssh:9.2:p1:*:*:*:*:*:*',
      'cpe:2.3:o:debian:debian_linux:12.0:*:*:*:*:*:*:*',
    ]);
    expect(out.details?.os).toMatchObject({ vendor: 'Debian', version: '12.0' });
  });

  it('FTP: vsftpd from the greeting', () => {
    const out = enrichWithFingerprints({
      protocol: 'ftp',
      details: { greeting: ['(vsFTPd 3.0.3)'], anonymousLogin: true },
    });
    expect(out).toMatchObject({
      product: 'vsFTPd',
      version: '3.0.3',
      cpe: ['cpe:2.3:a:beasts:vsftpd:3.0.3:*:*:*:*:*:*:*'],
    });
    expect(out.details?.anonymousLogin).toBe(true);
  });

  it('SMTP: Postfix on Debian', () => {
    const out = enrichWithFingerprints({
      protocol: 'smtp',
      details: { greeting: ['mail.chu-lab.test ESMTP Postfix (Debian/GNU)'] },
    });
    expect(out.product).toBe('Postfix');
    expect(out.cpe).toContain('cpe:2.3:a:postfix:postfix:-:*:*:*:*:*:*:*');
  });

  it('HTTP: nginx/1.22.1 with PHP, version from the Server header', () => {
    const out = enrichWithFingerprints({
      protocol: 'http',
      http: http({ server: 'nginx/1.22.1', 'x-powered-by': 'PHP/5.6.40' }, 'CHU Lab — Portail patient'),
    });
    expect(out).toMatchObject({ product: 'nginx', version: '1.22.1' });
    expect(out.cpe?.[0]).toBe('cpe:2.3:a:f5:nginx:1.22.1:*:*:*:*:*:*:*');
    expect(out.technologies).toContainEqual(expect.objectContaining({ name: 'PHP', version: '5.6.40' }));
  });

  it('HTTP: the IIS imitation gives IIS 7.5 and the Windows it implies', () => {
    const out = enrichWithFingerprints({
      protocol: 'http',
      http: http(
        { server: 'Microsoft-IIS/7.5', 'x-powered-by': 'ASP.NET', 'x-aspnet-version': '2.0.50727' },
        'IIS7',
      ),
    });
    expect(out).toMatchObject({ product: 'IIS', version: '7.5' });
    expect(out.cpe?.[0]).toBe('cpe:2.3:a:microsoft:internet_information_services:7.5:*:*:*:*:*:*:*');
    expect(out.cpe).toContain('cpe:2.3:o:microsoft:windows_server_2008:-:*:*:*:*:*:*:*');
    expect(out.details?.vendor).toBe('Microsoft');
  });

  it('HTTPS: the FortiGate imitation is named from markers and certificate', () => {
    const out = enrichWithFingerprints({
      protocol: 'https',
      http: http({ server: 'xxxxxxxx-xxxxx' }, undefined, '<script>top.location="/remote/login";</script>'),
      certificate: {
        subject: 'C=US, ST=California, L=Sunnyvale, O=Fortinet, OU=FortiGate, CN=FGT60FTK20000000',
        issuer: 'C=US, ST=California, L=Sunnyvale, O=Fortinet, OU=FortiGate, CN=FGT60FTK20000000',
        notBefore: '',
        notAfter: '',
        subjectAltNames: [],
        selfSigned: true,
      },
    });
    expect(out.product).toBe('Fortinet FortiGate SSL-VPN');
    expect(out.cpe).toEqual(['cpe:2.3:o:fortinet:fortios:-:*:*:*:*:*:*:*']);
    expect(out.details?.fingerprints).toContainEqual({
      database: 'x509.subject',
      description: 'Fortinet Gateway',
    });
  });

  it('keeps the probe fields and shape when nothing matches', () => {
    const match: ProbeMatch = { protocol: 'vnc', details: { noAuth: true } };
    expect(enrichWithFingerprints(match)).toEqual(match);
    const service = { port: 1, transport: 'tcp' as const, protocol: 'unknown', banner: 'x' };
    expect(enrichWithFingerprints(service)).toEqual(service);
  });

  it('builds recog inputs per protocol', () => {
    expect(recogInputsOf({ protocol: 'ssh', banner: 'SSH-2.0-dropbear_2022.83' })).toEqual([
      { database: 'ssh.banner', text: 'dropbear_2022.83' },
    ]);
    expect(rfc2253('C=US, O=Fortinet, CN=x')).toBe('CN=x,O=Fortinet,C=US');
  });

  it('never throws, whatever the probe recorded (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('ssh', 'ftp', 'smtp', 'telnet', 'http', 'https', 'ldap', 'unknown'),
        fc.string(),
        fc.array(fc.string(), { maxLength: 3 }),
        fc.dictionary(fc.string(), fc.string(), { maxKeys: 4 }),
        (protocol, text, lines, headers) => {
          enrichWithFingerprints({
            protocol,
            banner: text,
            details: { greeting: lines, text, software: text, rootDseBer: text },
            http: http(headers, text, text),
          });
        },
      ),
      { numRuns: 40 },
    );
  });
});
