/**
 * `hygie scan TARGET…` (run a scan here, result on stdout or a file, progress on stderr) and
 * `hygie scanner list-scans | show-scan ID`. Thin: options → service calls → printing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { HygieError } from '../../lib/errors.js';
import type { CliRuntime, OpenCliRuntime } from '../../platform/module.js';
import { parseCtExport } from './discovery/ct-file.js';
import { printScanDiff, registerFindingCli } from './finding.cli.js';
import { toSarif } from './findings/sarif.js';
import type { PipelineProgress } from './scan-pipeline.js';
import { formatResultTable } from './scan-result.table.js';
import { createScanRuntime, type ScanRuntime } from './scan-runtime.js';
import { buildScanResult, getScanView, listScans, resumeScan, runScan } from './scan.service.js';
import { ScannerErrors } from './scanner.errors.js';
import type { ScanRun } from './scanner.types.js';

/** Where the commands write and what they scan with; tests pass their own. */
export interface ScannerCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stderr is a terminal (progress bar instead of lines). */
  readonly isTTY: boolean;
  /** Builds the scan runtime (network configuration, limiter, probes). */
  runtime(overrides: Partial<ScanRuntime>): ScanRuntime;
}

const processIo: ScannerCliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stderr.isTTY),
  runtime: (overrides) => createScanRuntime(overrides),
};

/** Options of `hygie scan`. */
interface ScanCliOptions {
  ports: string;
  excludePorts?: string;
  dnsServer?: string[];
  ctFile?: string[];
  structure?: string;
  format: string;
  output?: string;
  resume?: string;
  timeoutMs?: string;
  caFile?: string[];
  wordlist: boolean;
  diff?: string;
  against?: string;
}

const FORMATS = ['json', 'table', 'sarif'];

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Prints a HygieError as the fix to apply and sets the exit code; other errors propagate. */
function reportError(io: ScannerCliIo, runtime: CliRuntime, error: unknown): void {
  if (!(error instanceof HygieError)) throw error;
  io.stderr(`${error.code}: ${error.messageIn(runtime.ctx.lang)}\n`);
  for (const d of error.details) io.stderr(`  ${d.field ? `${d.field}: ` : ''}${d.message}\n`);
  process.exitCode = 2;
}

/** Progress on stderr: a bar on a terminal, a line every few seconds otherwise. */
function progressReporter(io: ScannerCliIo): { update(p: PipelineProgress): void; stop(): void } {
  if (io.isTTY) {
    const bar = new SingleBar(
      {
        format: '{stage} |{bar}| {value}/{total}',
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: false,
      },
      Presets.shades_classic,
    );
    let stage = '';
    return {
      update(p) {
        const label = `${p.stage}${p.round > 0 ? ` (round ${p.round + 1})` : ''}`.padEnd(18);
        if (label !== stage) {
          if (stage !== '') bar.stop();
          stage = label;
          bar.start(Math.max(p.total, 1), p.done, { stage: label });
        } else {
          bar.setTotal(Math.max(p.total, 1));
          bar.update(p.done, { stage: label });
        }
      },
      stop: () => bar.stop(),
    };
  }
  let last = 0;
  let stage = '';
  return {
    update(p) {
      const t = Date.now();
      const label = `${p.stage}${p.round > 0 ? ` (round ${p.round + 1})` : ''}`;
      if (label === stage && t - last < 2_000 && p.done !== p.total) return;
      stage = label;
      last = t;
      io.stderr(`[scan] ${label}: ${p.done}/${p.total}\n`);
    },
    stop: () => undefined,
  };
}

function readCtFiles(files: readonly string[]): string[] {
  const names: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new HygieError(ScannerErrors.SCANNER_CT_FILE_INVALID, {
        reason: `${file}: ${(error as Error).message}`,
      });
    }
    const parsed = parseCtExport(text);
    if (!parsed.ok)
      throw new HygieError(ScannerErrors.SCANNER_CT_FILE_INVALID, { reason: `${file}: ${parsed.reason}` });
    names.push(...parsed.value.names);
  }
  return [...new Set(names)];
}

function parseTimeout(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value)) throw new HygieError(ScannerErrors.SCANNER_TIMEOUT_INVALID);
  return value;
}

/** Registers `hygie scan` and `hygie scanner …`. */
export function registerScannerCli(
  program: Command,
  open: OpenCliRuntime,
  io: ScannerCliIo = processIo,
): void {
  program
    .command('scan')
    .description(
      'Scan targets (IP addresses, CIDR blocks up to /16, domain names): discovery, ports, identification',
    )
    .argument('[targets...]', 'IP addresses, CIDR blocks or domain names')
    .option('--ports <list>', 'top100, top1000, all, or a list such as 80,443,8000-8100', 'top100')
    .option('--exclude-ports <list>', 'ports never contacted (added to HYGIE_SCAN_EXCLUDE_PORTS)')
    .option(
      '--dns-server <host[:port]>',
      'DNS server to use instead of HYGIE_DNS_SERVERS (repeatable)',
      collect,
    )
    .option('--ct-file <file>', 'certificate-transparency export in crt.sh JSON format (repeatable)', collect)
    .option('--structure <finess|id>', "add a registry structure's domains and networks to the targets")
    .option('--format <format>', 'json (the hygie.scan/1 document), table or sarif (SARIF 2.1.0)', 'table')
    .option('--output <file>', 'write the result to a file instead of stdout')
    .option('--resume <id>', 'continue an interrupted scan')
    .option('--timeout-ms <n>', 'connect and probe timeout in milliseconds (default 5000)')
    .option('--ca-file <file>', 'PEM trust anchor to judge certificates against (repeatable)', collect)
    .option('--no-wordlist', 'do not try the subdomain wordlist')
    .option(
      '--diff <id>',
      'without targets: how scan <id> compares with the previous scan of its scope; with targets: compare the new scan with <id>',
    )
    .option('--against <id>', 'with --diff and no targets: the scan to compare with')
    .action(async (targets: string[], opts: ScanCliOptions) => {
      if (!FORMATS.includes(opts.format)) {
        io.stderr('--format must be json, table or sarif\n');
        process.exitCode = 2;
        return;
      }
      if (opts.diff && !opts.resume && targets.length === 0 && !opts.structure) {
        const runtime = await open();
        try {
          await printScanDiff(io, runtime.ctx, opts.diff, {
            ...(opts.against ? { againstId: opts.against } : {}),
            format: opts.format,
          });
        } catch (error) {
          reportError(io, runtime, error);
        } finally {
          await runtime.close();
        }
        return;
      }
      if (!opts.resume && targets.length === 0 && !opts.structure) {
        io.stderr(
          'Give at least one target (IP address, CIDR block, domain name), --structure, or --resume ID.\n',
        );
        process.exitCode = 2;
        return;
      }
      if (!process.env.HYGIE_NET_ALLOW) {
        io.stderr(
          'Warning: HYGIE_NET_ALLOW is not set: only the scan scope limits what is contacted. ' +
            'Set it (and HYGIE_NET_DENY) to bound every scan of this machine.\n',
        );
      }
      const runtime = await open();
      const progress = progressReporter(io);
      const controller = new AbortController();
      let scanId: string | undefined;
      const onSignal = (): void => {
        if (controller.signal.aborted) process.exit(130);
        io.stderr('\nInterrupting: finishing the connections in flight (Ctrl-C again to quit at once)…\n');
        controller.abort();
      };
      process.on('SIGINT', onSignal);
      try {
        const scanRuntime = io.runtime({
          ...(opts.caFile ? { trustedCa: opts.caFile.map((f) => readFileSync(f, 'utf8')) } : {}),
        });
        const hooks = {
          runtime: scanRuntime,
          signal: controller.signal,
          onProgress: (p: PipelineProgress) => progress.update(p),
          onCreated: (run: ScanRun) => {
            scanId = run.id;
            io.stderr(`Scan ${run.id}: ${run.targets.length} targets, ports ${run.options.ports}\n`);
          },
        };
        let run: ScanRun;
        if (opts.resume) {
          scanId = opts.resume;
          io.stderr(`Resuming scan ${opts.resume}\n`);
          run = await resumeScan(runtime.ctx, opts.resume, hooks);
        } else {
          const timeoutMs = parseTimeout(opts.timeoutMs);
          run = await runScan(
            runtime.ctx,
            {
              targets,
              ports: opts.ports,
              ...(opts.excludePorts === undefined ? {} : { excludePorts: opts.excludePorts }),
              ...(opts.dnsServer === undefined ? {} : { dnsServers: opts.dnsServer }),
              ...(opts.ctFile === undefined ? {} : { ctNames: readCtFiles(opts.ctFile) }),
              ...(opts.structure === undefined ? {} : { structure: opts.structure }),
              ...(timeoutMs === undefined ? {} : { timeoutMs }),
              ...(opts.wordlist ? {} : { wordlist: false }),
            },
            hooks,
          );
        }
        progress.stop();
        const result = await buildScanResult(runtime.ctx, run);
        const text =
          opts.format === 'json'
            ? `${JSON.stringify(result, null, 2)}\n`
            : opts.format === 'sarif'
              ? `${JSON.stringify(toSarif(result, { language: runtime.ctx.lang }), null, 2)}\n`
              : formatResultTable(result);
        if (opts.output) writeFileSync(opts.output, text);
        else io.stdout(text);
        if (opts.diff && run.assessedAt) {
          await printScanDiff(
            opts.output ? { stdout: (t: string) => io.stderr(t) } : io,
            runtime.ctx,
            run.id,
            {
              againstId: opts.diff,
              format: opts.format === 'json' ? 'json' : 'table',
            },
          );
        }
        if (run.stage !== 'done') {
          io.stderr(
            `Scan ${run.id} stopped (${run.error ?? run.status}): resume with "hygie scan --resume ${run.id}"\n`,
          );
          process.exitCode = controller.signal.aborted ? 130 : 1;
        } else if (run.status === 'failed') {
          io.stderr(`Scan ${run.id} failed: ${run.error ?? ''}\n`);
          process.exitCode = 1;
        } else {
          io.stderr(
            `Scan ${run.id} ${run.status}: ${result.hosts.length} hosts, ${result.domains.length} domains, ${result.findings.length} findings, ${result.scan.refused.length} refused\n`,
          );
        }
      } catch (error) {
        progress.stop();
        if (scanId) io.stderr(`Scan ${scanId}\n`);
        reportError(io, runtime, error);
      } finally {
        process.off('SIGINT', onSignal);
        await runtime.close();
      }
    });

  const group = program
    .command('scanner')
    .description(
      'Scan runs and findings: list and show them, triage findings (run a scan with `hygie scan`)',
    );
  registerFindingCli(group, open, io, (runtime, error) => reportError(io, runtime, error));
  group
    .command('list-scans')
    .description('List scan runs, newest first')
    .option('--limit <n>', 'how many runs', '25')
    .option('--json', 'print JSON')
    .action(async (opts: { limit: string; json?: boolean }) => {
      const runtime = await open();
      try {
        const page = await listScans(runtime.ctx, { pageSize: Number(opts.limit) || 25 });
        if (opts.json) {
          io.stdout(`${JSON.stringify(page.items, null, 2)}\n`);
          return;
        }
        for (const s of page.items) {
          io.stdout(
            `${s.id}  ${s.createdAt}  ${s.status.padEnd(9)}  ${s.stage.padEnd(8)}  ${String(s.counts.services).padStart(4)} services  ${s.targets.slice(0, 4).join(' ')}${s.targets.length > 4 ? ' …' : ''}\n`,
          );
        }
        io.stdout(`(${page.items.length} of ${page.total})\n`);
      } catch (error) {
        reportError(io, runtime, error);
      } finally {
        await runtime.close();
      }
    });
  group
    .command('show-scan')
    .description('Show a scan run: status, hosts and services (--json: the hygie.scan/1 document)')
    .argument('<id>', 'scan id')
    .option('--json', 'print the hygie.scan/1 document')
    .action(async (id: string, opts: { json?: boolean }) => {
      const runtime = await open();
      try {
        const { scan, result } = await getScanView(runtime.ctx, id);
        if (opts.json) {
          io.stdout(`${JSON.stringify(result, null, 2)}\n`);
          return;
        }
        io.stdout(`Status: ${scan.status} (stage ${scan.stage})${scan.error ? ` — ${scan.error}` : ''}\n`);
        io.stdout(formatResultTable(result));
      } catch (error) {
        reportError(io, runtime, error);
      } finally {
        await runtime.close();
      }
    });
}
