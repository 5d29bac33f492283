/** The SMTP probe against the lab's two Postfix servers (STARTTLS with a lab-CA certificate, and none). */
import { beforeAll, describe, expect, it } from 'vitest';
import { labCa, labNetwork, probeContext, requireLab } from '../probe-lab-kit.js';
import { smtpProbe } from './smtp.probe.js';

const net = labNetwork();
const CLEAN = ['127.100.9.10', 25] as const;
const WEAK = ['127.100.9.20', 25] as const;

describe('smtp probe on the lab', () => {
  beforeAll(() => requireLab([CLEAN, WEAK]));

  it('Postfix with STARTTLS: upgraded, certificate trusted by the lab CA', async () => {
    const match = await smtpProbe.run(
      probeContext(net, ...CLEAN, { hostnames: ['mx.hopital-sain.test'], trustedCa: [labCa()] }),
    );
    expect(match).toMatchObject({
      protocol: 'smtp',
      tls: false,
      banner: '220 mx.hopital-sain.test ESMTP Postfix (Debian/GNU)',
      details: { starttls: true, announcedHost: 'mx.hopital-sain.test' },
      certificate: { subject: 'O=Hygie lab, CN=mx.hopital-sain.test', trusted: true, selfSigned: false },
    });
    expect(match?.details?.extensions).toContain('STARTTLS');
    expect(match?.details?.starttlsProtocol).toMatch(/^TLSv1\.[23]$/);
  });

  it('Postfix without STARTTLS', async () => {
    const match = await smtpProbe.run(probeContext(net, ...WEAK));
    expect(match).toMatchObject({ protocol: 'smtp', details: { starttls: false } });
    expect(match?.certificate).toBeUndefined();
  });

  it('says no to FTP and VNC servers', async () => {
    expect(await smtpProbe.run(probeContext(net, '127.100.5.10', 21, { timeoutMs: 3000 }))).toBeNull();
    expect(await smtpProbe.run(probeContext(net, '127.100.6.30', 5900, { timeoutMs: 3000 }))).toBeNull();
  });
});
