/**
 * Weak cipher suites (I/O): one attempt per family — export, NULL, RC4, 3DES/DES, anonymous — on a
 * TLS service. A family Node's OpenSSL can still offer (at `@SECLEVEL=0`: NULL, anonymous on
 * OpenSSL 3) is tried with a real handshake; the others with a hand-built ClientHello offering only
 * that family, the server's choice read from its ServerHello. An attempt that cannot tell is
 * `untested` with a note, never a finding.
 */
import { createSecureContext } from 'node:tls';
import { NetError, type ScanNetwork } from '../../../platform/net/index.js';
import type { CipherGroup, CipherGroupResult } from './assessment.types.js';
import { WEAK_SUITES, clientHello, firstRecordDone, protocolName, readServerHello } from './tls-hello.js';

/** OpenSSL cipher strings of each family. */
export const OPENSSL_STRINGS: Readonly<Record<CipherGroup, string>> = {
  export: 'EXPORT',
  null: 'eNULL',
  rc4: 'RC4',
  '3des': '3DES:DES',
  anonymous: 'aNULL:!eNULL',
};

/** Families in the order tried. */
export const CIPHER_GROUPS: readonly CipherGroup[] = ['export', 'null', 'rc4', '3des', 'anonymous'];

const localSupport = new Map<CipherGroup, boolean>();

/** True when this process's OpenSSL can offer the family (checked locally, once). */
export function opensslOffers(group: CipherGroup): boolean {
  const known = localSupport.get(group);
  if (known !== undefined) return known;
  let ok: boolean;
  try {
    createSecureContext({
      ciphers: `${OPENSSL_STRINGS[group]}:@SECLEVEL=0`,
      minVersion: 'TLSv1',
      maxVersion: 'TLSv1.2',
    });
    ok = true;
  } catch {
    ok = false;
  }
  localSupport.set(group, ok);
  return ok;
}

/** Where and how to try. */
export interface CipherTarget {
  readonly address: string;
  readonly port: number;
  readonly servername?: string;
  readonly timeoutMs?: number;
}

async function byHandshake(
  network: ScanNetwork,
  target: CipherTarget,
  group: CipherGroup,
): Promise<CipherGroupResult> {
  const timeoutMs = target.timeoutMs ?? 5000;
  try {
    const c = await network.dialer.tls(target.address, target.port, {
      ...(target.servername ? { servername: target.servername } : {}),
      minVersion: 'TLSv1',
      maxVersion: 'TLSv1.2',
      ciphers: `${OPENSSL_STRINGS[group]}:@SECLEVEL=0`,
      connectTimeoutMs: timeoutMs,
      handshakeTimeoutMs: timeoutMs,
      totalTimeoutMs: timeoutMs * 2,
    });
    c.close();
    return {
      group,
      outcome: 'accepted',
      method: 'handshake',
      ...(c.tls.cipher ? { cipher: c.tls.cipher } : {}),
      ...(c.tls.protocol ? { protocol: c.tls.protocol } : {}),
    };
  } catch (error) {
    if (
      error instanceof NetError &&
      (error.failure === 'protocol' || error.failure === 'reset' || error.failure === 'peer')
    ) {
      return { group, outcome: 'refused', method: 'handshake' };
    }
    return { group, outcome: 'untested', method: 'handshake', note: (error as Error).message.slice(0, 200) };
  }
}

async function byServerHello(
  network: ScanNetwork,
  target: CipherTarget,
  group: CipherGroup,
): Promise<CipherGroupResult> {
  const timeoutMs = target.timeoutMs ?? 5000;
  const suites = WEAK_SUITES[group];
  const offered = Object.keys(suites).map(Number);
  const result = await network.dialer.exchange(
    target.address,
    target.port,
    clientHello(offered, target.servername),
    {
      connectTimeoutMs: timeoutMs,
      readTimeoutMs: timeoutMs,
      totalTimeoutMs: timeoutMs * 2,
      maxBytes: 32 * 1024,
      stopWhen: firstRecordDone,
    },
  );
  const method = 'server-hello' as const;
  const local = opensslOffers(group)
    ? `${group} tested by ServerHello`
    : `this OpenSSL cannot offer ${group}: tested by ServerHello only`;
  if (result.status !== 'open')
    return { group, outcome: 'untested', method, note: `${local}; ${result.note}` };
  const answer = readServerHello(Buffer.from(result.bytes));
  switch (answer.kind) {
    case 'server-hello': {
      const name = suites[answer.suite];
      if (name === undefined) {
        return {
          group,
          outcome: 'untested',
          method,
          note: `${local}; the server chose suite 0x${answer.suite.toString(16)}, which was not offered`,
        };
      }
      return { group, outcome: 'accepted', method, cipher: name, protocol: protocolName(answer.version) };
    }
    case 'alert':
      return { group, outcome: 'refused', method };
    case 'incomplete':
      // A server that closes without an alert on a hello it cannot serve is refusing too.
      return result.closedBy === 'peer' || result.closedBy === 'reset'
        ? { group, outcome: 'refused', method }
        : {
            group,
            outcome: 'untested',
            method,
            note: `${local}; no answer (${result.note ?? result.closedBy})`,
          };
    default:
      return { group, outcome: 'untested', method, note: `${local}; the answer is not TLS` };
  }
}

/**
 * One attempt for one family; `method` defaults to a real handshake when this OpenSSL can offer the
 * family, else the hand-built hello. Never throws.
 */
export async function attemptCipherGroup(
  network: ScanNetwork,
  target: CipherTarget,
  group: CipherGroup,
  method: CipherGroupResult['method'] = opensslOffers(group) ? 'handshake' : 'server-hello',
): Promise<CipherGroupResult> {
  try {
    return method === 'handshake'
      ? await byHandshake(network, target, group)
      : await byServerHello(network, target, group);
  } catch (error) {
    return { group, outcome: 'untested', method, note: (error as Error).message.slice(0, 200) };
  }
}

/** Tries every weak family on one TLS service. Never throws. */
export async function observeWeakCiphers(
  network: ScanNetwork,
  target: CipherTarget,
): Promise<CipherGroupResult[]> {
  const results: CipherGroupResult[] = [];
  for (const group of CIPHER_GROUPS) results.push(await attemptCipherGroup(network, target, group));
  return results;
}
