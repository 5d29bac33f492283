import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CertificateObservation } from '../scanner.types.js';
import { buildTrustStore, comparableName, judgeIssuer, OBSERVED_VERDICT_ONLY } from './trust-store.js';

const CA = readFileSync(
  join(fileURLToPath(new URL('.', import.meta.url)), '../probes/tls/fixtures/lab-ca.crt'),
  'utf8',
);

const issued: CertificateObservation = {
  subject: 'O=Hygie lab, CN=www.chu-lab.test',
  issuer: 'O=Hygie lab, CN=Hygie Lab Root CA',
  notBefore: '2023-01-01T00:00:00.000Z',
  notAfter: '2024-01-01T00:00:00.000Z',
  subjectAltNames: ['www.chu-lab.test'],
  selfSigned: false,
  trusted: false,
  trustError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
};

describe('trust store', () => {
  it('reads the lab CA and trusts what it issued, whatever the handshake said', () => {
    const store = buildTrustStore([CA]);
    expect(store.anchors).toHaveLength(1);
    expect(store.anchors[0]?.subject).toBe(comparableName('O=Hygie lab, CN=Hygie Lab Root CA'));
    expect(judgeIssuer(issued, store)).toBe('trusted');
    expect(judgeIssuer(issued, OBSERVED_VERDICT_ONLY)).toBe('untrusted');
  });

  it('accepts the observing handshake verdict unless told not to', () => {
    const verified = { ...issued, trusted: true, trustError: null };
    const expired = { ...issued, trustError: 'CERT_HAS_EXPIRED' };
    expect(judgeIssuer(verified, OBSERVED_VERDICT_ONLY)).toBe('trusted');
    expect(judgeIssuer(expired, OBSERVED_VERDICT_ONLY)).toBe('trusted');
    expect(judgeIssuer(verified, { anchors: [], trustObservedVerdict: false })).toBe('untrusted');
    const { trusted: _t, trustError: _e, ...silent } = issued;
    expect(judgeIssuer(silent, OBSERVED_VERDICT_ONLY)).toBe('unknown');
  });

  it('calls a self-signed certificate self-signed unless it is itself an anchor', () => {
    const self = { ...issued, issuer: issued.subject, selfSigned: true, fingerprintSha256: 'AA:BB' };
    expect(judgeIssuer(self, buildTrustStore([CA]))).toBe('self-signed');
    expect(
      judgeIssuer(self, {
        anchors: [{ subject: 'x', fingerprintSha256: 'aa:bb' }],
        trustObservedVerdict: true,
      }),
    ).toBe('trusted');
    expect(buildTrustStore(['not a certificate']).anchors).toEqual([]);
  });
});
