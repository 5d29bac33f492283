/**
 * SMB identification as an anonymous client: an SMB2 NEGOTIATE offering 2.0.2 to 3.1.1 (dialect,
 * signing, server GUID, capabilities, time) and, on a second connection, an SMB1 NEGOTIATE offering
 * only "NT LM 0.12" (is SMB1 still accepted?). No session setup, no credentials. On port 139 each
 * connection starts with a NetBIOS SESSION REQUEST to `*SMBSERVER`.
 */
import type { Connection } from '../../../../platform/net/index.js';
import type { Probe, ProbeContext, ProbeMatch } from '../probe.js';
import { randomBytes } from 'node:crypto';
import { encodeSessionRequest, encodeSmb1Negotiate, encodeSmb2Negotiate } from './smb.encode.js';
import {
  parseSessionAnswer,
  parseSmb1Negotiate,
  parseSmb2Negotiate,
  readSessionPacket,
  sessionPacketDone,
  smbGeneration,
  type Smb1Answer,
  type Smb2Result,
} from './smb.parse.js';

const MIN_STEP_MS = 50;
const MAX_ANSWER_BYTES = 64 * 1024;

/** The NetBIOS session service port: SMB there needs a session request first. */
const NETBIOS_SSN_PORT = 139;

type Step<T> = { readonly value: T } | { readonly note: string };

/** Opens a connection (and the NetBIOS session on 139), runs `use`, always closes. */
async function withSession<T>(
  ctx: ProbeContext,
  deadline: number,
  use: (c: Connection, ms: () => number) => Promise<Step<T>>,
): Promise<Step<T>> {
  const ms = (): number => Math.max(1, deadline - Date.now());
  if (deadline - Date.now() < MIN_STEP_MS) return { note: 'time budget exhausted' };
  let c: Connection;
  try {
    c = await ctx.dialer.tcp(ctx.address, ctx.port, {
      connectTimeoutMs: ms(),
      totalTimeoutMs: ms(),
      readTimeoutMs: ms(),
      maxBytes: MAX_ANSWER_BYTES,
    });
  } catch (error) {
    return { note: (error as Error).message };
  }
  try {
    if (ctx.port === NETBIOS_SSN_PORT) {
      await c.write(encodeSessionRequest());
      const r = await c.read({ maxBytes: 1024, readTimeoutMs: ms(), stopWhen: sessionPacketDone });
      const answer = parseSessionAnswer(r.bytes);
      if (answer.kind !== 'positive') {
        return {
          note: `NetBIOS session ${answer.kind === 'negative' ? 'refused' : 'failed'}: ${answer.reason}`,
        };
      }
    }
    return await use(c, ms);
  } catch (error) {
    return { note: (error as Error).message };
  } finally {
    c.close();
  }
}

/** Sends one framed request and returns the payload of the first session packet answered. */
async function ask(c: Connection, request: Buffer, ms: () => number): Promise<Step<Buffer>> {
  await c.write(request);
  const r = await c.read({ maxBytes: MAX_ANSWER_BYTES, readTimeoutMs: ms(), stopWhen: sessionPacketDone });
  const packet = readSessionPacket(r.bytes);
  if (packet.kind === 'packet' && packet.type === 0x00) return { value: packet.payload };
  if (r.bytes.length === 0) return { note: `no answer (${r.note ?? `closed by ${r.closedBy}`})` };
  return { note: packet.kind === 'invalid' ? packet.reason : `incomplete answer (${r.note ?? r.closedBy})` };
}

async function identify(ctx: ProbeContext): Promise<ProbeMatch | null> {
  const deadline = Date.now() + ctx.timeoutMs;
  const notes: string[] = [];
  const request2 = encodeSmb2Negotiate({ clientGuid: randomBytes(16), salt: randomBytes(32) });
  const smb2 = await withSession(ctx, deadline, (c, ms) => ask(c, request2, ms));
  if ('note' in smb2 && smb2.note.startsWith('NetBIOS session refused')) {
    return { protocol: 'smb', notes: [smb2.note], details: { transport: 'netbios-session' } };
  }
  const payload2 = 'value' in smb2 ? smb2.value : undefined;
  // Neither a NetBIOS nor an SMB answer: not SMB, do not knock twice.
  if (payload2 === undefined || smbGeneration(payload2) === null) return null;
  const parsed2: Smb2Result = parseSmb2Negotiate(payload2);
  if (!parsed2.ok) notes.push(parsed2.reason);

  const smb1Step = await withSession(ctx, deadline, (c, ms) => ask(c, encodeSmb1Negotiate(), ms));
  let smb1: Smb1Answer;
  if ('value' in smb1Step) smb1 = parseSmb1Negotiate(smb1Step.value);
  else smb1 = { kind: 'refused', reason: smb1Step.note };
  if (smb1.kind === 'refused' || smb1.kind === 'invalid') notes.push(`SMB1: ${smb1.reason}`);

  const n = parsed2.ok ? parsed2.negotiation : undefined;
  const details = {
    dialect: n?.dialect ?? (smb1.kind === 'accepted' ? 'NT LM 0.12' : null),
    signingRequired: n?.signingRequired ?? (smb1.kind === 'accepted' ? smb1.signingRequired : null),
    smb1: smb1.kind === 'accepted',
    serverGuid: n?.serverGuid ?? null,
    ...(n?.serverGuidName === undefined ? {} : { netbiosName: n.serverGuidName }),
    transport: ctx.port === NETBIOS_SSN_PORT ? 'netbios-session' : 'direct-tcp',
    ...(n === undefined
      ? {}
      : {
          signingEnabled: n.signingEnabled,
          capabilities: n.capabilities,
          securityMechanisms: n.securityMechanisms,
          ...(n.encryptionCipher === undefined ? {} : { encryptionCipher: n.encryptionCipher }),
          ...(n.systemTime === undefined ? {} : { systemTime: n.systemTime }),
          ...(n.serverStartTime === undefined ? {} : { serverStartTime: n.serverStartTime }),
        }),
  };
  // Samba writes its NetBIOS name where Windows puts a random GUID.
  const product = n?.serverGuidName === undefined ? {} : { product: 'Samba' };
  return { protocol: 'smb', ...product, details, ...(notes.length === 0 ? {} : { notes }) };
}

/** SMB (MS-SMB2, MS-CIFS): dialect, signing required or not, SMB1 accepted or not, server GUID. */
export const smbProbe: Probe = {
  protocol: 'smb',
  likelyPorts: [445, 139],
  greetingFirst: false,
  async run(ctx) {
    // An SMB server never speaks first.
    if (ctx.greeting.length > 0) return null;
    try {
      return await identify(ctx);
    } catch {
      return null;
    }
  },
};
