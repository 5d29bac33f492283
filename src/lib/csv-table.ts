/**
 * Reading spreadsheet exports (constituency registries, contact lists) as a table of strings: encoding
 * and delimiter are detected because French users send both UTF-8 and Excel's Windows-1252 files, with
 * either "," or ";" (Excel's separator for French locales). Every row keeps its physical line number so
 * that error messages can point at the line to fix.
 */
import { parse } from 'csv-parse/sync';
import type { CsvError, Info } from 'csv-parse/sync';
import iconv from 'iconv-lite';

/** Encoding the file was read with: strict UTF-8, or Windows-1252 (Excel's "CSV" on French Windows). */
export type CsvEncoding = 'utf-8' | 'latin1';
/** Field separator found in the header line. */
export type CsvDelimiter = ',' | ';';

/** One data record and the 1-based line of the file where it starts. */
export interface CsvRow {
  readonly line: number;
  readonly cells: string[];
}

/** A decoded CSV file: its header and data rows (blank rows left out). */
export interface CsvTable {
  readonly encoding: CsvEncoding;
  readonly delimiter: CsvDelimiter;
  readonly header: string[];
  readonly rows: CsvRow[];
}

/** A file that cannot be read as CSV; `line` is the 1-based line to look at. */
export class CsvFormatError extends Error {
  readonly line: number;

  constructor(line: number, message: string) {
    super(message);
    this.name = 'CsvFormatError';
    this.line = line;
  }
}

/** Limits applied while reading. */
export interface ReadCsvOptions {
  /** Refuse files with more data rows than this. */
  readonly maxRows?: number;
}

function decode(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw new CsvFormatError(
      1,
      'This is an Excel workbook or a ZIP archive, not CSV: open it and save it as "CSV UTF-8".',
    );
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new CsvFormatError(1, 'This file is UTF-16 text: save it again as "CSV UTF-8".');
  }
  let text: string;
  let encoding: CsvEncoding = 'utf-8';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'win1252');
    encoding = 'latin1';
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    const line = text.slice(0, nul).split('\n').length;
    throw new CsvFormatError(line, `Line ${line} contains binary data: this is not a text CSV file.`);
  }
  return { text: text.replace(/\r\n?/g, '\n'), encoding };
}

/** "," or ";", whichever occurs more often outside quotes in the first record (comma on a tie). */
function detectDelimiter(text: string): CsvDelimiter {
  let quoted = false;
  let commas = 0;
  let semicolons = 0;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '\n') break;
    else if (!quoted && c === ',') commas++;
    else if (!quoted && c === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

type ParsedRecord = { record: string[]; raw: string; info: Info };

function toFormatError(err: unknown, lastLine: number): CsvFormatError {
  const e = err as Partial<CsvError> & { lines?: unknown };
  const line = typeof e.lines === 'number' ? e.lines : lastLine + 1;
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new CsvFormatError(
        lastLine + 1,
        `A quoted cell starting on line ${lastLine + 1} is never closed: add the missing closing quote (").`,
      );
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return new CsvFormatError(
        line,
        `Line ${line} has a quote (") inside a cell: put the whole cell in quotes and double the quotes inside it ("").`,
      );
    default:
      return new CsvFormatError(line, `Line ${line} cannot be read as CSV: ${e.message ?? String(err)}`);
  }
}

/** Decodes and parses a CSV file into header and rows, each row tagged with the line where it starts. */
export function readCsvTable(bytes: Uint8Array, options: ReadCsvOptions = {}): CsvTable {
  const { text, encoding } = decode(bytes);
  const delimiter = detectDelimiter(text);
  let lastLine = 0;
  let records: ParsedRecord[];
  try {
    records = parse(text, {
      delimiter,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      on_record: (record, context) => {
        lastLine = context.lines;
        return record;
      },
    }) as unknown as ParsedRecord[];
  } catch (err) {
    throw toFormatError(err, lastLine);
  }

  const rows: CsvRow[] = [];
  let header: string[] | undefined;
  for (const { record, raw, info } of records) {
    if (record.every((cell) => cell === '')) continue;
    const body = raw.replace(/^\n+/, '').replace(/\n$/, '');
    const line = info.lines - (body.split('\n').length - 1);
    if (header === undefined) {
      header = record;
      continue;
    }
    if (options.maxRows !== undefined && rows.length >= options.maxRows) {
      throw new CsvFormatError(
        line,
        `The file has more than ${options.maxRows} rows: split it into smaller files.`,
      );
    }
    rows.push({ line, cells: record });
  }
  if (header === undefined)
    throw new CsvFormatError(1, 'The file is empty: its first line must name the columns.');
  return { encoding, delimiter, header, rows };
}

const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;
const PHONE = /^\+[\d\s.\-()\u00a0]+$/;

/**
 * True when a cell would be run as a formula by a spreadsheet (CSV injection, OWASP): it starts with
 * =, @, tab or CR, or with + / - not followed by a plain number or phone number (+33 6 12…, -12,5).
 */
export function isFormulaInjection(cell: string): boolean {
  const first = cell.charAt(0);
  if (first === '=' || first === '@' || first === '\t' || first === '\r') return true;
  if (first !== '+' && first !== '-') return false;
  return !(PLAIN_NUMBER.test(cell) || (PHONE.test(cell) && /\d/.test(cell)));
}

/** Comparable form of a column title: no accents, lower case, spaces/underscores/hyphens collapsed. */
export function normalizeHeader(title: string): string {
  return title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();
}

/** Where each expected field sits in a header, which are missing, and which columns are not recognised. */
export interface HeaderMapping<F extends string> {
  readonly columns: Partial<Record<F, number>>;
  readonly missing: F[];
  readonly unknown: string[];
  /** Columns naming a field already matched by an earlier column (the first one is used). */
  readonly duplicates: string[];
}

/**
 * Matches header titles to fields by their aliases (the field name itself counts as an alias), ignoring
 * case, accents and spacing, so "Numéro FINESS", "numero_finess" and "NUMERO  FINESS" all match.
 */
export function mapHeader<F extends string>(
  header: readonly string[],
  aliases: Readonly<Record<F, readonly string[]>>,
): HeaderMapping<F> {
  const lookup = new Map<string, F>();
  for (const field of Object.keys(aliases) as F[]) {
    for (const name of [field, ...aliases[field]]) {
      const key = normalizeHeader(name);
      if (!lookup.has(key)) lookup.set(key, field);
    }
  }
  const columns: Partial<Record<F, number>> = {};
  const unknown: string[] = [];
  const duplicates: string[] = [];
  header.forEach((title, index) => {
    const key = normalizeHeader(title);
    if (key === '') return;
    const field = lookup.get(key);
    if (field === undefined) unknown.push(title);
    else if (columns[field] !== undefined) duplicates.push(title);
    else columns[field] = index;
  });
  const missing = (Object.keys(aliases) as F[]).filter((f) => columns[f] === undefined);
  return { columns, missing, unknown, duplicates };
}
