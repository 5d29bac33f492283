import { describe, expect, it } from 'vitest';
import type { Dialer, ExchangeResult, HttpClient } from '../../platform/net/index.js';
import {
  identifyService,
  matchGreeting,
  printableBanner,
  probeOrder,
  type IdentifyDeps,
} from './identify.js';
import type { Probe, ProbeMatch } from './probes/probe.js';

function probe(
  protocol: string,
  options: Partial<Probe> & { answer?: ProbeMatch | null | 'never' } = {},
): Probe {
  const answer = options.answer === undefined ? null : options.answer;
  return {
    protocol,
    likelyPorts: options.likelyPorts ?? [],
    greetingFirst: options.greetingFirst ?? false,
    ...(options.matchGreeting ? { matchGreeting: options.matchGreeting } : {}),
    run: () => (answer === 'never' ? new Promise<null>(() => undefined) : Promise.resolve(answer)),
  };
}

const ssh = probe('ssh', {
  greetingFirst: true,
  likelyPorts: [22],
  matchGreeting: (g) =>
    g.toString('latin1').startsWith('SSH-') ? { protocol: 'ssh', banner: g.toString('latin1').trim() } : null,
});
const ftp = probe('ftp', { greetingFirst: true, likelyPorts: [21], matchGreeting: () => null });
const http = probe('http', { likelyPorts: [80, 8080] });
const https = probe('https', { likelyPorts: [443] });
const banner = probe('unknown');

/** A dialer that only answers the greeting read. */
function greetingDialer(greeting: string): Dialer {
  const result: ExchangeResult = {
    status: 'open',
    bytes: Buffer.from(greeting),
    truncated: false,
    closedBy: 'done',
  };
  return { exchange: () => Promise.resolve(result) } as unknown as Dialer;
}

function deps(greeting: string, probes: Probe[]): IdentifyDeps {
  return {
    net: { dialer: greetingDialer(greeting), http: {} as HttpClient, resolver: null },
    probes,
    enrich: (s) => (s.protocol === 'ssh' ? { ...s, product: 'OpenSSH', version: '9.2p1' } : s),
  };
}

describe('probe order', () => {
  it('tries likely probes first, the banner grab last, and skips greeting probes that cannot apply', () => {
    const all = [banner, ssh, ftp, http, https];
    expect(probeOrder(all, 443, Buffer.alloc(0)).map((p) => p.protocol)).toEqual([
      'https',
      'http',
      'unknown',
    ]);
    expect(probeOrder(all, 21, Buffer.alloc(0)).map((p) => p.protocol)).toEqual([
      'ftp',
      'http',
      'https',
      'unknown',
    ]);
    // A greeting that ssh and ftp already refused: they are not run again.
    expect(probeOrder(all, 22, Buffer.from('garbage')).map((p) => p.protocol)).toEqual([
      'http',
      'https',
      'unknown',
    ]);
  });

  it('recognises a greeting with the likely matcher first and survives a throwing matcher', () => {
    const broken = probe('broken', {
      greetingFirst: true,
      matchGreeting: () => {
        throw new Error('bug');
      },
    });
    const found = matchGreeting([broken, ssh], 2222, Buffer.from('SSH-2.0-OpenSSH_9.2p1\r\n'));
    expect(found?.probe.protocol).toBe('ssh');
    expect(matchGreeting([ssh], 22, Buffer.alloc(0))).toBeNull();
  });

  it('prints banners with control bytes escaped and capped', () => {
    expect(printableBanner(Buffer.from('220 ok\r\n\x00\xff', 'latin1'))).toBe('220 ok\\r\\n\\x00\\xff');
    expect(printableBanner(Buffer.alloc(600, 0x41)).length).toBe(513);
  });
});

describe('identifyService', () => {
  const target = { address: '127.100.250.1', port: 2222, hostnames: [] };

  it('takes the protocol from the greeting, not the port, then fills fingerprints', async () => {
    const service = await identifyService(
      target,
      deps('SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n', [http, ssh, banner]),
    );
    expect(service).toMatchObject({
      port: 2222,
      transport: 'tcp',
      protocol: 'ssh',
      product: 'OpenSSH',
      version: '9.2p1',
    });
  });

  it('runs the probes in order until one recognises the service', async () => {
    const web = probe('http', { likelyPorts: [80], answer: { protocol: 'http', product: 'nginx' } });
    const service = await identifyService({ ...target, port: 80 }, deps('', [https, web, banner]));
    expect(service).toMatchObject({ protocol: 'http', product: 'nginx' });
  });

  it('falls back to unknown with the banner when nothing recognises it', async () => {
    const service = await identifyService(target, deps('\x16\x03garbage', [http]));
    expect(service.protocol).toBe('unknown');
    expect(service.banner).toBe('\\x16\\x03garbage');
    expect(service.notes).toContain('no probe recognised the service');
  });

  it('stops a probe that never answers at the service budget', async () => {
    const stuck = probe('http', { answer: 'never' });
    const started = Date.now();
    const service = await identifyService(target, deps('', [stuck, https]), {
      budgetMs: 200,
      timeoutMs: 100,
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(service.protocol).toBe('unknown');
    expect(service.notes?.join(' ')).toMatch(/200 ms budget/);
  });
});
