/**
 * MongoDB identification as a driver would start: the `isMaster` handshake (wire versions, role,
 * replica set), then `buildInfo` for the exact version. Both are allowed before authentication;
 * no database is listed or read, no credentials are sent.
 */
import type { Probe, ProbeContext, ProbeMatch } from '../probe.js';
import { encodeBuildInfo, encodeIsMaster } from './mongodb.encode.js';
import {
  MAX_REPLY_BYTES,
  messageComplete,
  parseReply,
  readBuildInfo,
  readHandshake,
  releaseForWireVersion,
} from './mongodb.parse.js';

async function identify(ctx: ProbeContext): Promise<ProbeMatch | null> {
  const deadline = Date.now() + ctx.timeoutMs;
  const ms = (): number => Math.max(1, deadline - Date.now());
  const c = await ctx.dialer.tcp(ctx.address, ctx.port, {
    connectTimeoutMs: ms(),
    totalTimeoutMs: ms(),
    readTimeoutMs: ms(),
    maxBytes: MAX_REPLY_BYTES,
  });
  try {
    await c.write(encodeIsMaster(1));
    const first = await c.read({ maxBytes: MAX_REPLY_BYTES, readTimeoutMs: ms(), stopWhen: messageComplete });
    const reply = parseReply(first.bytes);
    if (!reply.ok || reply.responseTo !== 1) return null;
    const hs = readHandshake(reply.document);
    if (hs === null) return null;

    const notes: string[] = [];
    if (!hs.ok) notes.push(`handshake refused: ${hs.errorMessage ?? 'ok: 0'}`);
    let version: string | undefined;
    let enterprise = false;
    if (hs.ok && hs.maxWireVersion !== undefined) {
      await c.write(encodeBuildInfo(2, hs.maxWireVersion));
      const second = await c.read({
        maxBytes: MAX_REPLY_BYTES,
        readTimeoutMs: ms(),
        stopWhen: messageComplete,
      });
      const info = parseReply(second.bytes);
      if (info.ok) {
        const build = readBuildInfo(info.document);
        version = build.version;
        enterprise = build.enterprise;
        if (build.errorMessage !== undefined) notes.push(`buildInfo refused: ${build.errorMessage}`);
      } else {
        notes.push(`buildInfo: ${info.reason}`);
      }
    }
    const release = hs.maxWireVersion === undefined ? undefined : releaseForWireVersion(hs.maxWireVersion);
    const details = {
      ...(hs.maxWireVersion === undefined ? {} : { maxWireVersion: hs.maxWireVersion }),
      ...(hs.minWireVersion === undefined ? {} : { minWireVersion: hs.minWireVersion }),
      ...(release === undefined ? {} : { releaseFromWireVersion: release }),
      ...(hs.isWritablePrimary === undefined ? {} : { isWritablePrimary: hs.isWritablePrimary }),
      ...(hs.router ? { router: true } : {}),
      ...(hs.replicaSet === undefined ? {} : { replicaSet: hs.replicaSet }),
      ...(hs.readOnly === undefined ? {} : { readOnly: hs.readOnly }),
      ...(enterprise ? { edition: 'enterprise' } : {}),
    };
    return {
      protocol: 'mongodb',
      product: 'MongoDB',
      ...(version === undefined
        ? {}
        : { version, cpe: [`cpe:2.3:a:mongodb:mongodb:${version}:*:*:*:*:*:*:*`] }),
      details,
      ...(notes.length === 0 ? {} : { notes }),
    };
  } finally {
    c.close();
  }
}

/** MongoDB: wire versions (hence release), role, replica set, exact version from buildInfo. */
export const mongodbProbe: Probe = {
  protocol: 'mongodb',
  likelyPorts: [27017, 27018, 27019],
  greetingFirst: false,
  async run(ctx) {
    // A MongoDB server never speaks first.
    if (ctx.greeting.length > 0) return null;
    try {
      return await identify(ctx);
    } catch {
      return null;
    }
  },
};
