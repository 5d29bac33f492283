/**
 * Web technologies recognised from one HTTP answer with the webappanalyzer rules: response headers,
 * cookies, `<meta>` tags, `<script src>` URLs, the HTML and the URL. Rules that need a browser
 * (`js`, `dom`, `css`, script bodies) are not evaluated. Pure once the rules are loaded.
 */
import type { HttpObservation, TechnologyObservation } from '../scanner.types.js';
import { withAttributes } from './cpe.js';
import { loadWebRules, type WebPattern, type WebRuleSet, type WebTechnologyRule } from './webapp-rules.js';

/** A recognised technology with the summed confidence of its matches (0–100). */
export interface WebTechnology extends TechnologyObservation {
  readonly confidence: number;
}

/** What the matcher reads from an answer (built from an HttpObservation by `webInputOf`). */
export interface WebInput {
  readonly url: string;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  /** Cookie name (lower case) → value. */
  readonly cookies: ReadonlyMap<string, string>;
  /** `<meta name|property|http-equiv>` (lower case) → content values. */
  readonly meta: ReadonlyMap<string, readonly string[]>;
  readonly scriptSrc: readonly string[];
  readonly html: string;
}

/*
 * Bounds against hostile pages: many upstream patterns (`<[^>]+x`, `.+\.host\.com`) take time
 * quadratic in their input, so every input is capped and the whole run has a time budget.
 */
/** Longest HTML read by the `html` rules: the markers sit in the head of the page. */
const MAX_HTML = 16 * 1024;
/** Longest header value, URL, script URL or meta content tested. */
const MAX_FIELD = 2048;
const MAX_LIST = 100;
const MAX_VERSION = 40;
/** Default time budget of one `matchWebTechnologies` call. */
const DEFAULT_BUDGET_MS = 400;

const META_TAG = /<meta\s[^>]{0,2048}>/gi;
const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g;
const SCRIPT_SRC =
  /<script\b[^>]{0,2048}?\bsrc\s*=\s*(?:"([^"]{0,2048})"|'([^']{0,2048})'|([^\s"'>]{1,2048}))/gi;

function attributesOf(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(ATTRIBUTE)) {
    out.set((m[1] as string).toLowerCase(), m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

/** `name=value` pairs of Set-Cookie lines (one per line, as the HTTP probe records them). */
export function cookiesOf(setCookie: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of (setCookie ?? '').split('\n')) {
    const pair = line.split(';', 1)[0] ?? '';
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    out.set(pair.slice(0, eq).trim().toLowerCase(), pair.slice(eq + 1).trim());
  }
  return out;
}

/** Extracts what the rules look at from an observation (pure). */
export function webInputOf(http: Pick<HttpObservation, 'url' | 'headers' | 'bodySample'>): WebInput {
  const body = (http.bodySample ?? '').slice(0, 4 * MAX_HTML);
  const html = body.slice(0, MAX_HTML);
  const meta = new Map<string, string[]>();
  for (const m of body.matchAll(META_TAG)) {
    if (meta.size >= MAX_LIST) break;
    const attrs = attributesOf(m[0]);
    const key = attrs.get('name') ?? attrs.get('property') ?? attrs.get('http-equiv');
    const content = attrs.get('content');
    if (key === undefined || content === undefined) continue;
    const k = key.toLowerCase();
    meta.set(k, [...(meta.get(k) ?? []), content.slice(0, MAX_FIELD)]);
  }
  const scriptSrc: string[] = [];
  for (const m of body.matchAll(SCRIPT_SRC)) {
    const src = m[1] ?? m[2] ?? m[3] ?? '';
    if (src !== '') scriptSrc.push(src);
    if (scriptSrc.length >= MAX_LIST) break;
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(http.headers)) {
    headers[k.toLowerCase()] =
      k.toLowerCase() === 'set-cookie' ? v.slice(0, 8 * MAX_FIELD) : v.slice(0, MAX_FIELD);
  }
  return {
    url: http.url.slice(0, MAX_FIELD),
    headers,
    cookies: cookiesOf(headers['set-cookie']),
    meta,
    scriptSrc,
    html,
  };
}

/** Builds the version from a pattern's template and its capture groups (webappanalyzer's rules). */
export function resolveVersion(template: string, groups: readonly (string | undefined)[]): string {
  let resolved = template;
  groups.forEach((group, index) => {
    const ternary = new RegExp(`\\\\${index}\\?([^:]*):(.*)$`).exec(resolved);
    if (ternary)
      resolved = resolved.replace(ternary[0], group ? (ternary[1] as string) : (ternary[2] as string));
    resolved = resolved.replace(new RegExp(`\\\\${index}(?!\\d)`, 'g'), group ?? '');
  });
  resolved = resolved.replace(/\\\d+/g, '').trim();
  return resolved.length > MAX_VERSION ? '' : resolved;
}

interface Hit {
  confidence: number;
  versions: string[];
}

function test(pattern: WebPattern, value: string, hit: Hit): void {
  if (pattern.regex === null) {
    hit.confidence += pattern.confidence;
    return;
  }
  const m = pattern.regex.exec(value);
  if (m === null) return;
  hit.confidence += pattern.confidence;
  if (pattern.version !== undefined) {
    const v = resolveVersion(pattern.version, [...m]);
    if (v !== '') hit.versions.push(v);
  }
}

function evaluate(rule: WebTechnologyRule, input: WebInput): Hit {
  const hit: Hit = { confidence: 0, versions: [] };
  for (const [name, list] of rule.headers) {
    const value = input.headers[name];
    if (value !== undefined) for (const p of list) test(p, value, hit);
  }
  for (const cookie of rule.cookies) {
    for (const [name, value] of input.cookies) {
      const named = typeof cookie.name === 'string' ? cookie.name === name : cookie.name.test(name);
      if (named) for (const p of cookie.patterns) test(p, value, hit);
    }
  }
  for (const [name, list] of rule.meta) {
    for (const value of input.meta.get(name) ?? []) for (const p of list) test(p, value, hit);
  }
  if (input.html !== '') for (const p of rule.html) if (p.regex !== null) test(p, input.html, hit);
  for (const src of input.scriptSrc) for (const p of rule.scriptSrc) if (p.regex !== null) test(p, src, hit);
  for (const p of rule.url) if (p.regex !== null) test(p, input.url, hit);
  return hit;
}

/** Highest version by numeric components; ties go to the longer string. */
function bestVersion(versions: readonly string[]): string | undefined {
  const key = (v: string) =>
    v
      .split(/[^\d]+/)
      .filter(Boolean)
      .map(Number);
  return [...versions].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
      const d = (kb[i] ?? -1) - (ka[i] ?? -1);
      if (d !== 0) return d;
    }
    return b.length - a.length;
  })[0];
}

interface Detected {
  confidence: number;
  versions: string[];
}

/** Adds implied technologies (transitively), each at most as confident as what implied it. */
function addImplied(found: Map<string, Detected>, rules: WebRuleSet): void {
  const queue = [...found.keys()];
  while (queue.length > 0) {
    const name = queue.shift() as string;
    const rule = rules.technologies.get(name);
    const parent = found.get(name);
    if (!rule || !parent) continue;
    for (const implied of rule.implies) {
      if (!rules.technologies.has(implied.name)) continue;
      const confidence = Math.min(parent.confidence, implied.confidence);
      const existing = found.get(implied.name);
      if (existing === undefined) {
        found.set(implied.name, { confidence, versions: [] });
        queue.push(implied.name);
      } else if (existing.confidence < confidence) {
        existing.confidence = confidence;
      }
    }
  }
}

/** Technologies found, and whether every rule could be evaluated within the time budget. */
export interface WebMatchReport {
  readonly technologies: WebTechnology[];
  readonly complete: boolean;
}

/** Recognises technologies in one HTTP observation. Never throws. */
export function matchWebTechnologies(
  http: Pick<HttpObservation, 'url' | 'headers' | 'bodySample'>,
  rules: WebRuleSet = loadWebRules(),
): WebTechnology[] {
  return matchWebTechnologiesWithin(http, rules).technologies;
}

/** Same, stopping (with `complete: false`) once `budgetMs` is spent: a hostile page cannot stall a scan. */
export function matchWebTechnologiesWithin(
  http: Pick<HttpObservation, 'url' | 'headers' | 'bodySample'>,
  rules: WebRuleSet = loadWebRules(),
  budgetMs: number = DEFAULT_BUDGET_MS,
): WebMatchReport {
  const input = webInputOf(http);
  const found = new Map<string, Detected>();
  const deadline = Date.now() + budgetMs;
  let complete = true;
  for (const rule of rules.technologies.values()) {
    if (Date.now() > deadline) {
      complete = false;
      break;
    }
    const hit = evaluate(rule, input);
    if (hit.confidence > 0)
      found.set(rule.name, { confidence: Math.min(100, hit.confidence), versions: hit.versions });
  }
  addImplied(found, rules);
  const categoriesFound = new Set<number>();
  for (const name of found.keys())
    for (const c of rules.technologies.get(name)?.categories ?? []) categoriesFound.add(c);
  for (const name of [...found.keys()]) {
    const rule = rules.technologies.get(name);
    if (!rule) continue;
    const missing = rule.requires.some((r) => !found.has(r));
    const missingCategory =
      rule.requiresCategory.length > 0 && !rule.requiresCategory.some((c) => categoriesFound.has(c));
    if (missing || missingCategory) found.delete(name);
  }
  for (const name of [...found.keys()])
    for (const excluded of rules.technologies.get(name)?.excludes ?? []) found.delete(excluded);

  const out: WebTechnology[] = [];
  for (const [name, detected] of found) {
    const rule = rules.technologies.get(name) as WebTechnologyRule;
    const version = bestVersion(detected.versions);
    const cpe =
      rule.cpe === undefined ? undefined : (withAttributes(rule.cpe, version ? { version } : {}) ?? rule.cpe);
    const categories = rule.categories
      .map((c) => rules.categories.get(c))
      .filter((c): c is string => c !== undefined);
    out.push({
      name,
      ...(version === undefined ? {} : { version }),
      ...(cpe === undefined ? {} : { cpe }),
      categories,
      confidence: detected.confidence,
    });
  }
  return {
    technologies: out.sort((a, b) => b.confidence - a.confidence || a.name.localeCompare(b.name)),
    complete,
  };
}
