/**
 * Telnet (RFC 854/855): the option negotiation a server opens with (IAC WILL/WONT/DO/DONT, SB … SE),
 * split from the text it prints (banner, login prompt), and the refusals we answer with. Pure.
 */

export const IAC = 0xff;
const SE = 0xf0;
const SB = 0xfa;
const WILL = 0xfb;
const WONT = 0xfc;
const DO = 0xfd;
const DONT = 0xfe;

/** Option names of the common codes (RFC 1060 and successors). */
const OPTION_NAMES: Readonly<Record<number, string>> = {
  0: 'BINARY',
  1: 'ECHO',
  3: 'SUPPRESS-GO-AHEAD',
  5: 'STATUS',
  6: 'TIMING-MARK',
  24: 'TERMINAL-TYPE',
  31: 'NAWS',
  32: 'TERMINAL-SPEED',
  33: 'TOGGLE-FLOW-CONTROL',
  34: 'LINEMODE',
  35: 'X-DISPLAY-LOCATION',
  36: 'ENVIRON',
  37: 'AUTHENTICATION',
  38: 'ENCRYPT',
  39: 'NEW-ENVIRON',
};

/** The name of an option code (`OPTION-42` when unknown). */
export function optionName(code: number): string {
  return OPTION_NAMES[code] ?? `OPTION-${code}`;
}

/** A greeting split into negotiation and text. */
export interface TelnetStream {
  /** Options the server offers to do itself (WILL) and asks us to do (DO). */
  readonly will: readonly number[];
  readonly do: readonly number[];
  /** Count of IAC command sequences seen. */
  readonly commands: number;
  /** Bytes that are not negotiation (the printed text), NULs removed. */
  readonly text: Buffer;
}

/** Splits bytes into negotiation commands and text. */
export function parseTelnet(bytes: Buffer): TelnetStream {
  const will: number[] = [];
  const wants: number[] = [];
  const text: number[] = [];
  let commands = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b !== IAC) {
      if (b !== 0) text.push(b);
      i++;
      continue;
    }
    const cmd = bytes[i + 1];
    if (cmd === undefined) break;
    if (cmd === IAC) {
      text.push(IAC);
      i += 2;
      continue;
    }
    commands++;
    if (cmd >= WILL && cmd <= DONT) {
      const option = bytes[i + 2];
      if (option === undefined) break;
      if (cmd === WILL && !will.includes(option)) will.push(option);
      if (cmd === DO && !wants.includes(option)) wants.push(option);
      i += 3;
    } else if (cmd === SB) {
      let end = i + 2;
      while (end + 1 < bytes.length && !(bytes[end] === IAC && bytes[end + 1] === SE)) end++;
      i = end + 2;
    } else {
      i += 2;
    }
  }
  return { will, do: wants, commands, text: Buffer.from(text) };
}

/** True when the greeting opens with telnet negotiation (IAC followed by a command byte). */
export function startsWithNegotiation(bytes: Buffer): boolean {
  if (bytes.length < 3 || bytes[0] !== IAC) return false;
  const cmd = bytes[1] as number;
  return (cmd >= WILL && cmd <= DONT) || cmd === SB;
}

/** Our answer to the server's requests: DONT to every WILL, WONT to every DO (we enable nothing). */
export function refusals(stream: Pick<TelnetStream, 'will' | 'do'>): Buffer {
  const out: number[] = [];
  for (const o of stream.will) out.push(IAC, DONT, o);
  for (const o of stream.do) out.push(IAC, WONT, o);
  return Buffer.from(out);
}

/** A login or password prompt at the end of the text. */
export function hasLoginPrompt(text: string): boolean {
  return /(?:login|username|user name|password|passcode)\s*:\s*$/i.test(text.slice(-200));
}

/** The text as recog's telnet database wants it: CR/LF and whitespace trimmed from both ends. */
export function bannerText(text: Buffer): string {
  return text.toString('latin1').replace(/\r\0/g, '\r').trim();
}
