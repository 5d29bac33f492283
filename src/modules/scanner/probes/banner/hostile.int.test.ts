/**
 * Every probe of list A (and the banner fallback) against every port of the hostile lab peer
 * (127.100.66.6: flood, wrong protocol, garbage, drip, stall, reset) with a small time budget:
 * each run must finish, with a result or null, and never throw. Completion is asserted, not timing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { probesA } from '../index-a.js';
import {
  HOSTILE,
  HOSTILE_PORTS,
  labNetwork,
  probeContext,
  readGreeting,
  requireLab,
} from '../probe-lab-kit.js';

const lab = labNetwork();
const probes = probesA;

describe('hostile peer cannot stall or crash a probe', () => {
  beforeAll(() => requireLab(HOSTILE_PORTS.map((p) => [HOSTILE, p] as const)));

  for (const port of HOSTILE_PORTS) {
    it(`every probe finishes on ${HOSTILE}:${port}`, async () => {
      const greeting = await readGreeting(lab, HOSTILE, port);
      const outcomes = await Promise.allSettled(
        probes.map((probe) => {
          probe.matchGreeting?.(greeting);
          return probe.run(probeContext(lab, HOSTILE, port, { timeoutMs: 1500 }));
        }),
      );
      for (const [i, outcome] of outcomes.entries()) {
        expect(outcome.status, `${probes[i]?.protocol ?? '?'} on ${port}`).toBe('fulfilled');
        const value = outcome.status === 'fulfilled' ? outcome.value : null;
        if (value !== null) expect(typeof value.protocol).toBe('string');
      }
      const named = outcomes.flatMap((o, i) =>
        o.status === 'fulfilled' && o.value !== null && o.value.protocol !== 'unknown'
          ? [probes[i]?.protocol]
          : [],
      );
      // Only the wrong-protocol port (an HTTP 400) may be called something: HTTP.
      expect(named.filter((p) => p !== 'http')).toEqual([]);
    });
  }
});
