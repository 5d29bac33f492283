/** The VNC probe against the lab's TigerVNC without authentication (127.100.6.30:5900). */
import { beforeAll, describe, expect, it } from 'vitest';
import { labNetwork, probeContext, requireLab } from '../probe-lab-kit.js';
import { vncProbe } from './vnc.probe.js';

const net = labNetwork();
const VNC = ['127.100.6.30', 5900] as const;

describe('vnc probe on the lab', () => {
  beforeAll(() => requireLab([VNC]));

  it('reads RFB 3.8 and the security type None', async () => {
    expect(await vncProbe.run(probeContext(net, ...VNC))).toMatchObject({
      protocol: 'vnc',
      banner: 'RFB 003.008\\n',
      details: { rfbVersion: '003.008', securityTypes: ['None'], noAuth: true },
    });
  });

  it('says no to SSH', async () => {
    expect(await vncProbe.run(probeContext(net, '127.100.6.10', 22, { timeoutMs: 3000 }))).toBeNull();
  });
});
