/**
 * Reads CVE data from files, folders, URLs or any byte stream, record by record: gunzips when
 * the bytes say gzip, detects the source from the first bytes (unless forced), splits JSON
 * arrays and CSV lines as a stream (memory stays flat), and parses each record with its
 * source's pure parser. Yields records, refused records and per-file events; never loads a
 * whole file.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { HygieError } from '../../../lib/errors.js';
import { VulnWatchKbErrors } from '../vuln-watch.errors.js';
import { detectFormat, HEAD_BYTES, isGzip, recordArrayKey } from './detect-format.js';
import { epssCommentDate, parseEpssHeader, parseEpssRow, type EpssHeader } from './epss/epss.parse.js';
import { JSON_RECORD_PARSERS } from './index.js';
import type { Contribution, SourceName } from './source-record.js';
import { JsonArraySplitter, JsonSyntaxError } from './stream/json-array-splitter.js';
import { LineSplitter } from './stream/line-splitter.js';

/** What reading yields, in order. */
export type ReadItem =
  | {
      readonly kind: 'record';
      readonly contribution: Contribution;
      readonly problems: readonly string[];
      readonly where: string;
    }
  | { readonly kind: 'rejected'; readonly id: string | null; readonly reason: string; readonly where: string }
  | { readonly kind: 'file-start'; readonly file: string; readonly format: SourceName }
  | {
      readonly kind: 'file-end';
      readonly file: string;
      readonly format: SourceName;
      readonly records: number;
      readonly bytes: number;
      /** Count the file announces (KEV `count`, NVD `totalResults`), when it does. */
      readonly declared: number | null;
      readonly envelope: Record<string, unknown> | null;
    }
  | { readonly kind: 'file-skipped'; readonly file: string; readonly reason: string }
  | {
      readonly kind: 'file-error';
      readonly file: string;
      readonly error: HygieError;
      readonly records: number;
    };

/** Options of a read. */
export interface ReadOptions {
  /** Skip detection: read every input as this source. */
  readonly source?: SourceName;
  /** EPSS score date when the file does not say it (YYYY-MM-DD). */
  readonly today?: string;
  /** Inside a folder walk, files of unknown format are skipped rather than errors. */
  readonly lenientUnknown?: boolean;
}

function gunzip(chunks: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  return pipeline(Readable.from(chunks), createGunzip(), () => undefined);
}

/** Peeks the first bytes of a stream, returns them and a stream that replays them. */
async function peek(
  source: AsyncIterable<Buffer>,
  size: number,
): Promise<{ head: Buffer; chunks: AsyncIterable<Buffer> }> {
  const iterator = source[Symbol.asyncIterator]();
  const parts: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < size) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    parts.push(chunk);
    length += chunk.length;
  }
  const head = Buffer.concat(parts);
  async function* replay(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    }
  }
  return { head, chunks: replay() };
}

function idNear(bytes: Buffer): string | null {
  return (
    /"(?:id|cveId|cveID)"\s*:\s*"(CVE-\d{4}-\d+)"/.exec(bytes.subarray(0, 4096).toString('utf8'))?.[1] ?? null
  );
}

function unreadable(file: string, reason: string): HygieError {
  return new HygieError(VulnWatchKbErrors.VULNWATCH_IMPORT_UNREADABLE, { file, reason });
}

function declaredCount(envelope: Record<string, unknown> | null): number | null {
  const value = envelope?.count ?? envelope?.totalResults;
  return typeof value === 'number' ? value : null;
}

async function* readJson(
  file: string,
  format: Exclude<SourceName, 'epss'>,
  chunks: AsyncIterable<Buffer>,
): AsyncGenerator<ReadItem> {
  const splitter = new JsonArraySplitter(
    recordArrayKey(format) === undefined ? {} : { arrayKey: recordArrayKey(format) as string },
  );
  const parse = JSON_RECORD_PARSERS[format];
  let records = 0;
  try {
    for await (const chunk of chunks) {
      for (const element of splitter.push(chunk)) {
        const where = `${file} #${element.index + 1}`;
        records++;
        let raw: unknown;
        try {
          raw = JSON.parse(element.bytes.toString('utf8'));
        } catch (error) {
          yield {
            kind: 'rejected',
            id: idNear(element.bytes),
            reason: `invalid JSON at byte ${element.offset}: ${(error as Error).message}`,
            where,
          };
          continue;
        }
        const outcome = parse(raw);
        if (outcome.ok)
          yield { kind: 'record', contribution: outcome.value, problems: outcome.problems, where };
        else yield { kind: 'rejected', id: outcome.id, reason: outcome.reason, where };
      }
    }
    splitter.end();
    if (!splitter.foundArray)
      throw new JsonSyntaxError(
        splitter.bytesRead,
        `no "${recordArrayKey(format) ?? 'records'}" array in the document`,
      );
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      const params = { file, offset: error.offset, reason: error.reason, imported: records };
      yield {
        kind: 'file-error',
        file,
        error: new HygieError(VulnWatchKbErrors.VULNWATCH_IMPORT_JSON_INVALID, params),
        records,
      };
      return;
    }
    yield { kind: 'file-error', file, error: unreadable(file, (error as Error).message), records };
    return;
  }
  const envelope = splitter.envelope();
  yield {
    kind: 'file-end',
    file,
    format,
    records,
    bytes: splitter.bytesRead,
    declared: declaredCount(envelope),
    envelope,
  };
}

async function* readEpss(
  file: string,
  chunks: AsyncIterable<Buffer>,
  today: string,
): AsyncGenerator<ReadItem> {
  const lines = new LineSplitter();
  let header: EpssHeader | null = null;
  let date = today;
  let records = 0;
  let bytes = 0;
  const handle = function* (batch: { line: string; number: number }[]): Generator<ReadItem, boolean> {
    for (const { line, number } of batch) {
      if (line.trim() === '') continue;
      if (line.startsWith('#')) {
        date = epssCommentDate(line) ?? date;
        continue;
      }
      if (header === null) {
        header = parseEpssHeader(line);
        if (!header.ok) {
          const error = new HygieError(VulnWatchKbErrors.VULNWATCH_IMPORT_CSV_COLUMNS, {
            file,
            columns: header.missing.join(', '),
            header: line.slice(0, 120),
          });
          yield { kind: 'file-error', file, error, records };
          return false;
        }
        continue;
      }
      if (!header.ok) return false;
      records++;
      const outcome = parseEpssRow(line, header, date);
      const where = `${file}:${number}`;
      if (outcome.ok)
        yield { kind: 'record', contribution: outcome.value, problems: outcome.problems, where };
      else yield { kind: 'rejected', id: outcome.id, reason: outcome.reason, where };
    }
    return true;
  };
  try {
    for await (const chunk of chunks) {
      bytes += chunk.length;
      if (!(yield* handle(lines.push(chunk)))) return;
    }
    if (!(yield* handle(lines.end()))) return;
  } catch (error) {
    yield { kind: 'file-error', file, error: unreadable(file, (error as Error).message), records };
    return;
  }
  yield { kind: 'file-end', file, format: 'epss', records, bytes, declared: null, envelope: null };
}

/** Reads one byte stream (a file, an HTTP body, a generated stream). */
export async function* readStream(
  file: string,
  source: AsyncIterable<Buffer>,
  options: ReadOptions = {},
): AsyncGenerator<ReadItem> {
  let chunks: AsyncIterable<Buffer>;
  let head: Buffer;
  try {
    const raw = await peek(source, 2);
    chunks = isGzip(raw.head) ? gunzip(raw.chunks) : raw.chunks;
    ({ head, chunks } = await peek(chunks, HEAD_BYTES));
  } catch (error) {
    yield { kind: 'file-error', file, error: unreadable(file, (error as Error).message), records: 0 };
    return;
  }
  let format: SourceName;
  if (options.source) format = options.source;
  else {
    const verdict = detectFormat(head);
    if ('format' in verdict) format = verdict.format;
    else if (verdict.problem === 'legacy-nvd') {
      yield {
        kind: 'file-error',
        file,
        error: new HygieError(VulnWatchKbErrors.VULNWATCH_IMPORT_LEGACY_NVD, { file }),
        records: 0,
      };
      return;
    } else if (verdict.problem === 'schema-version') {
      const error = new HygieError(VulnWatchKbErrors.VULNWATCH_IMPORT_SCHEMA_VERSION, {
        file,
        found: verdict.found,
        source: verdict.source,
        expected: verdict.expected,
      });
      yield { kind: 'file-error', file, error, records: 0 };
      return;
    } else if (options.lenientUnknown) {
      yield { kind: 'file-skipped', file, reason: verdict.reason };
      return;
    } else {
      yield {
        kind: 'file-error',
        file,
        error: new HygieError(VulnWatchKbErrors.VULNWATCH_IMPORT_FORMAT_UNKNOWN, {
          file,
          reason: verdict.reason,
        }),
        records: 0,
      };
      return;
    }
  }
  yield { kind: 'file-start', file, format };
  if (format === 'epss')
    yield* readEpss(file, chunks, options.today ?? new Date().toISOString().slice(0, 10));
  else yield* readJson(file, format, chunks);
}

const DATA_FILE = /\.(json|csv)(\.gz)?$|\.gz$/i;

/** Every data file under a folder, sorted (the cvelistV5 layout `cves/YYYY/NNxxx/CVE-….json` included). */
async function* walk(dir: string): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile() && DATA_FILE.test(entry.name)) yield path;
  }
}

/** Reads a local path: a file, or every data file of a folder. */
export async function* readPath(path: string, options: ReadOptions = {}): AsyncGenerator<ReadItem> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    yield {
      kind: 'file-error',
      file: path,
      error: unreadable(
        path,
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'no such file or folder'
          : (error as Error).message,
      ),
      records: 0,
    };
    return;
  }
  if (info.isDirectory()) {
    for await (const file of walk(path))
      yield* readStream(file, createReadStream(file, { highWaterMark: 1024 * 1024 }), {
        ...options,
        lenientUnknown: true,
      });
    return;
  }
  yield* readStream(path, createReadStream(path, { highWaterMark: 1024 * 1024 }), options);
}
