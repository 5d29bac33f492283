import { describe, expect, it } from 'vitest';
import { HygieError } from '../../lib/errors.js';
import { parseDnsServer, validateScanRequest } from './scan-request.js';

function failure(fn: () => unknown): HygieError {
  try {
    fn();
  } catch (error) {
    if (error instanceof HygieError) return error;
    throw error;
  }
  throw new Error('expected a HygieError');
}

describe('scan requests', () => {
  it('stores canonical targets and options', () => {
    const v = validateScanRequest({
      targets: ['CHU-Lab.test', '127.100.1.10', '127.100.4.0/24'],
      ports: '80,443',
      excludePorts: '2024, 8080',
      dnsServers: ['127.100.0.53'],
      ctNames: ['www.chu-lab.test'],
      timeoutMs: 3000,
      wordlist: false,
    });
    expect(v.targetList).toEqual(['127.100.1.10', '127.100.4.0/24', 'chu-lab.test']);
    expect(v.options).toEqual({
      ports: '80,443',
      excludePorts: [2024, 8080],
      dnsServers: ['127.100.0.53:53'],
      ctNames: ['www.chu-lab.test'],
      timeoutMs: 3000,
      wordlist: false,
    });
    expect(validateScanRequest({ targets: ['a.fr'] }).options).toEqual({ ports: 'top100', excludePorts: [] });
  });

  it('names every bad target in the details', () => {
    const e = failure(() => validateScanRequest({ targets: ['10.0.0.0/8', 'ok.fr', 'http://x.fr'] }));
    expect(e.code).toBe('SCANNER_TARGET_INVALID');
    expect(e.details.map((d) => d.message)).toEqual([
      expect.stringMatching(/^10\.0\.0\.0\/8: .*too wide/),
      expect.stringMatching(/^http:\/\/x\.fr: A URL/),
    ]);
  });

  it('refuses bad ports, an empty selection, bad DNS servers and timeouts', () => {
    expect(failure(() => validateScanRequest({ targets: ['a.fr'], ports: 'top10' })).code).toBe(
      'SCANNER_PORTS_INVALID',
    );
    expect(
      failure(() => validateScanRequest({ targets: ['a.fr'], ports: '80', excludePorts: '80' })).code,
    ).toBe('SCANNER_NO_PORTS');
    expect(failure(() => validateScanRequest({ targets: ['a.fr'], dnsServers: ['ns1.example'] })).code).toBe(
      'SCANNER_DNS_SERVER_INVALID',
    );
    expect(failure(() => validateScanRequest({ targets: ['a.fr'], timeoutMs: 5 })).code).toBe(
      'SCANNER_TIMEOUT_INVALID',
    );
  });

  it('reads DNS servers as IP[:port]', () => {
    expect(parseDnsServer('127.100.0.53:5353')).toEqual({ host: '127.100.0.53', port: 5353 });
    expect(parseDnsServer('[2001:db8::53]')).toEqual({ host: '2001:db8::53', port: 53 });
    expect(parseDnsServer('2001:db8::53')).toBeNull();
    expect(parseDnsServer('127.100.0.53:0')).toBeNull();
  });
});
