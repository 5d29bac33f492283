/**
 * Elasticsearch / OpenSearch identification: `GET /` over HTTP, then HTTPS when the plain request
 * gets no HTTP answer (Elasticsearch 8 enables TLS by default). Read-only; no index is listed.
 */
import type { Probe, ProbeContext, ProbeMatch } from '../probe.js';
import { parseRootResponse, searchEngineCpe, type SearchEngineBanner } from './elasticsearch.parse.js';

const MAX_BODY_BYTES = 64 * 1024;
const MIN_STEP_MS = 50;

function hostFor(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}

async function getRoot(
  ctx: ProbeContext,
  scheme: 'http' | 'https',
  deadline: number,
): Promise<SearchEngineBanner | 'not-http' | null> {
  const ms = deadline - Date.now();
  if (ms < MIN_STEP_MS) return null;
  try {
    const r = await ctx.http.request(`${scheme}://${hostFor(ctx.address)}:${ctx.port}/`, {
      address: ctx.address,
      headers: { Accept: 'application/json' },
      maxBodyBytes: MAX_BODY_BYTES,
      connectTimeoutMs: ms,
      readTimeoutMs: ms,
      totalTimeoutMs: ms,
    });
    return parseRootResponse(r);
  } catch {
    return 'not-http';
  }
}

async function identify(ctx: ProbeContext): Promise<ProbeMatch | null> {
  const deadline = Date.now() + ctx.timeoutMs;
  let tls = false;
  let banner = await getRoot(ctx, 'http', deadline);
  if (banner === 'not-http') {
    tls = true;
    banner = await getRoot(ctx, 'https', deadline);
  }
  if (banner === null || banner === 'not-http') return null;
  const details = {
    authRequired: banner.authRequired,
    ...(banner.clusterName === undefined ? {} : { clusterName: banner.clusterName }),
    ...(banner.nodeName === undefined ? {} : { nodeName: banner.nodeName }),
    ...(banner.buildFlavor === undefined ? {} : { buildFlavor: banner.buildFlavor }),
    ...(banner.luceneVersion === undefined ? {} : { luceneVersion: banner.luceneVersion }),
    ...(banner.tagline === undefined ? {} : { tagline: banner.tagline }),
  };
  const cpe = banner.version === undefined ? undefined : searchEngineCpe(banner.product, banner.version);
  return {
    protocol: 'elasticsearch',
    tls,
    product: banner.product,
    ...(banner.version === undefined ? {} : { version: banner.version }),
    ...(cpe === undefined ? {} : { cpe: [cpe] }),
    details,
  };
}

/** Elasticsearch and OpenSearch over HTTP(S): product, version, cluster name, authentication required. */
export const elasticsearchProbe: Probe = {
  protocol: 'elasticsearch',
  likelyPorts: [9200, 9201],
  greetingFirst: false,
  async run(ctx) {
    // An HTTP server never speaks first.
    if (ctx.greeting.length > 0) return null;
    try {
      return await identify(ctx);
    } catch {
      return null;
    }
  },
};
