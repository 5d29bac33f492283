/**
 * SMB guest access (I/O): on one connection, an SMB2 NEGOTIATE, an anonymous NTLMSSP logon (the
 * null session: no user name, no password) and, when the server opens the session, a TREE_CONNECT
 * to a few share names hospitals use. A share that connects is readable by anyone who reaches the
 * port. Nothing is listed, read or written; the session is logged off. Port 139 gets a NetBIOS
 * session request first.
 */
import { randomBytes } from 'node:crypto';
import type { Connection, ScanNetwork } from '../../../platform/net/index.js';
import { encodeSessionRequest } from '../probes/smb/smb.encode.js';
import { parseSessionAnswer, readSessionPacket, sessionPacketDone } from '../probes/smb/smb.parse.js';
import { dialectName } from '../probes/smb/smb.parse.js';
import type { SmbGuestAssessment, SmbShareAttempt } from './assessment.types.js';
import {
  encodeLogoff,
  encodeNegotiate,
  encodeSessionSetup,
  encodeTreeConnect,
  ntlmAnonymousAuthenticate,
  ntlmNegotiate,
  spnegoInit,
  spnegoResponse,
} from './smb-guest.encode.js';
import {
  negotiatedDialect,
  ntStatusName,
  readNtlmChallenge,
  readSmb2,
  securityBuffer,
  sessionKind,
  shareType,
  type Smb2Answer,
} from './smb-guest.parse.js';

/** Share names tried (French and English usual names of open shares). */
export const GUEST_SHARES = [
  'public',
  'partage',
  'partages',
  'commun',
  'share',
  'shared',
  'data',
  'documents',
  'echange',
  'scans',
  'transfert',
  'users',
] as const;

const STATUS_PENDING = 0x00000103;
const STATUS_MORE_PROCESSING = 0xc0000016;

/** Where to try, and bounds. */
export interface SmbGuestTarget {
  readonly address: string;
  readonly port: number;
  readonly hostname?: string;
  readonly timeoutMs?: number;
}

async function ask(c: Connection, request: Buffer, timeoutMs: number): Promise<Smb2Answer | string> {
  await c.write(request);
  for (let i = 0; i < 4; i++) {
    const r = await c.read({ maxBytes: 64 * 1024, readTimeoutMs: timeoutMs, stopWhen: sessionPacketDone });
    const packet = readSessionPacket(r.bytes);
    if (packet.kind !== 'packet') {
      return packet.kind === 'invalid' ? packet.reason : `no complete answer (${r.note ?? r.closedBy})`;
    }
    c.unshift(Buffer.from(r.bytes.subarray(4 + packet.payload.length)));
    const answer = readSmb2(packet.payload);
    if (answer === null) return 'not an SMB2 answer';
    if (answer.status !== STATUS_PENDING) return answer;
  }
  return 'only interim (pending) answers';
}

/** Tries an anonymous session and the usual shares. Never throws. */
export async function observeSmbGuest(
  network: ScanNetwork,
  target: SmbGuestTarget,
): Promise<SmbGuestAssessment> {
  const timeoutMs = target.timeoutMs ?? 5000;
  let c: Connection;
  try {
    c = await network.dialer.tcp(target.address, target.port, {
      connectTimeoutMs: timeoutMs,
      readTimeoutMs: timeoutMs,
      totalTimeoutMs: timeoutMs * 6,
    });
  } catch (error) {
    return { session: 'failed', shares: [], note: (error as Error).message.slice(0, 200) };
  }
  const failed = (note: string, extra: Partial<SmbGuestAssessment> = {}): SmbGuestAssessment => ({
    session: 'failed',
    shares: [],
    note: note.slice(0, 200),
    ...extra,
  });
  try {
    if (target.port === 139) {
      await c.write(encodeSessionRequest());
      const r = await c.read({ maxBytes: 1024, readTimeoutMs: timeoutMs, stopWhen: sessionPacketDone });
      const answer = parseSessionAnswer(r.bytes);
      if (answer.kind !== 'positive') return failed(`NetBIOS session not opened: ${answer.reason}`);
    }
    const negotiate = await ask(c, encodeNegotiate(randomBytes(16)), timeoutMs);
    if (typeof negotiate === 'string') return failed(`NEGOTIATE: ${negotiate}`);
    if (negotiate.status !== 0) return failed(`NEGOTIATE: ${ntStatusName(negotiate.status)}`);
    const revision = negotiatedDialect(negotiate);
    const dialect = revision === null ? undefined : dialectName(revision);
    const withDialect = dialect === undefined ? {} : { dialect };

    let messageId = 1;
    const first = await ask(c, encodeSessionSetup(messageId++, 0n, spnegoInit(ntlmNegotiate())), timeoutMs);
    if (typeof first === 'string') return failed(`SESSION_SETUP: ${first}`, withDialect);
    if (first.status !== STATUS_MORE_PROCESSING) {
      return { session: 'refused', ...withDialect, sessionStatus: ntStatusName(first.status), shares: [] };
    }
    const challenge = readNtlmChallenge(securityBuffer(first, 4));
    if (challenge === null) return failed('SESSION_SETUP: no NTLMSSP challenge in the answer', withDialect);
    const sessionId = first.sessionId;
    const second = await ask(
      c,
      encodeSessionSetup(messageId++, sessionId, spnegoResponse(ntlmAnonymousAuthenticate(challenge.flags))),
      timeoutMs,
    );
    if (typeof second === 'string') return failed(`SESSION_SETUP: ${second}`, withDialect);
    if (second.status !== 0) {
      return { session: 'refused', ...withDialect, sessionStatus: ntStatusName(second.status), shares: [] };
    }
    const session = sessionKind(second);
    const server = target.hostname ?? target.address;
    const shares: SmbShareAttempt[] = [];
    for (const share of GUEST_SHARES) {
      const answer = await ask(c, encodeTreeConnect(messageId++, sessionId, server, share), timeoutMs);
      if (typeof answer === 'string') {
        shares.push({ share, accessible: false, status: answer.slice(0, 80) });
        break;
      }
      const ok = answer.status === 0;
      shares.push({
        share,
        accessible: ok,
        status: ntStatusName(answer.status),
        ...(ok ? { shareType: shareType(answer) } : {}),
      });
    }
    try {
      await c.write(encodeLogoff(messageId, sessionId));
    } catch {
      // Closing anyway.
    }
    return { session, ...withDialect, sessionStatus: 'STATUS_SUCCESS', shares };
  } catch (error) {
    return failed((error as Error).message);
  } finally {
    c.close();
  }
}
