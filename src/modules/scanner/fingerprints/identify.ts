/**
 * The enrich step of identification: from what a probe saw (banner, greeting lines, headers,
 * title, favicon, certificate, RootDSE) to product, version and CPE 2.3 names with recog, and to
 * web technologies with the webappanalyzer rules. Pure once the data is loaded; never throws.
 */
import type { HttpObservation, ServiceObservation, TechnologyObservation } from '../scanner.types.js';
import type { ProbeMatch } from '../probes/probe.js';
import { mostSpecificCpes, nvdNormalise } from './cpe.js';
import { matchRecog, type RecogDatabaseName, type RecogMatch } from './recog.js';
import { matchWebTechnologiesWithin, type WebTechnology } from './webapp.js';

/** One recog input: the database and the text tried against it. */
interface RecogInput {
  readonly database: RecogDatabaseName;
  readonly text: string;
}

const stringList = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const stringOf = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** `C=US, O=Fortinet, CN=x` (certificate order) → `CN=x,O=Fortinet,C=US` (RFC 2253, recog's form). */
export function rfc2253(dn: string): string {
  return dn
    .split(/,\s*(?=[A-Za-z.0-9]+=)/)
    .map((p) => p.trim())
    .reverse()
    .join(',');
}

/** SSH banner → the part after `SSH-x.y-`. */
function sshInput(match: ProbeMatch): RecogInput[] {
  const software = stringOf(match.details?.software);
  const comment = stringOf(match.details?.comment);
  if (software) return [{ database: 'ssh.banner', text: comment ? `${software} ${comment}` : software }];
  const banner = match.banner?.replace(/^SSH-\d+\.\d+-/, '');
  return banner ? [{ database: 'ssh.banner', text: banner }] : [];
}

/** Greeting lines (codes removed): the whole greeting, then each line alone. */
function greetingInputs(match: ProbeMatch, database: RecogDatabaseName): RecogInput[] {
  const lines = stringList(match.details?.greeting);
  if (lines.length === 0) return [];
  const all = [{ database, text: lines.join('\r\n') }];
  return lines.length === 1 ? all : [...all, ...lines.map((text) => ({ database, text }))];
}

function httpInputs(http: HttpObservation, details: Record<string, unknown> | undefined): RecogInput[] {
  const h = http.headers;
  const out: RecogInput[] = [];
  if (h.server) {
    out.push({ database: 'http_header.server', text: h.server });
    // `Apache/2.4.41 (Ubuntu)`: the OS token has its own database.
    out.push({ database: 'apache_os', text: h.server });
  }
  if (http.title) out.push({ database: 'html_title', text: http.title });
  if (h['x-powered-by']) out.push({ database: 'http_header.x-powered-by', text: h['x-powered-by'] });
  for (const cookie of (h['set-cookie'] ?? '').split('\n').filter(Boolean).slice(0, 20)) {
    out.push({ database: 'http_header.cookie', text: cookie });
  }
  if (h['www-authenticate']) out.push({ database: 'http_header.wwwauth', text: h['www-authenticate'] });
  const favicon = details?.favicon as { md5?: unknown } | undefined;
  if (typeof favicon?.md5 === 'string') out.push({ database: 'favicon.md5', text: favicon.md5 });
  return out;
}

function certificateInputs(match: ProbeMatch): RecogInput[] {
  const c = match.certificate;
  if (!c) return [];
  return [
    { database: 'x509.subject', text: rfc2253(c.subject) },
    { database: 'x509.issuer', text: rfc2253(c.issuer) },
  ];
}

function ldapInputs(match: ProbeMatch): RecogInput[] {
  const raw = stringOf(match.details?.rootDseBer);
  return raw ? [{ database: 'ldap.search_result', text: Buffer.from(raw, 'base64').toString('latin1') }] : [];
}

/** Every recog input a match offers, most telling first. */
export function recogInputsOf(match: ProbeMatch): RecogInput[] {
  switch (match.protocol) {
    case 'ssh':
      return sshInput(match);
    case 'ftp':
      return greetingInputs(match, 'ftp.banner');
    case 'smtp':
      return [...greetingInputs(match, 'smtp.banner'), ...certificateInputs(match)];
    case 'telnet': {
      const text = stringOf(match.details?.text);
      return text ? [{ database: 'telnet_banners', text }] : [];
    }
    case 'http':
    case 'https':
      return [...(match.http ? httpInputs(match.http, match.details) : []), ...certificateInputs(match)];
    case 'ldap':
      return [...ldapInputs(match), ...certificateInputs(match)];
    default:
      return certificateInputs(match);
  }
}

/** Categories of web technologies that can stand for the service itself when recog names none. */
const SERVICE_CATEGORIES = new Set([
  'Web servers',
  'Remote access',
  'Security',
  'Network devices',
  'Webmail',
]);

function fromTechnology(technologies: readonly WebTechnology[]): WebTechnology | undefined {
  return technologies
    .filter((t) => (t.categories ?? []).some((c) => SERVICE_CATEGORIES.has(c)) && t.confidence >= 50)
    .sort(
      (a, b) => Number(b.cpe !== undefined) - Number(a.cpe !== undefined) || b.confidence - a.confidence,
    )[0];
}

/**
 * Fills product, version, CPEs and technologies of a probe's match (or of a whole service
 * observation: the shape is kept) from the fingerprint data.
 */
export function enrichWithFingerprints(match: ServiceObservation): ServiceObservation;
export function enrichWithFingerprints(match: ProbeMatch): ProbeMatch;
export function enrichWithFingerprints(match: ProbeMatch): ProbeMatch {
  try {
    const matches: RecogMatch[] = [];
    for (const input of recogInputsOf(match)) {
      const found = matchRecog(input.database, input.text);
      if (found !== null) matches.push(found);
    }
    const service = matches.find((m) => m.params['service.product'] !== undefined);
    const web = match.http ? matchWebTechnologiesWithin(match.http) : { technologies: [], complete: true };
    const technologies: WebTechnology[] = web.technologies;
    const tech = service ? undefined : fromTechnology(technologies);
    const product = service?.params['service.product'] ?? tech?.name ?? match.product;
    const version = service
      ? (service.params['service.version'] ??
        (service.params['service.product'] === match.product ? match.version : undefined))
      : (tech?.version ?? match.version);
    const cpe = mostSpecificCpes(
      [
        ...(service?.cpe ?? []),
        ...(tech?.cpe ? [tech.cpe] : []),
        // Other matches only add what they say about the host (OS, hardware), not rival service names.
        ...matches.flatMap((m) => m.cpe.filter((c) => !c.startsWith('cpe:2.3:a:'))),
        ...(match.cpe ?? []),
      ].map(nvdNormalise),
    );
    const os = matches.find((m) => m.params['os.product'] !== undefined)?.params;
    const fingerprints = matches.map((m) => ({ database: m.database, description: m.description }));
    const vendor = service?.params['service.vendor'];
    const merged: TechnologyObservation[] = [...(match.technologies ?? []), ...technologies];
    const extra: Record<string, unknown> = {
      ...(vendor ? { vendor } : {}),
      ...(os
        ? {
            os: Object.fromEntries(
              ['os.vendor', 'os.family', 'os.product', 'os.version', 'os.device']
                .filter((k) => os[k] !== undefined)
                .map((k) => [k.slice(3), os[k]]),
            ),
          }
        : {}),
      ...(fingerprints.length === 0 ? {} : { fingerprints }),
    };
    const details =
      match.details === undefined && Object.keys(extra).length === 0
        ? undefined
        : { ...match.details, ...extra };
    return {
      ...match,
      ...(product === undefined ? {} : { product }),
      ...(version === undefined ? {} : { version }),
      ...(cpe.length === 0 ? {} : { cpe }),
      ...(merged.length === 0 ? {} : { technologies: merged }),
      ...(details === undefined ? {} : { details }),
      ...(web.complete
        ? {}
        : { notes: [...(match.notes ?? []), 'web technology rules stopped at their time budget'] }),
    };
  } catch (error) {
    return {
      ...match,
      notes: [...(match.notes ?? []), `fingerprinting failed: ${String(error).slice(0, 200)}`],
    };
  }
}
