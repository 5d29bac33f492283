/** The FTP probe against the lab's vsftpd (anonymous allowed) and a listener that refuses it. */
import * as nodeNet from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labNetwork, probeContext, probeNetwork, requireLab } from '../probe-lab-kit.js';
import { ftpProbe } from './ftp.probe.js';

const net = labNetwork();
const local = probeNetwork(['127.100.251.0/24']);
const FTP = ['127.100.5.10', 21] as const;
const received: string[] = [];

/** A minimal FTP server that asks for a password and refuses the anonymous one. */
const refusing = nodeNet.createServer((socket) => {
  socket.on('error', () => undefined);
  socket.write('220 Welcome to the Example FTP service.\r\n');
  socket.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString('latin1').split('\r\n').filter(Boolean)) {
      received.push(line);
      const verb = line.split(' ')[0]?.toUpperCase();
      if (verb === 'USER') socket.write('331 Please specify the password.\r\n');
      else if (verb === 'PASS') socket.write('530 Login incorrect.\r\n');
      else if (verb === 'QUIT') socket.end('221 Goodbye.\r\n');
      else socket.write('500 Unknown command.\r\n');
    }
  });
});
let refusingPort = 0;

describe('ftp probe', () => {
  beforeAll(async () => {
    await requireLab([FTP]);
    await new Promise<void>((resolve) => refusing.listen(0, '127.100.251.11', resolve));
    refusingPort = (refusing.address() as nodeNet.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => refusing.close(() => resolve())));

  it('vsftpd 3.0.3 offers anonymous login (lab)', async () => {
    const match = await ftpProbe.run(probeContext(net, ...FTP));
    expect(match).toMatchObject({
      protocol: 'ftp',
      banner: '220 (vsFTPd 3.0.3)',
      details: { anonymousLogin: true, anonymousOutcome: 'allowed', greeting: ['(vsFTPd 3.0.3)'] },
    });
  });

  it('a server that refuses the anonymous password', async () => {
    const match = await ftpProbe.run(probeContext(local, '127.100.251.11', refusingPort));
    expect(match).toMatchObject({
      protocol: 'ftp',
      details: { anonymousLogin: false, anonymousOutcome: 'refused' },
    });
    expect(received).toEqual(['FEAT', 'USER anonymous', 'PASS anonymous@', 'QUIT']);
  });

  it('says no to SMTP and SSH servers', async () => {
    expect(await ftpProbe.run(probeContext(net, '127.100.9.20', 25, { timeoutMs: 3000 }))).toBeNull();
    expect(await ftpProbe.run(probeContext(net, '127.100.6.10', 22, { timeoutMs: 3000 }))).toBeNull();
  });
});
