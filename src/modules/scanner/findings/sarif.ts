/**
 * A scan result as a SARIF 2.1.0 log (OASIS), for the tools that read static-analysis results
 * (code-scanning dashboards, DefectDojo, SARIF viewers). Pure.
 *
 * One run; one rule (`reportingDescriptor`) per check id used, its texts from the catalogue; one
 * result per finding, in input order. SARIF locates results in files, Hygie's targets are network
 * places, so each result's `physicalLocation.artifactLocation.uri` names the place as a URI:
 *   - the finding's URL when it has one (`https://www.chu.example/.git/HEAD`);
 *   - else `tcp://<address or hostname>:<port>` for a service (`tcp://[2001:db8::1]:3389`);
 *   - else `dns:<domain>` (RFC 4501) for a DNS or mail finding;
 *   - else `tcp://<address or hostname>` for a bare host.
 * `logicalLocations` repeat the domain, host name and address with kinds `domain`, `hostname` and
 * `address` (SARIF leaves `kind` open-ended). The finding id, stable across scans, is the
 * `partialFingerprints` entry `hygieFindingId/v1`, so that viewers match a finding from scan to scan.
 */
import { checkById } from '../checks/index.js';
import type { ContractFinding } from './finding-table.js';
import { hostAndPort, isContractFinding } from './finding-table.js';
import type { FindingLanguage, FindingSeverity, FindingTarget } from './finding.types.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SARIF_TOOL_NAME = 'Hygie scanner';
/** Key of the finding id in `result.partialFingerprints`; bump the version if the id scheme changes. */
export const FINDING_FINGERPRINT_KEY = 'hygieFindingId/v1';

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

interface SarifText {
  readonly text: string;
}

export interface SarifRule {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: SarifText;
  readonly fullDescription: SarifText;
  readonly help: SarifText;
  readonly helpUri?: string;
  readonly defaultConfiguration: { readonly level: SarifLevel };
  readonly properties: { readonly category: string; readonly tags: readonly string[] };
}

export interface SarifLogicalLocation {
  readonly name: string;
  readonly fullyQualifiedName: string;
  readonly kind: 'domain' | 'hostname' | 'address';
}

export interface SarifLocation {
  readonly physicalLocation?: { readonly artifactLocation: { readonly uri: string } };
  readonly logicalLocations?: readonly SarifLogicalLocation[];
}

export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: SarifLevel;
  readonly message: SarifText;
  readonly locations?: readonly SarifLocation[];
  readonly partialFingerprints: Readonly<Record<string, string>>;
  readonly properties: {
    readonly severity: FindingSeverity;
    readonly category: string;
    readonly cve: readonly string[];
    readonly cvss: number | null;
    readonly cvssVector: string | null;
    readonly kev: boolean;
  };
}

export interface SarifInvocation {
  readonly executionSuccessful: boolean;
  readonly startTimeUtc?: string;
  readonly endTimeUtc?: string;
  readonly toolExecutionNotifications?: readonly {
    readonly level: SarifLevel;
    readonly message: SarifText;
  }[];
}

export interface SarifLog {
  readonly $schema: typeof SARIF_SCHEMA_URI;
  readonly version: '2.1.0';
  readonly runs: readonly [
    {
      readonly tool: {
        readonly driver: {
          readonly name: string;
          readonly version?: string;
          readonly rules: readonly SarifRule[];
        };
      };
      readonly language: FindingLanguage;
      readonly invocations: readonly [SarifInvocation];
      readonly results: readonly SarifResult[];
      readonly properties: {
        readonly scanId: string;
        readonly targets: readonly string[];
        readonly status?: string;
      };
    },
  ];
}

/** What `toSarif` reads of a scan result; a `ScanResult` is one. */
export interface SarifScanInput {
  readonly scan: {
    readonly id: string;
    readonly startedAt: string;
    readonly finishedAt: string;
    readonly targets: readonly string[];
    readonly status?: 'completed' | 'partial' | 'failed';
  };
  /** Typed as loosely as the contract types them: entries without a finding's shape are reported, not exported. */
  readonly findings: readonly unknown[];
}

export interface SarifOptions {
  /** `tool.driver.version`: Hygie's version, omitted when unknown. */
  readonly toolVersion?: string;
  /** Language of the texts; French by default, like the report and `Finding.title`. */
  readonly language?: FindingLanguage;
}

const LEVEL_OF_SEVERITY: Record<FindingSeverity, SarifLevel> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** SARIF level of a Hygie severity: critical/high → error, medium → warning, low/info → note. */
export function sarifLevel(severity: FindingSeverity): SarifLevel {
  return LEVEL_OF_SEVERITY[severity];
}

/** The scan result as a SARIF 2.1.0 log (see the module comment for the location scheme). */
export function toSarif(result: SarifScanInput, options: SarifOptions = {}): SarifLog {
  const language = options.language ?? 'fr';
  const findings = result.findings.filter(isContractFinding);
  const firstOfCheck = new Map<string, ContractFinding>();
  for (const f of findings) if (!firstOfCheck.has(f.check)) firstOfCheck.set(f.check, f);
  // Sorted by id (code-unit order, locale-free) so that the same scan gives the same log.
  const rules = [...firstOfCheck.values()]
    .sort((a, b) => (a.check < b.check ? -1 : a.check > b.check ? 1 : 0))
    .map((first) => ruleOf(first, language));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const unreadable = result.findings.length - findings.length;
  const { scan } = result;
  const startTimeUtc = utcTime(scan.startedAt);
  const endTimeUtc = utcTime(scan.finishedAt);
  const invocation: SarifInvocation = {
    executionSuccessful: scan.status !== 'failed',
    ...(startTimeUtc ? { startTimeUtc } : {}),
    ...(endTimeUtc ? { endTimeUtc } : {}),
    ...(unreadable > 0
      ? {
          toolExecutionNotifications: [
            {
              level: 'warning' as const,
              message: { text: `${unreadable} findings not exported: not in the shape of hygie.scan/1` },
            },
          ],
        }
      : {}),
  };
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: SARIF_TOOL_NAME,
            ...(options.toolVersion ? { version: options.toolVersion } : {}),
            rules,
          },
        },
        language,
        invocations: [invocation],
        results: findings.map((f) => resultOf(f, ruleIndex.get(f.check) ?? -1, language)),
        properties: {
          scanId: scan.id,
          targets: [...scan.targets],
          ...(scan.status ? { status: scan.status } : {}),
        },
      },
    ],
  };
}

/**
 * The rule of `first.check`: the catalogue's texts, else (a check this build does not know, from a
 * newer Hygie) those of the check's first finding.
 */
function ruleOf(first: ContractFinding, language: FindingLanguage): SarifRule {
  const check = first.check;
  const definition = checkById(check)?.definition;
  const title = definition?.title[language] ?? titleOf(first, language);
  const description = definition?.description[language] ?? descriptionOf(first, language);
  const recommendation = definition?.recommendation[language] ?? recommendationOf(first, language);
  const category = definition?.category ?? first.category;
  const severity: FindingSeverity =
    definition === undefined
      ? first.severity
      : definition.severity === 'from-cvss'
        ? 'medium' // What `buildFinding` assumes before a score is known.
        : definition.severity;
  const helpUri = (definition?.references ?? first.references ?? []).find(isWebUrl);
  return {
    id: check,
    name: ruleName(check),
    shortDescription: { text: title },
    fullDescription: { text: description },
    help: { text: recommendation },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: sarifLevel(severity) },
    properties: { category, tags: ['security', category] },
  };
}

function resultOf(finding: ContractFinding, ruleIndex: number, language: FindingLanguage): SarifResult {
  const title = titleOf(finding, language);
  const location = locationOf(finding.target);
  return {
    ruleId: finding.check,
    ruleIndex,
    level: sarifLevel(finding.severity),
    message: { text: finding.evidence ? `${title}: ${finding.evidence}` : title },
    ...(location ? { locations: [location] } : {}),
    partialFingerprints: { [FINDING_FINGERPRINT_KEY]: finding.id },
    properties: {
      severity: finding.severity,
      category: finding.category,
      cve: [...(finding.cve ?? [])],
      cvss: finding.cvss ?? null,
      cvssVector: finding.cvssVector ?? null,
      kev: finding.kev ?? false,
    },
  };
}

/** The target as a SARIF location; none when the target names nothing. */
function locationOf(target: FindingTarget): SarifLocation | undefined {
  const uri = targetUri(target);
  const logicalLocations: SarifLogicalLocation[] = [];
  if (target.domain)
    logicalLocations.push({ name: target.domain, fullyQualifiedName: target.domain, kind: 'domain' });
  const withPort = (host: string): string =>
    target.port === undefined ? host : hostAndPort(host, target.port);
  if (target.hostname && target.hostname !== target.domain)
    logicalLocations.push({
      name: target.hostname,
      fullyQualifiedName: withPort(target.hostname),
      kind: 'hostname',
    });
  if (target.address)
    logicalLocations.push({
      name: target.address,
      fullyQualifiedName: withPort(target.address),
      kind: 'address',
    });
  if (!uri && logicalLocations.length === 0) return undefined;
  return {
    ...(uri ? { physicalLocation: { artifactLocation: { uri } } } : {}),
    ...(logicalLocations.length > 0 ? { logicalLocations } : {}),
  };
}

/**
 * The URI naming a target (module comment), normalised by the WHATWG parser; undefined when no
 * form parses (a malformed URL falls through to the next form).
 */
export function targetUri(target: FindingTarget): string | undefined {
  const host = target.address || target.hostname;
  const candidates = [
    target.url,
    host && target.port !== undefined ? `tcp://${hostAndPort(host, target.port)}` : undefined,
    target.domain ? `dns:${encodeURIComponent(target.domain)}` : undefined,
    host ? `tcp://${host.includes(':') ? `[${host}]` : host}` : undefined,
  ];
  for (const candidate of candidates) {
    if (!candidate) continue;
    const parsed = parseUrl(candidate);
    if (parsed) return parsed.href;
  }
  return undefined;
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

const isWebUrl = (text: string): boolean => {
  const url = parseUrl(text);
  return url?.protocol === 'https:' || url?.protocol === 'http:';
};

/** `service.rdp-no-nla` → `ServiceRdpNoNla`: SARIF wants a readable, non-localised rule name. */
export function ruleName(check: string): string {
  return check
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** ISO 8601 UTC, as SARIF's `date-time` wants it; undefined when the scan's time does not parse. */
function utcTime(text: string): string | undefined {
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

const titleOf = (f: ContractFinding, language: FindingLanguage): string =>
  (language === 'fr' ? f.titleFr : f.titleEn) ?? f.title;
const descriptionOf = (f: ContractFinding, language: FindingLanguage): string =>
  (language === 'fr' ? f.descriptionFr : f.descriptionEn) ?? f.description ?? titleOf(f, language);
const recommendationOf = (f: ContractFinding, language: FindingLanguage): string =>
  (language === 'fr' ? f.recommendationFr : f.recommendationEn) ?? f.recommendation;
