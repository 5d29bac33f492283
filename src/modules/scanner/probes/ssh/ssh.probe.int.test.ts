/** The SSH probe against the lab's OpenSSH (127.100.6.10:22). */
import { beforeAll, describe, expect, it } from 'vitest';
import { labNetwork, probeContext, readGreeting, requireLab } from '../probe-lab-kit.js';
import { sshProbe } from './ssh.probe.js';

const net = labNetwork();
const SSH = ['127.100.6.10', 22] as const;

describe('ssh probe on the lab', () => {
  beforeAll(() => requireLab([SSH]));

  it('reads the identification itself when the stage passed no greeting', async () => {
    const match = await sshProbe.run(probeContext(net, ...SSH));
    expect(match).toMatchObject({ protocol: 'ssh', product: 'OpenSSH', version: '9.2p1' });
    expect(match?.banner).toMatch(/^SSH-2\.0-OpenSSH_9\.2p1 Debian-/);
    expect(match?.details).toMatchObject({ protocolVersion: '2.0', software: 'OpenSSH_9.2p1' });
  });

  it('uses the greeting the stage read, without connecting again', async () => {
    const greeting = await readGreeting(net, ...SSH);
    expect(sshProbe.matchGreeting?.(greeting)).toMatchObject({ protocol: 'ssh' });
    expect(await sshProbe.run(probeContext(net, ...SSH, { greeting }))).toMatchObject({ protocol: 'ssh' });
  });

  it('says no on a port that is something else', async () => {
    expect(await sshProbe.run(probeContext(net, '127.100.5.10', 21, { timeoutMs: 3000 }))).toBeNull();
    expect(await sshProbe.run(probeContext(net, '127.100.1.20', 80, { timeoutMs: 3000 }))).toBeNull();
  });
});
