/**
 * Rapid7 recog fingerprints (BSD-2, `data/recog/`): the XML databases parsed and compiled once, and
 * matched the way recog's Ruby code does (first fingerprint of the database that matches; `pos="N"`
 * params take capture group N, `pos="0"` params are constants with `{field}` interpolation; a
 * missing `{…version}` in a `*.cpe23` value becomes `-`).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { toCpe23 } from './cpe.js';
import { FINGERPRINT_DATA_DIR } from './data-dir.js';
import { translateRecogRegex } from './recog-regex.js';

/** Databases shipped in `data/recog/` (the `matches` attribute, or the file name when absent). */
export type KnownRecogDatabase =
  | 'ssh.banner'
  | 'ftp.banner'
  | 'smtp.banner'
  | 'telnet_banners'
  | 'http_header.server'
  | 'http_header.cookie'
  | 'http_header.wwwauth'
  | 'http_header.x-powered-by'
  | 'html_title'
  | 'apache_os'
  | 'favicon.md5'
  | 'ldap.search_result'
  | 'x509.subject'
  | 'x509.issuer';

/** A database name: one of the shipped ones, or any other XML file dropped into `data/recog/`. */
export type RecogDatabaseName = KnownRecogDatabase | (string & Record<never, never>);

/** One `<param>`: a capture group (pos ≥ 1) or a constant (pos 0, `value`). */
export interface RecogParam {
  readonly pos: number;
  readonly name: string;
  readonly value: string;
}

/** One `<example>`: the sample text and the values a match must produce. */
export interface RecogExample {
  readonly text: string;
  readonly expected: Readonly<Record<string, string>>;
}

/** A compiled fingerprint; `regex` is null when the pattern could not be translated to JS. */
export interface RecogFingerprint {
  readonly database: string;
  readonly description: string;
  readonly pattern: string;
  readonly flags: readonly string[];
  readonly regex: RegExp | null;
  readonly error?: string;
  readonly approximations: readonly string[];
  readonly params: readonly RecogParam[];
  readonly examples: readonly RecogExample[];
}

/** One XML file. */
export interface RecogDatabase {
  readonly name: string;
  readonly file: string;
  readonly protocol?: string;
  readonly preference: number;
  readonly fingerprints: readonly RecogFingerprint[];
}

/** A successful match: recog's raw params, and its CPEs converted to 2.3 formatted strings. */
export interface RecogMatch {
  readonly database: string;
  readonly description: string;
  readonly params: Readonly<Record<string, string>>;
  /** `service.cpe23`, `os.cpe23`, `hw.cpe23` … as `cpe:2.3:…`, service first. */
  readonly cpe: readonly string[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  alwaysCreateTextNode: true,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  htmlEntities: true,
  isArray: (name) => ['fingerprint', 'example', 'param'].includes(name),
});

type XmlNode = Record<string, unknown>;

function text(node: unknown): string {
  if (typeof node === 'string') return node;
  if (node !== null && typeof node === 'object') {
    const value = (node as XmlNode)['#text'];
    return typeof value === 'string' ? value : '';
  }
  return '';
}

function attr(node: XmlNode, name: string): string | undefined {
  const value = node[name];
  return typeof value === 'string' ? value : undefined;
}

/** Bytes to text: UTF-8 when valid, else Latin-1 (one char per byte), like a banner off the wire. */
export function bytesToText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

function parseExample(node: XmlNode): RecogExample {
  const expected: Record<string, string> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '#text' || key.startsWith('_') || typeof value !== 'string') continue;
    expected[key] = value;
  }
  const raw = text(node);
  const body =
    attr(node, '_encoding') === 'base64' ? bytesToText(Buffer.from(raw.replace(/\s+/g, ''), 'base64')) : raw;
  return { text: body, expected };
}

/** Parses one recog XML database (pure: the text in, compiled fingerprints out). */
export function parseRecogXml(xml: string, file: string): RecogDatabase {
  const root = (parser.parse(xml) as XmlNode).fingerprints as XmlNode | undefined;
  if (root === undefined) return { name: basename(file, '.xml'), file, preference: 0.1, fingerprints: [] };
  const name = attr(root, 'matches') ?? basename(file, '.xml');
  const protocol = attr(root, 'protocol');
  const preference = Number(attr(root, 'preference') ?? '0.10');
  const nodes = (root.fingerprint as XmlNode[] | undefined) ?? [];
  const fingerprints = nodes.map((node): RecogFingerprint => {
    const pattern = attr(node, 'pattern') ?? '';
    const flags = (attr(node, 'flags') ?? '')
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean);
    const translated = translateRecogRegex(pattern, flags);
    const params = ((node.param as XmlNode[] | undefined) ?? []).map((p) => ({
      pos: Number(attr(p, 'pos') ?? '0'),
      name: attr(p, 'name') ?? '',
      value: attr(p, 'value') ?? '',
    }));
    return {
      database: name,
      description: text(node.description).replace(/\s+/g, ' ').trim(),
      pattern,
      flags,
      regex: translated.ok ? translated.regex : null,
      ...(translated.ok ? {} : { error: translated.error }),
      approximations: translated.ok ? translated.approximations : [],
      params,
      examples: ((node.example as XmlNode[] | undefined) ?? []).map(parseExample),
    };
  });
  return {
    name,
    file,
    ...(protocol === undefined ? {} : { protocol: protocol.toLowerCase() }),
    preference: Number.isFinite(preference) ? preference : 0.1,
    fingerprints,
  };
}

const INTERPOLATION = /\{([^\s{}]+)\}/g;

/** Matches one fingerprint against a text; recog's params, or null. Pure, never throws. */
export function matchFingerprint(
  fingerprint: RecogFingerprint,
  input: string,
  protocol?: string,
): Record<string, string> | null {
  if (fingerprint.regex === null) return null;
  const found = fingerprint.regex.exec(input);
  if (found === null) return null;
  const result: Record<string, string> = {};
  const templated: RecogParam[] = [];
  for (const param of fingerprint.params) {
    if (param.pos === 0) {
      result[param.name] = param.value;
      if (param.value.includes('{')) templated.push(param);
    } else {
      const captured = found[param.pos];
      if (captured !== undefined) result[param.name] = captured;
    }
  }
  if (protocol !== undefined && result['service.protocol'] === undefined)
    result['service.protocol'] = protocol;
  for (const param of templated) {
    let keep = true;
    const value = param.value.replace(INTERPOLATION, (whole, key: string) => {
      const known = result[key];
      if (known !== undefined && known !== '') return known;
      if (param.name.endsWith('.cpe23') && key.endsWith('.version')) return '-';
      keep = false;
      return whole;
    });
    if (keep) result[param.name] = value;
    else delete result[param.name];
  }
  return result;
}

/** All databases, loaded once from `data/recog/`. */
export interface RecogCatalogue {
  readonly databases: ReadonlyMap<string, RecogDatabase>;
}

let catalogue: RecogCatalogue | undefined;

/** Loads every `*.xml` under `dir` (default: the shipped data); cached for the default dir. */
export function loadRecog(dir: string = join(FINGERPRINT_DATA_DIR, 'recog')): RecogCatalogue {
  const isDefault = dir === join(FINGERPRINT_DATA_DIR, 'recog');
  if (isDefault && catalogue) return catalogue;
  const databases = new Map<string, RecogDatabase>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.xml'))
    .sort()) {
    const db = parseRecogXml(readFileSync(join(dir, file), 'utf8'), file);
    databases.set(db.name, db);
  }
  const loaded = { databases };
  if (isDefault) catalogue = loaded;
  return loaded;
}

/** Longest input matched, in characters. */
const MAX_INPUT = 4096;

const CPE_ORDER = ['service.cpe23', 'os.cpe23', 'hw.cpe23'];

function cpesOf(params: Readonly<Record<string, string>>): string[] {
  const keys = Object.keys(params)
    .filter((k) => k.endsWith('.cpe23'))
    .sort((a, b) => {
      const ia = CPE_ORDER.indexOf(a);
      const ib = CPE_ORDER.indexOf(b);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
    });
  const out: string[] = [];
  for (const key of keys) {
    const converted = toCpe23(params[key] as string);
    if (converted !== null && !out.includes(converted)) out.push(converted);
  }
  return out;
}

/**
 * Matches `input` against one database: the first fingerprint that matches wins, as in recog.
 * Null when nothing matches or the database is not shipped. Never throws.
 */
export function matchRecog(
  database: RecogDatabaseName,
  input: string,
  from: RecogCatalogue = loadRecog(),
): RecogMatch | null {
  const db = from.databases.get(database);
  if (db === undefined) return null;
  // A hostile banner must not make thousands of regexes crawl: recog inputs are short fields.
  const bounded = input.length > MAX_INPUT ? input.slice(0, MAX_INPUT) : input;
  for (const fingerprint of db.fingerprints) {
    const params = matchFingerprint(fingerprint, bounded, db.protocol);
    if (params !== null) {
      return { database: db.name, description: fingerprint.description, params, cpe: cpesOf(params) };
    }
  }
  return null;
}
