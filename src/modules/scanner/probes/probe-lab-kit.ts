/**
 * Test-only kit for the probes' integration tests: the lab's description (`lab/hosts.json`), scope-
 * guarded networks built the way a scan builds them (loopback only: 127.0.0.0/8 allowed, the lab's
 * DNS server 127.100.0.53), probe contexts, the hostile peer, the lab CA as trust anchor, and a check
 * that fails with the fix to apply when the lab is not up (tests fail, never skip). Tests that run
 * their own listeners put them on 127.100.251.x or 127.100.252.x and scope a `probeNetwork` to that
 * /24. Not imported by production code.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  createConnectionLimiter,
  createScanNetwork,
  scopeFromTargets,
  type ScanNetwork,
} from '../../../platform/net/index.js';
import type { ProbeContext } from './probe.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** One port of a lab host; protocol-specific expectations (`dicom`, `rdp`, `smb`…) vary by port. */
export interface LabPort {
  readonly port: number;
  readonly [key: string]: unknown;
}

/** What the tests read from `lab/hosts.json`. */
export interface LabHosts {
  readonly allPorts: readonly number[];
  readonly hosts: readonly {
    readonly id: string;
    readonly address: string;
    readonly ports: readonly LabPort[];
  }[];
}

/** The machine-readable description of the lab. */
export const labHosts = JSON.parse(readFileSync(`${ROOT}lab/hosts.json`, 'utf8')) as LabHosts;

/** Port `port` of lab host `id`, with the host's address; throws if `lab/hosts.json` lacks it. */
export function labPort(id: string, port: number): LabPort & { readonly address: string } {
  const host = labHosts.hosts.find((h) => h.id === id);
  const entry = host?.ports.find((p) => p.port === port);
  if (!host || !entry) throw new Error(`lab/hosts.json has no ${id}:${port}`);
  return { ...entry, address: host.address };
}

/** The hostile lab peer (flood, wrong protocol, garbage, drip, stall, reset) and its ports. */
export const HOSTILE = '127.100.66.6';
export const HOSTILE_PORTS: readonly number[] =
  labHosts.hosts.find((h) => h.id === 'hostile')?.ports.map((p) => p.port) ?? [];

/** The lab CA certificate (PEM), created by `lab/up` under `lab/run/pki/`. */
export function labCa(): string {
  try {
    return readFileSync(`${ROOT}lab/run/pki/ca.crt`, 'utf8');
  } catch {
    throw new Error('lab is not up: lab/run/pki/ca.crt is missing (run lab/up)');
  }
}

/** A scan network scoped to `targets` (optionally to some ports), loopback only. */
export function probeNetwork(targets: readonly string[], ports?: readonly number[]): ScanNetwork {
  return createScanNetwork({
    scope: scopeFromTargets(targets, ports === undefined ? {} : { ports }),
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
  return probeNetwork(['127.100.0.0/16'], labHosts.allPorts);
}

/** A probe context for one endpoint (no hostnames, no greeting, 8 s unless told). */
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

/**
 * Throws `lab is not up: run lab/up` naming the lab endpoints that do not accept a connection,
 * dialled through the lab network (so only lab addresses and lab ports can be asked).
 */
export async function requireLab(endpoints: readonly (readonly [string, number])[]): Promise<void> {
  const net = labNetwork();
  const down: string[] = [];
  for (const [address, port] of endpoints) {
    const r = await net.dialer.probe(address, port, { connectTimeoutMs: 2000 });
    if (r.status !== 'open') down.push(`${address}:${port} is ${r.status}`);
  }
  if (down.length > 0) throw new Error(`lab is not up: run lab/up (${down.join(', ')})`);
}
