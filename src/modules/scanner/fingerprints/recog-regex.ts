/**
 * Ruby (Onigmo) regular expressions of recog, translated to JavaScript. Ruby's `^`/`$` always work
 * per line (JS flag `m`), Ruby's "multiline" (`REG_DOT_NEWLINE`, `REG_MULTILINE`, inline `m`) is
 * JS's dot-all `s`; `\A \z \Z \h \H`, inline flag groups, atomic groups, possessive quantifiers,
 * POSIX bracket classes, `{,n}`, `\e` and `(?#…)` comments are rewritten. What JS still cannot
 * compile is reported, never thrown.
 */

/** The result of translating one pattern. */
export type TranslatedRegex =
  | {
      readonly ok: true;
      readonly regex: RegExp;
      /** Rewrites that change meaning slightly (an inline flag applied to the whole pattern …). */
      readonly approximations: readonly string[];
    }
  | { readonly ok: false; readonly error: string };

/** Stands for an unescaped `.` until the flags are known (a private-use character). */
const DOT = '\uE000';

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: '\\s',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9a-fA-F',
  word: '\\w',
  print: '\\x20-\\x7e',
  graph: '\\x21-\\x7e',
  cntrl: '\\x00-\\x1f\\x7f',
};

/** Flags recog writes in the `flags` attribute, mapped the way recog's Ruby code maps them. */
function flagsFromAttribute(flags: readonly string[]): { i: boolean; s: boolean; unknown: string[] } {
  const out = { i: false, s: false, unknown: [] as string[] };
  for (const flag of flags) {
    if (flag === 'REG_ICASE') out.i = true;
    else if (flag === 'REG_DOT_NEWLINE' || flag === 'REG_MULTILINE' || flag === 'REG_LINE_ANY_CRLF')
      out.s = true;
    else if (flag !== '') out.unknown.push(flag);
  }
  return out;
}

interface Rewrite {
  source: string;
  i: boolean;
  s: boolean;
  approximations: string[];
}

/** Applies inline flag letters (`im`, `-m` …) to the whole pattern. */
function applyInline(letters: string, state: Rewrite, leading: boolean, label: string): void {
  const [on = '', off = ''] = letters.split('-');
  if (on.includes('i')) state.i = true;
  if (on.includes('m')) state.s = true;
  if (!leading && (on !== '' || off !== ''))
    state.approximations.push(`${label} applied to the whole pattern`);
  if (off.includes('i') && state.i && !leading) state.approximations.push('(?-i) ignored');
}

/** Rewrites one Ruby pattern into JS source; flags found inline are returned in the state. */
function rewrite(pattern: string, state: Rewrite): void {
  let out = '';
  let inClass = false;
  let i = 0;
  const n = pattern.length;
  while (i < n) {
    const ch = pattern[i] as string;
    if (ch === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) {
        out += '\\\\';
        i += 1;
        continue;
      }
      if (!inClass && next === 'A') out += '(?<![\\s\\S])';
      else if (!inClass && next === 'z') out += '(?![\\s\\S])';
      else if (!inClass && next === 'Z') out += '(?=\\n?(?![\\s\\S]))';
      else if (next === 'h') out += inClass ? '0-9a-fA-F' : '[0-9a-fA-F]';
      else if (next === 'H' && !inClass) out += '[^0-9a-fA-F]';
      else if (next === 'e') out += '\\x1b';
      else out += ch + next;
      i += 2;
      continue;
    }
    if (inClass) {
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(pattern.slice(i));
      if (posix && POSIX_CLASSES[posix[2] as string] !== undefined && posix[1] === '') {
        out += POSIX_CLASSES[posix[2] as string] as string;
        i += posix[0].length;
        continue;
      }
      if (ch === ']') inClass = false;
      out += ch;
      i += 1;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      i += 1;
      // A `]` or `^]` right after the opening bracket is a literal in Ruby.
      if (pattern[i] === '^') {
        out += '^';
        i += 1;
      }
      if (pattern[i] === ']') {
        out += '\\]';
        i += 1;
      }
      continue;
    }
    if (ch === '(' && pattern[i + 1] === '?') {
      const rest = pattern.slice(i);
      const comment = /^\(\?#[^)]*\)/.exec(rest);
      if (comment) {
        i += comment[0].length;
        continue;
      }
      const flagsOnly = /^\(\?([imx]*(?:-[imx]*)?)\)/.exec(rest);
      if (flagsOnly) {
        applyInline(flagsOnly[1] as string, state, out === '' || out === '^', flagsOnly[0]);
        i += flagsOnly[0].length;
        continue;
      }
      const flagGroup = /^\(\?([imx]*(?:-[imx]*)?):/.exec(rest);
      if (flagGroup && flagGroup[1] !== '') {
        applyInline(flagGroup[1] as string, state, false, flagGroup[0]);
        out += '(?:';
        i += flagGroup[0].length;
        continue;
      }
      if (rest.startsWith('(?>')) {
        state.approximations.push('atomic group made non-atomic');
        out += '(?:';
        i += 3;
        continue;
      }
    }
    if (ch === '{') {
      const lazyMin = /^\{,(\d+)\}/.exec(pattern.slice(i));
      if (lazyMin) {
        out += `{0,${lazyMin[1]}}`;
        i += lazyMin[0].length;
        continue;
      }
    }
    if ((ch === '*' || ch === '+' || ch === '?' || ch === '}') && pattern[i + 1] === '+') {
      // Possessive quantifier: JS has none; the greedy one matches the same strings in practice.
      state.approximations.push('possessive quantifier made greedy');
      out += ch;
      i += 2;
      continue;
    }
    // Ruby's `.` stops only at `\n`; JS's also at `\r`, U+2028 and U+2029. Decided once flags are known.
    out += ch === '.' ? DOT : ch;
    i += 1;
  }
  state.source = out;
}

/** Translates a recog pattern with its `flags` attribute into a JS RegExp. Never throws. */
export function translateRecogRegex(pattern: string, flags: readonly string[] = []): TranslatedRegex {
  const fromAttribute = flagsFromAttribute(flags);
  if (fromAttribute.unknown.length > 0) {
    return { ok: false, error: `unsupported flags ${fromAttribute.unknown.join(',')}` };
  }
  const state: Rewrite = { source: '', i: fromAttribute.i, s: fromAttribute.s, approximations: [] };
  rewrite(pattern, state);
  const jsFlags = `m${state.i ? 'i' : ''}${state.s ? 's' : ''}`;
  const source = state.source.replaceAll(DOT, state.s ? '.' : '[^\\n]');
  try {
    return { ok: true, regex: new RegExp(source, jsFlags), approximations: state.approximations };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
