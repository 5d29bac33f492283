/**
 * Findings on the command line: `hygie scan --diff SCAN_ID` (how a scan compares with the previous
 * one of its scope), `hygie scanner findings`, `show-finding`, `set-finding-status`. Thin: options →
 * service calls → printing.
 */
import type { Command } from 'commander';
import type { ServiceContext } from '../../platform/context.js';
import type { OpenCliRuntime } from '../../platform/module.js';
import {
  changeFindingStatus,
  getFinding,
  getScanDiff,
  listFindings,
  findingFilterOf,
} from './finding.service.js';
import { describeTarget, formatFindingsTable } from './findings/finding-table.js';
import type { ScannerCliIo } from './scanner.cli.js';

/** Prints the diff of `scanId` with `againstId` (default: the previous scan of its scope). */
export async function printScanDiff(
  io: Pick<ScannerCliIo, 'stdout'>,
  ctx: ServiceContext,
  scanId: string,
  options: { againstId?: string; format: string },
): Promise<void> {
  const diff = await getScanDiff(ctx, scanId, options.againstId);
  if (options.format === 'json') {
    const of = (change: string) =>
      diff.entries.filter((e) => e.change === change).map((e) => ({ ...e.finding, status: e.status }));
    io.stdout(
      `${JSON.stringify(
        {
          scan: diff.scan.id,
          base: diff.base?.id ?? null,
          counts: diff.counts,
          new: of('new'),
          still: of('still'),
          fixed: of('fixed'),
        },
        null,
        2,
      )}\n`,
    );
    return;
  }
  const base = diff.base
    ? `compared with scan ${diff.base.id} (${diff.base.finishedAt ?? diff.base.createdAt})`
    : 'no earlier scan of the same scope: every finding is new';
  io.stdout(`Scan ${diff.scan.id} ${base}\n`);
  io.stdout(`${diff.counts.new} new, ${diff.counts.still} still present, ${diff.counts.fixed} fixed\n\n`);
  io.stdout(
    formatFindingsTable(
      diff.entries.map((e) => e.finding),
      { change: new Map(diff.entries.map((e) => [e.finding.id, e.change])), language: ctx.lang },
    ),
  );
}

interface ListOptions {
  scan?: string;
  structure?: string;
  severity?: string;
  category?: string;
  check?: string;
  status?: string;
  limit: string;
  json?: boolean;
}

/** Registers the finding commands under `hygie scanner`. */
export function registerFindingCli(
  group: Command,
  open: OpenCliRuntime,
  io: ScannerCliIo,
  reportError: (runtime: Awaited<ReturnType<OpenCliRuntime>>, error: unknown) => void,
): void {
  group
    .command('findings')
    .description('List findings, most severe first (default: all statuses but resolved and false positive)')
    .option('--scan <id>', 'only those of a scan')
    .option('--structure <id>', 'only those of a structure')
    .option('--severity <severity>', 'critical, high, medium, low or info')
    .option('--category <category>', 'e.g. identity-spoofing, exposed-service')
    .option('--check <id>', 'a check id, e.g. tls.protocol-legacy')
    .option('--status <status>', 'open, acknowledged, resolved, false-positive, accepted-risk or all')
    .option('--limit <n>', 'how many', '100')
    .option('--json', 'print JSON')
    .action(async (opts: ListOptions) => {
      const runtime = await open();
      try {
        const page = await listFindings(runtime.ctx, findingFilterOf(opts), {
          pageSize: Number(opts.limit) || 100,
        });
        if (opts.json) {
          io.stdout(`${JSON.stringify(page.items, null, 2)}\n`);
          return;
        }
        for (const r of page.items) {
          io.stdout(
            `${r.finding.id.slice(0, 12)}  ${r.finding.severity.padEnd(8)}  ${r.status.padEnd(14)}  ${r.finding.check.padEnd(28)}  ${describeTarget(r.finding.target)}\n`,
          );
        }
        io.stdout(`(${page.items.length} of ${page.total})\n`);
      } catch (error) {
        reportError(runtime, error);
      } finally {
        await runtime.close();
      }
    });
  group
    .command('show-finding')
    .description('Show a finding: evidence, recommendation, history')
    .argument('<id>', 'finding id (64 hex characters)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      const runtime = await open();
      try {
        const { record, events } = await getFinding(runtime.ctx, id);
        if (opts.json) {
          io.stdout(`${JSON.stringify({ ...record, events }, null, 2)}\n`);
          return;
        }
        const f = record.finding;
        const en = runtime.ctx.lang === 'en';
        io.stdout(
          [
            `${f.severity.toUpperCase()}  ${f.check}  ${describeTarget(f.target)}`,
            en ? f.titleEn : f.titleFr,
            `Status: ${record.status}${record.statusReason ? ` — ${record.statusReason}` : ''}`,
            `First seen ${record.firstSeenAt} (scan ${record.firstScanId}), last seen ${record.lastSeenAt} (scan ${record.lastScanId})`,
            `Evidence: ${f.evidence}`,
            '',
            en ? f.descriptionEn : f.descriptionFr,
            '',
            en ? f.recommendationEn : f.recommendationFr,
            '',
            ...f.references.map((r) => `- ${r}`),
            '',
            'History:',
            ...events.map(
              (e) =>
                `  ${e.createdAt}  ${e.fromStatus ?? '-'} → ${e.toStatus}  ${e.actor}${e.reason ? `: ${e.reason}` : ''}`,
            ),
          ].join('\n') + '\n',
        );
      } catch (error) {
        reportError(runtime, error);
      } finally {
        await runtime.close();
      }
    });
  group
    .command('set-finding-status')
    .description('Change a finding status (false-positive and accepted-risk need --reason)')
    .argument('<id>', 'finding id')
    .argument('<status>', 'open, acknowledged, resolved, false-positive or accepted-risk')
    .option('--reason <text>', 'why (kept with the status and in the audit log)')
    .action(async (id: string, status: string, opts: { reason?: string }) => {
      const runtime = await open();
      try {
        const record = await changeFindingStatus(runtime.ctx, id, { status, reason: opts.reason });
        io.stdout(`${record.finding.id}: ${record.status}\n`);
      } catch (error) {
        reportError(runtime, error);
      } finally {
        await runtime.close();
      }
    });
}
