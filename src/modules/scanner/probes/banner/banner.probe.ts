/**
 * The generic banner grab, tried last: whatever the service says first, or its answer to a bare
 * CRLF, printable-escaped and capped at 512 bytes. Protocol `unknown`.
 */
import type { Probe, ProbeContext, ProbeMatch } from '../probe.js';
import { BANNER_MAX_BYTES, looksLikeText, printableBanner } from './banner.parse.js';
import {
  GREETING_WAIT_MS,
  dialOptions,
  readWithin,
  runBounded,
  startBudget,
  writeSafely,
} from './probe-session.js';

async function grab(ctx: ProbeContext, budget: ReturnType<typeof startBudget>): Promise<ProbeMatch | null> {
  const notes: string[] = [];
  let bytes = ctx.greeting;
  let prompted = false;
  if (bytes.length === 0) {
    const connection = await ctx.dialer.tcp(ctx.address, ctx.port, dialOptions(budget, BANNER_MAX_BYTES));
    try {
      const silenceMs = Math.min(GREETING_WAIT_MS, budget.remaining() / 2);
      const first = await readWithin(connection, budget, {
        maxBytes: BANNER_MAX_BYTES + 1,
        untilIdleMs: 300,
        silenceMs,
      });
      bytes = first.bytes;
      if (bytes.length === 0 && first.closedBy === 'timeout' && budget.remaining() > 100) {
        const failed = await writeSafely(connection, '\r\n');
        if (failed) notes.push(failed);
        prompted = true;
        const answer = await readWithin(connection, budget, {
          maxBytes: BANNER_MAX_BYTES + 1,
          untilIdleMs: 300,
        });
        bytes = answer.bytes;
        if (answer.note && answer.closedBy !== 'done') notes.push(`after CRLF: ${answer.note}`);
      } else if (first.closedBy === 'reset' || first.closedBy === 'error') {
        if (first.note) notes.push(first.note);
      }
    } finally {
      connection.close();
    }
  }
  if (bytes.length > BANNER_MAX_BYTES) notes.push(`banner cut at ${BANNER_MAX_BYTES} bytes`);
  if (bytes.length === 0) notes.push(prompted ? 'no answer to CRLF' : 'no data');
  else if (!looksLikeText(bytes.subarray(0, BANNER_MAX_BYTES))) notes.push('binary answer');
  return {
    protocol: 'unknown',
    ...(bytes.length === 0 ? {} : { banner: printableBanner(bytes, BANNER_MAX_BYTES) }),
    ...(bytes.length === 0 ? {} : { details: { bannerSource: prompted ? 'crlf' : 'greeting' } }),
    notes,
  };
}

/** Generic banner grab: the fallback when no protocol probe recognised the service. */
export const bannerProbe: Probe = {
  protocol: 'unknown',
  likelyPorts: [],
  greetingFirst: false,
  run(ctx) {
    const budget = startBudget(ctx);
    return runBounded(
      budget,
      () => grab(ctx, budget),
      (why) =>
        ctx.greeting.length > 0
          ? { protocol: 'unknown', banner: printableBanner(ctx.greeting), notes: [why] }
          : null,
    );
  },
};
