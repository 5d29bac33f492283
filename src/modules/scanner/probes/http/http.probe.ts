/**
 * HTTP: `GET /` with the first known host name (or the IP) as Host, redirects followed inside the
 * scope (out-of-scope ones recorded), title, lower-cased headers, a body sample and the favicon
 * hashes. The observation describes the last answer of the chain that is still this service
 * (same scheme, host and port): a `/` → `/login/` hop stays, a hop to another port or host does not.
 */
import {
  ScopeError,
  followRedirects,
  type HttpClient,
  type HttpRequestOptions,
  type HttpResponse,
  type RedirectChain,
  type TlsDialOptions,
} from '../../../../platform/net/index.js';
import type { HttpObservation } from '../../scanner.types.js';
import type { Probe, ProbeContext, ProbeMatch } from '../probe.js';
import { runBounded, startBudget, type Budget } from '../banner/probe-session.js';
import { faviconMd5, shodanFaviconHash } from './favicon.parse.js';
import {
  BODY_SAMPLE_CHARS,
  decodeBody,
  extractTitle,
  faviconCandidates,
  headersRecord,
  originOf,
} from './http.parse.js';

/** Body bytes read from a page. */
const MAX_BODY = 256 * 1024;
/** Favicon bytes read; a larger one is not hashed. */
const MAX_FAVICON = 100 * 1024;
const MAX_REDIRECTS = 5;

/** What `observeHttp` learnt: the observation, facts for `details`, and notes. */
export interface HttpRun {
  readonly http: HttpObservation;
  readonly details: Record<string, unknown>;
  readonly notes: string[];
  /** The TLS session of the first answer (https only). */
  readonly first: HttpResponse;
}

function hostForUrl(ctx: ProbeContext): string {
  const host = ctx.hostnames[0] ?? ctx.address;
  return host.includes(':') ? `[${host}]` : host;
}

/** The probed host name always goes to the probed address; other names go through the resolver. */
function pinnedClient(ctx: ProbeContext): HttpClient {
  const host = (ctx.hostnames[0] ?? ctx.address).toLowerCase();
  return {
    request(url, options) {
      const target = new URL(url);
      const pinned = target.hostname.replace(/^\[|\]$/g, '').toLowerCase() === host;
      return ctx.http.request(target, pinned ? { ...options, address: ctx.address } : options);
    },
  };
}

function bounds(
  budget: Budget,
): Pick<HttpRequestOptions, 'connectTimeoutMs' | 'readTimeoutMs' | 'totalTimeoutMs'> {
  const left = Math.max(50, budget.remaining());
  return { connectTimeoutMs: left, readTimeoutMs: left, totalTimeoutMs: left };
}

/** nginx and others answer plain HTTP on a TLS port with a 400 that says so: that port is https. */
function isPlainToTlsPort(response: HttpResponse): boolean {
  return (
    response.status === 400 &&
    /plain HTTP request was sent to HTTPS port|speaking plain HTTP to an SSL-enabled server/i.test(
      response.body.subarray(0, 4096).toString('latin1'),
    )
  );
}

async function fetchFavicon(
  client: HttpClient,
  html: string,
  pageUrl: string,
  budget: Budget,
  tls: TlsDialOptions | undefined,
  notes: string[],
): Promise<{ url: string; mmh3: string; md5: string; bytes: number } | null> {
  for (const url of faviconCandidates(html, pageUrl)) {
    if (budget.remaining() < 100) return null;
    try {
      const r = await client.request(url, {
        ...bounds(budget),
        maxBodyBytes: MAX_FAVICON,
        ...(tls ? { tls } : {}),
      });
      const type = r.headers['content-type'] ?? '';
      if (r.status !== 200 || r.body.length === 0 || /text\/html/i.test(type)) continue;
      if (r.truncated) {
        notes.push(`favicon ${url} larger than ${MAX_FAVICON} bytes: not hashed`);
        return null;
      }
      return { url, mmh3: shodanFaviconHash(r.body), md5: faviconMd5(r.body), bytes: r.body.length };
    } catch (error) {
      if (error instanceof ScopeError) notes.push(`favicon ${url} not fetched: ${error.reason}`);
    }
  }
  return null;
}

function redirectsOf(chain: RedirectChain): HttpObservation['redirects'] {
  const out: { from: string; to: string; status: number }[] = [];
  for (let i = 0; i + 1 < chain.responses.length; i++) {
    const from = chain.responses[i] as HttpResponse;
    out.push({ from: from.url, to: (chain.responses[i + 1] as HttpResponse).url, status: from.status });
  }
  return out;
}

/**
 * Requests `/` over `scheme` and builds the observation; null when the service does not answer
 * in HTTP. Throws only what the caller's `runBounded` turns into a result.
 */
export async function observeHttp(
  ctx: ProbeContext,
  scheme: 'http' | 'https',
  budget: Budget,
  tls?: TlsDialOptions,
): Promise<HttpRun | null> {
  if (ctx.greeting.length > 0 && !ctx.greeting.subarray(0, 5).equals(Buffer.from('HTTP/'))) return null;
  const client = pinnedClient(ctx);
  const defaultPort = scheme === 'https' ? 443 : 80;
  const url = `${scheme}://${hostForUrl(ctx)}${ctx.port === defaultPort ? '' : `:${ctx.port}`}/`;
  const notes: string[] = [];
  let chain: RedirectChain;
  try {
    chain = await followRedirects(client, url, {
      ...bounds(budget),
      maxRedirects: MAX_REDIRECTS,
      maxBodyBytes: MAX_BODY,
      ...(tls ? { tls } : {}),
    });
  } catch (error) {
    if (error instanceof ScopeError) throw error;
    return null;
  }
  const first = chain.responses[0] as HttpResponse;
  if (scheme === 'http' && isPlainToTlsPort(first)) return null;
  const origin = originOf(first.url);
  const own = [...chain.responses].reverse().find((r) => originOf(r.url) === origin) ?? first;
  const html = decodeBody(own.body, own.headers['content-type']);
  const title = extractTitle(html);
  if (own.truncated) notes.push(`body of ${own.url} cut at ${MAX_BODY} bytes`);
  if (own.note && own.closedBy !== 'done' && own.closedBy !== 'peer') notes.push(own.note);
  if (chain.note) notes.push(chain.note);
  const favicon =
    budget.remaining() > 150 ? await fetchFavicon(client, html, own.url, budget, tls, notes) : null;
  const final = chain.final;
  const http: HttpObservation = {
    url: own.url,
    status: own.status,
    headers: headersRecord(own.rawHeaders),
    ...(title === undefined ? {} : { title }),
    redirects: redirectsOf(chain),
    ...(chain.refused.length > 0 ? { refusedRedirects: chain.refused.map((r) => ({ ...r })) } : {}),
    ...(favicon ? { faviconHash: favicon.mmh3 } : {}),
    bodySample: html.slice(0, BODY_SAMPLE_CHARS),
  };
  const details: Record<string, unknown> = {
    ...(final !== own ? { finalUrl: final.url, finalStatus: final.status } : {}),
    ...(favicon ? { favicon } : {}),
  };
  return { http, details, notes, first };
}

async function run(ctx: ProbeContext, budget: Budget): Promise<ProbeMatch | null> {
  const observed = await observeHttp(ctx, 'http', budget);
  if (observed === null) return null;
  return {
    protocol: 'http',
    tls: false,
    http: observed.http,
    details: observed.details,
    notes: observed.notes,
  };
}

/** Plain HTTP probe. */
export const httpProbe: Probe = {
  protocol: 'http',
  likelyPorts: [80, 8080, 8000, 8008, 8081, 8888, 591, 2080, 3000, 5000, 9000],
  greetingFirst: false,
  run(ctx) {
    const budget = startBudget(ctx);
    return runBounded(
      budget,
      () => run(ctx, budget),
      () => null,
    );
  },
};
