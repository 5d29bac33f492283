/**
 * Pure judgement of HTTP answers shared by the http.* checks: redirects to HTTPS, exposed file
 * contents confirmed by what they contain (never by the status code alone), directory listings,
 * default pages, version strings, and the soft-404 guard.
 */
import type { PathObservation } from '../assess/assessment.types.js';
import type { ServiceObservation } from '../scanner.types.js';

/** Above this similarity to the answer for a random path, an answer is the server's "not found". */
export const SOFT_404_THRESHOLD = 0.9;

/** True when the service's root answer sends the browser to HTTPS (directly or after in-site hops). */
export function redirectsToHttps(service: ServiceObservation): boolean {
  const http = service.http;
  if (!http) return false;
  const final = typeof service.details?.finalUrl === 'string' ? service.details.finalUrl : '';
  const targets = [
    ...http.redirects.map((r) => r.to),
    ...(http.refusedRedirects ?? []).map((r) => r.to),
    final,
    http.status >= 300 && http.status < 400 ? (http.headers.location ?? '') : '',
  ];
  return targets.some((t) => /^https:/i.test(t));
}

/** A 2xx answer that does not look like the server's answer to a random path. */
export function isRealContent(p: PathObservation): boolean {
  return p.status >= 200 && p.status < 300 && p.soft404Similarity < SOFT_404_THRESHOLD;
}

/** True when the text starts like an HTML document. */
export function looksLikeHtml(text: string): boolean {
  return /<(?:!doctype\s+html|html|head|body|title)\b/i.test(text.slice(0, 2048));
}

/** `.git/HEAD` (`ref: refs/heads/x` or a commit id) or `.git/config` (`[core]` section). */
export function gitContent(p: PathObservation): string | null {
  const text = p.sample.trim();
  if (
    p.path.endsWith('/HEAD') &&
    (/^ref: refs\/\S+$/m.test(text.split('\n')[0] ?? '') || /^[0-9a-f]{40}$/.test(text))
  ) {
    return (text.split('\n')[0] ?? '').slice(0, 80);
  }
  if (
    p.path.endsWith('/config') &&
    /^\s*\[core\]/m.test(text) &&
    /repositoryformatversion|^\s*bare\s*=|filemode\s*=/m.test(text)
  ) {
    return '[core] section of a Git repository configuration';
  }
  return null;
}

/** The variable names of an environment file (`KEY=VALUE` lines); null when the text is not one. */
export function envKeys(p: PathObservation): string[] | null {
  if (looksLikeHtml(p.sample)) return null;
  const lines = p.sample
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  if (lines.length === 0) return null;
  const keys = lines
    .map((l) => /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=/.exec(l)?.[1])
    .filter((k): k is string => k !== undefined);
  if (keys.length < 2 || keys.length / lines.length < 0.6) return null;
  return keys;
}

/** What makes a backup file recognisable, or null. */
export function backupContent(p: PathObservation): string | null {
  const path = p.path.toLowerCase();
  if (/\.php(?:\.bak|~|\.old)$/.test(path) || /\.(?:inc|php)\.bak$/.test(path)) {
    return /<\?php|<\?=/.test(p.sample) ? 'PHP source code (<?php)' : null;
  }
  if (path.endsWith('web.config.bak'))
    return /<configuration[\s>]/i.test(p.sample) ? 'ASP.NET configuration (<configuration>)' : null;
  if (path.endsWith('.zip')) return p.magic.startsWith('504b0304') ? 'ZIP archive (PK\\x03\\x04)' : null;
  if (path.endsWith('.tar.gz') || path.endsWith('.tgz'))
    return p.magic.startsWith('1f8b') ? 'gzip archive (\\x1f\\x8b)' : null;
  if (path.endsWith('.sql')) {
    if (looksLikeHtml(p.sample)) return null;
    const m =
      /(-- MySQL dump|-- MariaDB dump|-- PostgreSQL database dump|CREATE TABLE|INSERT INTO|DROP TABLE)/i.exec(
        p.sample,
      );
    return m ? `SQL dump (${m[1] as string})` : null;
  }
  return null;
}

/** The marker of an automatic directory index, or null. */
export function directoryListingMarker(text: string): string | null {
  const patterns: readonly RegExp[] = [
    /<title>\s*Index of \/[^<]*<\/title>/i,
    /<h1>\s*Index of \/[^<]*<\/h1>/i,
    /<title>\s*Directory listing for \/[^<]*<\/title>/i,
    /\[To Parent Directory\]/i,
    /<h2>\s*Directory Listing For \/[^<]*<\/h2>/i,
  ];
  for (const re of patterns) {
    const m = re.exec(text);
    if (m) return m[0].replace(/\s+/g, ' ').slice(0, 120);
  }
  return null;
}

/** Default welcome pages of web servers, recognised by content. */
const DEFAULT_PAGES: readonly (readonly [RegExp, string])[] = [
  [
    /<title>\s*Welcome to nginx!\s*<\/title>|If you see this page, the nginx web server is successfully installed/i,
    'nginx welcome page',
  ],
  [/Apache2 (?:Debian|Ubuntu) Default Page/i, 'Apache2 Debian/Ubuntu default page'],
  [/<h1>\s*It works!\s*<\/h1>/i, 'Apache "It works!" page'],
  [
    /Test Page for the (?:Apache )?HTTP Server|HTTP Server Test Page powered by/i,
    'Apache test page (Red Hat family)',
  ],
  [
    /<title>\s*IIS(?:7|8|8\.5|10)?\s*(?:Windows Server)?\s*<\/title>[\s\S]*(?:welcome\.png|iisstart\.png|iis-85\.png|iis\.png)|<title>\s*IIS Windows Server\s*<\/title>/i,
    'Microsoft IIS welcome page',
  ],
  [/If you're seeing this, you've successfully installed Tomcat/i, 'Apache Tomcat default page'],
  [/<title>\s*Caddy works!\s*<\/title>/i, 'Caddy default page'],
  [/lighttpd server is running|<title>\s*Placeholder page\s*<\/title>/i, 'lighttpd placeholder page'],
];

/** Which default page the body is, or null. */
export function defaultPageOf(body: string): string | null {
  return DEFAULT_PAGES.find(([re]) => re.test(body))?.[1] ?? null;
}

/** Headers that name software and its version, with the version-bearing value. */
export function versionHeaders(headers: Readonly<Record<string, string>>): string[] {
  const out: string[] = [];
  const withVersion = /\d+\.\d+/;
  for (const name of [
    'server',
    'x-powered-by',
    'x-aspnet-version',
    'x-aspnetmvc-version',
    'x-owa-version',
    'x-generator',
    'x-runtime-version',
    'x-php-version',
  ]) {
    const value = headers[name];
    if (value !== undefined && withVersion.test(value)) out.push(`${name}: ${value.slice(0, 120)}`);
  }
  return out;
}

/** `<meta name="generator" content="…1.2…">` with a version. */
export function generatorVersion(body: string): string | null {
  const m =
    /<meta[^>]+name\s*=\s*["']generator["'][^>]*content\s*=\s*["']([^"']{1,120})["']/i.exec(body) ??
    /<meta[^>]+content\s*=\s*["']([^"']{1,120})["'][^>]*name\s*=\s*["']generator["']/i.exec(body);
  const value = m?.[1];
  return value !== undefined && /\d+(?:\.\d+)+/.test(value) ? value : null;
}
