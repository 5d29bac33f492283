/**
 * FTP: the greeting, FEAT, and whether the server offers anonymous login (`USER anonymous`, then
 * `PASS anonymous@` if asked: the anonymous convention, nobody's credential), then QUIT.
 */
import type { Probe, ProbeContext, ProbeMatch } from '../probe.js';
import { printableBanner } from '../banner/banner.parse.js';
import { parseNumericReplies } from '../banner/numeric-reply.parse.js';
import { exchangeReply } from '../banner/reply-exchange.js';
import { dialOptions, runBounded, startBudget, type Budget } from '../banner/probe-session.js';
import { anonymousOutcome, isFtpUserReply, parseFeatures, parseFtpGreeting } from './ftp.parse.js';

const MAX_REPLY = 8192;

/** Sends one command (or nothing) and reads one complete reply; undefined when none came. */
async function talk(ctx: ProbeContext, budget: Budget): Promise<ProbeMatch | null> {
  const notes: string[] = [];
  const connection = await ctx.dialer.tcp(ctx.address, ctx.port, dialOptions(budget, MAX_REPLY));
  try {
    const greeting = parseFtpGreeting(await exchangeReply(connection, budget, null, notes, MAX_REPLY));
    if (greeting === null || greeting.saysSmtp) return null;
    const feat = await exchangeReply(connection, budget, 'FEAT', notes, MAX_REPLY);
    const user = await exchangeReply(connection, budget, 'USER anonymous', notes, MAX_REPLY);
    if (!greeting.saysFtp && !isFtpUserReply(user)) return null;
    const pass =
      user?.code === 331 || user?.code === 332
        ? await exchangeReply(connection, budget, 'PASS anonymous@', notes, MAX_REPLY)
        : undefined;
    const outcome = anonymousOutcome(user, pass);
    await exchangeReply(connection, budget, 'QUIT', [], MAX_REPLY);
    const features = parseFeatures(feat);
    if (greeting.code !== 220)
      notes.push(`greeting code ${greeting.code}: ${greeting.lines.join(' ').slice(0, 200)}`);
    return {
      protocol: 'ftp',
      tls: false,
      banner: printableBanner(Buffer.from(`${greeting.code} ${greeting.lines.join('\n')}`, 'latin1')),
      details: {
        greeting: greeting.lines,
        anonymousLogin: outcome === 'allowed',
        anonymousOutcome: outcome,
        features,
        authTls: features.some((f) => /^AUTH\b.*\bTLS\b/i.test(f)),
      },
      notes,
    };
  } finally {
    connection.close();
  }
}

/** FTP probe (anonymous login check included). */
export const ftpProbe: Probe = {
  protocol: 'ftp',
  likelyPorts: [21, 2121],
  greetingFirst: true,
  matchGreeting(greeting) {
    const parsed = parseFtpGreeting(parseNumericReplies(greeting).replies[0]);
    if (parsed === null || !parsed.saysFtp || parsed.saysSmtp) return null;
    return {
      protocol: 'ftp',
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
