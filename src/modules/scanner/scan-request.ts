/**
 * A scan request as it comes from the CLI, the API or the form, validated into targets and stored
 * options. Pure: every problem becomes a catalogue error with the details a user needs to fix it.
 */
import { HygieError, type ErrorDetail } from '../../lib/errors.js';
import { parseIp } from '../../lib/cidr.js';
import { parsePortList as parseExcludeList, parsePortSpec, selectPorts } from './ports/port-lists.js';
import { ScannerErrors } from './scanner.errors.js';
import type { ScanOptions } from './scanner.types.js';
import { parseTargets, targetStrings, type ScanTargets } from './targets.js';

/** What a caller asks for. */
export interface ScanRequest {
  /** IP addresses, CIDR blocks, domain names (may be empty with `structure`). */
  readonly targets: readonly string[];
  /** `top100` (default), `top1000`, `all` or `80,443,8000-8100`. */
  readonly ports?: string;
  /** Comma list of ports and ranges never contacted. */
  readonly excludePorts?: string;
  /** `IP[:port]` DNS servers for this scan (instead of HYGIE_DNS_SERVERS). */
  readonly dnsServers?: readonly string[];
  /** Names from certificate-transparency exports (already read by the adapter). */
  readonly ctNames?: readonly string[];
  /** A registry structure (id or FINESS) whose domains and networks are added to the targets. */
  readonly structure?: string;
  readonly timeoutMs?: number;
  /** Try the subdomain wordlist (default true). */
  readonly wordlist?: boolean;
}

/** A request once validated. */
export interface ValidatedRequest {
  readonly targets: ScanTargets;
  /** Canonical target strings, as stored and printed. */
  readonly targetList: string[];
  readonly options: ScanOptions;
}

/** Reads `IP[:port]` (IPv6 in brackets); null when unreadable. */
export function parseDnsServer(text: string): { host: string; port: number } | null {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(text.trim());
  const plain = /^([^:]+)(?::(\d{1,5}))?$/.exec(text.trim());
  const match = bracketed ?? plain;
  if (!match) return null;
  const ip = parseIp(match[1] ?? '');
  const port = match[2] === undefined ? 53 : Number(match[2]);
  if (!ip.ok || !(port >= 1 && port <= 65535)) return null;
  return { host: ip.value.address, port };
}

/** Validates a request (targets already merged with a structure's domains and networks). */
export function validateScanRequest(request: ScanRequest): ValidatedRequest {
  const parsed = parseTargets(request.targets);
  if (!parsed.ok) {
    const details: ErrorDetail[] = parsed.problems.map((p) => ({
      field: 'targets',
      message: p.target === '' ? p.reason : `${p.target}: ${p.reason}`,
    }));
    throw new HygieError(ScannerErrors.SCANNER_TARGET_INVALID, {}, details);
  }
  const spec = (request.ports ?? 'top100').trim() || 'top100';
  const ports = parsePortSpec(spec);
  if (!ports.ok) throw new HygieError(ScannerErrors.SCANNER_PORTS_INVALID, { reason: ports.reason });
  let excluded: number[] = [];
  if (request.excludePorts !== undefined && request.excludePorts.trim() !== '') {
    const list = parseExcludeList(request.excludePorts);
    if (!list.ok) throw new HygieError(ScannerErrors.SCANNER_PORTS_INVALID, { reason: list.reason });
    excluded = [...list.value].sort((a, b) => a - b);
  }
  if (selectPorts(ports.value, excluded).length === 0) throw new HygieError(ScannerErrors.SCANNER_NO_PORTS);
  const dnsServers = (request.dnsServers ?? []).map((s) => {
    const server = parseDnsServer(s);
    if (!server) throw new HygieError(ScannerErrors.SCANNER_DNS_SERVER_INVALID, { value: s.slice(0, 80) });
    return server.host.includes(':') ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`;
  });
  const timeoutMs = request.timeoutMs;
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs >= 100 && timeoutMs <= 60_000)) {
    throw new HygieError(ScannerErrors.SCANNER_TIMEOUT_INVALID);
  }
  const options: ScanOptions = {
    ports: spec.toLowerCase(),
    excludePorts: excluded,
    ...(dnsServers.length > 0 ? { dnsServers } : {}),
    ...(request.ctNames && request.ctNames.length > 0 ? { ctNames: [...request.ctNames] } : {}),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(request.wordlist === false ? { wordlist: false } : {}),
  };
  return { targets: parsed.value, targetList: targetStrings(parsed.value), options };
}
