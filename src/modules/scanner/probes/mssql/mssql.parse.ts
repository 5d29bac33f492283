/**
 * Reading a SQL Server PRELOGIN answer (MS-TDS 2.2.6.5): server version and encryption policy, and
 * naming the SQL Server release from the major version. Pure; never throws.
 */
import { PRELOGIN_OPTION, TDS_TYPE } from './mssql.encode.js';

/** Encryption policies as reported in `details.encryption`. */
export type EncryptionPolicy = 'off' | 'on' | 'not-supported' | 'required' | 'unknown';

/** What a PRELOGIN answer says. */
export interface Prelogin {
  readonly version?: {
    readonly major: number;
    readonly minor: number;
    readonly build: number;
    readonly subBuild: number;
  };
  readonly encryption: EncryptionPolicy;
  readonly instance?: string;
  readonly mars?: boolean;
  readonly fedAuthRequired?: boolean;
}

/** Outcome of parsing. */
export type PreloginResult =
  { readonly ok: true; readonly prelogin: Prelogin } | { readonly ok: false; readonly reason: string };

const ENCRYPTION_NAMES: readonly EncryptionPolicy[] = ['off', 'on', 'not-supported', 'required'];
const MAX_PACKET = 32 * 1024;

/** True once a whole TDS packet arrived, or the bytes cannot be one (a read may stop). */
export function tdsPacketComplete(bytes: Buffer): boolean {
  if (bytes.length === 0) return false;
  if (bytes.readUInt8(0) !== TDS_TYPE.tabularResult) return true;
  if (bytes.length < 4) return false;
  const length = bytes.readUInt16BE(2);
  return length < 8 || bytes.length >= length;
}

/** Parses a TDS tabular-result packet holding a PRELOGIN option list. */
export function parsePreloginResponse(bytes: Buffer): PreloginResult {
  if (bytes.length < 8)
    return { ok: false, reason: `answer too short for a TDS header (${bytes.length} bytes)` };
  if (bytes.readUInt8(0) !== TDS_TYPE.tabularResult)
    return { ok: false, reason: 'not a TDS tabular-result packet' };
  const length = bytes.readUInt16BE(2);
  if (length < 9 || length > MAX_PACKET || bytes.length < length)
    return { ok: false, reason: `inconsistent TDS length ${length}` };
  const payload = bytes.subarray(8, length);
  const options = new Map<number, Buffer>();
  for (let at = 0; ; at += 5) {
    if (at >= payload.length) return { ok: false, reason: 'PRELOGIN option list without terminator' };
    const token = payload.readUInt8(at);
    if (token === PRELOGIN_OPTION.terminator) break;
    if (at + 5 > payload.length) return { ok: false, reason: 'truncated PRELOGIN option table' };
    const offset = payload.readUInt16BE(at + 1);
    const size = payload.readUInt16BE(at + 3);
    if (offset + size > payload.length)
      return { ok: false, reason: `PRELOGIN option ${token} outside the packet` };
    if (!options.has(token)) options.set(token, payload.subarray(offset, offset + size));
    if (options.size > 32) return { ok: false, reason: 'too many PRELOGIN options' };
  }
  const v = options.get(PRELOGIN_OPTION.version);
  if (v === undefined || v.length < 6)
    return { ok: false, reason: 'no VERSION option: not a PRELOGIN answer' };
  const e = options.get(PRELOGIN_OPTION.encryption);
  const instance = options.get(PRELOGIN_OPTION.instance);
  const mars = options.get(PRELOGIN_OPTION.mars);
  const fedAuth = options.get(PRELOGIN_OPTION.fedAuthRequired);
  const instanceName =
    instance === undefined
      ? ''
      : instance
          .toString('latin1')
          .replace(/\0.*$/s, '')
          .replace(/[^\x20-\x7e]/g, '?');
  return {
    ok: true,
    prelogin: {
      version: {
        major: v.readUInt8(0),
        minor: v.readUInt8(1),
        build: v.readUInt16BE(2),
        subBuild: v.readUInt16BE(4),
      },
      encryption:
        e !== undefined && e.length >= 1 ? (ENCRYPTION_NAMES[e.readUInt8(0)] ?? 'unknown') : 'unknown',
      ...(instanceName === '' ? {} : { instance: instanceName }),
      ...(mars === undefined || mars.length < 1 ? {} : { mars: mars.readUInt8(0) === 1 }),
      ...(fedAuth === undefined || fedAuth.length < 1 ? {} : { fedAuthRequired: fedAuth.readUInt8(0) === 1 }),
    },
  };
}

/** SQL Server release of a version (10.50 is 2008 R2); undefined when unknown. */
export function sqlServerRelease(major: number, minor: number): string | undefined {
  if (major === 10) return minor >= 50 ? '2008 R2' : '2008';
  const releases: Readonly<Record<number, string>> = {
    7: '7.0',
    8: '2000',
    9: '2005',
    11: '2012',
    12: '2014',
    13: '2016',
    14: '2017',
    15: '2019',
    16: '2022',
    17: '2025',
  };
  return releases[major];
}
