/**
 * Telnet: the option negotiation the server opens with (every option refused: we enable nothing)
 * and the text it then prints, up to the login prompt, which is never answered.
 */
import type { Probe, ProbeContext, ProbeMatch } from '../probe.js';
import { looksLikeText, printableBanner } from '../banner/banner.parse.js';
import {
  GREETING_WAIT_MS,
  dialOptions,
  readWithin,
  runBounded,
  startBudget,
  writeSafely,
  type Budget,
} from '../banner/probe-session.js';
import {
  bannerText,
  hasLoginPrompt,
  optionName,
  parseTelnet,
  refusals,
  startsWithNegotiation,
} from './telnet.parse.js';

const MAX_BYTES = 8192;
const ROUNDS = 5;

/** Telnet servers open with negotiation, or at least print a login prompt as text. */
function looksLikeTelnet(greeting: Buffer): boolean {
  if (startsWithNegotiation(greeting)) return true;
  const text = parseTelnet(greeting.subarray(0, MAX_BYTES)).text;
  return looksLikeText(text) && hasLoginPrompt(text.toString('latin1'));
}

async function talk(ctx: ProbeContext, budget: Budget): Promise<ProbeMatch | null> {
  if (ctx.greeting.length > 0 && !looksLikeTelnet(ctx.greeting)) return null;
  const notes: string[] = [];
  const connection = await ctx.dialer.tcp(ctx.address, ctx.port, dialOptions(budget, MAX_BYTES));
  const received: Buffer[] = [];
  let total = 0;
  try {
    const answered = { will: new Set<number>(), do: new Set<number>() };
    for (let round = 0; round < ROUNDS && total < MAX_BYTES && budget.remaining() > 0; round++) {
      const read = await readWithin(connection, budget, {
        maxBytes: MAX_BYTES - total,
        untilIdleMs: 400,
        silenceMs: round === 0 ? GREETING_WAIT_MS : 800,
      });
      received.push(read.bytes);
      total += read.bytes.length;
      const all = parseTelnet(Buffer.concat(received));
      if (round === 0 && !looksLikeTelnet(read.bytes)) return null;
      if (
        hasLoginPrompt(all.text.toString('latin1')) ||
        read.closedBy === 'peer' ||
        read.closedBy === 'reset'
      )
        break;
      if (read.bytes.length === 0) break;
      const fresh = {
        will: all.will.filter((o) => !answered.will.has(o)),
        do: all.do.filter((o) => !answered.do.has(o)),
      };
      fresh.will.forEach((o) => answered.will.add(o));
      fresh.do.forEach((o) => answered.do.add(o));
      const reply = refusals(fresh);
      if (reply.length > 0) {
        const failed = await writeSafely(connection, reply);
        if (failed) {
          notes.push(failed);
          break;
        }
      }
    }
  } finally {
    connection.close();
  }
  const everything = Buffer.concat(received);
  // Nothing telnet-like arrived (silence, or the budget ran out first): not this protocol.
  if (!looksLikeTelnet(everything)) return null;
  const stream = parseTelnet(everything);
  const text = bannerText(stream.text);
  if (total >= MAX_BYTES) notes.push(`stopped after ${MAX_BYTES} bytes`);
  if (stream.commands === 0) notes.push('no option negotiation: recognised by its login prompt');
  return {
    protocol: 'telnet',
    tls: false,
    ...(text === '' ? {} : { banner: printableBanner(Buffer.from(text, 'latin1')) }),
    details: {
      serverWill: stream.will.map(optionName),
      serverDo: stream.do.map(optionName),
      loginPrompt: hasLoginPrompt(stream.text.toString('latin1')),
      text,
    },
    notes,
  };
}

/** Telnet probe. */
export const telnetProbe: Probe = {
  protocol: 'telnet',
  likelyPorts: [23, 2323],
  greetingFirst: true,
  matchGreeting(greeting) {
    if (!looksLikeTelnet(greeting)) return null;
    const stream = parseTelnet(greeting);
    return {
      protocol: 'telnet',
      tls: false,
      details: { serverWill: stream.will.map(optionName), serverDo: stream.do.map(optionName) },
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
