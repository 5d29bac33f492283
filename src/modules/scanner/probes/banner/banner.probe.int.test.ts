/** The generic banner grab against the lab and a listener that waits for the client to speak. */
import * as nodeNet from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labNetwork, probeContext, probeNetwork, requireLab } from '../probe-lab-kit.js';
import { bannerProbe } from './banner.probe.js';

const lab = labNetwork();
const local = probeNetwork(['127.100.251.0/24']);

/** Says nothing until it gets a line, then answers with a banner. */
const shy = nodeNet.createServer((socket) => {
  socket.on('error', () => undefined);
  socket.once('data', () => socket.write('ACME-CTRL 2.1 ready\r\n'));
});
let shyPort = 0;

describe('banner probe', () => {
  beforeAll(async () => {
    await requireLab([['127.100.6.10', 22]]);
    await new Promise<void>((resolve) => shy.listen(0, '127.100.251.51', resolve));
    shyPort = (shy.address() as nodeNet.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => shy.close(() => resolve())));

  it('keeps what the server says first, escaped', async () => {
    const match = await bannerProbe.run(probeContext(lab, '127.100.6.10', 22));
    expect(match).toMatchObject({ protocol: 'unknown' });
    expect(match?.banner).toMatch(/^SSH-2\.0-OpenSSH_9\.2p1 .*\\r\\n$/);
  });

  it('nudges a silent server with CRLF', async () => {
    const match = await bannerProbe.run(probeContext(local, '127.100.251.51', shyPort, { timeoutMs: 5000 }));
    expect(match).toMatchObject({
      protocol: 'unknown',
      banner: 'ACME-CTRL 2.1 ready\\r\\n',
      details: { bannerSource: 'crlf' },
    });
  });

  it('uses the greeting the stage already read', async () => {
    const match = await bannerProbe.run(
      probeContext(local, '127.100.251.51', shyPort, { greeting: Buffer.from([0x00, 0x01, 0x41]) }),
    );
    expect(match).toMatchObject({ banner: '\\x00\\x01A', notes: ['binary answer'] });
  });
});
