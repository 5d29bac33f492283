/**
 * The NVD CVE API 2.0, page by page (`startIndex` / `resultsPerPage`), optionally restricted to
 * records modified in a period (`lastModStartDate` / `lastModEndDate`, split into the API's
 * 120-day windows), with the API key header and a polite delay between requests (NVD asks for
 * about 6 s without a key). Each page body is streamed through the same reader as a file.
 */
import { HygieError } from '../../../../lib/errors.js';
import { VulnWatchKbErrors } from '../../vuln-watch.errors.js';
import { readStream, type ReadItem } from '../source-reader.js';

/** Where and how to query the API. */
export interface NvdApiOptions {
  /** e.g. `https://services.nvd.nist.gov/rest/json/cves/2.0` (tests: a loopback server). */
  readonly baseUrl: string;
  readonly apiKey?: string;
  /** Only records modified from this time (ISO-8601); with `lastModEndDate` (default: now). */
  readonly lastModStartDate?: string;
  readonly lastModEndDate?: string;
  /** Page size (the API allows up to 2000). */
  readonly resultsPerPage?: number;
  /** Pause between two requests; default 6000 ms without a key, 700 ms with one. */
  readonly delayMs?: number;
  /** Attempts per page on 403/429/5xx answers (rate limiting) before giving up. */
  readonly maxAttempts?: number;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => Date;
}

/** The public NVD CVE API 2.0 endpoint. */
export const NVD_API_URL = 'https://services.nvd.nist.gov/rest/json/cves/2.0';

const WINDOW_MS = 120 * 24 * 3600 * 1000;

/** True when a URL looks like the CVE API (its path ends in `/cves/2.0`). */
export function isNvdApiUrl(url: string): boolean {
  try {
    return /\/cves\/2\.0\/?$/.test(new URL(url).pathname);
  } catch {
    return false;
  }
}

function windows(
  start: string | undefined,
  end: string | undefined,
  now: Date,
): ({ from: string; to: string } | null)[] {
  if (!start) return [null];
  const out: { from: string; to: string }[] = [];
  let from = new Date(start).getTime();
  const until = end ? new Date(end).getTime() : now.getTime();
  while (from < until) {
    const to = Math.min(from + WINDOW_MS, until);
    out.push({ from: new Date(from).toISOString(), to: new Date(to).toISOString() });
    from = to;
  }
  return out;
}

function pageError(url: string, reason: string, records: number): ReadItem {
  return {
    kind: 'file-error',
    file: url,
    error: new HygieError(VulnWatchKbErrors.VULNWATCH_IMPORT_UNREADABLE, { file: url, reason }),
    records,
  };
}

async function* bodyChunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Buffer> {
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>)
    yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** Reads every page of the API; yields the same items as a file read, one "file" per page. */
export async function* fetchNvdApi(options: NvdApiOptions): AsyncGenerator<ReadItem> {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const perPage = Math.min(Math.max(options.resultsPerPage ?? 2000, 1), 2000);
  const delay = options.delayMs ?? (options.apiKey ? 700 : 6000);
  const maxAttempts = options.maxAttempts ?? 5;
  let first = true;
  for (const window of windows(
    options.lastModStartDate,
    options.lastModEndDate,
    (options.now ?? (() => new Date()))(),
  )) {
    let startIndex = 0;
    let total = Infinity;
    while (startIndex < total) {
      const url = new URL(options.baseUrl);
      url.searchParams.set('startIndex', String(startIndex));
      url.searchParams.set('resultsPerPage', String(perPage));
      if (window) {
        url.searchParams.set('lastModStartDate', window.from);
        url.searchParams.set('lastModEndDate', window.to);
      }
      let response: Response | null = null;
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        if (!first) await sleep(attempt === 1 ? delay : delay * 2 ** (attempt - 1));
        first = false;
        try {
          response = await doFetch(url, {
            headers: { accept: 'application/json', ...(options.apiKey ? { apiKey: options.apiKey } : {}) },
          });
        } catch (error) {
          yield pageError(url.href, `request failed: ${(error as Error).message}`, 0);
          return;
        }
        if (
          response.ok ||
          ![403, 429, 500, 502, 503, 504].includes(response.status) ||
          attempt === maxAttempts
        )
          break;
        await response.body?.cancel();
      }
      if (!response || !response.ok || !response.body) {
        yield pageError(url.href, `HTTP ${response?.status ?? '?'} ${response?.statusText ?? ''}`.trim(), 0);
        return;
      }
      let pageRecords = 0;
      for await (const item of readStream(url.href, bodyChunks(response.body))) {
        if (item.kind === 'file-start' && item.format !== 'nvd') {
          yield pageError(url.href, `the API answered ${item.format} data, not an NVD 2.0 page`, 0);
          return;
        }
        if (item.kind === 'file-end') {
          pageRecords = item.records;
          const declared = item.envelope?.totalResults;
          total = typeof declared === 'number' ? declared : startIndex + item.records;
        }
        yield item;
        if (item.kind === 'file-error' || item.kind === 'file-skipped') return;
      }
      if (pageRecords === 0) break;
      startIndex += pageRecords;
    }
  }
}
