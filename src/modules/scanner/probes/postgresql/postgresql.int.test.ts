/** The PostgreSQL probe against the lab's PostgreSQL (no login attempted) and the hostile peer. */
import { beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE, HOSTILE_PORTS, labNetwork, labPort, probeContext, requireLab } from '../probe-lab-kit.js';
import { postgresqlProbe } from './postgresql.probe.js';

/** Lab addresses, lab ports only. */
const labNet = labNetwork();

const pg = labPort('postgresql', 5432);
beforeAll(() =>
  requireLab([
    [pg.address, 5432],
    [HOSTILE, 21],
  ]),
);

describe('postgresql probe on the lab', () => {
  it('PostgreSQL named by its refusal of protocol 4.0; TLS offered as lab/hosts.json says', async () => {
    const expected = pg.postgresql as { sslSupported: boolean };
    const r = await postgresqlProbe.run(probeContext(labNet, pg.address, 5432, { timeoutMs: 5000 }));
    expect(r).toMatchObject({
      protocol: 'postgresql',
      product: 'PostgreSQL',
      details: {
        sslSupported: expected.sslSupported,
        errorCode: '0A000',
        protocolRange: '3.0-3.0',
        versionRange: '14 to 17',
      },
    });
    expect(r?.notes).toBeUndefined();
  });
});

describe('postgresql probe on the hostile peer', () => {
  it.concurrent.each(HOSTILE_PORTS)('port %i: completes with nothing or a noted match', async (port) => {
    const r = await postgresqlProbe.run(probeContext(labNet, HOSTILE, port, { timeoutMs: 1500 }));
    expect(r === null || (r.notes?.length ?? 0) > 0).toBe(true);
  });
});
