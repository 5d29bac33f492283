/**
 * DICOM identification as an association requester that asks only for Verification (C-ECHO): an
 * A-ASSOCIATE-RQ to an arbitrary called AE title, and only if that is rejected, to the generic
 * `ANY-SCP`. An accepted association is released at once (A-RELEASE-RQ); no DIMSE message, no data.
 */
import type { Connection } from '../../../../platform/net/index.js';
import type { Probe, ProbeContext, ProbeMatch } from '../probe.js';
import { encodeAssociateRq, encodeReleaseRq } from './dicom.encode.js';
import { implementationProduct, MAX_PDU_BYTES, parsePdu, pduComplete, type DicomPdu } from './dicom.parse.js';

/** Our calling AE title: says who knocks, in the acceptor's logs. */
export const CALLING_AE_TITLE = 'HYGIE-SCAN';
/** A called AE title no site configures: accepted = the acceptor does not check called titles. */
export const ARBITRARY_CALLED_AE_TITLE = 'ANY-SCP-TEST';
/** The generic title many acceptors are configured with or tools try. */
export const GENERIC_CALLED_AE_TITLE = 'ANY-SCP';

const MIN_STEP_MS = 50;

interface Attempt {
  readonly pdu?: DicomPdu;
  readonly release?: string;
  readonly note?: string;
}

async function release(c: Connection, ms: () => number): Promise<string> {
  try {
    await c.write(encodeReleaseRq());
  } catch {
    return 'connection closed before A-RELEASE-RQ';
  }
  const r = await c.read({ maxBytes: MAX_PDU_BYTES + 6, readTimeoutMs: ms(), stopWhen: pduComplete });
  if (r.bytes.length === 0) return `no A-RELEASE-RP (${r.note ?? `closed by ${r.closedBy}`})`;
  const p = parsePdu(r.bytes);
  if (p.type === 'release-rp') return 'released';
  if (p.type === 'abort') return `aborted instead of released: ${p.description}`;
  return `unexpected answer to A-RELEASE-RQ (${p.type})`;
}

async function associate(ctx: ProbeContext, calledAeTitle: string, deadline: number): Promise<Attempt> {
  const ms = (): number => Math.max(1, deadline - Date.now());
  if (deadline - Date.now() < MIN_STEP_MS) return { note: 'time budget exhausted' };
  let c: Connection;
  try {
    c = await ctx.dialer.tcp(ctx.address, ctx.port, {
      connectTimeoutMs: ms(),
      totalTimeoutMs: ms(),
      readTimeoutMs: ms(),
      maxBytes: MAX_PDU_BYTES + 6,
    });
  } catch (error) {
    return { note: (error as Error).message };
  }
  try {
    await c.write(encodeAssociateRq({ calledAeTitle, callingAeTitle: CALLING_AE_TITLE }));
    const r = await c.read({ maxBytes: MAX_PDU_BYTES + 6, readTimeoutMs: ms(), stopWhen: pduComplete });
    if (r.bytes.length === 0)
      return { note: `no answer to A-ASSOCIATE-RQ (${r.note ?? `closed by ${r.closedBy}`})` };
    const pdu = parsePdu(r.bytes);
    if (pdu.type !== 'associate-ac') return { pdu };
    return { pdu, release: await release(c, ms) };
  } catch (error) {
    return { note: (error as Error).message };
  } finally {
    c.close();
  }
}

function isDicom(p: DicomPdu | undefined): p is Exclude<DicomPdu, { type: 'invalid' }> {
  return p !== undefined && p.type !== 'invalid';
}

async function identify(ctx: ProbeContext): Promise<ProbeMatch | null> {
  const deadline = Date.now() + ctx.timeoutMs;
  const notes: string[] = [];
  const first = await associate(ctx, ARBITRARY_CALLED_AE_TITLE, deadline);
  if (!isDicom(first.pdu)) return null;
  let accepted = first.pdu.type === 'associate-ac' ? first : undefined;
  let rejection = first.pdu.type === 'associate-rj' ? first.pdu.description : undefined;
  if (first.pdu.type === 'abort')
    notes.push(`A-ASSOCIATE-RQ to ${ARBITRARY_CALLED_AE_TITLE}: ${first.pdu.description}`);

  if (first.pdu.type === 'associate-rj') {
    const second = await associate(ctx, GENERIC_CALLED_AE_TITLE, deadline);
    if (second.pdu?.type === 'associate-ac') accepted = second;
    else if (second.pdu?.type === 'associate-rj')
      rejection = `${rejection}; ${GENERIC_CALLED_AE_TITLE}: ${second.pdu.description}`;
    else
      notes.push(
        `A-ASSOCIATE-RQ to ${GENERIC_CALLED_AE_TITLE}: ${second.note ?? second.pdu?.type ?? 'no answer'}`,
      );
  }

  const ac = accepted?.pdu?.type === 'associate-ac' ? accepted.pdu : undefined;
  if (accepted?.release !== undefined && accepted.release !== 'released') notes.push(accepted.release);
  const context = ac?.presentationContexts.find((p) => p.id === 1) ?? ac?.presentationContexts[0];
  const implementation = implementationProduct(ac?.implementationClassUid, ac?.implementationVersionName);
  const details = {
    associationAccepted: ac !== undefined,
    anyAeTitleAccepted: first.pdu.type === 'associate-ac',
    ...(rejection === undefined || ac !== undefined ? {} : { rejectReason: rejection }),
    ...(ac === undefined
      ? {}
      : {
          calledAeTitle:
            first.pdu.type === 'associate-ac' ? ARBITRARY_CALLED_AE_TITLE : GENERIC_CALLED_AE_TITLE,
        }),
    ...(context === undefined ? {} : { verificationContext: context.resultName }),
    ...(ac?.implementationClassUid === undefined
      ? {}
      : { implementationClassUid: ac.implementationClassUid }),
    ...(ac?.implementationVersionName === undefined
      ? {}
      : { implementationVersionName: ac.implementationVersionName }),
    ...(ac?.maxPduLength === undefined ? {} : { maxPduLength: ac.maxPduLength }),
  };
  return {
    protocol: 'dicom',
    ...(implementation?.product === undefined ? {} : { product: implementation.product }),
    ...(implementation?.version === undefined ? {} : { version: implementation.version }),
    ...(implementation?.cpe === undefined ? {} : { cpe: [implementation.cpe] }),
    details,
    ...(notes.length === 0 ? {} : { notes }),
  };
}

/** DICOM Upper Layer (PS3.8): association accepted or rejected and why, implementation class and version. */
export const dicomProbe: Probe = {
  protocol: 'dicom',
  likelyPorts: [104, 11112, 4242, 2761, 2762],
  greetingFirst: false,
  async run(ctx) {
    // An association acceptor never speaks first.
    if (ctx.greeting.length > 0) return null;
    try {
      return await identify(ctx);
    } catch {
      return null;
    }
  },
};
