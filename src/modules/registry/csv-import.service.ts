import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { CsvFormatError, readCsvTable, type CsvEncoding, type CsvTable } from '../../lib/csv-table.js';
import { HygieError, formatMessage, type Lang } from '../../lib/errors.js';
import { authorize } from '../../platform/auth/authorize.js';
import type { ServiceContext } from '../../platform/context.js';
import { recordAudit } from '../audit-log/index.js';
import { insertContacts } from './contact.repository.js';
import { errorList, plan, type ImportError, type Planned } from './csv-import-checks.service.js';
import { IMPORT_KINDS, mapColumns, type ColumnMap, type ImportKind } from './csv-import.mapping.js';
import { insertDomains } from './domain.repository.js';
import { insertNetworks } from './network.repository.js';
import { RegistryErrors } from './registry.errors.js';
import { canImportRegistry } from './registry.policy.js';
import { INSERT_BATCH_ROWS, chunks } from './registry.repository.js';
import type { Contact, Domain, Network, Structure } from './registry.types.js';
import { insertStructures } from './structure.repository.js';

/** Largest file accepted, in bytes (the HTTP body limit is the same). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
/** Most data rows in one file: twice the French health constituency. */
export const MAX_IMPORT_ROWS = 200_000;

export type { ImportError } from './csv-import-checks.service.js';

/** What an import found and did. A real run with errors throws instead (nothing stored). */
export interface ImportReport {
  readonly kind: ImportKind;
  readonly dryRun: boolean;
  readonly encoding: CsvEncoding;
  readonly delimiter: ',' | ';';
  /** Data rows read (blank lines left out). */
  readonly rows: number;
  /** Rows without any problem. */
  readonly validRows: number;
  /** Records stored (0 on a dry run). */
  readonly created: number;
  readonly errors: ImportError[];
  /** Columns that match no field and were ignored. */
  readonly ignoredColumns: string[];
}

/** Options of one import. */
export interface ImportOptions {
  readonly kind: ImportKind;
  readonly dryRun: boolean;
  /** Called as rows are checked and stored, for progress bars. */
  readonly onProgress?: (phase: 'check' | 'store', done: number, total: number) => void;
}

/** Parses an import kind typed by a user. */
export function parseImportKind(text: string | undefined, lang: Lang): ImportKind {
  const kind = (text ?? '').trim().toLowerCase();
  if ((IMPORT_KINDS as readonly string[]).includes(kind)) return kind as ImportKind;
  const def = RegistryErrors.REGISTRY_CSV_KIND_UNKNOWN;
  throw new HygieError(def, {}, [{ field: 'kind', message: def[lang] }]);
}

function readTable(bytes: Uint8Array, lang: Lang): CsvTable {
  const tooLarge = (limit: string) => new HygieError(RegistryErrors.REGISTRY_CSV_TOO_LARGE, { limit });
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw tooLarge(lang === 'fr' ? '50 Mo' : '50 MB');
  let table: CsvTable;
  try {
    table = readCsvTable(bytes);
  } catch (error) {
    if (error instanceof CsvFormatError) {
      throw new HygieError(
        RegistryErrors.REGISTRY_CSV_UNREADABLE,
        { line: error.line, reason: error.message },
        [{ line: error.line, message: error.message }],
      );
    }
    throw error;
  }
  if (table.rows.length > MAX_IMPORT_ROWS) throw tooLarge(lang === 'fr' ? '200 000 lignes' : '200,000 rows');
  return table;
}

function checkHeader(map: ColumnMap, lang: Lang): void {
  if (map.missing.length > 0) {
    const columns = map.missing.join(', ');
    throw new HygieError(RegistryErrors.REGISTRY_CSV_COLUMNS_MISSING, { columns }, [
      { line: 1, message: formatMessage(RegistryErrors.REGISTRY_CSV_COLUMNS_MISSING[lang], { columns }) },
    ]);
  }
  const duplicate = map.duplicates[0];
  if (duplicate !== undefined) {
    throw new HygieError(RegistryErrors.REGISTRY_CSV_COLUMN_DUPLICATE, { column: duplicate }, [
      {
        line: 1,
        field: duplicate,
        message: formatMessage(RegistryErrors.REGISTRY_CSV_COLUMN_DUPLICATE[lang], { column: duplicate }),
      },
    ]);
  }
}

async function store(
  db: Kysely<Database>,
  planned: Planned,
  onProgress: ImportOptions['onProgress'],
): Promise<void> {
  const total = planned.items.length;
  let done = 0;
  // Batches are cut here (not only in the repository) so that progress can be reported.
  for (const batch of chunks<unknown>(planned.items, INSERT_BATCH_ROWS)) {
    if (planned.kind === 'structures') await insertStructures(db, batch as Structure[]);
    else if (planned.kind === 'contacts') await insertContacts(db, batch as Contact[]);
    else if (planned.kind === 'domains') await insertDomains(db, batch as Domain[]);
    else await insertNetworks(db, batch as Network[]);
    done += batch.length;
    onProgress?.('store', done, total);
  }
}

/**
 * Imports a CSV file of structures, contacts, domains or networks (CERT writers only).
 *
 * The file may be UTF-8 or Windows-1252, comma- or semicolon-separated; columns are found by
 * their French or English titles. Every row is checked — format, identifiers, duplicates in the
 * file and in the database, references to structures and GHTs, formula payloads — and every
 * problem is reported with its line. A dry run stops there and reports. A real run stores all
 * rows in one transaction, or throws `REGISTRY_CSV_INVALID_ROWS` and stores nothing.
 */
export async function importRegistryCsv(
  ctx: ServiceContext,
  bytes: Uint8Array,
  options: ImportOptions,
): Promise<ImportReport> {
  authorize(ctx.actor, canImportRegistry(ctx.actor));
  const table = readTable(bytes, ctx.lang);
  const map = mapColumns(options.kind, table.header);
  checkHeader(map, ctx.lang);
  if (table.rows.length === 0) throw new HygieError(RegistryErrors.REGISTRY_CSV_EMPTY);
  const list = errorList(map, ctx.lang);
  const report = (created: number): ImportReport => ({
    kind: options.kind,
    dryRun: options.dryRun,
    encoding: table.encoding,
    delimiter: table.delimiter,
    rows: table.rows.length,
    validRows: table.rows.length - list.badLines.size,
    created,
    errors: [...list.errors].sort((a, b) => a.line - b.line),
    ignoredColumns: map.ignored,
  });

  if (options.dryRun) {
    await plan(ctx, ctx.db, options.kind, table, map, list);
    options.onProgress?.('check', table.rows.length, table.rows.length);
    return report(0);
  }

  // Checks run inside the transaction so that no concurrent change slips between check and insert.
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const created = await ctx.db.transaction().execute(async (trx) => {
    const planned = await plan(ctx, trx, options.kind, table, map, list);
    options.onProgress?.('check', table.rows.length, table.rows.length);
    if (list.errors.length > 0) {
      const errors = report(0).errors;
      throw new HygieError(
        RegistryErrors.REGISTRY_CSV_INVALID_ROWS,
        { count: errors.length },
        errors.map((e) => ({ line: e.line, field: e.field, message: e.message })),
      );
    }
    await store(trx, planned, options.onProgress);
    await recordAudit(
      ctx,
      {
        action: `registry.import-${options.kind}`,
        objectType: options.kind.replace(/s$/, ''),
        objectId: null,
        details: {
          rows: table.rows.length,
          created: planned.items.length,
          encoding: table.encoding,
          fileSha256: sha256,
        },
      },
      trx,
    );
    return planned.items.length;
  });
  return report(created);
}
