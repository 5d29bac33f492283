/** `hygie bulletin …`: propose bulletins (for CVEs, or for every CVE of a catalogue product) and list them. */
import type { Command } from 'commander';
import { HygieError } from '../../lib/errors.js';
import type { CliRuntime, OpenCliRuntime } from '../../platform/module.js';
import { proposeBulletins, proposeBulletinsForProduct, type ProposalReport } from './bulletin-proposal.service.js';
import { VulnWatchBulletinErrors } from './bulletin.errors.js';
import { browseBulletins } from './bulletin.service.js';
import type { BulletinStatus } from './bulletin.types.js';
import { parseCveIds } from './bulletin.validation.js';
import { listProducts } from './kb.js';

/** Where a command writes; tests pass their own. */
export interface BulletinCliOutput {
  log(line: string): void;
  error(line: string): void;
}

const consoleOutput: BulletinCliOutput = { log: (l) => console.log(l), error: (l) => console.error(l) };

async function withRuntime(open: OpenCliRuntime, out: BulletinCliOutput, body: (runtime: CliRuntime) => Promise<void>): Promise<void> {
  const runtime = await open();
  try {
    await body(runtime);
  } catch (error) {
    if (!(error instanceof HygieError)) throw error;
    out.error(`${error.code}: ${error.messageIn(runtime.ctx.lang)}`);
    for (const d of error.details) out.error(`  ${d.field ? `${d.field}: ` : ''}${d.message}`);
    process.exitCode = 1;
  } finally {
    await runtime.close();
  }
}

function printReport(out: BulletinCliOutput, report: ProposalReport): void {
  const s = report.skipped;
  out.log(
    `${report.cves} CVE(s) looked at: ${report.created.length} draft(s) created, ${report.refreshed.length} refreshed, ${report.flagged.length} published bulletin(s) with changes to review, ${report.reopened.length} reopened; ` +
      `skipped: ${s['not-in-catalogue']} outside the catalogue, ${s['below-threshold']} below the threshold, ${s.rejected} rejected, ${s.unchanged} unchanged`,
  );
}

/** Registers `hygie bulletin propose` and `hygie bulletin list`. */
export function registerBulletinCli(program: Command, open: OpenCliRuntime, out: BulletinCliOutput = consoleOutput): void {
  const bulletin = program.command('bulletin').description('Vulnerability bulletins: proposals and lists');
  bulletin
    .command('propose')
    .description('Apply the proposal rule to CVEs (ids), or to every CVE that affects a catalogue product (--product vendor:product)')
    .argument('[cve...]', 'CVE ids')
    .option('--product <vendor:product>', 'a catalogue product, e.g. fortinet:fortios')
    .option('--json', 'print the report as JSON')
    .action(async (ids: string[], options: { product?: string; json?: boolean }) =>
      withRuntime(open, out, async ({ ctx }) => {
        let report: ProposalReport;
        if (options.product) {
          const [vendor, product] = options.product.split(':');
          const found = (await listProducts(ctx.db)).find((p) => p.vendor === vendor && p.product === product);
          if (!found) throw new HygieError(VulnWatchBulletinErrors.VULNWATCH_BULLETIN_PRODUCT_UNKNOWN, { id: options.product });
          report = await proposeBulletinsForProduct(ctx, found.id);
        } else {
          report = await proposeBulletins(ctx, parseCveIds(ids));
        }
        if (options.json) out.log(JSON.stringify(report, null, 2));
        else printReport(out, report);
      }),
    );
  bulletin
    .command('list')
    .description('List bulletins (published by default), newest first')
    .option('--status <status>', 'draft, published or withdrawn', 'published')
    .option('--q <words>', 'search words')
    .option('--json', 'print JSON')
    .action(async (options: { status: string; q?: string; json?: boolean }) =>
      withRuntime(open, out, async ({ ctx }) => {
        const status = (['draft', 'published', 'withdrawn'].includes(options.status) ? options.status : 'published') as BulletinStatus;
        const page = await browseBulletins(ctx, { statuses: [status], ...(options.q ? { q: options.q } : {}), pageSize: 100 }, status === 'draft' ? 'review' : 'published');
        if (options.json) {
          out.log(JSON.stringify(page, null, 2));
          return;
        }
        for (const b of page.items) {
          out.log(`${(b.reference ?? b.status).padEnd(14)} ${(b.maxScore?.toFixed(1) ?? '—').padStart(4)}${b.kev ? ' KEV' : '    '}  ${b.title}  [${b.cves.map((c) => c.cveId).join(', ')}]  ${b.id}`);
        }
        out.log(`${page.items.length} of ${page.total} bulletin(s)`);
      }),
    );
}
