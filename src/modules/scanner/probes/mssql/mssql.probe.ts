/**
 * Microsoft SQL Server identification from the TDS PRELOGIN exchange, the first packet any client
 * sends: server version and encryption policy. No LOGIN7 record is ever sent.
 */
import type { Probe, ProbeContext, ProbeMatch } from '../probe.js';
import { encodeClientPrelogin } from './mssql.encode.js';
import { parsePreloginResponse, sqlServerRelease, tdsPacketComplete } from './mssql.parse.js';

async function identify(ctx: ProbeContext): Promise<ProbeMatch | null> {
  const r = await ctx.dialer.exchange(ctx.address, ctx.port, encodeClientPrelogin(), {
    connectTimeoutMs: ctx.timeoutMs,
    totalTimeoutMs: ctx.timeoutMs,
    readTimeoutMs: ctx.timeoutMs,
    maxBytes: 32 * 1024,
    stopWhen: tdsPacketComplete,
  });
  if (r.status !== 'open') return null;
  const parsed = parsePreloginResponse(r.bytes);
  if (!parsed.ok) return null;
  const { prelogin } = parsed;
  const v = prelogin.version;
  const version = v === undefined ? undefined : `${v.major}.${v.minor}.${v.build}`;
  const release = v === undefined ? undefined : sqlServerRelease(v.major, v.minor);
  const details = {
    encryption: prelogin.encryption,
    ...(release === undefined ? {} : { release }),
    ...(v === undefined ? {} : { subBuild: v.subBuild }),
    ...(prelogin.instance === undefined ? {} : { instance: prelogin.instance }),
    ...(prelogin.mars === undefined ? {} : { mars: prelogin.mars }),
    ...(prelogin.fedAuthRequired === undefined ? {} : { fedAuthRequired: prelogin.fedAuthRequired }),
  };
  return {
    protocol: 'mssql',
    product: 'Microsoft SQL Server',
    ...(version === undefined ? {} : { version }),
    // NVD names SQL Server products by release year (sql_server:2019); 2008 R2 and older are left to fingerprints.
    ...(release === undefined || !/^\d{4}$/.test(release)
      ? {}
      : { cpe: [`cpe:2.3:a:microsoft:sql_server:${release}:*:*:*:*:*:*:*`] }),
    details,
  };
}

/** Microsoft SQL Server (TDS): version and whether encryption is off, on or required. */
export const mssqlProbe: Probe = {
  protocol: 'mssql',
  likelyPorts: [1433, 1434, 2433],
  greetingFirst: false,
  async run(ctx) {
    // A TDS server waits for the client's PRELOGIN.
    if (ctx.greeting.length > 0) return null;
    try {
      return await identify(ctx);
    } catch {
      return null;
    }
  },
};
