/**
 * webappanalyzer technology rules (GPL-3.0, `data/webappanalyzer/`, plus Hygie's own rules in the
 * same format in `data/hygie/`): loaded and compiled once. A pattern is a JS regex applied
 * case-insensitively, with tags after `\;` (`version:\1`, `confidence:50`).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FINGERPRINT_DATA_DIR } from './data-dir.js';

/** One compiled pattern; `regex` null = presence only (empty pattern). */
export interface WebPattern {
  readonly regex: RegExp | null;
  /** Version template: `\1`, `\1?a:b`, `v\2` … */
  readonly version?: string;
  readonly confidence: number;
}

/** A technology's reference to another one (`implies`), with its confidence. */
export interface WebReference {
  readonly name: string;
  readonly confidence: number;
}

/** One technology as the matcher uses it (fields a raw HTTP answer can show). */
export interface WebTechnologyRule {
  readonly name: string;
  readonly categories: readonly number[];
  readonly cpe?: string;
  readonly headers: ReadonlyMap<string, readonly WebPattern[]>;
  /** Cookie name (lower case, or a regex when the name is one) → value patterns. */
  readonly cookies: readonly { readonly name: string | RegExp; readonly patterns: readonly WebPattern[] }[];
  readonly meta: ReadonlyMap<string, readonly WebPattern[]>;
  readonly html: readonly WebPattern[];
  readonly scriptSrc: readonly WebPattern[];
  readonly url: readonly WebPattern[];
  readonly implies: readonly WebReference[];
  readonly requires: readonly string[];
  readonly requiresCategory: readonly number[];
  readonly excludes: readonly string[];
}

/** Every rule and the category names; `skipped` counts patterns JS could not compile. */
export interface WebRuleSet {
  readonly technologies: ReadonlyMap<string, WebTechnologyRule>;
  readonly categories: ReadonlyMap<number, string>;
  readonly skipped: number;
}

/** Splits `regex\;version:\1\;confidence:50` into its parts (pure). */
export function parseWebPattern(raw: string): { source: string; version?: string; confidence: number } {
  const [source = '', ...tags] = raw.split('\\;');
  let version: string | undefined;
  let confidence = 100;
  for (const tag of tags) {
    const colon = tag.indexOf(':');
    const key = colon < 0 ? tag : tag.slice(0, colon);
    const value = colon < 0 ? '' : tag.slice(colon + 1);
    if (key === 'version') version = value;
    if (key === 'confidence') {
      const n = Number(value);
      if (Number.isFinite(n)) confidence = Math.max(0, Math.min(100, n));
    }
  }
  return { source, ...(version === undefined ? {} : { version }), confidence };
}

interface Counter {
  skipped: number;
}

function compile(raw: unknown, counter: Counter): WebPattern | null {
  if (typeof raw !== 'string') return null;
  const { source, version, confidence } = parseWebPattern(raw);
  if (source === '') return { regex: null, ...(version === undefined ? {} : { version }), confidence };
  try {
    return { regex: new RegExp(source, 'i'), ...(version === undefined ? {} : { version }), confidence };
  } catch {
    counter.skipped++;
    return null;
  }
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function patterns(value: unknown, counter: Counter): WebPattern[] {
  return list(value)
    .map((v) => compile(v, counter))
    .filter((p): p is WebPattern => p !== null);
}

function keyed(value: unknown, counter: Counter): Map<string, WebPattern[]> {
  const out = new Map<string, WebPattern[]>();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const compiled = patterns(v, counter);
    if (compiled.length > 0) out.set(k.toLowerCase(), compiled);
  }
  return out;
}

const REGEX_NAME = /\\.|[[\]()*+?^$|]/;

function cookieRules(value: unknown, counter: Counter): WebTechnologyRule['cookies'] {
  const out: { name: string | RegExp; patterns: WebPattern[] }[] = [];
  for (const [key, compiled] of keyed(value, counter)) {
    let name: string | RegExp = key;
    if (REGEX_NAME.test(key)) {
      try {
        name = new RegExp(`^(?:${key})$`, 'i');
      } catch {
        counter.skipped++;
        continue;
      }
    }
    out.push({ name, patterns: compiled });
  }
  return out;
}

function references(value: unknown): WebReference[] {
  return list(value)
    .filter((v): v is string => typeof v === 'string')
    .map((v) => {
      const parsed = parseWebPattern(v);
      return { name: parsed.source, confidence: parsed.confidence };
    });
}

/** Compiles one technology entry of a webappanalyzer JSON file. */
function compileTechnology(
  name: string,
  entry: Record<string, unknown>,
  counter: Counter,
): WebTechnologyRule {
  const numbers = (v: unknown): number[] => list(v).map(Number).filter(Number.isFinite);
  return {
    name,
    categories: numbers(entry.cats),
    ...(typeof entry.cpe === 'string' ? { cpe: entry.cpe } : {}),
    headers: keyed(entry.headers, counter),
    cookies: cookieRules(entry.cookies, counter),
    meta: keyed(entry.meta, counter),
    html: patterns(entry.html, counter),
    scriptSrc: patterns(entry.scriptSrc, counter),
    url: patterns(entry.url, counter),
    implies: references(entry.implies),
    requires: references(entry.requires).map((r) => r.name),
    requiresCategory: numbers(entry.requiresCategory),
    excludes: references(entry.excludes).map((r) => r.name),
  };
}

/** Compiles parsed technology files (upstream first, then local additions that do not clash). */
export function compileWebRules(
  files: readonly Record<string, Record<string, unknown>>[],
  categories: Record<string, { name?: unknown }>,
): WebRuleSet {
  const counter: Counter = { skipped: 0 };
  const technologies = new Map<string, WebTechnologyRule>();
  for (const file of files) {
    for (const [name, entry] of Object.entries(file)) {
      if (!technologies.has(name)) technologies.set(name, compileTechnology(name, entry, counter));
    }
  }
  const names = new Map<number, string>();
  for (const [id, c] of Object.entries(categories))
    if (typeof c.name === 'string') names.set(Number(id), c.name);
  return { technologies, categories: names, skipped: counter.skipped };
}

let cached: WebRuleSet | undefined;

function readJson(path: string): Record<string, Record<string, unknown>> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, Record<string, unknown>>;
}

/** Loads the shipped rules once: webappanalyzer's technologies, then Hygie's own. */
export function loadWebRules(): WebRuleSet {
  if (cached) return cached;
  const upstream = join(FINGERPRINT_DATA_DIR, 'webappanalyzer');
  const files = readdirSync(join(upstream, 'technologies'))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readJson(join(upstream, 'technologies', f)));
  files.push(readJson(join(FINGERPRINT_DATA_DIR, 'hygie', 'technologies.json')));
  const categories = JSON.parse(readFileSync(join(upstream, 'categories.json'), 'utf8')) as Record<
    string,
    { name?: unknown }
  >;
  cached = compileWebRules(files, categories);
  return cached;
}
