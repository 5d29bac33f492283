/** The MySQL probe against the lab's MariaDB (greeting only) and the hostile peer. */
import { beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE, HOSTILE_PORTS, labNetwork, labPort, probeContext, requireLab } from '../probe-lab-kit.js';
import { mysqlProbe } from './mysql.probe.js';

/** Lab addresses, lab ports only. */
const labNet = labNetwork();

const mariadb = labPort('mariadb', 3306);
beforeAll(() =>
  requireLab([
    [mariadb.address, 3306],
    [HOSTILE, 21],
  ]),
);

describe('mysql probe on the lab', () => {
  it('MariaDB: product and version from the greeting, as lab/hosts.json says', async () => {
    const r = await mysqlProbe.run(probeContext(labNet, mariadb.address, 3306, { timeoutMs: 5000 }));
    expect(r).toMatchObject({
      protocol: 'mysql',
      product: mariadb.product,
      details: { protocolVersion: 10 },
    });
    expect(r?.version?.startsWith(String(mariadb.version))).toBe(true);
    expect(r?.cpe?.[0]).toMatch(/^cpe:2\.3:a:mariadb:mariadb:10\.11\./);
    expect(r?.banner).toMatch(/^5\.5\.5-10\.11\.\d+-MariaDB/);
  });

  it('the greeting alone is enough (what the identify stage does when the server spoke first)', async () => {
    const greeting = await labNet.dialer.exchange(mariadb.address, 3306, null, {
      untilIdleMs: 300,
      totalTimeoutMs: 5000,
    });
    if (greeting.status !== 'open') throw new Error(greeting.note);
    expect(mysqlProbe.matchGreeting?.(greeting.bytes)).toMatchObject({ product: 'MariaDB' });
  });
});

describe('mysql probe on the hostile peer', () => {
  it.concurrent.each(HOSTILE_PORTS)('port %i: completes with nothing or a noted match', async (port) => {
    const r = await mysqlProbe.run(probeContext(labNet, HOSTILE, port, { timeoutMs: 1500 }));
    expect(r === null || (r.notes?.length ?? 0) > 0).toBe(true);
  });
});
