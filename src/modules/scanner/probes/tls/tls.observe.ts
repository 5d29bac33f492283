/**
 * TLS observations shared by the probes that speak TLS (https, LDAPS, SMTP STARTTLS): the peer
 * certificate judged against `ctx.trustedCa`, and which protocol versions the server accepts, one
 * handshake per version (min = max, any cipher at security level 0) plus a hand-made SSLv3 hello.
 */
import type { SecureVersion } from 'node:tls';
import { NetError } from '../../../../platform/net/index.js';
import type { CertificateObservation, TlsVersionName } from '../../scanner.types.js';
import type { ProbeContext } from '../probe.js';
import { describeError, startBudget, tlsDialOptions, type Budget } from '../banner/probe-session.js';
import { describeCertificate, hasFirstRecord, parseSslv3Answer, sslv3ClientHello } from './tls.parse.js';

/** Cipher list that lets OpenSSL 3 offer what old servers need (observation only, nothing is sent). */
export const PERMISSIVE_CIPHERS = 'DEFAULT@SECLEVEL=0';

/** One successful handshake: what was negotiated and the certificate. */
export interface TlsObservation {
  readonly protocol: string | null;
  readonly cipher: string | null;
  readonly alpn: string | null;
  readonly certificate: CertificateObservation | null;
}

/** Outcome of `observeTls`: the observation, or why the handshake failed. */
export type TlsOutcome =
  | { readonly ok: true; readonly observation: TlsObservation }
  | { readonly ok: false; readonly reason: string; readonly timedOut: boolean };

type TlsTarget = Pick<ProbeContext, 'dialer' | 'address' | 'port' | 'hostnames' | 'trustedCa' | 'timeoutMs'>;

function sni(ctx: TlsTarget): { servername?: string } {
  return ctx.hostnames[0] ? { servername: ctx.hostnames[0] } : {};
}

/** Completes one handshake (TLS 1.0 to 1.3 allowed) and describes the certificate. Never throws. */
export async function observeTls(ctx: TlsTarget, budget: Budget = startBudget(ctx)): Promise<TlsOutcome> {
  try {
    const connection = await ctx.dialer.tls(
      ctx.address,
      ctx.port,
      tlsDialOptions(budget, {
        ...sni(ctx),
        minVersion: 'TLSv1',
        ciphers: PERMISSIVE_CIPHERS,
        ALPNProtocols: ['http/1.1'],
        ...(ctx.trustedCa ? { ca: [...ctx.trustedCa] } : {}),
      }),
    );
    connection.close();
    const { tls } = connection;
    const certificate = tls.certificate
      ? describeCertificate(tls.certificate, {
          authorized: tls.authorized,
          authorizationError: tls.authorizationError,
          hostname: ctx.hostnames[0] ?? null,
        })
      : null;
    return {
      ok: true,
      observation: { protocol: tls.protocol, cipher: tls.cipher, alpn: tls.alpn, certificate },
    };
  } catch (error) {
    const timedOut =
      error instanceof NetError && (error.failure === 'timeout' || error.failure === 'filtered');
    return { ok: false, reason: describeError(error), timedOut };
  }
}

const VERSIONS: readonly SecureVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/** Versions accepted, and notes on attempts that failed for another reason than a refusal. */
export interface TlsVersionsResult {
  readonly versions: TlsVersionName[];
  readonly notes: string[];
}

/** Asks the server for SSLv3 with a hand-built hello: accepted only on a ServerHello 0x0300. */
export async function sslv3Accepted(
  ctx: TlsTarget,
  budget: Budget,
): Promise<{ accepted: boolean; note?: string }> {
  const left = Math.max(50, budget.remaining());
  const answer = await ctx.dialer.exchange(ctx.address, ctx.port, sslv3ClientHello(), {
    connectTimeoutMs: left,
    readTimeoutMs: left,
    totalTimeoutMs: left,
    maxBytes: 16 * 1024,
    stopWhen: hasFirstRecord,
  });
  if (answer.status !== 'open') return { accepted: false, note: `SSLv3: ${answer.note}` };
  const parsed = parseSslv3Answer(answer.bytes);
  if (parsed.kind === 'accepted') return { accepted: true };
  if (parsed.kind === 'other-version') {
    return { accepted: false, note: `SSLv3 hello answered with version 0x${parsed.version.toString(16)}` };
  }
  return { accepted: false };
}

/**
 * Tries each TLS version alone (min = max) and SSLv3 by hand; stops early when the server stops
 * answering (a stalling peer must not cost five timeouts). Never throws.
 */
export async function tlsVersionsAccepted(
  ctx: TlsTarget,
  budget: Budget = startBudget(ctx),
): Promise<TlsVersionsResult> {
  const versions: TlsVersionName[] = [];
  const notes: string[] = [];
  try {
    const ssl3 = await sslv3Accepted(ctx, budget);
    if (ssl3.accepted) versions.push('SSLv3');
    if (ssl3.note) notes.push(ssl3.note);
  } catch (error) {
    notes.push(`SSLv3: ${describeError(error)}`);
  }
  for (const version of VERSIONS) {
    if (budget.remaining() <= 0) {
      notes.push(`time budget exhausted before ${version} was tried`);
      break;
    }
    try {
      const connection = await ctx.dialer.tls(
        ctx.address,
        ctx.port,
        tlsDialOptions(budget, {
          ...sni(ctx),
          minVersion: version,
          maxVersion: version,
          ciphers: PERMISSIVE_CIPHERS,
        }),
      );
      connection.close();
      versions.push(version);
    } catch (error) {
      if (error instanceof NetError && (error.failure === 'timeout' || error.failure === 'filtered')) {
        notes.push(`${version}: ${error.message}`);
        break;
      }
      // A protocol-version alert or a reset is the usual refusal of a version: not worth a note.
      if (
        !(error instanceof NetError) ||
        (error.failure !== 'protocol' && error.failure !== 'reset' && error.failure !== 'peer')
      ) {
        notes.push(`${version}: ${describeError(error)}`);
      }
    }
  }
  return { versions, notes };
}
