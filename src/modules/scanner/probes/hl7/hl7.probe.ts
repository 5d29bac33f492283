/**
 * HL7 v2 identification: one MLLP-framed, MSH-only `ACK` message in training mode (see hl7.encode.ts
 * for why it is harmless), then the receiver's ACK or NAK is read: acknowledgment code, sending
 * application, HL7 version, and whether the answer came MLLP-framed.
 */
import { randomBytes } from 'node:crypto';
import type { Probe, ProbeContext, ProbeMatch } from '../probe.js';
import { buildProbeMessage, encodeMllp } from './hl7.encode.js';
import { answerComplete, extractMessage, parseAck } from './hl7.parse.js';

const MAX_ANSWER_BYTES = 64 * 1024;
/** An unframed answer has no end marker: it is taken as complete after this much silence. */
const UNFRAMED_IDLE_MS = 300;

async function identify(ctx: ProbeContext): Promise<ProbeMatch | null> {
  const controlId = `HYGIE${randomBytes(6).toString('hex').toUpperCase()}`;
  const request = encodeMllp(buildProbeMessage({ controlId, time: new Date() }));
  const r = await ctx.dialer.exchange(ctx.address, ctx.port, request, {
    connectTimeoutMs: ctx.timeoutMs,
    totalTimeoutMs: ctx.timeoutMs,
    readTimeoutMs: ctx.timeoutMs,
    untilIdleMs: UNFRAMED_IDLE_MS,
    maxBytes: MAX_ANSWER_BYTES,
    stopWhen: answerComplete,
  });
  if (r.status !== 'open') return null;
  const frame = extractMessage(r.bytes);
  if (frame.kind !== 'message') return null;
  const ack = parseAck(frame.message);
  if (ack === null) return null;

  const notes: string[] = [];
  if (frame.framing === 'none') notes.push('answer not MLLP-framed');
  if (ack.ack === undefined)
    notes.push(`answer is HL7 v2 but not an acknowledgment (${ack.messageType || 'no type'})`);
  if (r.truncated) notes.push(`answer cut at ${MAX_ANSWER_BYTES} bytes`);
  const details = {
    ack: ack.ack ?? null,
    sendingApplication: ack.sendingApplication,
    sendingFacility: ack.sendingFacility,
    version: ack.version,
    messageType: ack.messageType,
    framing: frame.framing,
    controlIdEchoed: ack.acknowledgedControlId === controlId,
    ...(ack.errors.length === 0 ? {} : { errors: ack.errors }),
  };
  return {
    protocol: 'hl7',
    ...(ack.software === undefined ? {} : { product: ack.software.product }),
    ...(ack.software?.version === undefined ? {} : { version: ack.software.version }),
    details,
    ...(notes.length === 0 ? {} : { notes }),
  };
}

/** HL7 v2 over MLLP: acknowledgment code, sending application, version, framing. */
export const hl7Probe: Probe = {
  protocol: 'hl7',
  likelyPorts: [2575, 6661, 6660, 5000],
  greetingFirst: false,
  async run(ctx) {
    // An HL7 receiver waits for the sender's message.
    if (ctx.greeting.length > 0) return null;
    try {
      return await identify(ctx);
    } catch {
      return null;
    }
  },
};
