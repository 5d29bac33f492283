/**
 * CPE 2.3 names (NISTIR 7695): the formatted-string binding the scanner emits, a parser for it, and
 * the conversion of the CPE 2.2 URIs that recog writes into formatted strings.
 *
 * Formatted-string escaping: a literal value keeps alphanumerics, `_`, `-` and `.` as they are and
 * puts `\` before every other printable character (`\:` `\*` `\?` `\\` `\/` …). A whole value `*`
 * is ANY and `-` is NA; a literal `-` alone is written `\-`.
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

/** The logical value ANY (`*`): the attribute is not known or not asserted. */
export const ANY = Symbol('ANY');
/** The logical value NA (`-`): the attribute does not apply. */
export const NA = Symbol('NA');

/** A CPE attribute value: a literal (unescaped text, never empty), ANY or NA. */
export type CpeValue = string | typeof ANY | typeof NA;

/** A CPE name as attribute → value; `part` is `a` (application), `o` (OS) or `h` (hardware). */
export type CpeName = { readonly [K in CpeAttribute]: CpeValue };

/** Parts a CPE may name. */
export type CpePart = 'a' | 'o' | 'h';

const UNQUOTED = /[A-Za-z0-9_.-]/;

/** Escapes one literal value for the formatted string. */
function bindValue(value: CpeValue): string {
  if (value === ANY) return '*';
  if (value === NA) return '-';
  if (value === '-') return '\\-';
  let out = '';
  for (const ch of value) out += UNQUOTED.test(ch) ? ch : `\\${ch}`;
  return out;
}

/** Binds a CPE name to its formatted string `cpe:2.3:part:vendor:…:other`. */
export function formatCpe(name: CpeName): string {
  return `cpe:2.3:${CPE_ATTRIBUTES.map((a) => bindValue(name[a])).join(':')}`;
}

/** Builds a CPE name from a few known attributes; the others are ANY. Values are lower-cased. */
export function cpeName(
  part: CpePart,
  vendor: string,
  product: string,
  version?: string | null,
  extra: Partial<Record<CpeAttribute, CpeValue>> = {},
): CpeName {
  const literal = (v: string | null | undefined): CpeValue =>
    v === undefined || v === null || v === '' ? ANY : normaliseLiteral(v);
  const base = Object.fromEntries(CPE_ATTRIBUTES.map((a) => [a, ANY])) as Record<CpeAttribute, CpeValue>;
  return {
    ...base,
    part,
    vendor: literal(vendor),
    product: literal(product),
    version: literal(version),
    ...extra,
  };
}

/** CPE literals are lower case and use `_` for spaces (the NVD dictionary's convention). */
function normaliseLiteral(value: string): string {
  return value.trim().toLowerCase().replace(/\s+/g, '_');
}

/** Formats `cpe:2.3:part:vendor:product:version:*:*:*:*:*:*:*`. */
export function cpe23(part: CpePart, vendor: string, product: string, version?: string | null): string {
  return formatCpe(cpeName(part, vendor, product, version));
}

/** Splits a formatted string into its escaped components, honouring `\` escapes. */
function splitComponents(text: string): string[] | null {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '\\') {
      if (i + 1 >= text.length) return null;
      current += ch + (text[i + 1] as string);
      i++;
    } else if (ch === ':') {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

/** Unbinds one escaped component; null when it is not valid formatted-string syntax. */
function unbindValue(component: string): CpeValue | null {
  if (component === '*') return ANY;
  if (component === '-') return NA;
  if (component === '') return null;
  let out = '';
  for (let i = 0; i < component.length; i++) {
    const ch = component[i] as string;
    if (ch === '\\') {
      out += component[i + 1] as string;
      i++;
    } else if (UNQUOTED.test(ch) || ch === '*' || ch === '?') {
      // Unquoted `*` and `?` inside a value are wildcards; kept as text, the scanner never emits them.
      out += ch;
    } else {
      return null;
    }
  }
  return out;
}

/** Parses a CPE 2.3 formatted string; null when it is not one. */
export function parseCpe(text: string): CpeName | null {
  if (!text.startsWith('cpe:2.3:')) return null;
  const components = splitComponents(text.slice('cpe:2.3:'.length));
  if (components === null || components.length !== CPE_ATTRIBUTES.length) return null;
  const values = components.map(unbindValue);
  if (values.some((v) => v === null)) return null;
  const part = values[0];
  if (part !== 'a' && part !== 'o' && part !== 'h' && part !== ANY) return null;
  return Object.fromEntries(CPE_ATTRIBUTES.map((a, i) => [a, values[i]])) as unknown as CpeName;
}

/** Replaces some attributes of a formatted string (e.g. the version of a webappanalyzer `cpe`). */
export function withAttributes(text: string, values: Partial<Record<CpeAttribute, CpeValue>>): string | null {
  const parsed = parseCpe(text);
  if (parsed === null) return null;
  const normalised = Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? normaliseLiteral(v) : v]),
  );
  return formatCpe({ ...parsed, ...normalised });
}

function percentDecode(component: string): string | null {
  try {
    return decodeURIComponent(component);
  } catch {
    return null;
  }
}

/**
 * Converts a CPE 2.2 URI (`cpe:/a:vendor:product:version:update:edition:language`) to a 2.3
 * formatted string; a packed edition (`~ed~sw~tsw~thw~other`) is unpacked. Null when malformed.
 */
export function cpeUriToFormatted(uri: string): string | null {
  if (!uri.toLowerCase().startsWith('cpe:/')) return null;
  const raw = uri.slice(5).split(':');
  if (raw.length === 0 || raw.length > 7) return null;
  const decoded = raw.map((c) => (c === '' ? '' : percentDecode(c)));
  if (decoded.some((c) => c === null)) return null;
  const [part = '', vendor = '', product = '', version = '', update = '', edition = '', language = ''] =
    decoded as string[];
  if (part !== 'a' && part !== 'o' && part !== 'h') return null;
  const value = (v: string): CpeValue => (v === '' ? ANY : v === '-' ? NA : normaliseLiteral(v));
  let editions: Partial<Record<CpeAttribute, CpeValue>> = { edition: value(edition) };
  if (edition.startsWith('~')) {
    const [, ed = '', sw = '', tsw = '', thw = '', other = ''] = edition.split('~');
    editions = {
      edition: value(ed),
      swEdition: value(sw),
      targetSw: value(tsw),
      targetHw: value(thw),
      other: value(other),
    };
  }
  const name = cpeName(part, vendor, product, null, {
    vendor: value(vendor),
    product: value(product),
    version: value(version),
    update: value(update),
    language: value(language),
    ...editions,
  });
  return formatCpe(name);
}

/** Accepts either binding (2.2 URI or 2.3 formatted string) and returns the 2.3 formatted string. */
export function toCpe23(text: string): string | null {
  if (text.startsWith('cpe:2.3:')) return parseCpe(text) === null ? null : text;
  return cpeUriToFormatted(text);
}

/**
 * Vendor:product pairs that recog (or older dictionaries) spell differently from the NVD dictionary,
 * which CVE configurations use. Kept short: only products the scanner meets on perimeters.
 */
const NVD_PRODUCT_ALIASES: Readonly<Record<string, readonly [string, string]>> = {
  'vsftpd_project:vsftpd': ['beasts', 'vsftpd'],
  'microsoft:iis': ['microsoft', 'internet_information_services'],
  'nginx:nginx': ['f5', 'nginx'],
  'igor_sysoev:nginx': ['f5', 'nginx'],
  'apache:http_server': ['apache', 'http_server'],
};

/**
 * Rewrites a CPE the way the NVD dictionary names the same thing: known vendor/product aliases, and
 * versions NVD splits into version and update (OpenSSH `9.2p1` is version `9.2`, update `p1`), so
 * that names match CVE configurations.
 */
export function nvdNormalise(text: string): string {
  const name = parseCpe(text);
  if (name === null) return text;
  let out: CpeName = name;
  if (typeof name.vendor === 'string' && typeof name.product === 'string') {
    const alias = NVD_PRODUCT_ALIASES[`${name.vendor}:${name.product}`];
    if (alias) out = { ...out, vendor: alias[0], product: alias[1] };
  }
  if (out.vendor === 'openbsd' && out.product === 'openssh' && typeof out.version === 'string') {
    const split = /^(\d+(?:\.\d+)*)(p\d+)$/.exec(out.version);
    if (split && (out.update === ANY || out.update === NA)) {
      out = { ...out, version: split[1] as string, update: split[2] as string };
    }
  }
  return formatCpe(out);
}

function specificity(value: CpeValue): number {
  return value === ANY ? 0 : value === NA ? 1 : 2;
}

/**
 * One name per part:vendor:product, in first-seen order, keeping the most specific version
 * (a literal over NA `-` over ANY `*`); strings that do not parse are kept as they are.
 */
export function mostSpecificCpes(list: readonly string[]): string[] {
  const chosen = new Map<string, { text: string; name: CpeName | null }>();
  for (const text of list) {
    const name = parseCpe(text);
    const key = name ? `${String(name.part)}:${String(name.vendor)}:${String(name.product)}` : text;
    const current = chosen.get(key);
    if (current === undefined) chosen.set(key, { text, name });
    else if (name && current.name && specificity(name.version) > specificity(current.name.version)) {
      chosen.set(key, { text, name });
    }
  }
  return [...chosen.values()].map((c) => c.text);
}
