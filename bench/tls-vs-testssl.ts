// Hygie's TLS verdicts against testssl.sh's, side by side on three lab HTTPS services, with wall times.
// Run: npx tsx bench/tls-vs-testssl.ts [--runs N] [--no-strace] [--save]
//      (needs `lab/up`, and testssl: apt-get install -y testssl.sh — not in CI; strace for the packet audit)
//
// For 127.100.1.20:443 (chu-lab.test, weak: expired certificate), 127.100.1.10:443 (hopital-sain.test, clean)
// and 127.100.1.20:8443 (www.chu-lab.test, self-signed certificate for localhost.localdomain):
// 1. Hygie: identification (the https probe: certificate, TLS 1.0–1.3 handshakes, SSLv3 by hand-built
//    hello), the cipher observer of the assess stage, then `runChecks` with the six tls.* checks only,
//    the lab CA as trust store. Timed twice: polite network defaults and a fast profile without rate limit.
// 2. testssl.sh -p -S -s -4 with JSON output, the lab CA added with --add-ca.
// 3. A verdict table (Hygie / testssl / same?) and median wall times over N runs (default 3).
// Safety: testssl runs with --nodns none, PHONE_OUT=false (no CRL/OCSP fetch) and --ip <lab address> (the
// host name only goes into SNI and the name check). testssl 3.0.8 still dials localhost:4433 and looks up
// "invalid." while probing its OpenSSL: NXCONNECT and an openssl wrapper send those to the target's port 0,
// and every run gets a private mount namespace whose /etc/resolv.conf names the lab DNS. The first
// testssl run of each host is traced with `strace -f`; the bench stops if anything but the target's own port
// and :0 (or a local socket) was contacted. Hygie's network is locked to the target address and port, every
// connection recorded. The testssl side lives in testssl-runner.ts, the verdict table in tls-verdicts.ts.
// `--save` writes bench/results/tls-vs-testssl.md (the discussion below the measured part is hand-written).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { gatherAssessmentInput, runChecks } from '../src/modules/scanner/assess/assess.js';
import {
  labCaPem,
  labPlan,
  labScanNetwork,
  requireLabUp,
} from '../src/modules/scanner/assess/fixtures/lab-observe.js';
import { loadEndOfLifeCatalogue } from '../src/modules/scanner/checks/end-of-life.load.js';
import { checks } from '../src/modules/scanner/checks/index.js';
import { buildTrustStore } from '../src/modules/scanner/findings/trust-store.js';
import { recordingConnect } from '../src/modules/scanner/fixtures/lab-kit.js';
import { identifyService } from '../src/modules/scanner/identify.js';
import { enrich, probes } from '../src/modules/scanner/probes/index.js';
import {
  createConnectionLimiter,
  createScanNetwork,
  DEFAULT_NET_LIMITS,
  scopeFromTargets,
  type NetLimits,
} from '../src/platform/net/index.js';
import {
  makeSandbox,
  runTestssl,
  sinkOf,
  TARGETS,
  testsslArgs,
  type ConnectAudit,
  type Sandbox,
  type Target,
  type TestsslRun,
} from './testssl-runner.js';
import { short, same, verdictKey, verdicts, yesNo, type HygieRun } from './tls-verdicts.js';

const LAB_BLOCK = '127.100.0.0/16';
const TLS_CHECK_IDS = [
  'tls.protocol-legacy',
  'tls.cipher-weak',
  'tls.cert-expired',
  'tls.cert-expiring',
  'tls.cert-self-signed',
  'tls.cert-name-mismatch',
] as const;
// Same profile as scan-vs-nmap's "fast": shows what the polite rate limit costs on one host.
const FAST: Partial<NetLimits> = {
  globalConcurrency: 512,
  perHostConcurrency: 8,
  perHostRatePerSecond: 100_000,
  perHostBurst: 64,
};

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 3) : 3;

const out: string[] = [];
const print = (line = ''): void => {
  out.push(line);
  console.log(line);
};

// ---------------------------------------------------------------- Hygie

const tlsChecks = checks.filter((c) => (TLS_CHECK_IDS as readonly string[]).includes(c.definition.id));
// A renamed check must fail the bench, not quietly drop a verdict line.
if (tlsChecks.length !== TLS_CHECK_IDS.length)
  throw new Error(`tls.* checks found: ${tlsChecks.map((c) => c.definition.id).join(', ')}`);

async function runHygie(target: Target, ca: string, limits: Partial<NetLimits>): Promise<HygieRun> {
  const recorder = recordingConnect();
  const network = createScanNetwork({
    connect: recorder.connect,
    scope: scopeFromTargets([target.address], { ports: [target.port] }),
    config: { netAllow: [LAB_BLOCK], netDeny: [], dnsServers: [], excludedPorts: [] },
    limiter: createConnectionLimiter(limits),
    limits,
  });
  const hostnames = [target.name];
  const t0 = performance.now();
  const service = await identifyService(
    { address: target.address, port: target.port, hostnames },
    { net: network, probes, enrich },
    { trustedCa: [ca] },
  );
  const t1 = performance.now();
  const input = await gatherAssessmentInput(
    network,
    { hosts: [{ address: target.address, hostnames, services: [service] }], domains: [] },
    {
      dnsServers: [],
      trustedCa: [ca],
      observers: { httpPaths: false, ciphers: true, smbGuest: false, dns: false, mail: false },
    },
  );
  const t2 = performance.now();
  const findings = await runChecks(input, {
    now: new Date(),
    trustStore: buildTrustStore([ca]),
    endOfLife: loadEndOfLifeCatalogue(),
    checks: tlsChecks,
  });
  const t3 = performance.now();
  if (service.tls !== true) throw new Error(`${target.address}:${target.port} was not identified as TLS`);
  return {
    identifyMs: t1 - t0,
    ciphersMs: t2 - t1,
    checksMs: t3 - t2,
    totalMs: t3 - t0,
    service,
    ciphers: input.services.find((s) => s.port === target.port)?.ciphers ?? [],
    findings,
    contacted: recorder.contacted.map((c) => `${c.address}:${c.port}`),
  };
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const spread = (values: readonly number[]): string => values.map((v) => (v / 1000).toFixed(2)).join(' / ');

// ---------------------------------------------------------------- main

interface HostResult {
  readonly target: Target;
  readonly polite: readonly HygieRun[];
  readonly fast: readonly HygieRun[];
  readonly theirs: readonly TestsslRun[];
  readonly audit: ConnectAudit | undefined;
}

const installed = (command: string): boolean =>
  spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).status === 0;

async function measure(target: Target, ca: string, sandbox: Sandbox, trace: boolean): Promise<HostResult> {
  // Untimed first run of each tool: warms caches and, under strace, audits testssl's destinations
  // before any timed run (the bench stops there if the audit fails).
  const first = runTestssl(target, sandbox, 0, trace);
  const audit = first.connects;
  if (audit && audit.elsewhere.length > 0) {
    for (const line of audit.elsewhere.slice(0, 20)) console.error(`    ${line}`);
    throw new Error(`testssl contacted something else than ${target.address}:${target.port}: stopping`);
  }
  await runHygie(target, ca, FAST);
  const polite: HygieRun[] = [];
  const fast: HygieRun[] = [];
  const theirs: TestsslRun[] = [];
  // Interleaved so that a change of load on the shared machine falls on every tool alike.
  for (let i = 1; i <= RUNS; i++) {
    polite.push(await runHygie(target, ca, DEFAULT_NET_LIMITS));
    fast.push(await runHygie(target, ca, FAST));
    theirs.push(runTestssl(target, sandbox, i, false));
  }
  const stray = [...polite, ...fast]
    .flatMap((h) => h.contacted)
    .filter((d) => d !== `${target.address}:${target.port}`);
  if (stray.length > 0) throw new Error(`Hygie contacted ${stray.join(', ')}: stopping`);
  return { target, polite, fast, theirs, audit };
}

function report(r: HostResult): string[] {
  const { target, polite, fast, theirs, audit } = r;
  const last = <T>(xs: readonly T[]): T => xs[xs.length - 1] as T;
  const rows = verdicts(last(polite), last(theirs));
  const stable = new Set([
    ...polite.map((h, i) => verdictKey(verdicts(h, theirs[i] as TestsslRun))),
    ...fast.map((h, i) => verdictKey(verdicts(h, theirs[i] as TestsslRun))),
  ]);
  const lines: string[] = [];
  lines.push(`## ${target.address}:${target.port} — ${target.name} (${target.label})`, '');
  lines.push('| verdict | Hygie | testssl | Hygie says | testssl says | same? |');
  lines.push('| --- | --- | --- | --- | --- | --- |');
  for (const v of rows)
    lines.push(
      `| ${v.item} | ${short(v.hygie)} | ${short(v.testssl)} | ${yesNo(v.hygieYes)} | ${yesNo(v.testsslYes)} | ${same(v)} |`,
    );
  lines.push('');
  const judged = rows.filter((v) => same(v) !== 'n/a');
  const differ = rows.filter((v) => same(v) === '**NO**').map((v) => v.item);
  lines.push(
    `Both tools judge ${judged.length} of ${rows.length} lines: ${judged.length - differ.length} agree` +
      `${differ.length > 0 ? `, ${differ.length} differ (${differ.join('; ')})` : ''}. ` +
      `Verdicts ${stable.size === 1 ? 'identical' : 'NOT identical'} over the ${RUNS} timed runs of each tool.`,
  );
  const findings = last(polite).findings.map((f) => f.check);
  lines.push(`Hygie findings (tls.* checks only): ${findings.length > 0 ? findings.join(', ') : 'none'}.`);
  lines.push(
    `Hygie: ${last(polite).contacted.length} connections per run, all runs to ${target.address}:${target.port} only ` +
      `(recorded by the socket factory of its scan network).`,
  );
  if (audit) {
    lines.push(
      `testssl under \`strace -f -e trace=connect,sendto,sendmsg,sendmmsg\` (the untimed first run): ` +
        `${[...audit.allowed].map(([k, n]) => `${n} × ${k}`).join(', ') || 'no INET destination'}; ` +
        `${audit.local} to local kernel/unix sockets; ${audit.elsewhere.length} anywhere else.`,
    );
  }
  lines.push('');
  return lines;
}

function timingRows(r: HostResult): string[] {
  const { target, polite, fast, theirs } = r;
  const ts = median(theirs.map((t) => t.ms));
  const hygie = (label: string, runs: readonly HygieRun[]): string => {
    const total = median(runs.map((h) => h.totalMs));
    return (
      `| ${target.name}:${target.port} | ${label} | ${seconds(median(runs.map((h) => h.identifyMs)))} | ` +
      `${seconds(median(runs.map((h) => h.ciphersMs)))} | ${median(runs.map((h) => h.checksMs)).toFixed(1)} ms | ` +
      `**${seconds(total)}** | ${spread(runs.map((h) => h.totalMs))} | **${(total / ts).toFixed(3)}** |`
    );
  };
  return [
    hygie(`Hygie, polite defaults (${DEFAULT_NET_LIMITS.perHostRatePerSecond} conn/s/host)`, polite),
    hygie('Hygie, fast (no rate limit)', fast),
    `| ${target.name}:${target.port} | testssl -p -S -s -4 | – | – | – | **${seconds(ts)}** | ${spread(theirs.map((t) => t.ms))} | 1.000 |`,
  ];
}

async function main(): Promise<void> {
  // Not `testssl --version`: it probes its OpenSSL the same leaky way (see OPENSSL_WRAPPER).
  if (!installed('testssl')) {
    console.error(
      'testssl is not installed: run "apt-get install -y testssl.sh" (not part of CI), then run this again.',
    );
    process.exit(2);
  }
  if (!installed('unshare')) {
    console.error('unshare (util-linux) is needed to give testssl its own /etc/resolv.conf.');
    process.exit(2);
  }
  const trace = !process.argv.includes('--no-strace');
  if (trace && !installed('strace')) {
    console.error('strace is not installed: run "apt-get install -y strace", or pass --no-strace.');
    process.exit(2);
  }
  const plan = labPlan();
  await requireLabUp(labScanNetwork(plan), plan);
  const ca = labCaPem();
  const sandbox = makeSandbox(ca, plan.dns.server);
  const load = (): string =>
    loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  const loadBefore = load();
  const started = new Date();
  const results: HostResult[] = [];
  try {
    for (const target of TARGETS) results.push(await measure(target, ca, sandbox, trace));
  } finally {
    rmSync(sandbox.dir, { recursive: true, force: true });
  }
  const loadAfter = load();
  const any = results[0]?.theirs[0];
  const dpkg = spawnSync('dpkg-query', ['-W', '-f=${Version}', 'testssl.sh'], { encoding: 'utf8' });

  print('# Hygie TLS checks vs testssl.sh');
  print();
  print(
    `${started.toISOString()} — testssl ${any?.version ?? '?'} (Debian package ${dpkg.stdout || '?'}, ${any?.openssl ?? '?'}) — ` +
      `Node ${process.version} (OpenSSL ${process.versions.openssl}) — ${cpus().length} cores (${cpus()[0]?.model.trim() ?? '?'}, shared with other work) — ${RUNS} timed runs per tool and host. ` +
      `Load average before/after: ${loadBefore} / ${loadAfter}.`,
  );
  print();
  print(
    'Hygie: `identifyService` (https probe: certificate, TLS 1.0–1.3 one handshake each, SSLv3 by hand-built hello, ' +
      'HTTP root page), the cipher observer of `gatherAssessmentInput` (other observers off), `runChecks` with the six ' +
      'tls.* checks; host name given, lab CA as trust store.',
  );
  print();
  print('testssl, for each host (temporary paths shortened):');
  print();
  for (const { target } of results)
    print(
      `    PHONE_OUT=false NXCONNECT=${sinkOf(target)} unshare --mount sh -c 'mount --bind "$0" /etc/resolv.conf && exec testssl "$@"' resolv.conf ${testsslArgs(target, 'lab-ca.pem', 'out.json', './openssl-no-localhost').join(' ')}`,
    );
  print();
  for (const r of results) for (const line of report(r)) print(line);

  print('## Wall times');
  print();
  print(
    `Median of ${RUNS} runs per tool and host (run one after the other, interleaved, never at the same time), ` +
      'after one untimed run of each. "runs" lists every total in seconds.',
  );
  print();
  print('| host | tool | identify | ciphers | checks | total (median) | runs | ratio Hygie/testssl |');
  print('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of results) for (const line of timingRows(r)) print(line);
  print();

  if (process.argv.includes('--save')) {
    mkdirSync('bench/results', { recursive: true });
    const file = 'bench/results/tls-vs-testssl.md';
    // The discussion is written by hand after a run: a new run replaces the measures and keeps it.
    const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const discussion = previous.indexOf('\n## Discussion');
    writeFileSync(file, `${out.join('\n')}\n${discussion >= 0 ? previous.slice(discussion) : ''}`);
    console.error(`saved ${file}`);
  }
}

await main();
