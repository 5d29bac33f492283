/**
 * `importCves`: reads CVE data (files, folders, URLs, the NVD API, or a stream), applies it in
 * batches of one transaction each (a failure keeps every earlier batch and says where it
 * stopped), records the run in `vuln_import_runs`, writes an audit entry, and hands the CVEs
 * worth a bulletin (new or materially changed, score ≥ 7 or KEV) to the
 * `vuln-watch.propose-bulletins` job.
 */
import { actorLabel } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import type { ServiceContext } from '../../platform/context.js';
import { newId } from '../../lib/ids.js';
import { HygieError } from '../../lib/errors.js';
import { recordAudit } from '../audit-log/index.js';
import { applyContributions } from './import.batch.js';
import { listImportRuns, upsertImportRun } from './import.repository.js';
import type { ImportCounts, ImportFile, ImportIssue, ImportProgress, ImportRun } from './import.types.js';
import { fetchNvdApi, isNvdApiUrl, NVD_API_URL } from './sources/nvd/nvd.fetch.js';
import { readPath, readStream, type ReadItem } from './sources/source-reader.js';
import type { Contribution, SourceName } from './sources/source-record.js';
import { canImportCves } from './vuln-watch.policy.js';
import { VulnWatchKbErrors } from './vuln-watch.errors.js';

/** The job that proposes bulletins (its handler belongs to the bulletins part). */
export const PROPOSE_BULLETINS_JOB = 'vuln-watch.propose-bulletins';

/** Payload of `vuln-watch.propose-bulletins`. */
export interface ProposeBulletinsPayload {
  readonly cveIds: string[];
}

/** An input: a path, a folder, an http(s) URL, or a named byte stream (tests, benchmarks). */
export type ImportInput = string | { readonly name: string; readonly stream: AsyncIterable<Buffer> };

/** Options of an import. */
export interface ImportOptions {
  /** Read every input as this source instead of detecting it. */
  readonly source?: SourceName;
  /** NVD API key (sent as the `apiKey` header). */
  readonly apiKey?: string;
  /** NVD API: only records modified since (ISO-8601). */
  readonly since?: string;
  /** NVD API: pause between requests (default 6 s without key, 0.7 s with). */
  readonly delayMs?: number;
  readonly resultsPerPage?: number;
  /** Contributions per transaction (default 500). */
  readonly batchSize?: number;
  /** CVE ids per proposal job (default 1000). */
  readonly jobChunk?: number;
  readonly fetch?: typeof fetch;
  readonly onProgress?: (progress: ImportProgress) => void;
}

const MAX_KEPT = 200;

function emptyCounts(): ImportCounts {
  return {
    read: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    older: 0,
    rejected: 0,
    unknownCve: 0,
    problems: 0,
    files: 0,
    failedFiles: 0,
    proposed: 0,
  };
}

function problemCode(problem: string): string {
  if (/vector .* does not parse/.test(problem)) return VulnWatchKbErrors.VULNWATCH_CVSS_VECTOR_INVALID.code;
  if (/the vector computes|computed from the vector/.test(problem))
    return VulnWatchKbErrors.VULNWATCH_CVSS_SCORE_MISMATCH.code;
  return VulnWatchKbErrors.VULNWATCH_IMPORT_RECORD_INVALID.code;
}

async function* readUrl(url: string, options: ImportOptions): AsyncGenerator<ReadItem> {
  if (isNvdApiUrl(url)) {
    yield* fetchNvdApi({
      baseUrl: url,
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      ...(options.since ? { lastModStartDate: options.since } : {}),
      ...(options.delayMs !== undefined ? { delayMs: options.delayMs } : {}),
      ...(options.resultsPerPage ? { resultsPerPage: options.resultsPerPage } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    return;
  }
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url);
  } catch (error) {
    yield {
      kind: 'file-error',
      file: url,
      error: new HygieError(VulnWatchKbErrors.VULNWATCH_IMPORT_UNREADABLE, {
        file: url,
        reason: (error as Error).message,
      }),
      records: 0,
    };
    return;
  }
  if (!response.ok || !response.body) {
    yield {
      kind: 'file-error',
      file: url,
      error: new HygieError(VulnWatchKbErrors.VULNWATCH_IMPORT_UNREADABLE, {
        file: url,
        reason: `HTTP ${response.status}`,
      }),
      records: 0,
    };
    return;
  }
  const body = response.body as unknown as AsyncIterable<Uint8Array>;
  async function* chunks(): AsyncGenerator<Buffer> {
    for await (const c of body) yield Buffer.from(c.buffer, c.byteOffset, c.byteLength);
  }
  yield* readStream(url, chunks(), options.source ? { source: options.source } : {});
}

function readInput(input: ImportInput, options: ImportOptions, today: string): AsyncGenerator<ReadItem> {
  const readOptions = { ...(options.source ? { source: options.source } : {}), today };
  if (typeof input !== 'string') return readStream(input.name, input.stream, readOptions);
  if (/^https?:\/\//i.test(input)) return readUrl(input, options);
  return readPath(input, readOptions);
}

/** Where an input is, for the record of the run. */
function inputName(input: ImportInput): string {
  return typeof input === 'string' ? input : input.name;
}

/** Imports CVE data; see the file comment. Returns the run as recorded. */
export async function importCves(
  ctx: ServiceContext,
  inputs: readonly ImportInput[],
  options: ImportOptions = {},
): Promise<ImportRun> {
  authorize(ctx.actor, canImportCves(ctx.actor));
  const batchSize = options.batchSize ?? 500;
  const jobChunk = options.jobChunk ?? 1000;
  const counts = emptyCounts();
  const files: ImportFile[] = [];
  const errors: ImportIssue[] = [];
  const formats = new Set<string>();
  let errorCount = 0;
  let pendingAlerts: string[] = [];
  let batch: Contribution[] = [];
  let currentFile = '';
  const runId = newId();
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const startedAt = ctx.clock.now().toISOString();
  const run = (status: ImportRun['status'], finishedAt: string | null): ImportRun => ({
    id: runId,
    source: [...formats],
    inputs: inputs.map(inputName),
    status,
    counts: { ...counts },
    files: files.slice(0, MAX_KEPT),
    errors: errors.slice(0, MAX_KEPT),
    errorCount,
    actorLabel: actorLabel(ctx.actor),
    startedAt,
    finishedAt,
  });
  const issue = (i: ImportIssue): void => {
    errorCount++;
    if (errors.length < MAX_KEPT) errors.push(i);
  };
  await upsertImportRun(ctx.db, run('running', null));

  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const work = batch;
    batch = [];
    const now = ctx.clock.now().toISOString();
    await ctx.db.transaction().execute(async (trx) => {
      const result = await applyContributions(trx, work, now);
      counts.inserted += result.inserted;
      counts.updated += result.updated;
      counts.unchanged += result.unchanged;
      counts.older += result.older;
      counts.unknownCve += result.unknownCve;
      pendingAlerts.push(...result.alertIds);
      counts.proposed += result.alertIds.length;
      // Large imports hand out proposals as they go, in the same transaction as the change.
      while (pendingAlerts.length >= jobChunk) {
        const payload: ProposeBulletinsPayload = { cveIds: pendingAlerts.slice(0, jobChunk) };
        pendingAlerts = pendingAlerts.slice(jobChunk);
        await ctx.jobs.enqueue(PROPOSE_BULLETINS_JOB, payload, { db: trx });
      }
    });
    options.onProgress?.({ file: currentFile, read: counts.read, counts: { ...counts } });
  };

  try {
    for (const input of inputs) {
      for await (const item of readInput(input, options, today)) {
        switch (item.kind) {
          case 'file-start':
            currentFile = item.file;
            formats.add(item.format);
            break;
          case 'record':
            counts.read++;
            for (const problem of item.problems) {
              counts.problems++;
              issue({
                code: problemCode(problem),
                level: /does not parse|left out/.test(problem) ? 'error' : 'warning',
                id: item.contribution.id,
                where: item.where,
                message: problem,
              });
            }
            batch.push(item.contribution);
            if (batch.length >= batchSize) await flush();
            break;
          case 'rejected':
            counts.read++;
            counts.rejected++;
            issue({
              code: VulnWatchKbErrors.VULNWATCH_IMPORT_RECORD_INVALID.code,
              level: 'error',
              id: item.id,
              where: item.where,
              message: item.reason,
            });
            break;
          case 'file-end':
            counts.files++;
            if (files.length < MAX_KEPT)
              files.push({
                file: item.file,
                format: item.format,
                records: item.records,
                declared: item.declared,
                status: 'read',
              });
            break;
          case 'file-skipped':
            counts.failedFiles++;
            if (files.length < MAX_KEPT)
              files.push({ file: item.file, format: null, records: 0, declared: null, status: 'skipped' });
            issue({
              code: VulnWatchKbErrors.VULNWATCH_IMPORT_FORMAT_UNKNOWN.code,
              level: 'warning',
              id: null,
              where: item.file,
              message: `skipped: ${item.reason}`,
            });
            break;
          case 'file-error':
            // Keep everything read before the fault: flush first, then record where it stopped.
            await flush();
            counts.failedFiles++;
            if (files.length < MAX_KEPT)
              files.push({
                file: item.file,
                format: null,
                records: item.records,
                declared: null,
                status: 'stopped',
              });
            issue({
              code: item.error.code,
              level: 'error',
              id: null,
              where: item.file,
              message: item.error.messageIn(ctx.lang),
            });
            break;
        }
      }
    }
    await flush();
  } catch (error) {
    issue({
      code: 'COMMON_INTERNAL',
      level: 'error',
      id: null,
      where: currentFile,
      message: (error as Error).message,
    });
    await upsertImportRun(ctx.db, run('failed', ctx.clock.now().toISOString()));
    throw error;
  }

  const hardErrors = errors.some((e) => e.level === 'error') || errorCount > errors.length;
  const status: ImportRun['status'] =
    counts.files === 0 && counts.read === 0 && counts.failedFiles > 0
      ? 'failed'
      : hardErrors
        ? 'completed-with-errors'
        : 'completed';
  const finished = run(status, ctx.clock.now().toISOString());
  await ctx.db.transaction().execute(async (trx) => {
    if (pendingAlerts.length > 0) {
      const payload: ProposeBulletinsPayload = { cveIds: pendingAlerts };
      await ctx.jobs.enqueue(PROPOSE_BULLETINS_JOB, payload, { db: trx });
      pendingAlerts = [];
    }
    await upsertImportRun(trx, finished);
    await recordAudit(
      ctx,
      {
        action: 'vuln-watch.import-cves',
        objectType: 'vuln-import-run',
        objectId: runId,
        details: {
          inputs: finished.inputs,
          source: finished.source,
          status,
          counts: finished.counts,
          errorCount,
        },
      },
      trx,
    );
  });
  return finished;
}

/** The last import runs, newest first (who may import may read them). */
export async function browseImportRuns(ctx: ServiceContext, limit = 20): Promise<ImportRun[]> {
  authorize(ctx.actor, canImportCves(ctx.actor));
  return listImportRuns(ctx.db, Math.min(Math.max(limit, 1), 200));
}

/** The default NVD API endpoint (`HYGIE_NVD_API_URL` overrides it in the CLI). */
export const DEFAULT_NVD_API_URL = NVD_API_URL;
