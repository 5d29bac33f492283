/**
 * The SMB probe against the lab's two Samba hosts (legacy: SMB1 and optional signing, on 445 and
 * through the NetBIOS session service on 139; secure: SMB 3 only, signing required) and the hostile peer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE, HOSTILE_PORTS, labNetwork, labPort, probeContext, requireLab } from '../probe-lab-kit.js';
import { smbProbe } from './smb.probe.js';

/** Lab addresses, lab ports only. */
const labNet = labNetwork();

const legacy445 = labPort('smb-legacy', 445);
const legacy139 = labPort('smb-legacy', 139);
const secure445 = labPort('smb-secure', 445);
beforeAll(() =>
  requireLab([
    [legacy445.address, 445],
    [legacy139.address, 139],
    [secure445.address, 445],
    [HOSTILE, 21],
  ]),
);

describe('smb probe on the lab', () => {
  it.each([
    ['legacy, direct TCP', legacy445, 'direct-tcp'],
    ['legacy, NetBIOS session', legacy139, 'netbios-session'],
    ['secure, direct TCP', secure445, 'direct-tcp'],
  ])('%s: SMB1 and signing as lab/hosts.json says', async (_name, target, transport) => {
    const expected = target.smb as { smb1: boolean; signingRequired: boolean };
    const r = await smbProbe.run(probeContext(labNet, target.address, target.port, { timeoutMs: 5000 }));
    expect(r).toMatchObject({
      protocol: 'smb',
      product: target.product,
      details: {
        dialect: '3.1.1',
        smb1: expected.smb1,
        signingRequired: expected.signingRequired,
        transport,
      },
    });
    expect((r?.details as { serverGuid: string }).serverGuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
  });
});

describe('smb probe on the hostile peer', () => {
  it.concurrent.each(HOSTILE_PORTS)('port %i: completes with nothing or a noted match', async (port) => {
    const r = await smbProbe.run(probeContext(labNet, HOSTILE, port, { timeoutMs: 1500 }));
    expect(r === null || (r.notes?.length ?? 0) > 0).toBe(true);
  });
});
