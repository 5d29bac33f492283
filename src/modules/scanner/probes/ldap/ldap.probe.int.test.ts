/**
 * The LDAP probe against listeners on 127.100.251.x that answer the RootDSE search with the fixture
 * bytes (the lab has no directory server), and against a lab service that is not LDAP.
 */
import { readFileSync } from 'node:fs';
import * as nodeNet from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labNetwork, probeContext, probeNetwork, requireLab } from '../probe-lab-kit.js';
import { parseLdapMessages, rootDseRequest } from './ldap.parse.js';
import { ldapProbe } from './ldap.probe.js';

const local = probeNetwork(['127.100.251.0/24']);
const lab = labNetwork();
const fixture = (name: string): Buffer => readFileSync(new URL(`fixtures/${name}`, import.meta.url));
const requests: Buffer[] = [];

/** Answers the first request with `answer` once a whole LDAP message has arrived. */
function directory(answer: Buffer): nodeNet.Server {
  return nodeNet.createServer((socket) => {
    socket.on('error', () => undefined);
    let got = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      got = Buffer.concat([got, chunk]);
      if (parseLdapMessages(got).messages.length > 0) {
        requests.push(got);
        socket.write(answer);
      }
    });
  });
}

const open = directory(fixture('openldap-like-rootdse.bin'));
const closed = directory(fixture('rootdse-refused.bin'));
const listen = (s: nodeNet.Server, host: string) =>
  new Promise<number>((resolve) =>
    s.listen(0, host, () => resolve((s.address() as nodeNet.AddressInfo).port)),
  );
let openPort = 0;
let closedPort = 0;

describe('ldap probe', () => {
  beforeAll(async () => {
    openPort = await listen(open, '127.100.251.21');
    closedPort = await listen(closed, '127.100.251.22');
    await requireLab([['127.100.1.20', 80]]);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => open.close(() => resolve()));
    await new Promise<void>((resolve) => closed.close(() => resolve()));
  });

  it('reads the naming contexts of an anonymous RootDSE, sending no bind', async () => {
    const match = await ldapProbe.run(probeContext(local, '127.100.251.21', openPort));
    expect(match).toMatchObject({
      protocol: 'ldap',
      tls: false,
      details: {
        anonymousRootDse: true,
        namingContexts: ['dc=chu-lab,dc=test'],
        supportedLDAPVersion: ['3'],
        supportedSASLMechanisms: ['SCRAM-SHA-256', 'GSSAPI'],
      },
    });
    expect(requests[0]?.equals(rootDseRequest())).toBe(true);
  });

  it('a directory that refuses anonymous searches is still LDAP', async () => {
    const match = await ldapProbe.run(probeContext(local, '127.100.251.22', closedPort));
    expect(match).toMatchObject({
      protocol: 'ldap',
      details: { anonymousRootDse: false, namingContexts: [] },
    });
    expect(match?.notes?.[0]).toContain('result code 50');
  });

  it('says no to an HTTP server', async () => {
    expect(await ldapProbe.run(probeContext(lab, '127.100.1.20', 80, { timeoutMs: 3000 }))).toBeNull();
  });
});
