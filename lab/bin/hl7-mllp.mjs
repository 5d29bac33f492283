#!/usr/bin/env node
// HL7 v2 MLLP listener for the Hygie lab. No dependencies.
//
// MLLP framing (HL7 v2, Appendix C): <VT 0x0B> message <FS 0x1C><CR 0x0D>. For every framed
// message this server answers one framed ACK: MSA|AA|<MSH-10> for a message whose first
// segment is MSH, MSA|AR with an ERR segment otherwise. Bytes outside a frame are dropped.
// Bounded: at most 1 MiB buffered per connection, 60 s idle timeout, 64 connections.
//
//   node hl7-mllp.mjs --host 127.100.10.10 --port 2575 [--user nobody]
// (--user: the account to switch to once listening, when started as root)
import net from 'node:net';
import { dropPrivileges, labAddress, parseArgs } from './lab-addr.mjs';
import { Buffer } from 'node:buffer';
import process from 'node:process';

const VT = 0x0b;
const FS = 0x1c;
const CR = 0x0d;
const MAX_BUFFER = 1 << 20;

const args = parseArgs(process.argv.slice(2));
const host = labAddress(args.host);
const port = Number(args.port ?? 2575);
let counter = 0;

function ts() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

function buildAck(message) {
  const segments = message.split(/\r\n|\r|\n/).filter((s) => s.length > 0);
  const msh = segments[0] ?? '';
  counter += 1;
  const ackId = `LABACK${Date.now()}${counter}`;
  if (!msh.startsWith('MSH') || msh.length < 8) {
    return (
      [
        `MSH|^~\\&|HYGIE_LAB|CHU_LAB|||${ts()}||ACK|${ackId}|P|2.5`,
        'MSA|AR|',
        'ERR|||100^Segment sequence error^HL70357|E',
      ].join('\r') + '\r'
    );
  }
  const sep = msh[3];
  const f = msh.split(sep);
  // f[1] = MSH-2 (encoding characters); f[n] = MSH-(n+1)
  const enc = f[1] || '^~\\&';
  const comp = enc[0] || '^';
  const sendApp = f[2] ?? '';
  const sendFac = f[3] ?? '';
  const recvApp = f[4] || 'HYGIE_LAB';
  const recvFac = f[5] || 'CHU_LAB';
  const type = (f[8] ?? '').split(comp);
  const trigger = type[1] ?? '';
  const controlId = f[9] ?? '';
  const processing = f[10] || 'P';
  const version = (f[11] || '2.5').split(comp)[0];
  const ackType = trigger ? ['ACK', trigger, 'ACK'].join(comp) : 'ACK';
  return (
    [
      ['MSH', enc, recvApp, recvFac, sendApp, sendFac, ts(), '', ackType, ackId, processing, version].join(
        sep,
      ),
      ['MSA', 'AA', controlId].join(sep),
    ].join('\r') + '\r'
  );
}

const server = net.createServer((sock) => {
  let buf = Buffer.alloc(0);
  sock.setTimeout(60_000, () => sock.destroy());
  sock.on('error', () => {});
  sock.on('data', (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      const start = buf.indexOf(VT);
      if (start < 0) {
        buf = Buffer.alloc(0);
        return;
      }
      if (start > 0) buf = buf.subarray(start);
      let end = -1;
      for (let i = 1; i < buf.length - 1; i += 1) {
        if (buf[i] === FS && buf[i + 1] === CR) {
          end = i;
          break;
        }
      }
      if (end < 0) {
        if (buf.length > MAX_BUFFER) sock.destroy();
        return;
      }
      const message = buf.subarray(1, end).toString('latin1');
      buf = buf.subarray(end + 2);
      const ack = buildAck(message);
      sock.write(Buffer.concat([Buffer.from([VT]), Buffer.from(ack, 'latin1'), Buffer.from([FS, CR])]));
    }
  });
});
server.maxConnections = 64;
server.listen({ host, port, exclusive: true }, () => {
  dropPrivileges(args.user);
  process.stdout.write(`hl7-mllp listening on ${host}:${port}\n`);
});
for (const sig of ['SIGTERM', 'SIGINT'])
  process.on(sig, () => {
    server.close();
    process.exit(0);
  });
