/**
 * DNS over TCP: asks `version.bind` (CHAOS TXT), the question every DNS server answers, with its
 * version when it discloses it. One query, one answer; no recursion asked, no zone transfer here
 * (the discover stage attempts AXFR against the name servers of domain targets).
 */
import type { Probe, ProbeContext, ProbeMatch } from '../probe.js';
import { frameLength, parseVersionAnswer, productFromVersion, versionBindQuery } from './dns.parse.js';

async function identify(ctx: ProbeContext): Promise<ProbeMatch | null> {
  const result = await ctx.dialer.exchange(ctx.address, ctx.port, versionBindQuery(), {
    maxBytes: 4096,
    connectTimeoutMs: ctx.timeoutMs,
    readTimeoutMs: ctx.timeoutMs,
    totalTimeoutMs: ctx.timeoutMs * 2,
    stopWhen: (b) => frameLength(b) >= 0,
  });
  if (result.status !== 'open') return null;
  const answer = parseVersionAnswer(result.bytes);
  if (answer === null) return null;
  if (answer.version === undefined)
    return { protocol: 'dns', details: { versionBind: null, rcode: answer.rcode } };
  const product = productFromVersion(answer.version);
  return {
    protocol: 'dns',
    banner: answer.version,
    ...(product
      ? { product: product.product, version: product.version, ...(product.cpe ? { cpe: [product.cpe] } : {}) }
      : {}),
    details: { versionBind: answer.version, rcode: answer.rcode },
  };
}

/** DNS servers (TCP 53): the protocol, and product and version from `version.bind`. */
export const dnsProbe: Probe = {
  protocol: 'dns',
  likelyPorts: [53, 5353, 853],
  greetingFirst: false,
  async run(ctx) {
    // A DNS server never speaks first over TCP.
    if (ctx.greeting.length > 0) return null;
    try {
      return await identify(ctx);
    } catch {
      return null;
    }
  },
};
