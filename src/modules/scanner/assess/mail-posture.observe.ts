/**
 * Mail posture of a name (I/O): SPF (evaluated through includes), and for domain targets DMARC,
 * DKIM at the usual selectors, MTA-STS (TXT, then the policy over HTTPS only when its host is in the
 * scan scope), TLS-RPT, and STARTTLS on each MX (from part 1's SMTP observation of that address, else
 * a quick SMTP probe when the address and port 25 are in scope). Asks only the scan's resolver.
 */
import { ScopeError, type ScanNetwork } from '../../../platform/net/index.js';
import { smtpProbe } from '../probes/smtp/smtp.probe.js';
import type { HostObservation } from '../scanner.types.js';
import type {
  DkimPosture,
  DmarcPosture,
  MailPosture,
  MtaStsPosture,
  MxObservation,
  SpfPosture,
  TlsRptPosture,
} from './assessment.types.js';
import { isDmarcRecord, parseDmarc } from './dmarc.parse.js';
import {
  isMtaStsRecord,
  isTlsRptRecord,
  mtaStsRecordId,
  parseMtaStsPolicy,
  tlsRptRua,
} from './mta-sts.parse.js';
import { evaluateSpf, type SpfDns } from './spf.evaluate.js';
import { isSpfRecord } from './spf.parse.js';

/** The selectors tried for DKIM (providers' and software defaults). */
export const DKIM_SELECTORS = [
  'default',
  'selector1',
  'selector2',
  'google',
  'k1',
  's1',
  'mail',
  'dkim',
] as const;

/** Bounds and trust anchors of the mail observations. */
export interface MailPostureOptions {
  readonly hosts: readonly HostObservation[];
  readonly trustedCa?: readonly string[];
  readonly timeoutMs?: number;
}

interface Txt {
  readonly rcode: string;
  readonly records: readonly string[];
}

async function txt(network: ScanNetwork, name: string, notes: string[]): Promise<Txt> {
  try {
    const answer = await network.resolver.query(name, 'TXT');
    const owner = name.toLowerCase().replace(/\.$/, '');
    return {
      rcode: answer.rcode,
      records: answer.records.filter((r) => r.type === 'TXT' && r.name === owner).map((r) => r.value),
    };
  } catch (error) {
    notes.push(`TXT ${name}: ${(error as Error).message}`.slice(0, 200));
    return { rcode: 'TIMEOUT', records: [] };
  }
}

/** The resolver as the SPF walk wants it. */
export function spfDnsOf(network: ScanNetwork): SpfDns {
  return {
    async txt(name) {
      const answer = await network.resolver.query(name, 'TXT');
      const owner = name.toLowerCase().replace(/\.$/, '');
      return {
        rcode: answer.rcode,
        records: answer.records.filter((r) => r.type === 'TXT' && r.name === owner).map((r) => r.value),
      };
    },
    async count(name, type) {
      const answer = await network.resolver.query(name, type);
      return { rcode: answer.rcode, count: answer.records.filter((r) => r.type === type).length };
    },
  };
}

async function observeSpf(network: ScanNetwork, domain: string, notes: string[]): Promise<SpfPosture> {
  const answer = await txt(network, domain, notes);
  const records = answer.records.filter(isSpfRecord);
  const evaluation =
    records.length === 1 ? await evaluateSpf(domain, records[0] as string, spfDnsOf(network)) : null;
  return { records, rcode: answer.rcode, evaluation };
}

async function observeDmarc(network: ScanNetwork, domain: string, notes: string[]): Promise<DmarcPosture> {
  const name = `_dmarc.${domain}`;
  const answer = await txt(network, name, notes);
  const records = answer.records.filter(isDmarcRecord);
  const parsed = records.map(parseDmarc);
  const errors: string[] = [];
  if (records.length > 1) errors.push(`${records.length} DMARC records: receivers ignore them all`);
  const only = parsed.length === 1 ? (parsed[0] ?? null) : null;
  if (only && only.errors.length > 0) errors.push(...only.errors);
  return {
    name,
    rcode: answer.rcode,
    records,
    record: only && only.errors.length === 0 ? only : null,
    errors,
  };
}

async function observeDkim(network: ScanNetwork, domain: string, notes: string[]): Promise<DkimPosture> {
  const found: { selector: string; record: string }[] = [];
  for (const selector of DKIM_SELECTORS) {
    const answer = await txt(network, `${selector}._domainkey.${domain}`, notes);
    const key = answer.records.find((r) => /(?:^|;)\s*p\s*=\s*[A-Za-z0-9+/]/.test(r));
    if (key) found.push({ selector, record: key.length > 120 ? `${key.slice(0, 117)}...` : key });
  }
  const parent = await txt(network, `_domainkey.${domain}`, notes);
  return { selectorsTried: [...DKIM_SELECTORS], found, domainKeyRcode: parent.rcode };
}

async function observeMtaSts(
  network: ScanNetwork,
  domain: string,
  options: MailPostureOptions,
  notes: string[],
): Promise<MtaStsPosture> {
  const answer = await txt(network, `_mta-sts.${domain}`, notes);
  const records = answer.records.filter(isMtaStsRecord);
  const policyHost = `mta-sts.${domain}`;
  const policyUrl = `https://${policyHost}/.well-known/mta-sts.txt`;
  const base = { records, id: records.length === 1 ? mtaStsRecordId(records[0] as string) : null, policyUrl };
  if (records.length === 0) return { ...base, policyFetch: 'not-tried', policy: null };
  if (network.guard.nameRefusalFor(policyHost) !== undefined) {
    return {
      ...base,
      policyFetch: 'out-of-scope',
      policy: null,
      note: `${policyHost} is outside the scan scope: policy not fetched`,
    };
  }
  const timeoutMs = options.timeoutMs ?? 5000;
  try {
    const response = await network.http.request(policyUrl, {
      maxBodyBytes: 64 * 1024,
      connectTimeoutMs: timeoutMs,
      readTimeoutMs: timeoutMs,
      totalTimeoutMs: timeoutMs * 2,
      tls: { minVersion: 'TLSv1.2', ...(options.trustedCa ? { ca: [...options.trustedCa] } : {}) },
    });
    const certificateValid = response.tls?.authorized ?? false;
    if (response.status !== 200) {
      return {
        ...base,
        policyFetch: 'fetched',
        policyStatus: response.status,
        policyCertificateValid: certificateValid,
        policy: null,
      };
    }
    return {
      ...base,
      policyFetch: 'fetched',
      policyStatus: response.status,
      policyCertificateValid: certificateValid,
      policy: parseMtaStsPolicy(response.body.toString('utf8')),
    };
  } catch (error) {
    const why =
      error instanceof ScopeError ? `refused by the scope guard: ${error.reason}` : (error as Error).message;
    return {
      ...base,
      policyFetch: error instanceof ScopeError ? 'out-of-scope' : 'failed',
      policy: null,
      note: why.slice(0, 200),
    };
  }
}

async function observeTlsRpt(network: ScanNetwork, domain: string, notes: string[]): Promise<TlsRptPosture> {
  const answer = await txt(network, `_smtp._tls.${domain}`, notes);
  const records = answer.records.filter(isTlsRptRecord);
  return { records, rua: records.flatMap(tlsRptRua) };
}

function observedStarttls(hosts: readonly HostObservation[], address: string): boolean | null | undefined {
  const host = hosts.find((h) => h.address === address);
  const smtp = host?.services.find((s) => s.protocol === 'smtp' && s.port === 25);
  if (!smtp) return undefined;
  const value = smtp.details?.starttls;
  if ((smtp.notes ?? []).some((n) => n.includes('EHLO refused'))) return null;
  return typeof value === 'boolean' ? value : null;
}

async function probeStarttls(
  network: ScanNetwork,
  address: string,
  exchange: string,
  options: MailPostureOptions,
): Promise<{ starttls: boolean | null; note?: string }> {
  if (network.guard.refusalFor(address, 25) !== undefined)
    return { starttls: null, note: `${address}:25 outside the scan scope` };
  const match = await smtpProbe.run({
    dialer: network.dialer,
    http: network.http,
    resolver: network.resolver,
    address,
    port: 25,
    hostnames: [exchange],
    greeting: Buffer.alloc(0),
    timeoutMs: options.timeoutMs ?? 5000,
    ...(options.trustedCa ? { trustedCa: options.trustedCa } : {}),
  });
  if (match === null) return { starttls: null, note: `no SMTP answer from ${address}:25` };
  const value = match.details?.starttls;
  return typeof value === 'boolean'
    ? { starttls: value }
    : { starttls: null, note: 'STARTTLS not determined' };
}

async function observeMx(
  network: ScanNetwork,
  domain: string,
  options: MailPostureOptions,
  notes: string[],
): Promise<{ rcode: string; mx: MxObservation[] }> {
  let answer: Awaited<ReturnType<ScanNetwork['resolver']['lookupMx']>>;
  try {
    answer = await network.resolver.lookupMx(domain);
  } catch (error) {
    notes.push(`MX ${domain}: ${(error as Error).message}`.slice(0, 200));
    return { rcode: error instanceof ScopeError ? 'OUT-OF-SCOPE' : 'TIMEOUT', mx: [] };
  }
  const mx: MxObservation[] = [];
  for (const target of answer.exchanges.slice(0, 10)) {
    if (target.exchange === '.' || target.exchange === '') continue;
    const base = { exchange: target.exchange, preference: target.preference, addresses: target.addresses };
    const address = target.addresses[0];
    if (address === undefined) {
      mx.push({
        ...base,
        starttls: null,
        source: 'none',
        note: target.refused ?? target.note ?? 'no address',
      });
      continue;
    }
    const observed = observedStarttls(options.hosts, address);
    if (observed !== undefined) {
      mx.push({ ...base, starttls: observed, source: 'observation' });
      continue;
    }
    const probed = await probeStarttls(network, address, target.exchange, options);
    mx.push({
      ...base,
      starttls: probed.starttls,
      source: probed.starttls === null ? 'none' : 'probe',
      ...(probed.note ? { note: probed.note } : {}),
    });
  }
  return { rcode: answer.rcode, mx };
}

/**
 * Observes the mail posture of `domain`. A domain target (`apex`) gets everything; another name
 * (one that publishes SPF, found by discovery) only its SPF.
 */
export async function observeMail(
  network: ScanNetwork,
  domain: string,
  apex: boolean,
  options: MailPostureOptions,
): Promise<MailPosture> {
  const notes: string[] = [];
  const spf = await observeSpf(network, domain, notes);
  if (!apex) {
    return {
      domain,
      apex,
      mxRcode: 'NOT-ASKED',
      mx: [],
      spf,
      dmarc: null,
      dkim: null,
      mtaSts: null,
      tlsRpt: null,
      notes,
    };
  }
  const mx = await observeMx(network, domain, options, notes);
  const dmarc = await observeDmarc(network, domain, notes);
  const dkim = await observeDkim(network, domain, notes);
  const hasMx = mx.mx.length > 0;
  const mtaSts = hasMx ? await observeMtaSts(network, domain, options, notes) : null;
  const tlsRpt = hasMx ? await observeTlsRpt(network, domain, notes) : null;
  return { domain, apex, mxRcode: mx.rcode, mx: mx.mx, spf, dmarc, dkim, mtaSts, tlsRpt, notes };
}
