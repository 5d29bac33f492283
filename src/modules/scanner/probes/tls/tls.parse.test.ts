import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeCertificate,
  distinguishedName,
  hasFirstRecord,
  isSelfSigned,
  parseSslv3Answer,
  parseSubjectAltNames,
  signatureAlgorithmOf,
  sslv3ClientHello,
} from './tls.parse.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`fixtures/${name}`, import.meta.url));
const cert = (name: string) => new X509Certificate(fixture(name));
const untrusted = { authorized: false, authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT', hostname: null };

describe('certificates (lab PKI)', () => {
  it('describes the self-signed certificate of 127.100.1.20:8443', () => {
    const c = describeCertificate(cert('lab-web-weak-selfsigned.crt'), untrusted);
    expect(c).toMatchObject({
      subject: 'CN=localhost.localdomain',
      issuer: 'CN=localhost.localdomain',
      subjectAltNames: ['localhost.localdomain'],
      selfSigned: true,
      trusted: false,
      trustError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      keyType: 'rsa',
      keyBits: 2048,
      signatureAlgorithm: 'sha256WithRSAEncryption',
    });
    expect(c.notBefore).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    expect(c.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('describes the expired CA-issued certificate of 127.100.1.20:443', () => {
    const c = describeCertificate(cert('lab-web-weak-expired.crt'), {
      authorized: false,
      authorizationError: 'CERT_HAS_EXPIRED',
      hostname: 'www.chu-lab.test',
    });
    expect(c).toMatchObject({ selfSigned: false, trusted: false, trustError: 'CERT_HAS_EXPIRED' });
    expect(c.notAfter).toBe('2024-01-01T00:00:00.000Z');
    expect(c.issuer).toContain('CN=Hygie Lab Root CA');
  });

  it('judges the name asked for, and only the chain when no name is known', () => {
    const clean = cert('lab-web-clean.crt');
    const ok = { authorized: true, authorizationError: null };
    expect(describeCertificate(clean, { ...ok, hostname: 'www.hopital-sain.test' }).trusted).toBe(true);
    expect(describeCertificate(clean, { ...ok, hostname: 'other.test' })).toMatchObject({
      trusted: false,
      trustError: 'certificate does not cover other.test',
    });
    expect(
      describeCertificate(clean, {
        authorized: false,
        authorizationError: 'ERR_TLS_CERT_ALTNAME_INVALID',
        hostname: null,
      }).trusted,
    ).toBe(true);
  });

  it('knows a CA from a self-signed leaf and reads the VPN certificate subject', () => {
    expect(isSelfSigned(cert('lab-ca.crt'))).toBe(true);
    expect(isSelfSigned(cert('lab-web-clean.crt'))).toBe(false);
    expect(describeCertificate(cert('lab-web-vpn-selfsigned.crt'), untrusted).subject).toBe(
      'C=US, ST=California, L=Sunnyvale, O=Fortinet, OU=FortiGate, CN=FGT60FTK20000000',
    );
  });

  it('parses names and SANs', () => {
    expect(distinguishedName('C=FR\nO=Lab\nCN=x')).toBe('C=FR, O=Lab, CN=x');
    expect(parseSubjectAltNames('DNS:a.test, DNS:"b,c.test", IP Address:127.0.0.1, email:x@y')).toEqual([
      'a.test',
      'b,c.test',
      '127.0.0.1',
      'x@y',
    ]);
    expect(parseSubjectAltNames(undefined)).toEqual([]);
  });

  it('never throws on arbitrary DER or SAN text (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.string(), (bytes, san) => {
        signatureAlgorithmOf(Buffer.from(bytes));
        parseSubjectAltNames(san);
      }),
    );
    const der = cert('lab-ca.crt').raw;
    fc.assert(fc.property(fc.nat(der.length), (cut) => void signatureAlgorithmOf(der.subarray(0, cut))));
  });
});

describe('SSLv3 by hand', () => {
  it('builds a well-formed SSLv3 ClientHello', () => {
    const hello = sslv3ClientHello(Buffer.alloc(32, 7));
    expect([...hello.subarray(0, 3)]).toEqual([0x16, 0x03, 0x00]);
    expect(hello.readUInt16BE(3)).toBe(hello.length - 5);
    expect(hello[5]).toBe(0x01);
    expect([...hello.subarray(9, 11)]).toEqual([0x03, 0x00]);
    expect(hello.subarray(11, 43).equals(Buffer.alloc(32, 7))).toBe(true);
  });

  it('reads the refusals of the lab nginx servers (captured answers)', () => {
    for (const name of ['sslv3-answer-nginx-weak.bin', 'sslv3-answer-nginx-clean.bin']) {
      const answer = fixture(name);
      expect(hasFirstRecord(answer)).toBe(true);
      expect(parseSslv3Answer(answer)).toEqual({ kind: 'alert', level: 2, description: 40 });
    }
  });

  it('accepts only a ServerHello with version 3.0', () => {
    const hello = (major: number, minor: number) =>
      Buffer.from([0x16, 0x03, minor, 0x00, 0x30, 0x02, 0x00, 0x00, 0x2c, major, minor]);
    expect(parseSslv3Answer(hello(3, 0))).toEqual({ kind: 'accepted' });
    expect(parseSslv3Answer(hello(3, 1))).toEqual({ kind: 'other-version', version: 0x0301 });
    expect(parseSslv3Answer(Buffer.from('HTTP/1.1 400 Bad Request'))).toEqual({ kind: 'not-tls' });
    expect(parseSslv3Answer(Buffer.alloc(0))).toEqual({ kind: 'incomplete' });
  });

  it('never throws on arbitrary answers (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        parseSslv3Answer(Buffer.from(bytes));
        hasFirstRecord(Buffer.from(bytes));
      }),
    );
  });
});
