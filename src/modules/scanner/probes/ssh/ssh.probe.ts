/**
 * SSH: the server's identification line (`SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10`). Nothing is
 * sent: the line comes unprompted, and the connection is closed right after it.
 */
import type { Probe, ProbeContext, ProbeMatch } from '../probe.js';
import { printableBanner } from '../banner/banner.parse.js';
import {
  GREETING_WAIT_MS,
  dialOptions,
  readWithin,
  runBounded,
  startBudget,
  type Budget,
} from '../banner/probe-session.js';
import { parseSshIdentification } from './ssh.parse.js';

const MAX_GREETING = 8192;

function matchFrom(greeting: Buffer, notes: string[] = []): ProbeMatch | null {
  const id = parseSshIdentification(greeting);
  if (id === null) return null;
  if (id.protocolVersion !== '2.0' && id.protocolVersion !== '1.99')
    notes.push(`SSH protocol ${id.protocolVersion}`);
  return {
    protocol: 'ssh',
    tls: false,
    banner: printableBanner(Buffer.from(id.line, 'latin1')),
    ...(id.product ? { product: id.product } : {}),
    ...(id.version ? { version: id.version } : {}),
    details: {
      protocolVersion: id.protocolVersion,
      software: id.software,
      ...(id.comment ? { comment: id.comment } : {}),
    },
    notes,
  };
}

async function talk(ctx: ProbeContext, budget: Budget): Promise<ProbeMatch | null> {
  if (ctx.greeting.length > 0) return matchFrom(ctx.greeting);
  const connection = await ctx.dialer.tcp(ctx.address, ctx.port, dialOptions(budget, MAX_GREETING));
  try {
    const read = await readWithin(connection, budget, {
      maxBytes: MAX_GREETING,
      untilIdleMs: 500,
      silenceMs: GREETING_WAIT_MS,
      stopWhen: (b) => parseSshIdentification(b) !== null,
    });
    return matchFrom(read.bytes, read.truncated ? ['greeting larger than 8 KiB'] : []);
  } finally {
    connection.close();
  }
}

/** SSH identification probe. */
export const sshProbe: Probe = {
  protocol: 'ssh',
  likelyPorts: [22, 2222, 22222],
  greetingFirst: true,
  matchGreeting: (greeting) => matchFrom(greeting),
  run(ctx) {
    const budget = startBudget(ctx);
    return runBounded(
      budget,
      () => talk(ctx, budget),
      () => null,
    );
  },
};
