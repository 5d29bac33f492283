/**
 * Reading PostgreSQL's answers to an SSLRequest and to a startup packet it refuses: the one-byte
 * S/N answer and the ErrorResponse (protocol 3 fields, or the old protocol-2 text). Pure; never throws.
 */

/** What an ErrorResponse carries (field codes of protocol 3 §55.8). */
export interface PgError {
  readonly format: 'v3' | 'v2';
  readonly severity: string;
  readonly code?: string;
  readonly message: string;
  readonly file?: string;
  readonly line?: string;
  readonly routine?: string;
}

const MAX_ERROR_BYTES = 16 * 1024;

function printable(text: string, max = 300): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, max);
}

/** The answer to an SSLRequest: 'S' (TLS available), 'N' (no TLS), or null when it is not one byte. */
export function parseSslAnswer(bytes: Buffer): 'S' | 'N' | null {
  if (bytes.length !== 1) return null;
  const c = String.fromCharCode(bytes.readUInt8(0));
  return c === 'S' || c === 'N' ? c : null;
}

/** True when `bytes` start like a protocol-3 message (type byte, then a plausible 32-bit length). */
function isV3(bytes: Buffer): boolean {
  return bytes.length >= 5 && bytes.readUInt8(1) === 0;
}

/** True once a whole ErrorResponse arrived, or the bytes cannot be one (a read may stop). */
export function errorComplete(bytes: Buffer): boolean {
  if (bytes.length === 0) return false;
  if (bytes.readUInt8(0) !== 0x45) return true; // not 'E'
  if (bytes.length < 5) return false;
  if (isV3(bytes)) {
    const length = bytes.readUInt32BE(1);
    return length > MAX_ERROR_BYTES || bytes.length >= 1 + length;
  }
  return bytes.indexOf(0, 1) >= 0;
}

/** Parses an ErrorResponse in either format; null when it is not one. */
export function parseErrorResponse(bytes: Buffer): PgError | null {
  if (bytes.length < 3 || bytes.readUInt8(0) !== 0x45) return null;
  if (isV3(bytes)) {
    const length = bytes.readUInt32BE(1);
    if (length < 5 || length > MAX_ERROR_BYTES || bytes.length < 1 + length) return null;
    const fields = new Map<string, string>();
    let at = 5;
    while (at < 1 + length) {
      const type = bytes.readUInt8(at);
      if (type === 0) break;
      const end = bytes.indexOf(0, at + 1);
      if (end < 0 || end > length) return null;
      fields.set(String.fromCharCode(type), printable(bytes.subarray(at + 1, end).toString('utf8')));
      at = end + 1;
    }
    const severity = fields.get('V') ?? fields.get('S');
    const message = fields.get('M');
    if (severity === undefined || message === undefined) return null;
    const optional = (key: string, name: keyof PgError): Partial<PgError> =>
      fields.has(key) ? { [name]: fields.get(key) } : {};
    return {
      format: 'v3',
      severity,
      message,
      ...optional('C', 'code'),
      ...optional('F', 'file'),
      ...optional('L', 'line'),
      ...optional('R', 'routine'),
    };
  }
  const end = bytes.indexOf(0, 1);
  const text = printable(
    bytes
      .subarray(1, end < 0 ? bytes.length : end)
      .toString('utf8')
      .trim(),
  );
  const m = /^(FATAL|ERROR|PANIC):\s+(.*)$/.exec(text);
  if (!m?.[1] || m[2] === undefined) return null;
  return { format: 'v2', severity: m[1], message: m[2] };
}

/** The protocol versions a server says it supports, from "server supports 3.0 to 3.2". */
export function protocolRange(message: string): { readonly min: string; readonly max: string } | null {
  const m = /server supports (\d+\.\d+) to (\d+\.\d+)/.exec(message);
  return m?.[1] && m[2] ? { min: m[1], max: m[2] } : null;
}

/**
 * PostgreSQL major versions compatible with a protocol range: protocol 2 was dropped in 14, protocol
 * 3.2 arrived in 18.
 */
export function versionRangeFor(range: { readonly min: string; readonly max: string }): string | null {
  if (Number(range.max) >= 3.2) return '18 or later';
  if (range.max !== '3.0') return null;
  return Number(range.min) < 3 ? '13 or earlier' : '14 to 17';
}
