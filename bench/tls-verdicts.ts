// The verdict table of bench/tls-vs-testssl.ts: one line per TLS item (protocol versions, weak cipher
// families, certificate expiry, trust, name), Hygie's answer next to testssl's, and whether they agree.
import type { CipherGroup, CipherGroupResult } from '../src/modules/scanner/assess/assessment.types.js';
import type { Finding } from '../src/modules/scanner/findings/finding.types.js';
import type { ServiceObservation } from '../src/modules/scanner/scanner.types.js';
import type { TestsslRun } from './testssl-runner.js';

export interface HygieRun {
  readonly identifyMs: number;
  readonly ciphersMs: number;
  readonly checksMs: number;
  readonly totalMs: number;
  readonly service: ServiceObservation;
  readonly ciphers: readonly CipherGroupResult[];
  readonly findings: readonly Finding[];
  readonly contacted: readonly string[];
}

/** One verdict line; `null` where a tool does not judge the item. */
export interface Verdict {
  readonly item: string;
  readonly hygie: string;
  readonly hygieYes: boolean | null;
  readonly testssl: string;
  readonly testsslYes: boolean | null;
}

export const short = (text: string, max = 70): string =>
  (text.length > max ? `${text.slice(0, max - 1)}…` : text).replace(/\|/g, '\\|');

function testsslText(findings: ReadonlyMap<string, readonly string[]>, id: string): string {
  const values = findings.get(id);
  return values && values.length > 0 ? values.join(' / ') : '(no such id)';
}

/** "offered", "offered (deprecated)", "offered with final" → yes; anything with "not offered" → no. */
function offered(text: string): boolean | null {
  if (/not offered|not supported/i.test(text)) return false;
  if (/offered/i.test(text)) return true;
  return null;
}

/** testssl's RC4 line: "VULNERABLE, Detected ciphers: …", "not vulnerable" (JSON) or "no RC4 ciphers detected". */
function rc4Vulnerable(text: string): boolean | null {
  if (/not vulnerable|no RC4/i.test(text)) return false;
  if (/VULNERABLE/.test(text)) return true;
  return null;
}

function cipherVerdict(ciphers: readonly CipherGroupResult[], group: CipherGroup): [string, boolean | null] {
  const c = ciphers.find((x) => x.group === group);
  if (!c) return ['not tried', null];
  if (c.outcome === 'accepted')
    return [`accepted: ${c.cipher ?? '?'}${c.protocol ? ` (${c.protocol})` : ''} [${c.method}]`, true];
  if (c.outcome === 'refused') return [`refused [${c.method}]`, false];
  return [`untested: ${c.note ?? '?'}`, null];
}

export function verdicts(h: HygieRun, t: TestsslRun): Verdict[] {
  const rows: Verdict[] = [];
  const versions = h.service.tlsVersions ?? [];
  const fired = (id: string): Finding | undefined => h.findings.find((f) => f.check === id);
  const findingText = (id: string): string => {
    const f = fired(id);
    return f ? `yes — ${f.evidence ?? id}` : 'no';
  };
  const tx = (id: string): string => testsslText(t.findings, id);

  rows.push({
    item: 'SSLv2 accepted',
    hygie: 'not tested',
    hygieYes: null,
    testssl: tx('SSLv2'),
    testsslYes: offered(tx('SSLv2')),
  });
  const protocolRows: [string, string, string][] = [
    ['SSLv3 accepted', 'SSLv3', 'SSLv3'],
    ['TLS 1.0 accepted', 'TLSv1', 'TLS1'],
    ['TLS 1.1 accepted', 'TLSv1.1', 'TLS1_1'],
    ['TLS 1.2 accepted', 'TLSv1.2', 'TLS1_2'],
    ['TLS 1.3 accepted', 'TLSv1.3', 'TLS1_3'],
  ];
  for (const [item, ours, theirs] of protocolRows) {
    const yes = versions.includes(ours as (typeof versions)[number]);
    rows.push({
      item,
      hygie: yes ? 'accepted' : 'refused',
      hygieYes: yes,
      testssl: tx(theirs),
      testsslYes: offered(tx(theirs)),
    });
  }
  const legacyTestssl = ['SSLv2', 'SSLv3', 'TLS1', 'TLS1_1'].map((id) => offered(tx(id)));
  rows.push({
    item: '→ tls.protocol-legacy',
    hygie: fired('tls.protocol-legacy') ? 'finding' : 'no finding',
    hygieYes: fired('tls.protocol-legacy') !== undefined,
    testssl: `SSLv2–TLS 1.1 offered: ${legacyTestssl.some((x) => x === true) ? 'yes' : 'no'}`,
    testsslYes: legacyTestssl.some((x) => x === true),
  });

  const familyRows: [string, CipherGroup, string][] = [
    ['EXPORT suites', 'export', 'cipherlist_EXPORT'],
    ['NULL suites (no encryption)', 'null', 'cipherlist_NULL'],
    ['anonymous suites (aNULL)', 'anonymous', 'cipherlist_aNULL'],
    ['RC4 suites', 'rc4', 'RC4'],
    ['3DES suites (Hygie: 3DES + DES)', '3des', 'cipherlist_3DES_IDEA'],
  ];
  for (const [item, group, id] of familyRows) {
    const [hygie, hygieYes] = cipherVerdict(h.ciphers, group);
    const text = tx(id);
    const testsslYes = id === 'RC4' ? rc4Vulnerable(text) : offered(text);
    rows.push({ item, hygie, hygieYes, testssl: text, testsslYes });
  }
  rows.push({
    item: 'LOW suites (64-bit, DES, RC2, RC4)',
    hygie: 'no such family (RC4 and DES are tried above)',
    hygieYes: null,
    testssl: tx('cipherlist_LOW'),
    testsslYes: offered(tx('cipherlist_LOW')),
  });
  const weakIds = [
    'cipherlist_NULL',
    'cipherlist_aNULL',
    'cipherlist_EXPORT',
    'cipherlist_LOW',
    'cipherlist_3DES_IDEA',
  ];
  const anyWeak = weakIds.some((id) => offered(tx(id)) === true) || rc4Vulnerable(tx('RC4')) === true;
  rows.push({
    item: '→ tls.cipher-weak',
    hygie: fired('tls.cipher-weak') ? 'finding' : 'no finding',
    hygieYes: fired('tls.cipher-weak') !== undefined,
    testssl: `NULL/aNULL/EXPORT/LOW/3DES_IDEA/RC4 offered: ${anyWeak ? 'yes' : 'no'}`,
    testsslYes: anyWeak,
  });

  const expiration = tx('cert_expirationStatus');
  rows.push({
    item: 'certificate expired',
    hygie: findingText('tls.cert-expired'),
    hygieYes: fired('tls.cert-expired') !== undefined,
    testssl: `${expiration} (notAfter ${tx('cert_notAfter')})`,
    testsslYes: /expired/i.test(expiration),
  });
  const days = /expires < (\d+) days/.exec(expiration);
  rows.push({
    item: 'certificate expires within 30 days',
    hygie: findingText('tls.cert-expiring'),
    hygieYes: fired('tls.cert-expiring') !== undefined,
    testssl: expiration,
    // testssl warns at < 60 days (MEDIUM) and < 30 days (HIGH): only the 30-day threshold is the same verdict.
    testsslYes: /expired/i.test(expiration)
      ? false
      : days
        ? Number(days[1]) <= 30
        : /days/.test(expiration)
          ? false
          : null,
  });
  const chain = tx('cert_chain_of_trust');
  rows.push({
    item: 'self-signed / untrusted issuer',
    hygie: findingText('tls.cert-self-signed'),
    hygieYes: fired('tls.cert-self-signed') !== undefined,
    testssl: chain,
    testsslYes: /^passed/i.test(chain) ? false : /failed/i.test(chain) ? true : null,
  });
  const trust = tx('cert_trust');
  rows.push({
    item: `certificate name mismatch`,
    hygie: findingText('tls.cert-name-mismatch'),
    hygieYes: fired('tls.cert-name-mismatch') !== undefined,
    testssl: trust,
    testsslYes: /does not match|mismatch|not match/i.test(trust)
      ? true
      : /via (SAN|CN)/i.test(trust)
        ? false
        : null,
  });
  return rows;
}

export const yesNo = (v: boolean | null): string => (v === null ? '–' : v ? 'yes' : 'no');
export const same = (r: Verdict): string =>
  r.hygieYes === null || r.testsslYes === null ? 'n/a' : r.hygieYes === r.testsslYes ? 'yes' : '**NO**';
export const verdictKey = (rows: readonly Verdict[]): string =>
  rows.map((r) => `${r.item}:${yesNo(r.hygieYes)}:${yesNo(r.testsslYes)}`).join('|');
