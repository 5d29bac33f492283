#!/usr/bin/env node
// Smoke check of the Hygie lab (run by lab/check): connects to every port of lab/hosts.json,
// speaks just enough of each protocol to see that the planted configuration is really there,
// queries the lab DNS server with dig, and checks that every listener of the lab is a declared
// 127.100.x.y address and port. Prints OK/FAIL per item and exits 1 on any failure.
// Only addresses of 127.100.0.0/16 are ever contacted.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';
import { Buffer } from 'node:buffer';
import console from 'node:console';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';

const LAB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUN = path.join(LAB, 'run');
const lab = JSON.parse(fs.readFileSync(path.join(LAB, 'hosts.json'), 'utf8'));
const CA = fs.existsSync(path.join(RUN, 'pki/ca.crt')) ? fs.readFileSync(path.join(RUN, 'pki/ca.crt')) : null;
const STEP_TIMEOUT = 15_000;

function assertLab(host) {
  if (!/^127\.100\.\d{1,3}\.\d{1,3}$/.test(host))
    throw new Error(`refusing to contact ${host}: not in 127.100.0.0/16`);
}

// ---------------------------------------------------------------------------------------------
// A tiny bounded socket conversation helper
// ---------------------------------------------------------------------------------------------
class Conn {
  constructor(sock) {
    this.sock = sock;
    this.buf = Buffer.alloc(0);
    this.closed = false;
    this.error = null;
    this.waiters = [];
    sock.on('data', (d) => {
      this.buf = Buffer.concat([this.buf, d]);
      this.wake();
    });
    sock.on('error', (e) => {
      this.error = e;
      this.wake();
    });
    sock.on('close', () => {
      this.closed = true;
      this.wake();
    });
  }
  static open(host, port, { timeout = 5000 } = {}) {
    assertLab(host);
    return new Promise((resolve, reject) => {
      const s = net.connect({ host, port });
      const t = setTimeout(() => {
        s.destroy();
        reject(new Error(`connect timeout ${host}:${port}`));
      }, timeout);
      s.once('connect', () => {
        clearTimeout(t);
        resolve(new Conn(s));
      });
      s.once('error', (e) => {
        clearTimeout(t);
        reject(e);
      });
    });
  }
  wake() {
    const w = this.waiters;
    this.waiters = [];
    w.forEach((f) => f());
  }
  // wait until pred(buf) is truthy; returns its value
  until(pred, timeout = 5000, what = 'data') {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`timeout waiting for ${what}`)), timeout);
      const check = () => {
        let v;
        try {
          v = pred(this.buf);
        } catch (e) {
          clearTimeout(t);
          reject(e);
          return;
        }
        if (v) {
          clearTimeout(t);
          resolve(v);
          return;
        }
        if (this.error) {
          clearTimeout(t);
          reject(this.error);
          return;
        }
        if (this.closed) {
          clearTimeout(t);
          reject(new Error(`connection closed while waiting for ${what}`));
          return;
        }
        this.waiters.push(check);
      };
      check();
    });
  }
  take(n) {
    const b = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return b;
  }
  line(timeout) {
    return this.until(
      (b) => {
        const i = b.indexOf('\n');
        return i >= 0
          ? this.take(i + 1)
              .toString('latin1')
              .trimEnd()
          : null;
      },
      timeout,
      'a line',
    );
  }
  write(b) {
    this.sock.write(b);
  }
  close() {
    this.sock.destroy();
  }
}

async function smtpReply(c) {
  const lines = [];
  for (;;) {
    const l = await c.line();
    lines.push(l);
    if (/^\d{3} /.test(l)) return lines;
  }
}

// ---------------------------------------------------------------------------------------------
// Protocol probes: each returns a short detail string or throws
// ---------------------------------------------------------------------------------------------
function tlsConnect(host, port, { version, servername, ca } = {}) {
  assertLab(host);
  return new Promise((resolve, reject) => {
    const opts = {
      host,
      port,
      servername: servername ?? undefined,
      rejectUnauthorized: false,
      minVersion: version ?? 'TLSv1',
      maxVersion: version ?? 'TLSv1.3',
      ciphers: 'DEFAULT:@SECLEVEL=0',
    };
    if (ca) opts.ca = ca;
    const s = tls.connect(opts);
    const t = setTimeout(() => {
      s.destroy();
      reject(new Error('TLS timeout'));
    }, 5000);
    s.once('secureConnect', () => {
      clearTimeout(t);
      resolve(s);
    });
    s.once('error', (e) => {
      clearTimeout(t);
      reject(e);
    });
  });
}

async function httpGet(host, port, pathName, { tlsOn = false, servername } = {}) {
  const sock = tlsOn
    ? await tlsConnect(host, port, { servername })
    : await new Promise((res, rej) => {
        assertLab(host);
        const s = net.connect({ host, port }, () => res(s));
        s.once('error', rej);
      });
  const c = new Conn(sock);
  c.write(
    `GET ${pathName} HTTP/1.1\r\nHost: ${servername ?? host}\r\nUser-Agent: hygie-lab-check\r\nConnection: close\r\n\r\n`,
  );
  try {
    const head = await c.until(
      (b) => {
        const i = b.indexOf('\r\n\r\n');
        return i >= 0 ? b.subarray(0, i).toString('latin1') : null;
      },
      5000,
      'HTTP headers',
    );
    const [status, ...hl] = head.split('\r\n');
    const headers = {};
    for (const l of hl) {
      const i = l.indexOf(':');
      headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
    }
    await c.until(() => c.closed || c.buf.length > 200_000, 5000, 'body').catch(() => {});
    return { status: Number(status.split(' ')[1]), headers, body: c.buf.toString('utf8') };
  } finally {
    c.close();
  }
}

const TLS_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

async function probeHttp(h, p) {
  const tlsOn = p.protocol === 'https';
  const servername = tlsOn ? h.names[0] : undefined;
  const notes = [];
  const r = await httpGet(h.address, p.port, '/', { tlsOn, servername });
  if (p.http?.status && r.status !== p.http.status)
    throw new Error(`GET / → ${r.status}, expected ${p.http.status}`);
  notes.push(`GET / ${r.status}`);
  if (p.disclosure?.startsWith('Server: ')) {
    const want = p.disclosure.slice(8).split(';')[0];
    if (r.headers.server !== want) throw new Error(`Server: ${r.headers.server}, expected ${want}`);
    notes.push(`Server: ${r.headers.server}`);
  }
  if (p.http?.title && !r.body.includes(`<title>${p.http.title}</title>`))
    throw new Error(`title ${p.http.title} not found`);
  for (const hd of p.http?.headers ?? []) {
    if (!r.headers[hd.toLowerCase()]) throw new Error(`header ${hd} missing`);
  }
  if (p.weaknesses.includes('http.hsts-missing') && r.headers['strict-transport-security'])
    throw new Error('HSTS present, planted missing');
  for (const [pth, st] of Object.entries(p.http?.paths ?? {})) {
    const rr = await httpGet(h.address, p.port, pth, { tlsOn, servername });
    if (rr.status !== st) throw new Error(`GET ${pth} → ${rr.status}, expected ${st}`);
  }
  if (Object.keys(p.http?.paths ?? {}).length)
    notes.push(`${Object.keys(p.http.paths).length} paths as planted`);
  if (tlsOn) {
    const got = [];
    for (const v of TLS_VERSIONS) {
      try {
        const s = await tlsConnect(h.address, p.port, { version: v, servername });
        got.push(s.getProtocol());
        s.destroy();
      } catch {
        /* refused */
      }
    }
    if (got.join(',') !== p.tlsVersions.join(','))
      throw new Error(`TLS versions ${got.join(',')}, expected ${p.tlsVersions.join(',')}`);
    notes.push(got.join('/'));
    const s = await tlsConnect(h.address, p.port, { servername, ca: CA });
    const cert = s.getPeerCertificate();
    const authErr = s.authorizationError ? String(s.authorizationError) : null;
    s.destroy();
    const status = p.certificate.status;
    const daysLeft = (Date.parse(cert.valid_to) - Date.now()) / 86_400_000;
    if (status === 'valid' && authErr)
      throw new Error(`certificate not valid against the lab CA: ${authErr}`);
    if (status === 'expired' && authErr !== 'CERT_HAS_EXPIRED')
      throw new Error(`certificate should be expired, got ${authErr}`);
    if (status === 'self-signed' && !/SELF_SIGNED/.test(authErr ?? ''))
      throw new Error(`certificate should be self-signed, got ${authErr}`);
    if (status === 'expiring' && (authErr || daysLeft > 30))
      throw new Error(`certificate should expire within 30 days (${daysLeft.toFixed(1)} d, ${authErr})`);
    notes.push(`cert ${status}${status === 'expiring' ? ` (${daysLeft.toFixed(1)} d)` : ''}`);
  }
  return notes.join('; ');
}

async function probeSsh(h, p) {
  const c = await Conn.open(h.address, p.port);
  const l = await c.line();
  c.close();
  if (!l.startsWith(`SSH-2.0-OpenSSH_${p.version}`)) throw new Error(`banner ${l}`);
  return l;
}

async function probeFtp(h, p) {
  const c = await Conn.open(h.address, p.port);
  const banner = await c.line();
  if (!banner.startsWith('220') || !banner.includes(`vsFTPd ${p.version}`))
    throw new Error(`banner ${banner}`);
  c.write('USER anonymous\r\n');
  const u = await c.line();
  c.write('PASS hygie-lab-check@\r\n');
  const pw = u.startsWith('230') ? u : await c.line();
  c.write('QUIT\r\n');
  c.close();
  if (!pw.startsWith('230')) throw new Error(`anonymous login refused: ${pw}`);
  return `${banner}; anonymous → ${pw}`;
}

async function probeSmtp(h, p) {
  const c = await Conn.open(h.address, p.port);
  const banner = (await smtpReply(c))[0];
  const want = p.disclosure;
  if (banner !== want) throw new Error(`banner ${banner}, expected ${want}`);
  c.write('EHLO check.hygie.test\r\n');
  const ehlo = await smtpReply(c);
  const hasStarttls = ehlo.some((l) => /STARTTLS/i.test(l));
  if (hasStarttls !== p.smtp.starttls) {
    c.close();
    throw new Error(`STARTTLS offered: ${hasStarttls}, expected ${p.smtp.starttls}`);
  }
  if (!hasStarttls) {
    c.write('QUIT\r\n');
    c.close();
    return `${banner}; no STARTTLS`;
  }
  c.write('STARTTLS\r\n');
  const r = (await smtpReply(c))[0];
  if (!r.startsWith('220')) throw new Error(`STARTTLS → ${r}`);
  c.sock.removeAllListeners('data');
  const s = await new Promise((resolve, reject) => {
    const t = tls.connect({ socket: c.sock, servername: h.names[0], ca: CA, minVersion: 'TLSv1.2' });
    t.once('secureConnect', () => resolve(t));
    t.once('error', reject);
  });
  const detail = `${banner}; STARTTLS ${s.getProtocol()}, cert ${s.authorized ? 'valid (lab CA)' : s.authorizationError}`;
  const ok = s.authorized;
  s.destroy();
  if (!ok) throw new Error(detail);
  return detail;
}

async function probeRdp(h, p) {
  // X.224 Connection Request carrying RDP_NEG_REQ with PROTOCOL_SSL | PROTOCOL_HYBRID (NLA)
  const neg = Buffer.from([0x01, 0x00, 0x08, 0x00, 0x03, 0x00, 0x00, 0x00]);
  const x224 = Buffer.concat([Buffer.from([neg.length + 6, 0xe0, 0, 0, 0, 0, 0]), neg]);
  const tpkt = Buffer.concat([Buffer.from([3, 0, 0, x224.length + 4]), x224]);
  const c = await Conn.open(h.address, p.port);
  c.write(tpkt);
  const r = await c.until(
    (b) => (b.length >= 4 && b.length >= b.readUInt16BE(2) ? b.subarray(0, b.readUInt16BE(2)) : null),
    5000,
    'X.224 CC',
  );
  c.close();
  if (r[5] !== 0xd0) throw new Error(`not an X.224 Connection Confirm (${r.toString('hex')})`);
  const type = r[11];
  const selected = r.readUInt32LE(15);
  if (type !== 0x02) throw new Error(`RDP negotiation failure code ${selected}`);
  const names = { 0: 'rdp', 1: 'ssl', 2: 'hybrid', 8: 'hybrid_ex' };
  const got = names[selected] ?? String(selected);
  if (got !== p.rdp.selectedWhenHybridRequested)
    throw new Error(`selected ${got}, expected ${p.rdp.selectedWhenHybridRequested}`);
  return `X.224 CC, selected protocol ${got} (NLA not required)`;
}

function nbSession(port) {
  // port 139: a NetBIOS session request to *SMBSERVER first
  if (port !== 139) return null;
  const enc = (name) => {
    const n = Buffer.alloc(16, 0x20);
    Buffer.from(name).copy(n);
    const out = [32];
    for (const b of n) out.push(0x41 + (b >> 4), 0x41 + (b & 15));
    out.push(0);
    return Buffer.from(out);
  };
  const body = Buffer.concat([enc('*SMBSERVER'), enc('HYGIECHECK')]);
  return Buffer.concat([Buffer.from([0x81, 0, body.length >> 8, body.length & 255]), body]);
}

async function smbConnect(h, port) {
  const c = await Conn.open(h.address, port);
  const nb = nbSession(port);
  if (nb) {
    c.write(nb);
    const r = await c.until(
      (b) => (b.length >= 4 ? c.take(4 + ((b[2] << 8) | b[3])) : null),
      5000,
      'NetBIOS session',
    );
    if (r[0] !== 0x82) throw new Error(`NetBIOS session refused (0x${r[0].toString(16)})`);
  }
  return c;
}

function smbFrame(msg) {
  const nb = Buffer.alloc(4);
  nb.writeUInt32BE(msg.length);
  return Buffer.concat([nb, msg]);
}
function smbRead(c) {
  return c.until(
    (b) =>
      b.length >= 4 && b.length >= 4 + b.readUInt32BE(0) ? c.take(4 + b.readUInt32BE(0)).subarray(4) : null,
    5000,
    'SMB reply',
  );
}

async function probeSmb(h, p) {
  // SMB1 NEGOTIATE offering only "NT LM 0.12"
  let smb1;
  {
    const c = await smbConnect(h, p.port);
    const dialect = Buffer.concat([Buffer.from([2]), Buffer.from('NT LM 0.12\0')]);
    const hdr = Buffer.alloc(32);
    Buffer.from([0xff, 0x53, 0x4d, 0x42, 0x72]).copy(hdr);
    hdr[13] = 0x18;
    hdr.writeUInt16LE(0xc801, 14);
    const body = Buffer.concat([Buffer.from([0, dialect.length & 255, dialect.length >> 8]), dialect]);
    c.write(smbFrame(Buffer.concat([hdr, body])));
    try {
      const r = await smbRead(c);
      smb1 =
        r.subarray(0, 4).equals(Buffer.from([0xff, 0x53, 0x4d, 0x42])) &&
        r.readUInt32LE(5) === 0 &&
        r.readUInt16LE(33) === 0;
    } catch {
      smb1 = false;
    }
    c.close();
  }
  if (smb1 !== p.smb.smb1) throw new Error(`SMB1 accepted: ${smb1}, expected ${p.smb.smb1}`);
  // SMB2 NEGOTIATE (2.0.2 … 3.0.2): security mode tells whether signing is required
  const c = await smbConnect(h, p.port);
  const hdr = Buffer.alloc(64);
  Buffer.from([0xfe, 0x53, 0x4d, 0x42]).copy(hdr);
  hdr.writeUInt16LE(64, 4);
  hdr.writeUInt16LE(1, 14);
  const dialects = [0x0202, 0x0210, 0x0300, 0x0302];
  const body = Buffer.alloc(36 + dialects.length * 2);
  body.writeUInt16LE(36, 0);
  body.writeUInt16LE(dialects.length, 2);
  body.writeUInt16LE(1, 4);
  crypto.randomBytes(16).copy(body, 12);
  dialects.forEach((d, i) => body.writeUInt16LE(d, 36 + i * 2));
  c.write(smbFrame(Buffer.concat([hdr, body])));
  const r = await smbRead(c);
  c.close();
  if (r.readUInt32LE(8) !== 0) throw new Error(`SMB2 negotiate status 0x${r.readUInt32LE(8).toString(16)}`);
  const signingRequired = (r.readUInt16LE(66) & 2) !== 0;
  const dialect = r.readUInt16LE(68).toString(16);
  if (signingRequired !== p.smb.signingRequired)
    throw new Error(`signing required: ${signingRequired}, expected ${p.smb.signingRequired}`);
  return `SMB1 ${smb1 ? 'accepted' : 'refused'}; SMB2 dialect 0x${dialect}, signing ${signingRequired ? 'required' : 'not required'}`;
}

function dicomAssociateRq(called, calling) {
  const ae = (s) => Buffer.from(s.padEnd(16, ' ').slice(0, 16), 'ascii');
  const item = (type, payload) => {
    const h = Buffer.alloc(4);
    h[0] = type;
    h.writeUInt16BE(payload.length, 2);
    return Buffer.concat([h, payload]);
  };
  const uid = (s) => Buffer.from(s, 'ascii');
  const appCtx = item(0x10, uid('1.2.840.10008.3.1.1.1'));
  const pc = item(
    0x20,
    Buffer.concat([
      Buffer.from([1, 0, 0, 0]),
      item(0x30, uid('1.2.840.10008.1.1')),
      item(0x40, uid('1.2.840.10008.1.2')),
    ]),
  );
  const maxLen = Buffer.alloc(4);
  maxLen.writeUInt32BE(16384);
  const ui = item(
    0x50,
    Buffer.concat([
      item(0x51, maxLen),
      item(0x52, uid('1.2.826.0.1.3680043.9.7433.1')),
      item(0x55, uid('HYGIE_LAB_CHECK')),
    ]),
  );
  const body = Buffer.concat([
    Buffer.from([0, 1, 0, 0]),
    ae(called),
    ae(calling),
    Buffer.alloc(32),
    appCtx,
    pc,
    ui,
  ]);
  const h = Buffer.alloc(6);
  h[0] = 0x01;
  h.writeUInt32BE(body.length, 2);
  return Buffer.concat([h, body]);
}

async function probeDicom(h, p) {
  const called = `RND${crypto.randomBytes(4).toString('hex').toUpperCase()}`;
  const calling = `HYG${crypto.randomBytes(4).toString('hex').toUpperCase()}`;
  const c = await Conn.open(h.address, p.port);
  c.write(dicomAssociateRq(called, calling));
  const pdu = await c.until(
    (b) => (b.length >= 6 && b.length >= 6 + b.readUInt32BE(2) ? c.take(6 + b.readUInt32BE(2)) : null),
    8000,
    'A-ASSOCIATE response',
  );
  if (pdu[0] === 0x02) {
    c.write(Buffer.from([0x05, 0, 0, 0, 0, 4, 0, 0, 0, 0])); // A-RELEASE-RQ
    await c.until((b) => b.length >= 10, 3000, 'A-RELEASE-RP').catch(() => {});
  }
  c.close();
  if (pdu[0] !== 0x02) throw new Error(`association not accepted (PDU type 0x${pdu[0].toString(16)})`);
  const m = /OFFIS_DCMTK_(\d+)/.exec(pdu.toString('latin1'));
  const impl = m ? m[0] : '?';
  if (p.version && (!m || m[1] !== p.version.replaceAll('.', '')))
    throw new Error(`implementation version ${impl}`);
  return `A-ASSOCIATE-AC for called ${called} / calling ${calling}; ${impl}`;
}

async function probeHl7(h, p) {
  const id = `CHK${Date.now()}`;
  const msg = `MSH|^~\\&|HYGIE|CHECK|LAB|CHU|20240101120000||ADT^A01|${id}|P|2.5\rEVN|A01|20240101120000\rPID|1||000000^^^LAB||FICTIF^PATIENT\r`;
  const c = await Conn.open(h.address, p.port);
  c.write(Buffer.concat([Buffer.from([0x0b]), Buffer.from(msg), Buffer.from([0x1c, 0x0d])]));
  const ack = await c.until(
    (b) => {
      const i = b.indexOf(Buffer.from([0x1c, 0x0d]));
      return b[0] === 0x0b && i > 0 ? b.subarray(1, i).toString('latin1') : null;
    },
    5000,
    'MLLP ACK',
  );
  c.close();
  if (!ack.includes(`MSA|AA|${id}`)) throw new Error(`unexpected ACK ${JSON.stringify(ack)}`);
  return `ACK MSA|AA|${id}`;
}

async function probeMysql(h, p) {
  const c = await Conn.open(h.address, p.port);
  const pkt = await c.until(
    (b) =>
      b.length >= 4 && b.length >= 4 + b.readUIntLE(0, 3) ? b.subarray(4, 4 + b.readUIntLE(0, 3)) : null,
    5000,
    'greeting',
  );
  c.close();
  if (pkt[0] !== 10) throw new Error(`not a protocol-10 handshake: ${pkt.toString('latin1').slice(0, 80)}`);
  const version = pkt.subarray(1, pkt.indexOf(0, 1)).toString('latin1');
  if (!version.includes(`-${p.version}`) || !version.includes('MariaDB'))
    throw new Error(`server version ${version}`);
  return `handshake ${version}`;
}

async function probePostgres(h, p) {
  const c = await Conn.open(h.address, p.port);
  const req = Buffer.alloc(8);
  req.writeUInt32BE(8);
  req.writeUInt32BE(80877103, 4);
  c.write(req);
  const r = await c.until(
    (b) => (b.length >= 1 ? b.subarray(0, 1).toString() : null),
    5000,
    'SSLRequest answer',
  );
  c.close();
  if ((r === 'S') !== p.postgresql.sslSupported) throw new Error(`SSLRequest answered ${r}`);
  return `SSLRequest → ${r}`;
}

async function probeRedis(h, p) {
  const c = await Conn.open(h.address, p.port);
  c.write('PING\r\n');
  const pong = await c.line();
  if (pong !== '+PONG') throw new Error(`PING → ${pong}`);
  c.write('INFO server\r\n');
  const info = await c.until(
    (b) => {
      const s = b.toString();
      const m = /redis_version:([\d.]+)/.exec(s);
      return m ? m[1] : null;
    },
    5000,
    'INFO',
  );
  c.close();
  if (!info.startsWith(p.version)) throw new Error(`redis_version ${info}`);
  return `PING → +PONG without AUTH; redis_version ${info}`;
}

async function probeVnc(h, p) {
  const c = await Conn.open(h.address, p.port);
  const v = await c.until(
    (b) => (b.length >= 12 ? c.take(12).toString('latin1') : null),
    5000,
    'RFB version',
  );
  c.write(v);
  const types = await c.until(
    (b) => (b.length >= 1 && b.length >= 1 + b[0] ? [...b.subarray(1, 1 + b[0])] : null),
    5000,
    'security types',
  );
  if (types.length === 0) {
    const reason = await c
      .until(
        (b) =>
          b.length >= 5 && b.length >= 5 + b.readUInt32BE(1)
            ? b.subarray(5, 5 + b.readUInt32BE(1)).toString()
            : null,
        3000,
        'reason',
      )
      .catch(() => '?');
    c.close();
    throw new Error(`connection refused by the server: ${reason}`);
  }
  c.close();
  if (p.vnc.auth === false && !types.includes(1)) throw new Error(`security types ${types} (None missing)`);
  return `${v.trim()}; security types [${types}]${types.includes(1) ? ' (None: no authentication)' : ''}`;
}

async function probeTelnet(h, p) {
  const c = await Conn.open(h.address, p.port);
  const b = await c.until((x) => (x.length >= 3 ? x : null), 5000, 'telnet negotiation');
  c.close();
  if (b[0] !== 0xff) throw new Error(`first byte 0x${b[0].toString(16)} is not IAC`);
  return `IAC negotiation (${b.subarray(0, 6).toString('hex')}…)`;
}

async function probeDnsPort() {
  await dig(['+tcp', 'SOA', 'chu-lab.test']);
  return 'SOA over TCP';
}

async function probeHostile(h, p) {
  const c = await Conn.open(h.address, p.port);
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  try {
    switch (p.behaviour) {
      case 'stall': {
        c.write('HELLO\r\n');
        await sleep(1500);
        if (c.buf.length || c.closed) throw new Error('stall port sent data or closed');
        return 'nothing sent in 1.5 s, still open';
      }
      case 'drip': {
        await sleep(2600);
        const n = c.buf.length;
        if (!c.buf.toString().startsWith('HTTP/1.1 200 OK') || n > 60) throw new Error(`drip got ${n} bytes`);
        return `${n} bytes in 2.6 s`;
      }
      case 'flood': {
        let total = 0;
        c.sock.removeAllListeners('data');
        c.sock.on('data', (d) => {
          total += d.length;
        });
        await c
          .until(() => c.closed || c.error, 15000, 'end of flood')
          .catch((e) => {
            if (!/timeout/.test(e.message)) throw e;
          });
        if (total < 1 << 20) throw new Error(`flood sent only ${total} bytes`);
        return `${(total / 1048576).toFixed(1)} MiB then ${c.error ? c.error.code : 'close'}`;
      }
      case 'garbage': {
        c.write('EHLO check\r\n');
        await c.until((b) => b.length >= 64, 3000, 'garbage');
        return `${c.buf.length} bytes of garbage in answer`;
      }
      case 'reset': {
        c.write('\x03\x00\x00\x13');
        await c.until(() => c.error || c.closed, 3000, 'reset').catch(() => {});
        if (c.error?.code !== 'ECONNRESET')
          throw new Error(`expected ECONNRESET, got ${c.error?.code ?? 'close'}`);
        return 'ECONNRESET after the first bytes';
      }
      case 'wrongproto': {
        c.write('SSH-2.0-hygie_check\r\n');
        const l = await c.line();
        if (!l.startsWith('HTTP/1.0 400')) throw new Error(`answer ${l}`);
        return `answers "${l}"`;
      }
      default:
        throw new Error(`unknown behaviour ${p.behaviour}`);
    }
  } finally {
    c.close();
  }
}

const probes = {
  http: probeHttp,
  https: probeHttp,
  ssh: probeSsh,
  ftp: probeFtp,
  smtp: probeSmtp,
  rdp: probeRdp,
  smb: probeSmb,
  dicom: probeDicom,
  hl7: probeHl7,
  mysql: probeMysql,
  postgresql: probePostgres,
  redis: probeRedis,
  vnc: probeVnc,
  telnet: probeTelnet,
  dns: probeDnsPort,
};

// ---------------------------------------------------------------------------------------------
// DNS with dig, against the lab server only
// ---------------------------------------------------------------------------------------------
function dig(args) {
  const server = lab.dns.server;
  assertLab(server);
  return new Promise((resolve, reject) => {
    execFile(
      'dig',
      [`@${server}`, '-p', String(lab.dns.port), '+time=2', '+tries=1', '+norecurse', ...args],
      { timeout: 10_000 },
      (err, stdout) => {
        if (err) reject(new Error(`dig ${args.join(' ')}: ${err.message.split('\n')[0]}`));
        else resolve(stdout);
      },
    );
  });
}
const status = (out) => /status: (\w+)/.exec(out)?.[1];
const answers = (out, type) =>
  out
    .split('\n')
    .filter((l) => !l.startsWith(';') && l.split(/\s+/)[3] === type)
    .map((l) => l.split(/\s+/).slice(4).join(' '));

function dnsItems() {
  const items = [];
  for (const [name, ip] of Object.entries(lab.dns.a)) {
    items.push([
      `dns A ${name}`,
      async () => {
        const got = answers(await dig(['A', name]), 'A');
        if (!got.includes(ip)) throw new Error(`A ${got.join(',') || 'none'}, expected ${ip}`);
        return ip;
      },
    ]);
  }
  items.push([
    'dns CNAME portail.chu-lab.test (TCP)',
    async () => {
      const got = answers(await dig(['+tcp', 'A', 'portail.chu-lab.test']), 'CNAME');
      if (got[0] !== 'www.chu-lab.test.') throw new Error(`CNAME ${got}`);
      return got[0];
    },
  ]);
  items.push([
    'dns dangling CNAME ancien-pacs.chu-lab.test',
    async () => {
      const out = await dig(['A', 'ancien-pacs.chu-lab.test']);
      if (status(out) !== 'NXDOMAIN' || !answers(out, 'CNAME').length)
        throw new Error(`status ${status(out)}`);
      return `CNAME ${answers(out, 'CNAME')[0]} → NXDOMAIN`;
    },
  ]);
  for (const z of lab.dns.zones) {
    for (const [name, txt] of Object.entries(z.txt ?? {})) {
      if (txt.includes('<')) continue;
      items.push([
        `dns TXT ${name}`,
        async () => {
          const got = answers(await dig(['TXT', name]), 'TXT').map((t) =>
            t.replace(/^"|"$/g, '').replace(/" "/g, ''),
          );
          if (!got.includes(txt)) throw new Error(`TXT ${got.join(' | ')}`);
          return txt;
        },
      ]);
    }
  }
  items.push([
    'dns DKIM default._domainkey.hopital-sain.test',
    async () => {
      const got = answers(await dig(['TXT', 'default._domainkey.hopital-sain.test']), 'TXT')
        .join('')
        .replace(/" "|"/g, '');
      if (!got.startsWith('v=DKIM1; k=rsa; p=MII')) throw new Error(`TXT ${got.slice(0, 60)}`);
      return `${got.slice(0, 40)}…`;
    },
  ]);
  items.push([
    'dns AXFR chu-lab.test allowed',
    async () => {
      const out = await dig(['AXFR', 'chu-lab.test']);
      const soa = answers(out, 'SOA').length;
      if (soa < 2) throw new Error('transfer refused');
      return `${out.split('\n').filter((l) => l && !l.startsWith(';')).length} records`;
    },
  ]);
  items.push([
    'dns AXFR hopital-sain.test refused',
    async () => {
      const out = await dig(['AXFR', 'hopital-sain.test']);
      if (answers(out, 'SOA').length) throw new Error('transfer allowed');
      return 'Transfer failed';
    },
  ]);
  items.push([
    'dns DNSSEC hopital-sain.test signed, chu-lab.test not',
    async () => {
      const s = answers(await dig(['+dnssec', 'DNSKEY', 'hopital-sain.test']), 'RRSIG');
      const w = answers(await dig(['+dnssec', 'DNSKEY', 'chu-lab.test']), 'RRSIG');
      if (!s.length || w.length) throw new Error(`RRSIG: clean ${s.length}, weak ${w.length}`);
      return 'DNSKEY+RRSIG on the clean zone only';
    },
  ]);
  items.push([
    'dns wildcard joker-lab.test',
    async () => {
      const name = `zz${crypto.randomBytes(4).toString('hex')}.joker-lab.test`;
      const got = answers(await dig(['A', name]), 'A');
      if (got[0] !== '127.100.1.30') throw new Error(`A ${got}`);
      return `${name} → ${got[0]}`;
    },
  ]);
  items.push([
    'dns PTR 127.100.4.10',
    async () => {
      const got = answers(await dig(['-x', '127.100.4.10']), 'PTR');
      if (got[0] !== 'pacs.chu-lab.test.') throw new Error(`PTR ${got}`);
      return got[0];
    },
  ]);
  items.push([
    'dns version.bind',
    async () => {
      const got = answers(await dig(['CH', 'TXT', 'version.bind']), 'TXT');
      if (!got[0]?.includes('NSD')) throw new Error(`${got}`);
      return got[0];
    },
  ]);
  return items;
}

// ---------------------------------------------------------------------------------------------
// Listener audit: every lab listener is declared, and no lab process listens elsewhere
// ---------------------------------------------------------------------------------------------
function labGroups() {
  const groups = new Set();
  const dir = path.join(RUN, 'pids');
  for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const pid = fs.readFileSync(path.join(dir, f), 'utf8').trim().split(/\s+/)[0];
    if (pid) groups.add(pid);
  }
  return groups;
}
function pgidOf(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return s.slice(s.lastIndexOf(')') + 2).split(' ')[2];
  } catch {
    return null;
  }
}
function auditItems() {
  return [
    [
      'listeners: only declared 127.100 addresses and ports',
      () =>
        new Promise((resolve, reject) => {
          execFile('ss', ['-Hltnup'], (err, out) => {
            if (err) {
              reject(err);
              return;
            }
            const declared = new Set(lab.hosts.flatMap((h) => h.ports.map((p) => `${h.address}:${p.port}`)));
            const labAddresses = new Set(lab.hosts.map((h) => h.address));
            const groups = labGroups();
            const problems = [];
            let count = 0;
            for (const line of out.trim().split('\n')) {
              const cols = line.trim().split(/\s+/);
              const local = cols[4];
              const pids = [...line.matchAll(/pid=(\d+)/g)].map((m) => m[1]);
              const ours = pids.some((pid) => groups.has(pgidOf(pid)) || groups.has(pid));
              const addr = local.slice(0, local.lastIndexOf(':'));
              if (labAddresses.has(addr) || ours) {
                // other processes (the project's own tests) may use other 127.100 addresses
                count += 1;
                if (!declared.has(local)) problems.push(`${cols[0]} ${local} is not in hosts.json`);
                if (!addr.startsWith('127.100.'))
                  problems.push(`a lab process listens on ${cols[0]} ${local}`);
              }
            }
            if (problems.length) reject(new Error(problems.join('; ')));
            else resolve(`${count} lab sockets, all on declared 127.100 addresses and ports`);
          });
        }),
    ],
  ];
}

// ---------------------------------------------------------------------------------------------
async function run() {
  const items = [];
  for (const h of lab.hosts) {
    for (const p of h.ports) {
      items.push([
        `${h.id} ${h.address}:${p.port} tcp`,
        async () => {
          const c = await Conn.open(h.address, p.port);
          c.close();
          return 'connected';
        },
      ]);
      const probe = h.hostile ? probeHostile : probes[p.protocol];
      if (probe)
        items.push([
          `${h.id} ${h.address}:${p.port} ${h.hostile ? p.behaviour : p.protocol}`,
          () => probe(h, p),
        ]);
    }
  }
  items.push(...dnsItems(), ...auditItems());
  let passed = 0;
  let failed = 0;
  const queue = items.slice();
  const worker = async () => {
    for (let it = queue.shift(); it; it = queue.shift()) {
      const [name, fn] = it;
      let t;
      try {
        const detail = await Promise.race([
          fn(),
          new Promise((_, rej) => {
            t = setTimeout(() => rej(new Error('step timeout')), STEP_TIMEOUT);
          }),
        ]);
        passed += 1;
        console.log(`OK    ${name} — ${detail}`);
      } catch (e) {
        failed += 1;
        console.log(`FAIL  ${name} — ${e.message}`);
      } finally {
        clearTimeout(t);
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  console.log(`\nlab check: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
run();
