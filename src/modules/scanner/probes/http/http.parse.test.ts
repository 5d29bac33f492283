import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeBody,
  decodeEntities,
  extractTitle,
  faviconCandidates,
  headersRecord,
  originOf,
} from './http.parse.js';

/** Splits a captured raw response into header pairs and body (fixtures are complete, unchunked). */
function response(name: string): { raw: [string, string][]; body: Buffer } {
  const bytes = readFileSync(new URL(`fixtures/${name}`, import.meta.url));
  const end = bytes.indexOf('\r\n\r\n');
  const lines = bytes.subarray(0, end).toString('latin1').split('\r\n').slice(1);
  const raw = lines.map(
    (l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()] as [string, string],
  );
  return { raw, body: bytes.subarray(end + 4) };
}

describe('HTTP answers captured from the lab', () => {
  it('weak nginx (127.100.1.20:80): headers and title', () => {
    const { raw, body } = response('nginx-weak-root.http');
    const headers = headersRecord(raw);
    expect(headers.server).toBe('nginx/1.22.1');
    expect(headers['x-powered-by']).toBe('PHP/5.6.40');
    expect(extractTitle(decodeBody(body, headers['content-type']))).toBe('CHU Lab — Portail patient');
  });

  it('default page (127.100.1.30:80) and IIS imitation (127.100.1.40:80)', () => {
    const nginx = response('nginx-default-root.http');
    expect(extractTitle(decodeBody(nginx.body, undefined))).toBe('Welcome to nginx!');
    const iis = response('iis-imitation-root.http');
    const headers = headersRecord(iis.raw);
    expect(headers.server).toBe('Microsoft-IIS/7.5');
    expect(headers['x-aspnet-version']).toBe('2.0.50727');
    expect(extractTitle(decodeBody(iis.body, headers['content-type']))).toBe('IIS7');
  });

  it('redirect (127.100.1.10:80) and FortiGate imitation (127.100.1.50:443)', () => {
    const redirect = response('nginx-clean-redirect.http');
    expect(headersRecord(redirect.raw).location).toBe('https://www.hopital-sain.test/');
    expect(extractTitle(redirect.body.toString())).toBe('301 Moved Permanently');
    const vpn = response('fortigate-imitation-root.http');
    expect(headersRecord(vpn.raw).server).toBe('xxxxxxxx-xxxxx');
    expect(extractTitle(vpn.body.toString())).toBeUndefined();
    expect(vpn.body.toString()).toContain('top.location="/remote/login"');
  });
});

describe('parsing helpers', () => {
  it('joins repeated headers, Set-Cookie one per line', () => {
    expect(
      headersRecord([
        ['Set-Cookie', 'a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT'],
        ['set-cookie', 'b=2'],
        ['Vary', 'Accept'],
        ['VARY', 'Origin'],
      ]),
    ).toEqual({ 'set-cookie': 'a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT\nb=2', vary: 'Accept, Origin' });
  });

  it('decodes bodies in their charset', () => {
    expect(
      decodeBody(Buffer.from('<title>Caf\xe9</title>', 'latin1'), 'text/html; charset=ISO-8859-1'),
    ).toContain('Café');
    expect(decodeBody(Buffer.from('<meta charset="utf-8"><title>Café</title>'), undefined)).toContain('Café');
    expect(decodeBody(Buffer.from([0x43, 0x61, 0x66, 0xe9]), undefined)).toBe('Café');
  });

  it('extracts titles and entities', () => {
    expect(extractTitle('<TITLE lang="fr">\n  A &amp; B &#233;&#xE9;  </TITLE>')).toBe('A & B éé');
    expect(extractTitle('<title></title>')).toBeUndefined();
    expect(decodeEntities('&bogus; &#0;')).toBe('&bogus; &#0;');
  });

  it('finds favicon URLs', () => {
    expect(
      faviconCandidates(
        '<link rel="shortcut icon" href="/static/fav.png"><link rel=icon href=data:xx>',
        'https://a.test/x/',
      ),
    ).toEqual(['https://a.test/static/fav.png', 'https://a.test/favicon.ico']);
    expect(faviconCandidates('', 'http://127.100.1.20:8080/')).toEqual([
      'http://127.100.1.20:8080/favicon.ico',
    ]);
    expect(originOf('https://a.test:8443/x')).toBe('https://a.test:8443');
    expect(originOf('nope')).toBeNull();
  });

  it('never throws on arbitrary bodies (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), fc.string(), (bytes, type) => {
        const html = decodeBody(Buffer.from(bytes), type);
        extractTitle(html);
        faviconCandidates(html, 'http://x.test/');
      }),
    );
    fc.assert(fc.property(fc.string(), (s) => void extractTitle(`<title>${s}</title>`)));
  });
});
