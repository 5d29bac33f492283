#!/usr/bin/env node
// The "hostile" peer of the Hygie lab: servers that misbehave, one behaviour per port, so that
// a scanner can prove it stays bounded in time and memory. No dependencies.
//
//   stall      accepts, reads and discards, never sends a byte, never closes
//   drip       sends "HTTP/1.1 200 OK\r\nX-Drip: " then one byte per second, forever
//   flood      sends FLOOD_MB megabytes (default 8) of random bytes at once, then resets (RST)
//   garbage    answers every chunk it receives with 64–4096 random bytes; never closes
//   reset      resets the connection (RST) as soon as the client sends its first bytes
//   wrongproto answers anything with an HTTP 400 response and closes (another protocol)
//
//   node hostile.mjs --host 127.100.66.6 --stall 443 --drip 80 --flood 21 --garbage 25 \
//                    --reset 3389 --wrongproto 22 [--user nobody]
// (--user: the account to switch to once every port listens, when started as root)
import crypto from 'node:crypto';
import net from 'node:net';
import { dropPrivileges, labAddress, parseArgs } from './lab-addr.mjs';
import process from 'node:process';
import { clearInterval, setInterval, setTimeout } from 'node:timers';

const args = parseArgs(process.argv.slice(2));
const host = labAddress(args.host);
const floodBytes = Number(process.env.FLOOD_MB ?? 8) * 1024 * 1024;
const MAX_CONN = 64;

const behaviours = {
  stall(sock) {
    sock.on('data', () => {});
  },
  drip(sock) {
    sock.on('data', () => {});
    sock.write('HTTP/1.1 200 OK\r\nX-Drip: ');
    const t = setInterval(() => {
      if (sock.destroyed) {
        clearInterval(t);
        return;
      }
      sock.write('a');
    }, 1000);
    sock.on('close', () => clearInterval(t));
  },
  flood(sock) {
    sock.on('data', () => {});
    let left = floodBytes;
    const pump = () => {
      while (left > 0) {
        const n = Math.min(left, 64 * 1024);
        left -= n;
        if (!sock.write(crypto.randomBytes(n))) {
          sock.once('drain', pump);
          return;
        }
      }
      // let the last chunk go out, then reset
      setTimeout(() => {
        if (!sock.destroyed) sock.resetAndDestroy();
      }, 50);
    };
    pump();
  },
  garbage(sock) {
    sock.on('data', () => {
      if (!sock.destroyed) sock.write(crypto.randomBytes(64 + crypto.randomInt(4033)));
    });
  },
  reset(sock) {
    sock.once('data', () => sock.resetAndDestroy());
  },
  wrongproto(sock) {
    sock.once('data', () => {
      sock.end(
        'HTTP/1.0 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n\r\nBad Request\n',
      );
    });
  },
};

const servers = [];
let pending = 0;
for (const [name, handler] of Object.entries(behaviours)) {
  if (args[name] === undefined) continue;
  for (const p of String(args[name]).split(',')) {
    const port = Number(p);
    const server = net.createServer((sock) => {
      sock.on('error', () => {});
      handler(sock);
    });
    server.maxConnections = MAX_CONN;
    pending += 1;
    server.listen({ host, port, exclusive: true }, () => {
      process.stdout.write(`hostile ${name} listening on ${host}:${port}\n`);
      pending -= 1;
      if (pending === 0) dropPrivileges(args.user);
    });
    servers.push(server);
  }
}
if (servers.length === 0) throw new Error('no behaviour given');
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));
