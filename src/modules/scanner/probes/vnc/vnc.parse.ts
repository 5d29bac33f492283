/**
 * VNC / RFB (RFC 6143): the `RFB xxx.yyy\n` greeting, the version we answer with, and the security
 * types the server offers (3.7+: a list; 3.3: one type chosen by the server). Pure.
 */

/** The server's protocol version. */
export interface RfbVersion {
  readonly major: number;
  readonly minor: number;
  /** `003.008` as sent. */
  readonly text: string;
}

const GREETING = /^RFB (\d{3})\.(\d{3})\n/;

/** Parses the 12-byte greeting; null when it is not RFB. */
export function parseRfbGreeting(bytes: Buffer): RfbVersion | null {
  const m = GREETING.exec(bytes.subarray(0, 12).toString('latin1'));
  if (m === null) return null;
  return { major: Number(m[1]), minor: Number(m[2]), text: `${m[1] as string}.${m[2] as string}` };
}

/** The version we reply with: the highest of 3.3, 3.7, 3.8 not above the server's (3.8 for newer). */
export function clientVersionFor(server: RfbVersion): '003.003' | '003.007' | '003.008' {
  if (server.major > 3 || server.minor >= 8) return '003.008';
  if (server.minor >= 7) return '003.007';
  return '003.003';
}

/** Names of the registered security types (IANA "RFB Security Types"). */
const SECURITY_TYPES: Readonly<Record<number, string>> = {
  0: 'Invalid',
  1: 'None',
  2: 'VNC Authentication',
  5: 'RA2',
  6: 'RA2ne',
  16: 'Tight',
  17: 'Ultra',
  18: 'TLS',
  19: 'VeNCrypt',
  20: 'GTK-VNC SASL',
  21: 'MD5 hash authentication',
  22: 'Colin Dean xvp',
  30: 'Apple Remote Desktop',
  113: 'MSLogon II',
};

/** A security type's name (`Type 42` when not registered here). */
export function securityTypeName(code: number): string {
  return SECURITY_TYPES[code] ?? `Type ${code}`;
}

/** What the server offered after our version. */
export type RfbSecurity =
  | { readonly kind: 'types'; readonly types: readonly number[] }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'incomplete' };

/** Parses the security step for the version we sent (`3.3`: u32 type; 3.7+: u8 count, types). */
export function parseRfbSecurity(bytes: Buffer, clientVersion: string): RfbSecurity {
  if (clientVersion === '003.003') {
    if (bytes.length < 4) return { kind: 'incomplete' };
    const type = bytes.readUInt32BE(0);
    if (type !== 0) return { kind: 'types', types: [type] };
    return failure(bytes, 4);
  }
  if (bytes.length < 1) return { kind: 'incomplete' };
  const count = bytes[0] as number;
  if (count === 0) return failure(bytes, 1);
  if (bytes.length < 1 + count) return { kind: 'incomplete' };
  return { kind: 'types', types: [...bytes.subarray(1, 1 + count)] };
}

/** A refusal: u32 reason length then the reason text. */
function failure(bytes: Buffer, offset: number): RfbSecurity {
  if (bytes.length < offset + 4) return { kind: 'incomplete' };
  const length = Math.min(bytes.readUInt32BE(offset), 1024);
  if (bytes.length < offset + 4 + length) return { kind: 'incomplete' };
  return { kind: 'refused', reason: bytes.subarray(offset + 4, offset + 4 + length).toString('latin1') };
}
