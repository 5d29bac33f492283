import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cookiesOf, matchWebTechnologies, resolveVersion, webInputOf } from './webapp.js';
import { compileWebRules, loadWebRules, parseWebPattern } from './webapp-rules.js';

describe('webappanalyzer patterns', () => {
  it('splits tags', () => {
    expect(parseWebPattern('nginx(?:/([\\d.]+))?\\;version:\\1')).toEqual({
      source: 'nginx(?:/([\\d.]+))?',
      version: '\\1',
      confidence: 100,
    });
    expect(parseWebPattern('x\\;confidence:50\\;version:\\1?yes:no')).toEqual({
      source: 'x',
      version: '\\1?yes:no',
      confidence: 50,
    });
  });

  it('resolves version templates with back references and ternaries', () => {
    expect(resolveVersion('\\1', ['nginx/1.22.1', '1.22.1'])).toBe('1.22.1');
    expect(resolveVersion('\\1?next:', ['x', 'a'])).toBe('next');
    expect(resolveVersion('\\1?next:legacy', ['x', undefined])).toBe('legacy');
    expect(resolveVersion('v\\2', ['x', 'a', '3'])).toBe('v3');
    expect(resolveVersion('\\1', ['x', undefined])).toBe('');
  });

  it('compiles the shipped rules, skipping the few JS cannot parse', () => {
    const rules = loadWebRules();
    expect(rules.technologies.size).toBeGreaterThan(7000);
    expect(rules.skipped).toBeLessThan(20);
    expect(rules.technologies.get('Nginx')?.cpe).toBe('cpe:2.3:a:f5:nginx:*:*:*:*:*:*:*:*');
  });
});

describe('matchWebTechnologies', () => {
  const names = (t: { name: string }[]) => t.map((x) => x.name);

  it('weak nginx with PHP (headers captured from 127.100.1.20:80)', () => {
    const found = matchWebTechnologies({
      url: 'http://www.chu-lab.test/',
      headers: { server: 'nginx/1.22.1', 'x-powered-by': 'PHP/5.6.40', 'content-type': 'text/html' },
      bodySample: '<html><head><meta name="generator" content="Portail patient 2.3 (PHP 5.6)"></head></html>',
    });
    expect(found).toContainEqual(
      expect.objectContaining({
        name: 'Nginx',
        version: '1.22.1',
        cpe: 'cpe:2.3:a:f5:nginx:1.22.1:*:*:*:*:*:*:*',
      }),
    );
    expect(found).toContainEqual(
      expect.objectContaining({
        name: 'PHP',
        version: '5.6.40',
        cpe: 'cpe:2.3:a:php:php:5.6.40:*:*:*:*:*:*:*',
      }),
    );
  });

  it('IIS imitation: IIS, ASP.NET version and implied Windows Server', () => {
    const found = matchWebTechnologies({
      url: 'http://webmail.chu-lab.test/',
      headers: { server: 'Microsoft-IIS/7.5', 'x-powered-by': 'ASP.NET', 'x-aspnet-version': '2.0.50727' },
      bodySample: '<title>IIS7</title>',
    });
    expect(found).toContainEqual(expect.objectContaining({ name: 'IIS', version: '7.5' }));
    expect(found).toContainEqual(
      expect.objectContaining({ name: 'Microsoft ASP.NET', version: '2.0.50727' }),
    );
    expect(names(found)).toContain('Windows Server');
  });

  it('FortiGate SSL-VPN markers (Hygie rule) imply FortiGate', () => {
    const found = matchWebTechnologies({
      url: 'https://vpn.chu-lab.test/',
      headers: { server: 'xxxxxxxx-xxxxx' },
      bodySample:
        '<html><script>if (window!=top) top.location=window.location;top.location="/remote/login";</script></html>',
    });
    expect(found.find((t) => t.name === 'Fortinet FortiGate SSL-VPN')).toMatchObject({
      confidence: 100,
      cpe: 'cpe:2.3:o:fortinet:fortios:*:*:*:*:*:*:*:*',
    });
    expect(names(found)).toContain('Fortinet FortiGate');
  });

  it('reads cookies, meta tags and script sources', () => {
    const input = webInputOf({
      url: 'http://x/',
      headers: { 'set-cookie': 'PHPSESSID=abc; path=/\nASP.NET_SessionId=z; HttpOnly' },
      bodySample: `<meta content="WordPress 6.4.2" name="generator"><script src='/wp-includes/js/jquery/jquery.min.js?ver=3.7.1'></script>`,
    });
    expect([...input.cookies.keys()]).toEqual(['phpsessid', 'asp.net_sessionid']);
    expect(input.meta.get('generator')).toEqual(['WordPress 6.4.2']);
    expect(input.scriptSrc).toEqual(['/wp-includes/js/jquery/jquery.min.js?ver=3.7.1']);
    const found = matchWebTechnologies({ url: 'http://x/', headers: { 'set-cookie': 'PHPSESSID=abc' } });
    expect(names(found)).toContain('PHP');
    expect(cookiesOf(undefined).size).toBe(0);
  });

  it('applies requires and excludes', () => {
    const rules = compileWebRules(
      [
        {
          A: { cats: [1], headers: { 'x-a': '' }, excludes: 'C' },
          B: { cats: [1], headers: { 'x-b': '' }, requires: 'Z' },
          C: { cats: [1], headers: { 'x-c': '' } },
        },
      ],
      { '1': { name: 'CMS' } },
    );
    const found = matchWebTechnologies(
      { url: 'http://x/', headers: { 'x-a': '1', 'x-b': '1', 'x-c': '1' } },
      rules,
    );
    expect(names(found)).toEqual(['A']);
    expect(found[0]?.categories).toEqual(['CMS']);
  });

  it('never throws on arbitrary answers (property)', () => {
    const rules = loadWebRules();
    fc.assert(
      fc.property(fc.string(), fc.dictionary(fc.string(), fc.string()), fc.string(), (url, headers, body) => {
        matchWebTechnologies({ url, headers, bodySample: body }, rules);
      }),
      { numRuns: 25 },
    );
  });
});

describe('bounds against hostile pages', () => {
  it('stops at its time budget and says so', async () => {
    const { matchWebTechnologiesWithin } = await import('./webapp.js');
    const evil = '<a '.repeat(20000);
    const report = matchWebTechnologiesWithin(
      { url: 'http://x/', headers: { server: evil }, bodySample: evil },
      loadWebRules(),
      1,
    );
    expect(report.complete).toBe(false);
    expect(matchWebTechnologiesWithin({ url: 'http://x/', headers: {} }, loadWebRules()).complete).toBe(true);
  });
});
