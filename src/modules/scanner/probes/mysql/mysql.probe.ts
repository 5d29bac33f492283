/**
 * MySQL / MariaDB identification from the server greeting alone: the server speaks first, the probe
 * reads one packet and closes. Nothing is sent, so no credentials and no login attempt.
 */
import type { Probe, ProbeMatch } from '../probe.js';
import { packetComplete, parseGreeting, productFromVersion } from './mysql.parse.js';

/** The greeting is one packet of about a hundred bytes; a generous cap for variants. */
const MAX_GREETING_BYTES = 16 * 1024;

/** Pure: what the greeting says, as a probe match. */
export function matchMysqlGreeting(greeting: Buffer): ProbeMatch | null {
  const g = parseGreeting(greeting);
  if (g === null) return null;
  if (g.kind === 'error') {
    return {
      protocol: 'mysql',
      banner: g.message,
      details: { errorCode: g.code, errorMessage: g.message },
      notes: [`the server refused the connection before the handshake: ${g.code} ${g.message}`],
    };
  }
  const product = productFromVersion(g.serverVersion);
  return {
    protocol: 'mysql',
    product: product.product,
    ...(product.version === undefined ? {} : { version: product.version }),
    ...(product.cpe === undefined ? {} : { cpe: [product.cpe] }),
    banner: g.serverVersion,
    details: {
      protocolVersion: g.protocolVersion,
      serverVersion: g.serverVersion,
      sslSupported: g.sslSupported,
      capabilities: g.capabilities,
      ...(g.authPlugin === undefined ? {} : { authPlugin: g.authPlugin }),
    },
  };
}

/** MySQL-protocol servers (MySQL, MariaDB, forks): version string, TLS support, auth plugin. */
export const mysqlProbe: Probe = {
  protocol: 'mysql',
  likelyPorts: [3306, 3307, 33060],
  greetingFirst: true,
  matchGreeting(greeting) {
    try {
      return matchMysqlGreeting(greeting);
    } catch {
      return null;
    }
  },
  async run(ctx) {
    try {
      if (ctx.greeting.length > 0) return matchMysqlGreeting(ctx.greeting);
      const r = await ctx.dialer.exchange(ctx.address, ctx.port, null, {
        connectTimeoutMs: ctx.timeoutMs,
        totalTimeoutMs: ctx.timeoutMs,
        readTimeoutMs: ctx.timeoutMs,
        maxBytes: MAX_GREETING_BYTES,
        stopWhen: (b) => packetComplete(b) || (b.length >= 4 && b.readUInt8(3) !== 0),
      });
      if (r.status !== 'open') return null;
      return matchMysqlGreeting(r.bytes);
    } catch {
      return null;
    }
  },
};
