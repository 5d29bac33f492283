/**
 * RDP identification: X.224 Connection Requests with RDP negotiation, as an anonymous client's first
 * packet (no credentials, no CredSSP). One request offers TLS | CredSSP | CredSSP-EX (what the server
 * prefers), one offers standard RDP security only (is the legacy RC4 layer accepted?), and, when
 * those two leave it open, one offers TLS only (is NLA required?). Each on its own connection.
 */
import type { Probe, ProbeContext, ProbeMatch } from '../probe.js';
import { encodeConnectionRequest, MODERN_PROTOCOLS, RDP_PROTOCOL } from './rdp.encode.js';
import {
  judgeRdp,
  needsSslOnlyRequest,
  parseConnectionConfirm,
  tpktComplete,
  type RdpAnswers,
  type RdpNegotiation,
} from './rdp.parse.js';

/** Below this many milliseconds left, another connection is not worth opening. */
const MIN_STEP_MS = 50;

interface Asked {
  readonly negotiation?: RdpNegotiation;
  readonly note?: string;
}

async function negotiate(ctx: ProbeContext, requested: number, deadline: number): Promise<Asked> {
  const ms = deadline - Date.now();
  if (ms < MIN_STEP_MS) return { note: 'time budget exhausted' };
  const r = await ctx.dialer.exchange(ctx.address, ctx.port, encodeConnectionRequest(requested), {
    connectTimeoutMs: ms,
    readTimeoutMs: ms,
    totalTimeoutMs: ms,
    maxBytes: 512,
    stopWhen: tpktComplete,
  });
  if (r.status !== 'open') return { note: r.note };
  const parsed = parseConnectionConfirm(r.bytes);
  if (!parsed.ok) return { note: r.note === undefined ? parsed.reason : `${parsed.reason} (${r.note})` };
  return { negotiation: parsed.negotiation };
}

async function identify(ctx: ProbeContext): Promise<ProbeMatch | null> {
  const deadline = Date.now() + ctx.timeoutMs;
  const notes: string[] = [];
  const modern = await negotiate(ctx, MODERN_PROTOCOLS, deadline);
  // Nothing RDP-like in the first answer: not RDP, do not knock twice.
  if (modern.negotiation === undefined) return null;
  let answers: RdpAnswers = { modern: modern.negotiation };

  const standard = await negotiate(ctx, RDP_PROTOCOL.rdp, deadline);
  if (standard.negotiation) answers = { ...answers, standard: standard.negotiation };
  else notes.push(`standard-security request: ${standard.note ?? 'no answer'}`);

  if (needsSslOnlyRequest(answers)) {
    const ssl = await negotiate(ctx, RDP_PROTOCOL.ssl, deadline);
    if (ssl.negotiation) answers = { ...answers, sslOnly: ssl.negotiation };
    else notes.push(`TLS-only request: ${ssl.note ?? 'no answer'}`);
  }
  if (modern.negotiation.kind === 'legacy') {
    notes.push('no RDP negotiation data: a pre-Vista server (standard RDP security only)');
  }
  return {
    protocol: 'rdp',
    details: { ...judgeRdp(answers) },
    ...(notes.length === 0 ? {} : { notes }),
  };
}

/** RDP (MS-RDPBCGR): protocols offered, whether NLA is required, whether standard security is accepted. */
export const rdpProbe: Probe = {
  protocol: 'rdp',
  likelyPorts: [3389],
  greetingFirst: false,
  async run(ctx) {
    // An RDP server never speaks first.
    if (ctx.greeting.length > 0) return null;
    try {
      return await identify(ctx);
    } catch {
      return null;
    }
  },
};
