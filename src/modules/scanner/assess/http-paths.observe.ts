/**
 * HTTP path probes of one web service (I/O): a random path first (the soft-404 baseline), then the
 * secrets files, backup copies and directories of `http-paths.parse.ts`, each with one GET, no
 * redirect followed, Host = the service's first known name, the socket to the service's address.
 * Answers of 400 and above are only counted; the others are kept (status, type, length, the first
 * characters and bytes, similarity to the baseline) for the checks to judge by content.
 */
import { randomBytes } from 'node:crypto';
import { ScopeError, type HttpResponse, type ScanNetwork } from '../../../platform/net/index.js';
import type { HostObservation, ServiceObservation } from '../scanner.types.js';
import type { HttpPathsAssessment, PathObservation, Soft404Baseline } from './assessment.types.js';
import { bodyText, pathCandidates, soft404Similarity } from './http-paths.parse.js';

/** Body bytes read per path. */
const MAX_PATH_BODY = 64 * 1024;
/** Characters kept per answer. */
const SAMPLE_CHARS = 2048;

/** Bounds of the path probes. */
export interface HttpPathsOptions {
  readonly timeoutMs?: number;
  /** Paths asked per service at most (the baseline not counted). */
  readonly maxPaths?: number;
}

/** `scheme://host[:port]` of a service, with the name the probes used. */
export function baseUrlOf(host: HostObservation, service: ServiceObservation): { url: string; name: string } {
  const scheme = service.tls || service.protocol === 'https' ? 'https' : 'http';
  const name = host.hostnames[0] ?? host.address;
  const shown = name.includes(':') ? `[${name}]` : name;
  const defaultPort = scheme === 'https' ? 443 : 80;
  return { url: `${scheme}://${shown}${service.port === defaultPort ? '' : `:${service.port}`}`, name };
}

async function get(
  network: ScanNetwork,
  url: string,
  address: string,
  timeoutMs: number,
): Promise<HttpResponse> {
  return network.http.request(url, {
    address,
    maxBodyBytes: MAX_PATH_BODY,
    connectTimeoutMs: timeoutMs,
    readTimeoutMs: timeoutMs,
    totalTimeoutMs: timeoutMs * 2,
    tls: { minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' },
  });
}

function observed(
  path: string,
  url: string,
  reason: PathObservation['reason'],
  r: HttpResponse,
  baseline: Soft404Baseline | null,
): PathObservation {
  const sample = bodyText(r.body, SAMPLE_CHARS);
  return {
    path,
    url,
    reason,
    status: r.status,
    contentType: r.headers['content-type'] ?? null,
    length: r.body.length,
    sample,
    magic: r.body.subarray(0, 16).toString('hex'),
    soft404Similarity: soft404Similarity({ path, status: r.status, length: r.body.length, sample }, baseline),
  };
}

/** Runs the path probes on one HTTP(S) service. Never throws. */
export async function observeHttpPaths(
  network: ScanNetwork,
  host: HostObservation,
  service: ServiceObservation,
  options: HttpPathsOptions = {},
): Promise<HttpPathsAssessment> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const { url: baseUrl } = baseUrlOf(host, service);
  const notes: string[] = [];
  const randomPath = `/hygie-${randomBytes(8).toString('hex')}`;
  let soft404: Soft404Baseline;
  try {
    const r = await get(network, `${baseUrl}${randomPath}`, host.address, timeoutMs);
    soft404 = {
      path: randomPath,
      status: r.status,
      length: r.body.length,
      sample: bodyText(r.body, SAMPLE_CHARS),
    };
    if (r.status < 400) notes.push(`a random path answers ${r.status}: soft-404 server, content decides`);
  } catch (error) {
    const why = error instanceof ScopeError ? error.reason : (error as Error).message;
    return {
      baseUrl,
      soft404: null,
      paths: [],
      tried: 0,
      notes: [`path probes not run: ${why}`.slice(0, 200)],
    };
  }
  const rootHtml = service.http?.bodySample ?? '';
  const candidates = pathCandidates(rootHtml, `${baseUrl}/`).slice(0, options.maxPaths ?? 60);
  const paths: PathObservation[] = [];
  let tried = 0;
  let failures = 0;
  for (const candidate of candidates) {
    const url = `${baseUrl}${candidate.path}`;
    tried++;
    try {
      const r = await get(network, url, host.address, timeoutMs);
      if (r.status < 400) paths.push(observed(candidate.path, url, candidate.reason, r, soft404));
    } catch (error) {
      failures++;
      if (error instanceof ScopeError || failures >= 3) {
        notes.push(`path probes stopped at ${candidate.path}: ${(error as Error).message}`.slice(0, 200));
        break;
      }
    }
  }
  return { baseUrl, soft404, paths, tried, notes };
}
