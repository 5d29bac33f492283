/** The HTTPS probe against the lab's TLS web servers (clean, weak, self-signed, IIS and VPN imitations). */
import { beforeAll, describe, expect, it } from 'vitest';
import { labCa, labNetwork, probeContext, requireLab } from '../probe-lab-kit.js';
import { httpsProbe } from './https.probe.js';

const lab = labNetwork();

describe('https probe on the lab', () => {
  beforeAll(() =>
    requireLab([
      ['127.100.1.10', 443],
      ['127.100.1.20', 443],
      ['127.100.1.20', 8443],
      ['127.100.1.40', 443],
      ['127.100.1.50', 443],
    ]),
  );

  it('clean nginx: TLS 1.2/1.3, trusted certificate, HSTS', async () => {
    const match = await httpsProbe.run(
      probeContext(lab, '127.100.1.10', 443, { hostnames: ['www.hopital-sain.test'], trustedCa: [labCa()] }),
    );
    expect(match).toMatchObject({
      protocol: 'https',
      tls: true,
      tlsVersions: ['TLSv1.2', 'TLSv1.3'],
      certificate: { subject: 'O=Hygie lab, CN=www.hopital-sain.test', trusted: true, selfSigned: false },
      http: { status: 200, headers: { server: 'nginx' } },
    });
    expect(match?.http?.headers['strict-transport-security']).toContain('max-age=');
  });

  it('weak nginx: TLS 1.0 and 1.1 accepted, expired certificate, version disclosed', async () => {
    const match = await httpsProbe.run(probeContext(lab, '127.100.1.20', 443, { trustedCa: [labCa()] }));
    expect(match).toMatchObject({
      protocol: 'https',
      tlsVersions: ['TLSv1', 'TLSv1.1', 'TLSv1.2'],
      certificate: { trusted: false, trustError: 'CERT_HAS_EXPIRED' },
      http: { headers: { server: 'nginx/1.22.1' } },
    });
  });

  it('self-signed certificate on 8443', async () => {
    const match = await httpsProbe.run(probeContext(lab, '127.100.1.20', 8443, { trustedCa: [labCa()] }));
    expect(match).toMatchObject({
      certificate: { subject: 'CN=localhost.localdomain', selfSigned: true, trusted: false },
      http: { title: 'Administration' },
    });
  });

  it('IIS and VPN imitations: headers, markers and the Fortinet certificate', async () => {
    const iis = await httpsProbe.run(
      probeContext(lab, '127.100.1.40', 443, { hostnames: ['webmail.chu-lab.test'], trustedCa: [labCa()] }),
    );
    expect(iis).toMatchObject({
      http: { title: 'IIS7', headers: { 'x-aspnet-version': '2.0.50727' } },
      certificate: { trusted: true },
    });
    const vpn = await httpsProbe.run(probeContext(lab, '127.100.1.50', 443, { trustedCa: [labCa()] }));
    expect(vpn).toMatchObject({
      tlsVersions: ['TLSv1.2', 'TLSv1.3'],
      certificate: { selfSigned: true, subjectAltNames: ['FGT60FTK20000000'] },
      http: { headers: { server: 'xxxxxxxx-xxxxx' } },
    });
    expect(vpn?.http?.bodySample).toContain('/remote/login');
  });

  it('says no to plain services', async () => {
    expect(await httpsProbe.run(probeContext(lab, '127.100.1.20', 80, { timeoutMs: 3000 }))).toBeNull();
    expect(await httpsProbe.run(probeContext(lab, '127.100.6.10', 22, { timeoutMs: 3000 }))).toBeNull();
  });
});
