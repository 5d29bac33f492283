/** TLS observations against the lab's nginx servers and a fake SSLv3 server on 127.100.251.x. */
import * as nodeNet from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labCa, labNetwork, probeContext, probeNetwork, requireLab } from '../probe-lab-kit.js';
import { observeTls, sslv3Accepted, tlsVersionsAccepted } from './tls.observe.js';
import { startBudget } from '../banner/probe-session.js';

const lab = labNetwork();
const local = probeNetwork(['127.100.251.0/24']);
const CLEAN = ['127.100.1.10', 443] as const;
const WEAK = ['127.100.1.20', 443] as const;
const SELF = ['127.100.1.20', 8443] as const;

/** Answers any ClientHello with a (truncated) ServerHello for SSL 3.0, as an old appliance would. */
const ssl3Server = nodeNet.createServer((socket) => {
  socket.on('error', () => undefined);
  socket.once('data', () =>
    socket.end(Buffer.from([0x16, 0x03, 0x00, 0x00, 0x2a, 0x02, 0x00, 0x00, 0x26, 0x03, 0x00])),
  );
});
let ssl3Port = 0;

describe('TLS observations', () => {
  beforeAll(async () => {
    await requireLab([CLEAN, WEAK, SELF]);
    await new Promise<void>((resolve) => ssl3Server.listen(0, '127.100.251.31', resolve));
    ssl3Port = (ssl3Server.address() as nodeNet.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => ssl3Server.close(() => resolve())));

  it('clean nginx: TLS 1.2 and 1.3 only, certificate trusted by the lab CA for its name', async () => {
    const ctx = probeContext(lab, ...CLEAN, { hostnames: ['www.hopital-sain.test'], trustedCa: [labCa()] });
    const seen = await observeTls(ctx);
    expect(seen.ok && seen.observation.certificate).toMatchObject({
      subject: 'O=Hygie lab, CN=www.hopital-sain.test',
      trusted: true,
      trustError: null,
      selfSigned: false,
      subjectAltNames: ['www.hopital-sain.test', 'hopital-sain.test', 'mta-sts.hopital-sain.test'],
    });
    expect((await tlsVersionsAccepted(ctx)).versions).toEqual(['TLSv1.2', 'TLSv1.3']);
  });

  it('weak nginx: TLS 1.0 and 1.1 accepted, expired certificate', async () => {
    const ctx = probeContext(lab, ...WEAK, { hostnames: ['www.chu-lab.test'], trustedCa: [labCa()] });
    expect((await tlsVersionsAccepted(ctx)).versions).toEqual(['TLSv1', 'TLSv1.1', 'TLSv1.2']);
    const seen = await observeTls(ctx);
    expect(seen.ok && seen.observation.certificate).toMatchObject({
      trusted: false,
      trustError: 'CERT_HAS_EXPIRED',
      notAfter: '2024-01-01T00:00:00.000Z',
    });
  });

  it('self-signed certificate on 8443, and no SSLv3 on the lab', async () => {
    const ctx = probeContext(lab, ...SELF, { trustedCa: [labCa()] });
    const seen = await observeTls(ctx);
    expect(seen.ok && seen.observation.certificate).toMatchObject({ selfSigned: true, trusted: false });
    expect(await sslv3Accepted(ctx, startBudget(ctx))).toEqual({ accepted: false });
  });

  it('sees SSLv3 accepted by a server that answers ServerHello 3.0', async () => {
    const ctx = probeContext(local, '127.100.251.31', ssl3Port);
    expect(await sslv3Accepted(ctx, startBudget(ctx))).toEqual({ accepted: true });
  });

  it('a plain HTTP port is not TLS', async () => {
    const seen = await observeTls(probeContext(lab, '127.100.1.20', 80, { timeoutMs: 3000 }));
    expect(seen.ok).toBe(false);
  });
});
