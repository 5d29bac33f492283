/**
 * PostgreSQL identification without logging in: an SSLRequest (is TLS offered?) and, on a second
 * connection, a startup packet for protocol 4.0, which every server refuses with an ErrorResponse
 * naming itself (see postgresql.encode.ts for why no user or database is ever sent).
 */
import type { Probe, ProbeContext, ProbeMatch } from '../probe.js';
import { encodeSslRequest, encodeVersionProbe } from './postgresql.encode.js';
import {
  errorComplete,
  parseErrorResponse,
  parseSslAnswer,
  protocolRange,
  versionRangeFor,
} from './postgresql.parse.js';

const MIN_STEP_MS = 50;

async function identify(ctx: ProbeContext): Promise<ProbeMatch | null> {
  const deadline = Date.now() + ctx.timeoutMs;
  const bounds = (): { connectTimeoutMs: number; totalTimeoutMs: number; readTimeoutMs: number } => {
    const ms = Math.max(1, deadline - Date.now());
    return { connectTimeoutMs: ms, totalTimeoutMs: ms, readTimeoutMs: ms };
  };
  const ssl = await ctx.dialer.exchange(ctx.address, ctx.port, encodeSslRequest(), {
    ...bounds(),
    maxBytes: 4096,
    stopWhen: (b) => b.length >= 1,
  });
  if (ssl.status !== 'open') return null;
  const sslAnswer = parseSslAnswer(ssl.bytes);
  // A PostgreSQL server always answers an SSLRequest with one byte: anything else is not one.
  if (sslAnswer === null) return null;

  const notes: string[] = [];
  let error = null;
  if (deadline - Date.now() >= MIN_STEP_MS) {
    const refused = await ctx.dialer.exchange(ctx.address, ctx.port, encodeVersionProbe(), {
      ...bounds(),
      maxBytes: 16 * 1024,
      stopWhen: errorComplete,
    });
    error = refused.status === 'open' ? parseErrorResponse(refused.bytes) : null;
    if (error === null)
      notes.push(`no ErrorResponse to the protocol 4.0 startup packet (${refused.note ?? refused.status})`);
  } else {
    notes.push('time budget exhausted before the protocol check');
  }
  if (error === null) notes.push('identified from the one-byte SSLRequest answer only');

  const range = error === null ? null : protocolRange(error.message);
  const versionRange = range === null ? null : versionRangeFor(range);
  const named =
    error !== null && (error.routine === 'ProcessStartupPacket' || /frontend protocol/.test(error.message));
  const details = {
    sslSupported: sslAnswer === 'S',
    ...(error?.code === undefined ? {} : { errorCode: error.code }),
    ...(error === null ? {} : { errorMessage: error.message }),
    ...(range === null ? {} : { protocolRange: `${range.min}-${range.max}` }),
    ...(versionRange === null ? {} : { versionRange }),
    ...(error?.file === undefined ? {} : { errorLocation: `${error.file}:${error.line ?? '?'}` }),
  };
  return {
    protocol: 'postgresql',
    ...(named ? { product: 'PostgreSQL' } : {}),
    details,
    ...(notes.length === 0 ? {} : { notes }),
  };
}

/** PostgreSQL: TLS offered or not, protocol range (hence major-version range), without credentials. */
export const postgresqlProbe: Probe = {
  protocol: 'postgresql',
  likelyPorts: [5432, 5433],
  greetingFirst: false,
  async run(ctx) {
    // A PostgreSQL server never speaks first.
    if (ctx.greeting.length > 0) return null;
    try {
      return await identify(ctx);
    } catch {
      return null;
    }
  },
};
