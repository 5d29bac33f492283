/**
 * VNC: the RFB greeting, our version in reply, and the security types the server offers; the
 * connection is closed before any type is chosen (no authentication is ever attempted).
 */
import type { Probe, ProbeContext, ProbeMatch } from '../probe.js';
import { printableBanner } from '../banner/banner.parse.js';
import {
  GREETING_WAIT_MS,
  dialOptions,
  readWithin,
  runBounded,
  startBudget,
  writeSafely,
  type Budget,
} from '../banner/probe-session.js';
import { clientVersionFor, parseRfbGreeting, parseRfbSecurity, securityTypeName } from './vnc.parse.js';

async function talk(ctx: ProbeContext, budget: Budget): Promise<ProbeMatch | null> {
  if (ctx.greeting.length > 0 && parseRfbGreeting(ctx.greeting) === null) return null;
  const notes: string[] = [];
  const connection = await ctx.dialer.tcp(ctx.address, ctx.port, dialOptions(budget, 4096));
  try {
    const hello = await readWithin(connection, budget, {
      maxBytes: 12,
      silenceMs: GREETING_WAIT_MS,
      stopWhen: (b) => b.length >= 12,
    });
    const server = parseRfbGreeting(hello.bytes);
    if (server === null) return null;
    const mine = clientVersionFor(server);
    const base: ProbeMatch = {
      protocol: 'vnc',
      tls: false,
      banner: printableBanner(hello.bytes),
      details: { rfbVersion: server.text, clientVersion: mine },
    };
    const failed = await writeSafely(connection, `RFB ${mine}\n`);
    if (failed) return { ...base, notes: [failed] };
    const answer = await readWithin(connection, budget, {
      maxBytes: 2048,
      stopWhen: (b) => parseRfbSecurity(b, mine).kind !== 'incomplete',
    });
    const security = parseRfbSecurity(answer.bytes, mine);
    if (security.kind === 'incomplete') {
      notes.push(`no security types after version ${mine}: ${answer.note ?? `closed by ${answer.closedBy}`}`);
      return { ...base, notes };
    }
    if (security.kind === 'refused') {
      return {
        ...base,
        details: { ...base.details, refused: security.reason },
        notes: [`connection refused: ${security.reason}`],
      };
    }
    return {
      ...base,
      details: {
        ...base.details,
        securityTypes: security.types.map(securityTypeName),
        securityTypeCodes: security.types,
        noAuth: security.types.includes(1),
      },
      notes,
    };
  } finally {
    connection.close();
  }
}

/** VNC (RFB) probe. */
export const vncProbe: Probe = {
  protocol: 'vnc',
  likelyPorts: [5900, 5901, 5902, 5800],
  greetingFirst: true,
  matchGreeting(greeting) {
    const version = parseRfbGreeting(greeting);
    return version === null ? null : { protocol: 'vnc', tls: false, details: { rfbVersion: version.text } };
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
