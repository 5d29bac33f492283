/**
 * Probes for the web, remote-administration and mail protocols (list A; `index-b.ts` has RDP, SMB,
 * DICOM, HL7 and the databases; `index.ts` combines them). Order: the protocols whose server
 * speaks first (their greeting decides cheaply), then TLS before plain HTTP (a TLS port answers a
 * plain request with an HTTP 400), then LDAP, and last the generic banner grab (protocol `unknown`,
 * which the identify stage keeps after every probe of both lists).
 */
import type { Probe } from './probe.js';
import { bannerProbe } from './banner/banner.probe.js';
import { ftpProbe } from './ftp/ftp.probe.js';
import { httpProbe } from './http/http.probe.js';
import { httpsProbe } from './http/https.probe.js';
import { ldapProbe } from './ldap/ldap.probe.js';
import { smtpProbe } from './smtp/smtp.probe.js';
import { sshProbe } from './ssh/ssh.probe.js';
import { telnetProbe } from './telnet/telnet.probe.js';
import { vncProbe } from './vnc/vnc.probe.js';

/** Protocol probes of list A, in the order they are tried. */
export const probesA: readonly Probe[] = [
  sshProbe,
  vncProbe,
  ftpProbe,
  smtpProbe,
  telnetProbe,
  httpsProbe,
  httpProbe,
  ldapProbe,
  bannerProbe,
];

/** The last resort (protocol `unknown`), already the last entry of `probesA`: do not list it twice. */
export const fallbackProbe: Probe = bannerProbe;
