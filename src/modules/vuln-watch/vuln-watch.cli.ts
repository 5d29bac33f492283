import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { HygieError } from '../../lib/errors.js';
import type { CliRuntime, OpenCliRuntime } from '../../platform/module.js';
import { affectedVersionsInWords, configurationsInWords } from './cve.words.js';
import { matchCpeForReader, readCve } from './cve.service.js';
import { browseImportRuns, DEFAULT_NVD_API_URL, importCves, type ImportOptions } from './import.service.js';
import type { ImportRun } from './import.types.js';
import { PRODUCT_CATEGORIES, addProduct, listCatalogue } from './product.service.js';
import { SOURCE_NAMES, type SourceName } from './sources/source-record.js';
import type { Cve } from './vuln-watch.types.js';

/** Where a command writes; tests pass their own. */
export interface CliOutput {
  log(line: string): void;
  error(line: string): void;
  /** True when progress bars may be drawn (stderr is a terminal). */
  readonly interactive?: boolean;
}

const consoleOutput: CliOutput = {
  log: (l) => console.log(l),
  error: (l) => console.error(l),
  interactive: process.stderr.isTTY === true,
};

async function withRuntime(
  open: OpenCliRuntime,
  out: CliOutput,
  body: (runtime: CliRuntime) => Promise<void>,
): Promise<void> {
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

function scoreText(cve: Cve): string {
  return cve.selectedScore ? `${cve.selectedScore.score.toFixed(1)} ${cve.severity}` : 'not yet scored';
}

function printRun(out: CliOutput, run: ImportRun): void {
  const c = run.counts;
  for (const f of run.files.slice(0, 50))
    out.log(
      `${f.status.padEnd(7)} ${(f.format ?? '?').padEnd(4)} ${String(f.records).padStart(7)} records${f.declared !== null ? ` (file says ${f.declared})` : ''}  ${f.file}`,
    );
  for (const e of run.errors.slice(0, 20))
    out.log(`${e.level}: ${e.code} ${e.id ?? ''} ${e.where}: ${e.message}`);
  if (run.errorCount > 20) out.log(`… ${run.errorCount - 20} more (hygie cve import-runs --json)`);
  out.log(
    `${run.status}: ${c.read} records read from ${c.files} file(s) — ${c.inserted} new, ${c.updated} updated, ${c.unchanged} unchanged, ${c.older} older ignored, ` +
      `${c.rejected} refused, ${c.problems} with problems, ${c.unknownCve} EPSS rows of unknown CVEs; ${c.proposed} CVE(s) handed to bulletin proposals (run ${run.id})`,
  );
}

function printCve(out: CliOutput, cve: Cve): void {
  out.log(`${cve.id}${cve.state === 'REJECTED' ? ' (REJECTED)' : ''}${cve.title ? ` — ${cve.title}` : ''}`);
  out.log(
    `  published ${cve.publishedAt ?? '—'}, modified ${cve.sourceModifiedAt ?? '—'}${cve.vulnStatus ? `, NVD: ${cve.vulnStatus}` : ''}; sources: ${cve.sources.join(', ')}`,
  );
  out.log(
    `  score: ${scoreText(cve)}${cve.selectedScore ? ` (CVSS ${cve.selectedScore.version} ${cve.selectedScore.vector}) — ${cve.selectedScore.rule}` : ''}`,
  );
  for (const m of cve.metrics)
    out.log(
      `    ${m.provider ?? m.type} ${m.source}: CVSS ${m.version} ${m.baseScore.toFixed(1)} ${m.vector}`,
    );
  if (cve.kev)
    out.log(
      `  KEV: added ${cve.kev.dateAdded}${cve.kev.dueDate ? `, due ${cve.kev.dueDate}` : ''}${cve.kev.knownRansomwareCampaignUse === 'Known' ? ', used by ransomware' : ''}`,
    );
  if (cve.epss)
    out.log(
      `  EPSS: ${(cve.epss.score * 100).toFixed(2)} % (percentile ${(cve.epss.percentile * 100).toFixed(1)}, ${cve.epss.date})`,
    );
  if (cve.cwes.length > 0) out.log(`  CWE: ${cve.cwes.join(', ')}`);
  out.log(`  ${cve.description}`);
  for (const line of configurationsInWords(cve.configurations)) out.log(`  NVD: ${line}`);
  for (const line of affectedVersionsInWords(cve.affected)) out.log(`  affected: ${line}`);
  for (const r of cve.references.slice(0, 10)) out.log(`  ref: ${r.url}`);
}

interface ImportCliOptions {
  source?: string;
  apiKeyEnv?: string;
  since?: string;
  delayMs?: string;
  json?: boolean;
}

/** `hygie cve import | show | match | products | import-runs`. */
export function registerCveCli(program: Command, open: OpenCliRuntime, out: CliOutput = consoleOutput): void {
  const cve = program
    .command('cve')
    .description('Vulnerability knowledge base: import CVE data, show a CVE, match a CPE, product catalogue');

  cve
    .command('import <inputs...>')
    .description(
      'Import NVD 2.0 JSON, CVE 5 records (files, arrays, cvelistV5 folders), the CISA KEV catalogue or EPSS CSV (gzip too); a URL, or "nvd-api" for the NVD API',
    )
    .option('--source <source>', `read every input as ${SOURCE_NAMES.join(' | ')} (default: detected)`)
    .option('--api-key-env <VAR>', 'environment variable holding the NVD API key')
    .option('--since <iso>', 'NVD API: only records modified since this date')
    .option('--delay-ms <ms>', 'NVD API: pause between requests')
    .option('--json', 'print the run as JSON')
    .action(async (inputs: string[], opts: ImportCliOptions) =>
      withRuntime(open, out, async ({ ctx }) => {
        if (opts.source !== undefined && !SOURCE_NAMES.includes(opts.source as SourceName)) {
          out.error(`--source must be one of ${SOURCE_NAMES.join(', ')}`);
          process.exitCode = 2;
          return;
        }
        const apiKey = opts.apiKeyEnv ? process.env[opts.apiKeyEnv] : undefined;
        if (opts.apiKeyEnv && !apiKey)
          out.error(
            `warning: ${opts.apiKeyEnv} is not set: the NVD API allows 5 requests per 30 s without a key`,
          );
        const bar = out.interactive
          ? new SingleBar({
              format: 'CVE import | {value} records | {inserted} new | {updated} updated | {file}',
              stream: process.stderr,
              hideCursor: true,
            })
          : null;
        bar?.start(0, 0, { inserted: 0, updated: 0, file: '' });
        const options: ImportOptions = {
          ...(opts.source ? { source: opts.source as SourceName } : {}),
          ...(apiKey ? { apiKey } : {}),
          ...(opts.since ? { since: opts.since } : {}),
          ...(opts.delayMs ? { delayMs: Number(opts.delayMs) } : {}),
          onProgress: (p) => {
            bar?.setTotal(p.read);
            bar?.update(p.read, {
              inserted: p.counts.inserted,
              updated: p.counts.updated,
              file: p.file.slice(-60),
            });
          },
        };
        const resolved = inputs.map((i) =>
          i === 'nvd-api' ? (process.env.HYGIE_NVD_API_URL ?? DEFAULT_NVD_API_URL) : i,
        );
        let run: ImportRun;
        try {
          run = await importCves(ctx, resolved, options);
        } finally {
          bar?.stop();
        }
        if (opts.json) out.log(JSON.stringify(run, null, 2));
        else printRun(out, run);
        if (run.status === 'failed' || run.files.some((f) => f.status === 'stopped')) process.exitCode = 1;
      }),
    );

  cve
    .command('show <id>')
    .description(
      'Show a CVE: scores and the selected one, KEV, EPSS, CWE, affected configurations and versions in words',
    )
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) =>
      withRuntime(open, out, async ({ ctx }) => {
        const record = await readCve(ctx, id);
        if (opts.json) out.log(JSON.stringify(record, null, 2));
        else printCve(out, record);
      }),
    );

  cve
    .command('match <cpe>')
    .description(
      'CVEs that concern a CPE 2.3 name (e.g. cpe:2.3:o:fortinet:fortios:7.0.13), with the matching rule',
    )
    .option('--platform <cpe>', 'the platform it runs on (hardware, OS), for AND configurations')
    .option('--json', 'print JSON')
    .action(async (cpe: string, opts: { platform?: string; json?: boolean }) =>
      withRuntime(open, out, async ({ ctx }) => {
        const answer = await matchCpeForReader(ctx, cpe, opts.platform ? [opts.platform] : []);
        if (opts.json) {
          const matches = answer.matches.map((m) => ({
            id: m.cve.id,
            score: m.cve.selectedScore?.score ?? null,
            severity: m.cve.severity,
            kev: m.cve.kev !== null,
            via: m.match.via,
            certainty: m.match.certainty,
            rule: m.match.rule,
          }));
          out.log(JSON.stringify({ cpe: answer.cpe, matches }, null, 2));
          return;
        }
        for (const m of answer.matches) {
          out.log(
            `${m.cve.id.padEnd(16)} ${scoreText(m.cve).padEnd(16)} ${m.cve.kev ? 'KEV ' : '    '}${m.match.certainty === 'confirmed' ? '' : `[${m.match.certainty}] `}${m.match.rule}`,
          );
        }
        out.log(`${answer.matches.length} CVE(s) concern ${answer.cpe}`);
      }),
    );

  const products = cve.command('products').description('The product catalogue');
  products
    .command('list')
    .description('List the catalogue')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) =>
      withRuntime(open, out, async ({ ctx }) => {
        const list = await listCatalogue(ctx);
        if (opts.json) out.log(JSON.stringify(list, null, 2));
        else {
          for (const p of list)
            out.log(
              `${p.id}  ${`${p.vendor}:${p.product}`.padEnd(40)} ${p.category.padEnd(16)} ${p.displayName}`,
            );
          out.log(`(${list.length} products)`);
        }
      }),
    );
  products
    .command('add')
    .description('Add a product (CPE vendor and product names)')
    .requiredOption('--vendor <vendor>', 'CPE vendor, e.g. fortinet')
    .requiredOption('--product <product>', 'CPE product, e.g. fortios')
    .option('--name <name>', 'display name, e.g. "Fortinet FortiOS"')
    .option('--category <category>', PRODUCT_CATEGORIES.join(' | '), 'other')
    .option('--json', 'print JSON')
    .action(
      async (opts: { vendor: string; product: string; name?: string; category: string; json?: boolean }) =>
        withRuntime(open, out, async ({ ctx }) => {
          const p = await addProduct(ctx, {
            vendor: opts.vendor,
            product: opts.product,
            ...(opts.name ? { displayName: opts.name } : {}),
            category: opts.category,
          });
          out.log(
            opts.json
              ? JSON.stringify(p, null, 2)
              : `added ${p.vendor}:${p.product} (${p.displayName}, ${p.category}) — ${p.id}`,
          );
        }),
    );

  cve
    .command('import-runs')
    .description('The last import runs, newest first')
    .option('--limit <n>', 'how many', '10')
    .option('--json', 'print JSON')
    .action(async (opts: { limit: string; json?: boolean }) =>
      withRuntime(open, out, async ({ ctx }) => {
        const runs = await browseImportRuns(ctx, Number(opts.limit) || 10);
        if (opts.json) out.log(JSON.stringify(runs, null, 2));
        else
          for (const r of runs)
            out.log(
              `${r.startedAt}  ${r.status.padEnd(22)} ${r.source.join(',').padEnd(14)} ${r.counts.read} read, ${r.counts.inserted} new, ${r.counts.updated} updated, ${r.errorCount} issue(s)  ${r.inputs.join(' ')}`,
            );
      }),
    );
}
