/**
 * CPE 2.3 formatted strings (NISTIR 7695 §6.2): `cpe:2.3:part:vendor:product:version:update:
 * edition:language:sw_edition:target_sw:target_hw:other`.
 *
 * Escaping: in a formatted string every character other than letters, digits, `_`, `-` and `.`
 * is quoted with `\` (`9.6\(4.3\)`, `fetal\/maternal`, `in.sight_b120\\37`, `\:`). A whole value
 * `*` is ANY and `-` is NA (a literal lone hyphen is written `\-`); an unquoted `*` or `?`
 * inside a value is a wildcard (any run of characters, one character) of a match string.
 * Splitting on `:` ignores quoted colons, so `\:` stays inside its attribute.
 */

/** The eleven attributes after `cpe:2.3:`, in binding order. */
export const CPE_ATTRIBUTES = [
  'part',
  'vendor',
  'product',
  'version',
  'update',
  'edition',
  'language',
  'swEdition',
  'targetSw',
  'targetHw',
  'other',
] as const;

/** One attribute name of a CPE. */
export type CpeAttribute = (typeof CPE_ATTRIBUTES)[number];

/** `a` application, `o` operating system, `h` hardware, `*` any. */
export type CpePart = 'a' | 'o' | 'h' | '*';

/** An attribute value: ANY (`*`), NA (`-`), or text (unescaped, possibly with wildcards). */
export type CpeValue =
  | { readonly kind: 'any' }
  | { readonly kind: 'na' }
  | {
      readonly kind: 'text';
      /** The logical value: escapes removed (wildcards shown as `*` and `?`). */
      readonly text: string;
      /** True when the value holds an unquoted `*` or `?` (a match-string pattern). */
      readonly wildcards: boolean;
      /** The value as written in a formatted string (escaped). */
      readonly bound: string;
    };

/** A parsed CPE 2.3 name or match string. */
export type CpeName = { readonly part: CpePart } & {
  readonly [K in Exclude<CpeAttribute, 'part'>]: CpeValue;
};

/** A CPE that cannot be read; the message names the CPE and what is wrong. */
export class CpeError extends Error {
  constructor(
    readonly cpe: string,
    readonly reason: string,
  ) {
    super(`invalid CPE "${cpe}": ${reason}`);
    this.name = 'CpeError';
  }
}

/** ANY (`*`). */
export const ANY: CpeValue = Object.freeze({ kind: 'any' });
/** NA (`-`). */
export const NA: CpeValue = Object.freeze({ kind: 'na' });

const UNQUOTED = /^[A-Za-z0-9_.-]$/;

/** Escapes one literal character for the formatted string. */
function quote(ch: string): string {
  return UNQUOTED.test(ch) ? ch : `\\${ch}`;
}

/** A literal text value (no wildcards), escaped for the formatted string. */
export function cpeLiteral(text: string): CpeValue {
  if (text === '') return ANY;
  const bound = text === '-' ? '\\-' : Array.from(text, quote).join('');
  return { kind: 'text', text, wildcards: false, bound };
}

/** Reads one attribute (without its separators) of a formatted string. */
function unbindValue(raw: string, cpe: string, attribute: CpeAttribute): CpeValue {
  if (raw === '*') return ANY;
  if (raw === '-') return NA;
  if (raw === '') throw new CpeError(cpe, `attribute ${attribute} is empty (write * for any value)`);
  let text = '';
  let bound = '';
  let wildcards = false;
  const chars = Array.from(raw);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    if (ch === '\\') {
      const next = chars[i + 1];
      if (next === undefined) throw new CpeError(cpe, `attribute ${attribute} ends with a lone backslash`);
      text += next;
      bound += quote(next);
      i++;
    } else if (ch === '*' || ch === '?') {
      text += ch;
      bound += ch;
      wildcards = true;
    } else if (/\s/.test(ch) || ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f) {
      throw new CpeError(cpe, `attribute ${attribute} contains a space or control character`);
    } else {
      // Lenient: an unquoted special character (seen in hand-written CPEs) is read as itself.
      text += ch;
      bound += quote(ch);
    }
  }
  if (bound === '-' && !wildcards) bound = '\\-';
  return { kind: 'text', text, wildcards, bound };
}

/** Splits on colons that are not quoted with a backslash. */
function splitFields(body: string): string[] {
  const fields: string[] = [];
  let current = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch === '\\' && i + 1 < body.length) {
      current += ch + (body[i + 1] as string);
      i++;
    } else if (ch === ':') {
      fields.push(current);
      current = '';
    } else current += ch;
  }
  fields.push(current);
  return fields;
}

/** Options of `parseCpe`. */
export interface ParseCpeOptions {
  /** Accept fewer than 11 attributes and read the missing ones as ANY (handy on the command line). */
  readonly allowShort?: boolean;
}

/**
 * Parses a CPE 2.3 formatted string (a name or a match string); throws `CpeError` naming the
 * CPE and the fault: wrong prefix, wrong attribute count, unknown part, dangling backslash.
 */
export function parseCpe(input: string, options: ParseCpeOptions = {}): CpeName {
  const cpe = input.trim();
  if (/^cpe:\//i.test(cpe))
    throw new CpeError(input, 'CPE 2.2 URIs (cpe:/…) are not read: write the 2.3 form cpe:2.3:…');
  if (!/^cpe:2\.3:/i.test(cpe)) throw new CpeError(input, 'a CPE 2.3 name starts with cpe:2.3:');
  const fields = splitFields(cpe.slice('cpe:2.3:'.length));
  if (fields.length > CPE_ATTRIBUTES.length) {
    throw new CpeError(
      input,
      `${fields.length} attributes after cpe:2.3: (expected ${CPE_ATTRIBUTES.length}; quote colons inside values as \\:)`,
    );
  }
  if (fields.length < CPE_ATTRIBUTES.length) {
    if (!options.allowShort)
      throw new CpeError(
        input,
        `${fields.length} attributes after cpe:2.3: (expected ${CPE_ATTRIBUTES.length})`,
      );
    while (fields.length < CPE_ATTRIBUTES.length) fields.push('*');
  }
  const partRaw = (fields[0] ?? '').toLowerCase();
  if (partRaw !== 'a' && partRaw !== 'o' && partRaw !== 'h' && partRaw !== '*') {
    throw new CpeError(
      input,
      `unknown part "${fields[0] ?? ''}" (expected a for application, o for operating system, h for hardware, or *)`,
    );
  }
  const values = CPE_ATTRIBUTES.slice(1).map((attribute, i) =>
    unbindValue(fields[i + 1] ?? '*', input, attribute),
  );
  const [vendor, product, version, update, edition, language, swEdition, targetSw, targetHw, other] =
    values as [
      CpeValue,
      CpeValue,
      CpeValue,
      CpeValue,
      CpeValue,
      CpeValue,
      CpeValue,
      CpeValue,
      CpeValue,
      CpeValue,
    ];
  return {
    part: partRaw,
    vendor,
    product,
    version,
    update,
    edition,
    language,
    swEdition,
    targetSw,
    targetHw,
    other,
  };
}

/** Like `parseCpe` but answers null instead of throwing. */
export function tryParseCpe(input: string, options: ParseCpeOptions = {}): CpeName | null {
  try {
    return parseCpe(input, options);
  } catch (error) {
    if (error instanceof CpeError) return null;
    throw error;
  }
}

/** The formatted-string form of one value. */
export function bindCpeValue(value: CpeValue): string {
  if (value.kind === 'any') return '*';
  if (value.kind === 'na') return '-';
  return value.bound;
}

/** Binds a CPE name to its canonical formatted string. */
export function formatCpe(name: CpeName): string {
  return `cpe:2.3:${name.part}:${CPE_ATTRIBUTES.slice(1)
    .map((a) => bindCpeValue(name[a as Exclude<CpeAttribute, 'part'>]))
    .join(':')}`;
}

/** Builds a CPE from a few attributes (literal text; `*`, `-` or undefined give ANY/NA/ANY). */
export function buildCpe(
  parts: { part?: CpePart } & Partial<Record<Exclude<CpeAttribute, 'part'>, string>>,
): CpeName {
  const value = (v: string | undefined): CpeValue =>
    v === undefined || v === '*' || v === '' ? ANY : v === '-' ? NA : cpeLiteral(v);
  return {
    part: parts.part ?? '*',
    vendor: value(parts.vendor),
    product: value(parts.product),
    version: value(parts.version),
    update: value(parts.update),
    edition: value(parts.edition),
    language: value(parts.language),
    swEdition: value(parts.swEdition),
    targetSw: value(parts.targetSw),
    targetHw: value(parts.targetHw),
    other: value(parts.other),
  };
}

/** The text of a value for display: `*` for ANY, `-` for NA, the logical text otherwise. */
export function cpeValueText(value: CpeValue): string {
  return value.kind === 'any' ? '*' : value.kind === 'na' ? '-' : value.text;
}

const patterns = new Map<string, RegExp>();

/** The regular expression of a wildcard value (cached; CPE patterns recur). */
function patternOf(bound: string): RegExp {
  let re = patterns.get(bound);
  if (re) return re;
  let source = '';
  const chars = Array.from(bound);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    if (ch === '\\') {
      source += (chars[i + 1] ?? '').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      i++;
    } else if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  re = new RegExp(`^${source}$`, 'is');
  if (patterns.size > 10_000) patterns.clear();
  patterns.set(bound, re);
  return re;
}

/**
 * True when a criterion value accepts a candidate value (NVD practice): ANY on either side
 * matches, NA only NA, text compares case-insensitively, wildcards as patterns.
 */
export function cpeValueMatches(criterion: CpeValue, candidate: CpeValue): boolean {
  if (criterion.kind === 'any' || candidate.kind === 'any') return true;
  if (criterion.kind === 'na' || candidate.kind === 'na') return criterion.kind === candidate.kind;
  if (criterion.wildcards) return patternOf(criterion.bound).test(candidate.text);
  if (candidate.wildcards) return patternOf(candidate.bound).test(criterion.text);
  return criterion.text.toLowerCase() === candidate.text.toLowerCase();
}

/** True when the parts agree (`*` on either side matches). */
export function cpePartMatches(criterion: CpePart, candidate: CpePart): boolean {
  return criterion === '*' || candidate === '*' || criterion === candidate;
}
