/**
 * The SSH identification string (RFC 4253 §4.2): `SSH-protoversion-softwareversion SP comments CRLF`,
 * possibly after other lines the server may send first.
 */

/** What the identification line says. */
export interface SshIdentification {
  /** The whole line, without CR LF. */
  readonly line: string;
  /** `2.0`, `1.99` (SSH-1 and SSH-2) or `1.5`. */
  readonly protocolVersion: string;
  /** `OpenSSH_9.2p1`: what recog's `ssh.banner` database matches (with the comment). */
  readonly software: string;
  readonly comment?: string;
  /** Product and version read naively from `software` (`OpenSSH`, `9.2p1`); fingerprints refine. */
  readonly product?: string;
  readonly version?: string;
}

const IDENT = /^SSH-(\d+\.\d+)-([^\s\r\n]*)(?:[ \t]+([^\r\n]*))?$/;

function findIdentLine(bytes: Buffer): string | null {
  // RFC 4253: other lines may precede; the identification line is at most 255 bytes.
  const text = bytes.subarray(0, 8192).toString('latin1');
  for (const raw of text.split('\n').slice(0, 50)) {
    const line = raw.replace(/\r$/, '');
    if (line.startsWith('SSH-')) return line.slice(0, 255);
  }
  return null;
}

/** Parses the identification line out of a greeting; null when there is none. */
export function parseSshIdentification(bytes: Buffer): SshIdentification | null {
  const line = findIdentLine(bytes);
  if (line === null) return null;
  const m = IDENT.exec(line);
  if (m === null) return null;
  const software = m[2] as string;
  const comment = m[3]?.trim();
  const split = /^([A-Za-z][\w.-]*?)[_-]v?(\d[\w.+-]*)$/.exec(software);
  return {
    line,
    protocolVersion: m[1] as string,
    software,
    ...(comment ? { comment } : {}),
    ...(split ? { product: split[1] as string, version: split[2] as string } : {}),
  };
}

/** The text recog's `ssh.banner` database expects: everything after `SSH-x.y-`. */
export function sshRecogInput(identification: SshIdentification): string {
  return identification.comment
    ? `${identification.software} ${identification.comment}`
    : identification.software;
}
