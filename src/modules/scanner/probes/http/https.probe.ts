/**
 * HTTPS: a TLS handshake (certificate judged against the trust anchors), the TLS versions the
 * server accepts, then the same HTTP observation as the plain probe over TLS. A TLS service that
 * does not answer HTTP is reported as `unknown` with `tls: true` and its certificate.
 */
import type { TlsVersionName } from '../../scanner.types.js';
import type { Probe, ProbeContext, ProbeMatch } from '../probe.js';
import { runBounded, startBudget, type Budget } from '../banner/probe-session.js';
import { PERMISSIVE_CIPHERS, observeTls, tlsVersionsAccepted } from '../tls/tls.observe.js';
import { observeHttp } from './http.probe.js';

/** What is known so far, returned if the budget runs out half way. */
interface Progress {
  match: ProbeMatch | null;
}

async function run(ctx: ProbeContext, budget: Budget, progress: Progress): Promise<ProbeMatch | null> {
  if (ctx.greeting.length > 0) return null;
  const handshake = await observeTls(ctx, budget);
  if (!handshake.ok) return null;
  const { observation } = handshake;
  const notes: string[] = [];
  const versions = await tlsVersionsAccepted(ctx, budget);
  notes.push(...versions.notes);
  const tlsVersions: TlsVersionName[] = versions.versions;
  const details: Record<string, unknown> = {
    tlsProtocol: observation.protocol,
    tlsCipher: observation.cipher,
    ...(observation.alpn ? { alpn: observation.alpn } : {}),
  };
  const common = {
    tls: true,
    ...(observation.certificate ? { certificate: observation.certificate } : {}),
    tlsVersions,
  };
  progress.match = { protocol: 'unknown', ...common, details, notes };
  const http = await observeHttp(ctx, 'https', budget, {
    minVersion: 'TLSv1',
    ciphers: PERMISSIVE_CIPHERS,
    ...(ctx.trustedCa ? { ca: [...ctx.trustedCa] } : {}),
  });
  if (http === null) {
    return {
      protocol: 'unknown',
      ...common,
      details,
      notes: [...notes, 'TLS service that does not answer HTTP'],
    };
  }
  return {
    protocol: 'https',
    ...common,
    http: http.http,
    details: { ...details, ...http.details },
    notes: [...notes, ...http.notes],
  };
}

/** HTTPS probe (TLS observation included). */
export const httpsProbe: Probe = {
  protocol: 'https',
  likelyPorts: [443, 8443, 4443, 9443, 10443, 444, 8843],
  greetingFirst: false,
  run(ctx) {
    const budget = startBudget(ctx);
    const progress: Progress = { match: null };
    return runBounded(
      budget,
      () => run(ctx, budget, progress),
      (why) => (progress.match ? { ...progress.match, notes: [...(progress.match.notes ?? []), why] } : null),
    );
  },
};
