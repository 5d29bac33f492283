/** The telnet probe against the lab's inetutils telnetd (127.100.6.20:23). */
import { beforeAll, describe, expect, it } from 'vitest';
import { labNetwork, probeContext, readGreeting, requireLab } from '../probe-lab-kit.js';
import { telnetProbe } from './telnet.probe.js';

const net = labNetwork();
const TELNET = ['127.100.6.20', 23] as const;

describe('telnet probe on the lab', () => {
  beforeAll(() => requireLab([TELNET]));

  it('negotiates (refusing everything) up to the login prompt, never answering it', async () => {
    const match = await telnetProbe.run(probeContext(net, ...TELNET));
    expect(match).toMatchObject({ protocol: 'telnet', details: { loginPrompt: true } });
    expect(match?.details?.serverDo).toContain('TERMINAL-TYPE');
    expect(match?.banner).toContain('Automate de laboratoire AL-4000');
  });

  it('recognises the greeting the stage read', async () => {
    const greeting = await readGreeting(net, ...TELNET);
    expect(telnetProbe.matchGreeting?.(greeting)).toMatchObject({ protocol: 'telnet' });
  });

  it('says no to SSH and HTTP', async () => {
    expect(await telnetProbe.run(probeContext(net, '127.100.6.10', 22, { timeoutMs: 3000 }))).toBeNull();
    expect(await telnetProbe.run(probeContext(net, '127.100.1.20', 80, { timeoutMs: 3000 }))).toBeNull();
  });
});
