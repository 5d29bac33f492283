/**
 * SMTP: greeting, EHLO, and when STARTTLS is offered the upgrade through `dialer.startTls` to see
 * the certificate and the negotiated TLS version; then QUIT. No mail transaction is started.
 */
import type { Connection } from '../../../../platform/net/index.js';
import type { Probe, ProbeContext, ProbeMatch } from '../probe.js';
import { printableBanner } from '../banner/banner.parse.js';
import { parseNumericReplies } from '../banner/numeric-reply.parse.js';
import { exchangeReply } from '../banner/reply-exchange.js';
import {
  describeError,
  dialOptions,
  runBounded,
  startBudget,
  tlsDialOptions,
  type Budget,
} from '../banner/probe-session.js';
import { describeCertificate } from '../tls/tls.parse.js';
import { PERMISSIVE_CIPHERS } from '../tls/tls.observe.js';
import { parseEhlo, parseSmtpGreeting } from './smtp.parse.js';

const MAX_REPLY = 16 * 1024;
/** The name we announce: reserved (RFC 2606), so it can never be someone's real host. */
const EHLO_NAME = 'hygie-scanner.invalid';

async function talk(ctx: ProbeContext, budget: Budget): Promise<ProbeMatch | null> {
  const notes: string[] = [];
  let connection: Connection = await ctx.dialer.tcp(ctx.address, ctx.port, dialOptions(budget, MAX_REPLY));
  try {
    const greeting = parseSmtpGreeting(await exchangeReply(connection, budget, null, notes, MAX_REPLY));
    if (greeting === null || (greeting.saysFtp && !greeting.saysSmtp)) return null;
    const ehlo = parseEhlo(await exchangeReply(connection, budget, `EHLO ${EHLO_NAME}`, notes, MAX_REPLY));
    if (ehlo === null && !greeting.saysSmtp) return null;
    if (ehlo === null) notes.push('EHLO refused');
    const details: Record<string, unknown> = {
      greeting: greeting.lines,
      ...(greeting.announcedHost ? { announcedHost: greeting.announcedHost } : {}),
      extensions: ehlo?.extensions ?? [],
      starttls: ehlo?.starttls ?? false,
      authBeforeTls: ehlo?.authMechanisms ?? [],
    };
    let certificate: ProbeMatch['certificate'];
    if (ehlo?.starttls) {
      const ready = await exchangeReply(connection, budget, 'STARTTLS', notes, MAX_REPLY);
      if (ready?.code === 220) {
        try {
          const secure = await ctx.dialer.startTls(
            connection,
            tlsDialOptions(budget, {
              minVersion: 'TLSv1',
              ciphers: PERMISSIVE_CIPHERS,
              ...(ctx.hostnames[0] ? { servername: ctx.hostnames[0] } : {}),
              ...(ctx.trustedCa ? { ca: [...ctx.trustedCa] } : {}),
            }),
          );
          connection = secure;
          details.starttlsProtocol = secure.tls.protocol;
          details.starttlsCipher = secure.tls.cipher;
          if (secure.tls.certificate) {
            certificate = describeCertificate(secure.tls.certificate, {
              authorized: secure.tls.authorized,
              authorizationError: secure.tls.authorizationError,
              hostname: ctx.hostnames[0] ?? null,
            });
          }
        } catch (error) {
          details.starttlsError = describeError(error);
          notes.push(`STARTTLS handshake failed: ${describeError(error)}`);
        }
      } else {
        details.starttlsError = ready ? `${ready.code} ${ready.lines.join(' ')}`.slice(0, 200) : 'no answer';
        notes.push('STARTTLS offered but refused');
      }
    }
    if (!connection.closed) await exchangeReply(connection, budget, 'QUIT', [], MAX_REPLY);
    if (greeting.code !== 220) notes.push(`greeting code ${greeting.code}`);
    return {
      protocol: 'smtp',
      tls: false,
      banner: printableBanner(Buffer.from(`${greeting.code} ${greeting.lines.join('\n')}`, 'latin1')),
      ...(certificate ? { certificate } : {}),
      details,
      notes,
    };
  } finally {
    connection.close();
  }
}

/** SMTP probe (EHLO and STARTTLS). */
export const smtpProbe: Probe = {
  protocol: 'smtp',
  likelyPorts: [25, 587, 2525],
  greetingFirst: true,
  matchGreeting(greeting) {
    const parsed = parseSmtpGreeting(parseNumericReplies(greeting).replies[0]);
    if (parsed === null || !parsed.saysSmtp) return null;
    return {
      protocol: 'smtp',
      tls: false,
      banner: printableBanner(greeting),
      details: { greeting: parsed.lines },
    };
  },
  run(ctx) {
    const budget = startBudget(ctx);
    return runBounded(
      budget,
      () => talk(ctx, budget),
      () => null,
    );
  },
};
