/**
 * LDAP: one anonymous search of the RootDSE (base "", scope base), the way every LDAP client starts.
 * No bind is sent. On the LDAPS ports (636, 3269) the search runs inside TLS.
 */
import type { Connection } from '../../../../platform/net/index.js';
import type { Probe, ProbeContext, ProbeMatch } from '../probe.js';
import {
  dialOptions,
  readWithin,
  runBounded,
  startBudget,
  tlsDialOptions,
  writeSafely,
  type Budget,
} from '../banner/probe-session.js';
import { describeCertificate } from '../tls/tls.parse.js';
import { PERMISSIVE_CIPHERS } from '../tls/tls.observe.js';
import { hasSearchDone, parseLdapMessages, rootDseRequest } from './ldap.parse.js';

const LDAPS_PORTS = new Set([636, 3269]);
const MAX_ANSWER = 64 * 1024;
/** Bytes of the raw RootDSE entry kept for fingerprints. */
const MAX_RAW = 16 * 1024;

async function talk(ctx: ProbeContext, budget: Budget): Promise<ProbeMatch | null> {
  if (ctx.greeting.length > 0) return null;
  const overTls = LDAPS_PORTS.has(ctx.port);
  const notes: string[] = [];
  let certificate: ProbeMatch['certificate'];
  let connection: Connection;
  if (overTls) {
    const secure = await ctx.dialer.tls(
      ctx.address,
      ctx.port,
      tlsDialOptions(budget, {
        minVersion: 'TLSv1',
        ciphers: PERMISSIVE_CIPHERS,
        ...(ctx.hostnames[0] ? { servername: ctx.hostnames[0] } : {}),
        ...(ctx.trustedCa ? { ca: [...ctx.trustedCa] } : {}),
      }),
    );
    if (secure.tls.certificate) {
      certificate = describeCertificate(secure.tls.certificate, {
        authorized: secure.tls.authorized,
        authorizationError: secure.tls.authorizationError,
        hostname: ctx.hostnames[0] ?? null,
      });
    }
    connection = secure;
  } else {
    connection = await ctx.dialer.tcp(ctx.address, ctx.port, dialOptions(budget, MAX_ANSWER));
  }
  try {
    const failed = await writeSafely(connection, rootDseRequest());
    if (failed) return null;
    const read = await readWithin(connection, budget, { maxBytes: MAX_ANSWER, stopWhen: hasSearchDone });
    const { messages, invalid } = parseLdapMessages(read.bytes);
    if (invalid || messages.length === 0 || messages[0]?.messageId !== 1) return null;
    const entry = messages.find((m) => m.kind === 'entry');
    const done = messages.find((m) => m.kind === 'done');
    if (read.truncated) notes.push(`answer larger than ${MAX_ANSWER} bytes`);
    if (done && done.kind === 'done' && done.resultCode !== 0) {
      notes.push(
        `RootDSE search answered with result code ${done.resultCode}${done.diagnostic ? `: ${done.diagnostic}` : ''}`,
      );
    }
    const attributes = entry?.kind === 'entry' ? entry.attributes : {};
    const first = (name: string) =>
      Object.entries(attributes).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
    return {
      protocol: 'ldap',
      tls: overTls,
      ...(certificate ? { certificate } : {}),
      details: {
        anonymousRootDse: entry !== undefined,
        namingContexts: first('namingContexts') ?? [],
        ...(first('defaultNamingContext')
          ? { defaultNamingContext: first('defaultNamingContext')?.[0] }
          : {}),
        ...(first('dnsHostName') ? { dnsHostName: first('dnsHostName')?.[0] } : {}),
        ...(first('vendorName') ? { vendorName: first('vendorName')?.[0] } : {}),
        ...(first('vendorVersion') ? { vendorVersion: first('vendorVersion')?.[0] } : {}),
        supportedLDAPVersion: first('supportedLDAPVersion') ?? [],
        supportedSASLMechanisms: first('supportedSASLMechanisms') ?? [],
        rootDse: attributes,
        ...(entry?.kind === 'entry' && entry.raw.length > 0
          ? { rootDseBer: entry.raw.subarray(0, MAX_RAW).toString('base64') }
          : {}),
      },
      notes,
    };
  } finally {
    connection.close();
  }
}

/** LDAP probe (anonymous RootDSE). */
export const ldapProbe: Probe = {
  protocol: 'ldap',
  likelyPorts: [389, 636, 3268, 3269],
  greetingFirst: false,
  run(ctx) {
    const budget = startBudget(ctx);
    return runBounded(
      budget,
      () => talk(ctx, budget),
      () => null,
    );
  },
};
