/**
 * Redis identification as an anonymous client: `PING` (answered without a password, or NOAUTH /
 * protected mode), then, only when PING worked, `INFO server` for the version. No key is read or
 * written, no AUTH is ever sent.
 */
import type { Probe, ProbeContext, ProbeMatch } from '../probe.js';
import { INFO_SERVER, PING } from './redis.encode.js';
import {
  bulkComplete,
  lineComplete,
  parseBulkReply,
  parseInfo,
  parsePingReply,
  productFromInfo,
} from './redis.parse.js';

const MAX_INFO_BYTES = 64 * 1024;

async function identify(ctx: ProbeContext): Promise<ProbeMatch | null> {
  const deadline = Date.now() + ctx.timeoutMs;
  const ms = (): number => Math.max(1, deadline - Date.now());
  const c = await ctx.dialer.tcp(ctx.address, ctx.port, {
    connectTimeoutMs: ms(),
    totalTimeoutMs: ms(),
    readTimeoutMs: ms(),
    maxBytes: MAX_INFO_BYTES,
  });
  try {
    await c.write(PING);
    const pong = await c.read({ maxBytes: 4096, readTimeoutMs: ms(), stopWhen: lineComplete });
    const ping = parsePingReply(pong.bytes);
    if (ping === null) return null;
    if (ping.kind !== 'pong') {
      return {
        protocol: 'redis',
        details: {
          authRequired: ping.kind === 'auth-required',
          ...(ping.kind === 'protected-mode' ? { protectedMode: true } : {}),
          pingReply: ping.message,
        },
      };
    }
    await c.write(INFO_SERVER);
    const info = await c.read({ maxBytes: MAX_INFO_BYTES, readTimeoutMs: ms(), stopWhen: bulkComplete });
    const reply = parseBulkReply(info.bytes, MAX_INFO_BYTES);
    if (reply.kind !== 'bulk') {
      const why = reply.kind === 'error' ? reply.message : `no INFO reply (${info.note ?? info.closedBy})`;
      return { protocol: 'redis', details: { authRequired: false }, notes: [why] };
    }
    const fields = parseInfo(reply.text);
    const product = productFromInfo(fields);
    return {
      protocol: 'redis',
      product: product.product,
      ...(product.version === undefined ? {} : { version: product.version }),
      ...(product.cpe === undefined ? {} : { cpe: [product.cpe] }),
      details: {
        authRequired: false,
        ...(fields.redis_mode === undefined ? {} : { mode: fields.redis_mode }),
        ...(fields.os === undefined ? {} : { os: fields.os }),
      },
    };
  } finally {
    c.close();
  }
}

/** Redis and protocol-compatible servers: authentication required or not, version. */
export const redisProbe: Probe = {
  protocol: 'redis',
  likelyPorts: [6379, 6380, 16379, 26379],
  greetingFirst: false,
  async run(ctx) {
    // A Redis server never speaks first.
    if (ctx.greeting.length > 0) return null;
    try {
      return await identify(ctx);
    } catch {
      return null;
    }
  },
};
