/**
 * Judging the answer to `GET /` of an Elasticsearch (or OpenSearch) node: the JSON banner with
 * `version.number` and the tagline, or the 401 of a secured cluster. Pure; never throws.
 */

/** What the root answer says. */
export interface SearchEngineBanner {
  readonly product: 'Elasticsearch' | 'OpenSearch';
  readonly version?: string;
  readonly authRequired: boolean;
  readonly clusterName?: string;
  readonly nodeName?: string;
  readonly buildFlavor?: string;
  readonly luceneVersion?: string;
  readonly tagline?: string;
}

/** The slice of an HTTP response the judgement needs. */
export interface RootResponse {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

const ELASTIC_TAGLINE = 'You Know, for Search';

function text(v: unknown, max = 200): string | undefined {
  return typeof v === 'string' && v !== '' ? v.replace(/[^\x20-\x7e]/g, '?').slice(0, max) : undefined;
}

function json(body: Buffer): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(body.toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Reads the root answer; null when it is not an Elasticsearch/OpenSearch node. */
export function parseRootResponse(r: RootResponse): SearchEngineBanner | null {
  const doc = json(r.body);
  const elasticHeader = r.headers['x-elastic-product'] === 'Elasticsearch';
  if (r.status === 401 || r.status === 403) {
    const error = doc?.error;
    const type =
      typeof error === 'object' && error !== null ? (error as Record<string, unknown>).type : undefined;
    const realm = /realm="security"/i.test(r.headers['www-authenticate'] ?? '');
    if (elasticHeader || type === 'security_exception')
      return { product: 'Elasticsearch', authRequired: true };
    // OpenSearch's security plugin answers a bare 401 with this realm and a plain-text body.
    if (realm && /Unauthorized/i.test(r.body.toString('latin1', 0, 200)))
      return { product: 'OpenSearch', authRequired: true };
    return null;
  }
  if (r.status !== 200 || doc === null) return null;
  const version = doc.version;
  if (typeof version !== 'object' || version === null) return null;
  const v = version as Record<string, unknown>;
  const tagline = text(doc.tagline);
  const opensearch = v.distribution === 'opensearch';
  if (!opensearch && tagline !== ELASTIC_TAGLINE && !elasticHeader) return null;
  const number = text(v.number, 40);
  const clusterName = text(doc.cluster_name);
  const nodeName = text(doc.name);
  const buildFlavor = text(v.build_flavor, 40);
  const luceneVersion = text(v.lucene_version, 40);
  return {
    product: opensearch ? 'OpenSearch' : 'Elasticsearch',
    ...(number !== undefined && /^\d+\.\d+/.test(number) ? { version: number } : {}),
    authRequired: false,
    ...(clusterName === undefined ? {} : { clusterName }),
    ...(nodeName === undefined ? {} : { nodeName }),
    ...(buildFlavor === undefined ? {} : { buildFlavor }),
    ...(luceneVersion === undefined ? {} : { luceneVersion }),
    ...(tagline === undefined ? {} : { tagline }),
  };
}

/** CPE 2.3 of an Elasticsearch version; OpenSearch is left to the fingerprint stage (NVD naming unsettled). */
export function searchEngineCpe(product: SearchEngineBanner['product'], version: string): string | undefined {
  return product === 'Elasticsearch' ? `cpe:2.3:a:elastic:elasticsearch:${version}:*:*:*:*:*:*:*` : undefined;
}
