/**
 * Probe contexts for the lab (`lab/hosts.json`) and for test listeners on 127.100.251.x: the
 * scope-guarded network built the way a scan builds it, the lab CA as trust anchor, and a check
 * that fails with the fix to apply when the lab is not up. Used by integration tests and demos.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createConnectionLimiter,
  createScanNetwork,
  scopeFromTargets,
  type ScanNetwork,
} from '../../../../platform/net/index.js';
import type { ProbeContext } from '../probe.js';

const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));

/** What the tests read from `lab/hosts.json`. */
export interface LabDescription {
  readonly allPorts: readonly number[];
  readonly hosts: readonly {
    readonly id: string;
    readonly address: string;
    readonly names: readonly string[];
  }[];
}

/** The machine-readable description of the lab. */
export function labDescription(): LabDescription {
  return JSON.parse(readFileSync(join(ROOT, 'lab/hosts.json'), 'utf8')) as LabDescription;
}

/** The lab CA certificate (PEM), created by `lab/up` under `lab/run/pki/`. */
export function labCa(): string {
  try {
    return readFileSync(join(ROOT, 'lab/run/pki/ca.crt'), 'utf8');
  } catch {
    throw new Error('lab is not up: lab/run/pki/ca.crt is missing (run lab/up)');
  }
}

/** A scan network over `cidr`, loopback only, optionally limited to some ports. */
export function loopbackNetwork(cidr: string, ports?: readonly number[]): ScanNetwork {
  return createScanNetwork({
    scope: scopeFromTargets([cidr], ports === undefined ? {} : { ports }),
    config: {
      netAllow: ['127.0.0.0/8'],
      netDeny: [],
      dnsServers: [{ host: '127.100.0.53', port: 53 }],
      excludedPorts: [],
    },
    limiter: createConnectionLimiter(),
  });
}

/** The lab network: 127.100.0.0/16, only the ports the lab opens. */
export function labNetwork(): ScanNetwork {
  return loopbackNetwork('127.100.0.0/16', labDescription().allPorts);
}

/** A probe context for one endpoint. */
export function probeContext(
  net: ScanNetwork,
  address: string,
  port: number,
  options: Partial<Pick<ProbeContext, 'hostnames' | 'greeting' | 'trustedCa' | 'timeoutMs'>> = {},
): ProbeContext {
  return {
    dialer: net.dialer,
    http: net.http,
    resolver: net.resolver,
    address,
    port,
    hostnames: options.hostnames ?? [],
    greeting: options.greeting ?? Buffer.alloc(0),
    timeoutMs: options.timeoutMs ?? 8000,
    ...(options.trustedCa ? { trustedCa: options.trustedCa } : {}),
  };
}

/** Reads the greeting the way the identify stage does (short wait, 4 KiB cap). */
export async function readGreeting(net: ScanNetwork, address: string, port: number): Promise<Buffer> {
  const r = await net.dialer.exchange(address, port, null, {
    untilIdleMs: 300,
    readTimeoutMs: 1500,
    totalTimeoutMs: 3000,
    maxBytes: 4096,
  });
  return r.status === 'open' ? Buffer.from(r.bytes) : Buffer.alloc(0);
}

/** Throws `lab is not up: run lab/up` naming the endpoints that do not accept a connection. */
export async function requireLab(
  net: ScanNetwork,
  endpoints: readonly (readonly [string, number])[],
): Promise<void> {
  const down: string[] = [];
  for (const [address, port] of endpoints) {
    const r = await net.dialer.probe(address, port, { connectTimeoutMs: 2000 });
    if (r.status !== 'open') down.push(`${address}:${port} (${r.status})`);
  }
  if (down.length > 0) throw new Error(`lab is not up: run lab/up (no answer from ${down.join(', ')})`);
}
