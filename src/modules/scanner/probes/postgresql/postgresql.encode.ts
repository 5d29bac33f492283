/**
 * The two PostgreSQL packets the probe sends (Frontend/Backend Protocol §55.7): SSLRequest, and a
 * StartupMessage for protocol 4.0, which no server speaks. Pure.
 *
 * Why not a normal StartupMessage: one naming a user and a database is a login attempt (the server
 * runs pg_hba.conf and starts authentication for that user). A startup packet for an unsupported
 * major version is refused before any parameter is read, with a protocol-3 ErrorResponse
 * (SQLSTATE 0A000, "unsupported frontend protocol 4.0: server supports 3.0 to 3.x") that names
 * PostgreSQL and the range of protocol versions it speaks. Version 1.0 would also be refused, but the
 * answer then comes in the old protocol-2 text form, without SQLSTATE, file or routine.
 */

/** The SSLRequest code 1234.5679. */
export const SSL_REQUEST_CODE = 80877103;
/** Protocol 4.0: above every server's latest major version. */
export const UNSUPPORTED_PROTOCOL = 0x00040000;

/** SSLRequest: length 8, code 1234.5679. */
export function encodeSslRequest(): Buffer {
  const out = Buffer.alloc(8);
  out.writeInt32BE(8, 0);
  out.writeInt32BE(SSL_REQUEST_CODE, 4);
  return out;
}

/** StartupMessage with protocol `version` and no parameters at all (no user, no database). */
export function encodeVersionProbe(version = UNSUPPORTED_PROTOCOL): Buffer {
  const out = Buffer.alloc(9);
  out.writeInt32BE(9, 0);
  out.writeUInt32BE(version >>> 0, 4);
  return out; // last byte: the empty parameter list's terminator
}
