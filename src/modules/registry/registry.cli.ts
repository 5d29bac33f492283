import { readFile } from 'node:fs/promises';
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { HygieError } from '../../lib/errors.js';
import type { ServiceContext } from '../../platform/context.js';
import type { CliRuntime, OpenCliRuntime } from '../../platform/module.js';
import { importRegistryCsv, parseImportKind, type ImportReport } from './csv-import.service.js';
import { listGroupChoices } from './group.service.js';
import { lookupOwner } from './lookup.service.js';
import { parseRegion, regionName } from './region.catalogue.js';
import { RegistryErrors } from './registry.errors.js';
import { STRUCTURE_KINDS, type GroupId, type StructureKind } from './registry.types.js';
import {
  createStructure,
  getStructureByReference,
  getStructureDetails,
  searchStructures,
} from './structure.service.js';

/** Where a command writes; tests pass their own. */
export interface CliOutput {
  log(line: string): void;
  error(line: string): void;
}

const consoleOutput: CliOutput = { log: (l) => console.log(l), error: (l) => console.error(l) };

/** Runs a command body with an opened runtime, printing a HygieError as the user's fix (exit code 1). */
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
    for (const d of error.details)
      out.error(
        `  ${d.line !== undefined ? `line ${d.line}: ` : ''}${d.field ? `${d.field}: ` : ''}${d.message}`,
      );
    process.exitCode = 1;
  } finally {
    await runtime.close();
  }
}

async function resolveGroup(ctx: ServiceContext, ref: string | undefined): Promise<GroupId | undefined> {
  if (!ref) return undefined;
  const groups = await listGroupChoices(ctx);
  const found = groups.find((g) => g.id === ref || g.code === ref.trim().toUpperCase());
  if (!found)
    throw new HygieError(RegistryErrors.REGISTRY_GROUP_UNKNOWN, {}, [{ field: 'group', message: ref }]);
  return found.id;
}

function printReport(out: CliOutput, report: ImportReport): void {
  for (const e of report.errors) out.log(`line ${e.line}: ${e.field}: ${e.message}`);
  if (report.ignoredColumns.length > 0) out.log(`ignored columns: ${report.ignoredColumns.join(', ')}`);
  out.log(
    `${report.kind}: ${report.rows} rows, ${report.validRows} valid, ${report.errors.length} errors, ${report.created} created` +
      ` (${report.encoding}, "${report.delimiter}")${report.dryRun ? ' — dry run, nothing stored' : ''}`,
  );
}

interface ListOptions {
  q?: string;
  region?: string;
  kind?: string;
  group?: string;
  oiv?: boolean;
  ose?: boolean;
  archived?: boolean;
  page?: string;
  json?: boolean;
}

interface CreateOptions {
  name: string;
  finess?: string;
  siret?: string;
  kind: string;
  legalStatus: string;
  region: string;
  address?: string;
  postalCode?: string;
  city?: string;
  oiv?: boolean;
  ose?: boolean;
  group?: string;
  json?: boolean;
}

/** `hygie registry list-structures | show-structure | create-structure | import | lookup`. */
export function registerRegistryCli(
  program: Command,
  open: OpenCliRuntime,
  out: CliOutput = consoleOutput,
): void {
  const registry = program
    .command('registry')
    .description('The constituency: structures, GHTs, contacts, domains and networks');

  registry
    .command('list-structures')
    .description('List structures (archived ones hidden unless --archived)')
    .option('--q <words>', 'words matched in name, FINESS, SIRET, city')
    .option('--region <region>', 'region code, name or INSEE number (BRE, Bretagne, 53)')
    .option('--kind <kind>', STRUCTURE_KINDS.join(' | '))
    .option('--group <ref>', 'GHT id or code')
    .option('--oiv', 'only operators of vital importance')
    .option('--ose', 'only operators of essential services')
    .option('--archived', 'include archived structures')
    .option('--page <n>', 'page number (100 per page)', '1')
    .option('--json', 'print JSON')
    .action(async (opts: ListOptions) =>
      withRuntime(open, out, async ({ ctx }) => {
        const region = opts.region ? parseRegion(opts.region) : undefined;
        if (opts.region && !region)
          throw new HygieError(RegistryErrors.REGISTRY_REGION_UNKNOWN, {}, [
            { field: 'region', message: opts.region },
          ]);
        const kind =
          opts.kind && STRUCTURE_KINDS.includes(opts.kind as StructureKind)
            ? (opts.kind as StructureKind)
            : undefined;
        if (opts.kind && !kind)
          throw new HygieError(RegistryErrors.REGISTRY_KIND_UNKNOWN, {}, [
            { field: 'kind', message: `${opts.kind} ∉ ${STRUCTURE_KINDS.join(', ')}` },
          ]);
        const result = await searchStructures(ctx, {
          q: opts.q,
          region,
          kind,
          groupId: await resolveGroup(ctx, opts.group),
          oiv: opts.oiv ? true : undefined,
          ose: opts.ose ? true : undefined,
          includeArchived: opts.archived,
          page: Number(opts.page ?? 1),
          pageSize: 100,
        });
        if (opts.json) {
          out.log(JSON.stringify(result, null, 2));
          return;
        }
        for (const s of result.items) {
          const flags = [s.isOiv ? 'OIV' : '', s.isOse ? 'OSE' : '', s.archivedAt ? 'archived' : '']
            .filter(Boolean)
            .join(',');
          out.log(
            `${(s.finess ?? s.siret ?? '').padEnd(14)}  ${s.region}  ${s.kind.padEnd(20)}  ${s.name}${flags ? `  [${flags}]` : ''}`,
          );
        }
        out.log(`(page ${result.page}: ${result.items.length} of ${result.total})`);
      }),
    );

  registry
    .command('show-structure <ref>')
    .description('Show a structure by FINESS number or id, with its contacts, domains and networks')
    .option('--json', 'print JSON')
    .action(async (ref: string, opts: { json?: boolean }) =>
      withRuntime(open, out, async ({ ctx }) => {
        const structure = await getStructureByReference(ctx, ref);
        const d = await getStructureDetails(ctx, structure.id);
        if (opts.json) {
          out.log(JSON.stringify(d, null, 2));
          return;
        }
        const s = d.structure;
        out.log(`${s.name}${s.archivedAt ? ' (archived)' : ''}`);
        out.log(`  id: ${s.id}`);
        out.log(`  FINESS: ${s.finess ?? '—'}   SIRET: ${s.siret ?? '—'}`);
        out.log(
          `  ${s.kind}, ${s.legalStatus}, ${regionName(s.region, 'fr')} (${s.region})${s.isOiv ? ', OIV' : ''}${s.isOse ? ', OSE' : ''}`,
        );
        out.log(`  ${[s.address, s.postalCode, s.city].filter(Boolean).join(', ') || '—'}`);
        if (d.group) out.log(`  GHT: ${d.group.name}${d.group.code ? ` (${d.group.code})` : ''}`);
        for (const c of d.contacts ?? [])
          out.log(
            `  contact: ${c.role} ${c.firstName} ${c.lastName} <${c.email}> ${c.phone ?? ''} [${c.alertKinds.join(',')}]`,
          );
        for (const dom of d.domains ?? []) out.log(`  domain: ${dom.name} (${dom.ownership})`);
        for (const n of d.networks ?? [])
          out.log(
            `  network: ${n.cidr}${n.asn !== null ? ` AS${n.asn}` : ''}${n.description ? ` — ${n.description}` : ''}`,
          );
      }),
    );

  registry
    .command('create-structure')
    .description('Register a structure')
    .requiredOption('--name <name>', 'name as in the national structure directory')
    .option('--finess <finess>', '9-character FINESS number (FINESS or SIRET required)')
    .option('--siret <siret>', '14-digit SIRET')
    .requiredOption('--kind <kind>', STRUCTURE_KINDS.join(' | '))
    .requiredOption('--legal-status <status>', 'public | private-non-profit | private')
    .requiredOption('--region <region>', 'region code, name or INSEE number')
    .option('--address <address>')
    .option('--postal-code <code>')
    .option('--city <city>')
    .option('--oiv', 'operator of vital importance')
    .option('--ose', 'operator of essential services')
    .option('--group <ref>', 'GHT id or code')
    .option('--json', 'print JSON')
    .action(async (opts: CreateOptions) =>
      withRuntime(open, out, async ({ ctx }) => {
        const structure = await createStructure(ctx, {
          name: opts.name,
          finess: opts.finess ?? null,
          siret: opts.siret ?? null,
          kind: opts.kind,
          legalStatus: opts.legalStatus,
          region: opts.region,
          address: opts.address ?? null,
          postalCode: opts.postalCode ?? null,
          city: opts.city ?? null,
          isOiv: Boolean(opts.oiv),
          isOse: Boolean(opts.ose),
          groupId: (await resolveGroup(ctx, opts.group)) ?? null,
        });
        out.log(
          opts.json ? JSON.stringify(structure, null, 2) : `Created ${structure.name} (${structure.id})`,
        );
      }),
    );

  registry
    .command('import <file>')
    .description('Import a CSV file (UTF-8 or Windows-1252, "," or ";"); all rows or none')
    .requiredOption('--kind <kind>', 'structures | contacts | domains | networks')
    .option('--dry-run', 'check every row and report; store nothing')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { kind: string; dryRun?: boolean; json?: boolean }) =>
      withRuntime(open, out, async ({ ctx }) => {
        const kind = parseImportKind(opts.kind, ctx.lang);
        const bytes = await readFile(file);
        const bar =
          !opts.json && process.stderr.isTTY
            ? new SingleBar(
                { format: '{phase} [{bar}] {value}/{total}', hideCursor: true },
                Presets.shades_classic,
              )
            : null;
        let started = false;
        try {
          const report = await importRegistryCsv(ctx, bytes, {
            kind,
            dryRun: Boolean(opts.dryRun),
            onProgress: (phase, done, total) => {
              if (!bar) return;
              if (!started || phase === 'check') {
                if (started) bar.stop();
                bar.start(total, done, { phase: phase === 'check' ? 'checked' : 'stored ' });
                started = true;
              } else bar.update(done, { phase: 'stored ' });
            },
          });
          bar?.stop();
          if (opts.json) out.log(JSON.stringify(report, null, 2));
          else printReport(out, report);
          if (report.errors.length > 0) process.exitCode = 1;
        } catch (error) {
          bar?.stop();
          if (opts.json && error instanceof HygieError) {
            out.log(
              JSON.stringify(
                { error: { code: error.code, message: error.messageIn(ctx.lang), details: error.details } },
                null,
                2,
              ),
            );
            process.exitCode = 1;
            return;
          }
          throw error;
        }
      }),
    );

  registry
    .command('lookup <target>')
    .description('Which structure owns an IP address (longest prefix) or a domain name (longest suffix)')
    .option('--json', 'print JSON')
    .action(async (target: string, opts: { json?: boolean }) =>
      withRuntime(open, out, async ({ ctx }) => {
        const answer = await lookupOwner(ctx, target);
        if (opts.json) {
          out.log(JSON.stringify(answer, null, 2));
          return;
        }
        if (!answer.match) {
          out.log(`${answer.query}: no registered owner`);
          process.exitCode = 1;
          return;
        }
        const via = answer.match.network?.cidr ?? answer.match.domain?.name ?? '';
        out.log(
          `${answer.query}: ${answer.match.structure.name} (FINESS ${answer.match.structure.finess ?? '—'}, id ${answer.match.structure.id}) via ${via}`,
        );
      }),
    );
}
