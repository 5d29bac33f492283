// The confined testssl.sh invocation of bench/tls-vs-testssl.ts: the allowed lab targets, the sandbox
// (NXCONNECT sink, openssl wrapper, private /etc/resolv.conf in a mount namespace, PHONE_OUT=false, temporary
// working directory), the strace audit of where testssl's processes sent something, and the reading of
// testssl's JSON. Only bench/tls-vs-testssl.ts runs it; never run testssl by hand outside this sandbox.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface Target {
  readonly label: string;
  readonly address: string;
  readonly port: number;
  readonly name: string;
}

export const TARGETS: readonly Target[] = [
  { label: 'weak', address: '127.100.1.20', port: 443, name: 'chu-lab.test' },
  { label: 'clean', address: '127.100.1.10', port: 443, name: 'hopital-sain.test' },
  // lab/hosts.json: the weak host's second nginx server (server_name _), a self-signed certificate for
  // localhost.localdomain only: tls.cert-self-signed and tls.cert-name-mismatch are planted there. The name
  // is the host's first published name, which that certificate does not cover.
  { label: 'self-signed', address: '127.100.1.20', port: 8443, name: 'www.chu-lab.test' },
];

const TESTSSL_TIMEOUT_MS = 15 * 60_000;

/** A bench bug must not hand testssl anything but one of the lab HTTPS services above. */
function labTarget(target: Target): Target {
  if (!TARGETS.includes(target) || !/^127\.100\.\d{1,3}\.\d{1,3}$/.test(target.address))
    throw new Error(`refusing to test ${target.address}:${target.port}`);
  return target;
}

export interface TestsslRun {
  readonly ms: number;
  /** id (certificate suffix such as " <cert#1>" removed) → findings. */
  readonly findings: ReadonlyMap<string, readonly string[]>;
  readonly version: string;
  readonly openssl: string;
  readonly connects?: ConnectAudit;
}

/** Where testssl's processes sent something: the allowed lab endpoints, local sockets, anything else. */
export interface ConnectAudit {
  readonly allowed: Map<string, number>;
  local: number;
  readonly elsewhere: string[];
}

/** Files the sandbox of every testssl run needs, made once in the bench's temporary directory. */
export interface Sandbox {
  readonly dir: string;
  readonly caFile: string;
  readonly opensslWrapper: string;
  readonly resolvConf: string;
}

// testssl 3.0.8 probes its OpenSSL with "s_client <option>" and no -connect (OpenSSL then dials
// localhost:4433, IPv6 and IPv4), and probes curves with "-connect invalid." (a DNS query to the
// system resolver), even under --nodns none: both seen under strace on this machine. NXCONNECT
// (testssl's own variable) moves the second to the target's port 0; this wrapper the first.
const OPENSSL_WRAPPER = `#!/bin/bash
if [[ "$1" == s_client ]]; then
  for a in "$@"; do case "$a" in -connect|-connect=*|-host|-port|-unix) exec openssl "$@" ;; esac; done
  exec openssl "$@" -connect "$NXCONNECT"
fi
exec openssl "$@"
`;

export function makeSandbox(ca: string, labDns: string): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'hygie-tls-vs-testssl-'));
  const sandbox = {
    dir,
    caFile: join(dir, 'lab-ca.pem'),
    opensslWrapper: join(dir, 'openssl-no-localhost'),
    resolvConf: join(dir, 'resolv.conf'),
  };
  writeFileSync(sandbox.caFile, ca);
  writeFileSync(sandbox.opensslWrapper, OPENSSL_WRAPPER, { mode: 0o755 });
  // Inside testssl's mount namespace only: a lookup nobody foresaw goes to the lab's DNS on loopback
  // (and fails the audit below) instead of to the machine's resolver.
  writeFileSync(sandbox.resolvConf, `nameserver ${labDns}\n`);
  return sandbox;
}

export function testsslArgs(target: Target, caFile: string, jsonFile: string, openssl: string): string[] {
  const t = labTarget(target);
  return [
    '--openssl',
    openssl,
    '--nodns',
    'none',
    '--quiet',
    '--color',
    '0',
    '--warnings',
    'off',
    '--add-ca',
    caFile,
    '--jsonfile-pretty',
    jsonFile,
    '-p',
    '-S',
    '-s',
    '-4',
    '--ip',
    t.address,
    `https://${t.name}:${t.port}/`,
  ];
}

/** The NXCONNECT sink: the target's port 0, where no listener can exist (refused at once, on loopback). */
export const sinkOf = (target: Target): string => `${labTarget(target).address}:0`;

/** Collects every `{ id, finding }` object of testssl's pretty JSON, wherever it sits. */
function testsslFindings(json: unknown): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record.id === 'string' && typeof record.finding === 'string') {
      const id = record.id.replace(/\s*<[^>]*>$/, '');
      found.set(id, [...(found.get(id) ?? []), record.finding]);
    }
    for (const value of Object.values(record)) if (typeof value === 'object') walk(value);
  };
  walk(json);
  return found;
}

/**
 * Reads `strace -f` output: every address given to connect(), sendto(), sendmsg(), sendmmsg().
 * Stricter than "loopback only": the target's port and the NXCONNECT sink are the only INET
 * destinations allowed; 127.0.0.1, the lab DNS, IPv6 … all count as elsewhere.
 */
function auditConnects(trace: string, target: Target): ConnectAudit {
  const allowedKeys = new Set([`${target.address}:${target.port}`, sinkOf(target)]);
  const audit: ConnectAudit = { allowed: new Map(), local: 0, elsewhere: [] };
  for (const line of trace.split('\n')) {
    if (!/\b(connect|sendto|sendmsg|sendmmsg)\(/.test(line)) continue;
    const family = /sa_family=(AF_[A-Z0-9]+)/.exec(line)?.[1];
    if (family === undefined) continue;
    if (family === 'AF_UNIX' || family === 'AF_LOCAL' || family === 'AF_NETLINK' || family === 'AF_UNSPEC') {
      audit.local++;
      continue;
    }
    const ip = /inet_addr\("([^"]+)"\)/.exec(line)?.[1];
    const port = /htons\((\d+)\)/.exec(line)?.[1] ?? '?';
    const key = `${ip ?? '?'}:${port}`;
    if (family === 'AF_INET' && allowedKeys.has(key))
      audit.allowed.set(key, (audit.allowed.get(key) ?? 0) + 1);
    else audit.elsewhere.push(line.trim().slice(0, 200));
  }
  return audit;
}

/**
 * testssl in a private mount namespace whose /etc/resolv.conf names the lab DNS (the bind mount
 * never reaches the rest of the machine); root needs no user namespace, anyone else gets one.
 */
function sandboxed(sandbox: Sandbox, args: readonly string[]): string[] {
  const unshare =
    process.getuid?.() === 0 ? ['unshare', '--mount'] : ['unshare', '--mount', '--map-root-user'];
  return [
    ...unshare,
    'sh',
    '-c',
    'mount --bind "$0" /etc/resolv.conf && exec testssl "$@"',
    sandbox.resolvConf,
    ...args,
  ];
}

export function runTestssl(target: Target, sandbox: Sandbox, run: number, trace: boolean): TestsslRun {
  const jsonFile = join(sandbox.dir, `${target.label}-${run}.json`);
  const traceFile = join(sandbox.dir, `${target.label}-${run}.strace`);
  const inner = sandboxed(sandbox, testsslArgs(target, sandbox.caFile, jsonFile, sandbox.opensslWrapper));
  const command = trace
    ? ['strace', '-f', '-qq', '-e', 'trace=connect,sendto,sendmsg,sendmmsg', '-o', traceFile, ...inner]
    : inner;
  const t0 = performance.now();
  const r = spawnSync(command[0] ?? 'unshare', command.slice(1), {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: TESTSSL_TIMEOUT_MS,
    // testssl runs `git log` in its working directory to print its version: not in this repository.
    cwd: sandbox.dir,
    // PHONE_OUT is testssl's switch for CRL and OCSP fetching: forced off whatever the caller's environment.
    env: { ...process.env, PHONE_OUT: 'false', NXCONNECT: sinkOf(target) },
  });
  const ms = performance.now() - t0;
  if (r.error) throw r.error;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(jsonFile, 'utf8'));
  } catch {
    throw new Error(`testssl wrote no JSON (exit ${r.status}): ${(r.stderr || r.stdout).slice(-2000)}`);
  }
  const header = json as { version?: unknown; openssl?: unknown };
  const text = (v: unknown): string => (typeof v === 'string' ? v : '?');
  return {
    ms,
    findings: testsslFindings(json),
    version: text(header.version).replace(/\s+from\s*$/, ''),
    openssl: text(header.openssl),
    ...(trace ? { connects: auditConnects(readFileSync(traceFile, 'utf8'), target) } : {}),
  };
}
