import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRecog, matchFingerprint, matchRecog, parseRecogXml, type RecogFingerprint } from './recog.js';
import { translateRecogRegex } from './recog-regex.js';

interface ExampleRun {
  readonly database: string;
  readonly fingerprint: RecogFingerprint;
  readonly text: string;
  readonly failure?: string;
}

/** Runs every `<example>` against its own fingerprint, as recog's `recog_verify` does. */
function runExamples(): ExampleRun[] {
  const runs: ExampleRun[] = [];
  for (const db of loadRecog().databases.values()) {
    for (const fingerprint of db.fingerprints) {
      for (const example of fingerprint.examples) {
        const result = matchFingerprint(fingerprint, example.text, db.protocol);
        let failure: string | undefined;
        if (fingerprint.regex === null) failure = `pattern not translatable: ${fingerprint.error ?? ''}`;
        else if (result === null) failure = 'no match';
        else {
          for (const [key, want] of Object.entries(example.expected)) {
            if (result[key] !== want) {
              failure = `${key}: expected ${JSON.stringify(want)}, got ${JSON.stringify(result[key])}`;
              break;
            }
          }
        }
        runs.push({ database: db.name, fingerprint, text: example.text, ...(failure ? { failure } : {}) });
      }
    }
  }
  return runs;
}

describe('recog databases', () => {
  const catalogue = loadRecog();

  it('loads every shipped database', () => {
    expect([...catalogue.databases.keys()].sort()).toEqual(
      [
        'apache_os',
        'favicon.md5',
        'ftp.banner',
        'html_title',
        'http_header.cookie',
        'http_header.server',
        'http_header.wwwauth',
        'http_header.x-powered-by',
        'ldap.search_result',
        'smtp.banner',
        'ssh.banner',
        'telnet_banners',
        'x509.issuer',
        'x509.subject',
      ].sort(),
    );
  });

  it('translates almost every pattern to JavaScript', () => {
    const all = [...catalogue.databases.values()].flatMap((d) => d.fingerprints);
    const failed = all.filter((f) => f.regex === null);
    expect(failed.map((f) => `${f.database}: ${f.pattern} (${f.error ?? ''})`)).toEqual([]);
    expect(all.length).toBeGreaterThan(2500);
  });

  it('passes at least 95 % of the examples embedded in the XML (table-driven)', () => {
    const runs = runExamples();
    const failures = runs.filter((r) => r.failure !== undefined);
    const rate = (runs.length - failures.length) / runs.length;
    const listing = failures.map(
      (f) =>
        `${f.database} | ${f.fingerprint.description} | ${JSON.stringify(f.text.slice(0, 80))} | ${f.failure ?? ''}`,
    );
    console.info(
      `recog examples: ${runs.length - failures.length}/${runs.length} pass (${(rate * 100).toFixed(2)} %)` +
        (listing.length > 0 ? `\nfailures:\n${listing.join('\n')}` : ''),
    );
    expect(runs.length).toBeGreaterThan(3000);
    expect(rate, listing.join('\n')).toBeGreaterThanOrEqual(0.95);
  });
});

describe('matchRecog', () => {
  it('identifies the lab banners', () => {
    const ssh = matchRecog('ssh.banner', 'OpenSSH_9.2p1 Debian-2+deb12u10');
    expect(ssh?.params['service.product']).toBe('OpenSSH');
    expect(ssh?.params['service.version']).toBe('9.2p1');
    expect(ssh?.cpe[0]).toBe('cpe:2.3:a:openbsd:openssh:9.2p1:*:*:*:*:*:*:*');
    const nginx = matchRecog('http_header.server', 'nginx/1.22.1');
    expect(nginx?.params['service.version']).toBe('1.22.1');
    expect(nginx?.cpe[0]).toBe('cpe:2.3:a:f5:nginx:1.22.1:*:*:*:*:*:*:*');
    expect(matchRecog('ftp.banner', '(vsFTPd 3.0.3)')?.params['service.product']).toBe('vsFTPd');
  });

  it('uses - for a missing version in a CPE template', () => {
    const nginx = matchRecog('http_header.server', 'nginx');
    expect(nginx?.cpe).toContain('cpe:2.3:a:f5:nginx:-:*:*:*:*:*:*:*');
  });

  it('returns null for unknown databases and unmatched text', () => {
    expect(matchRecog('no.such.db', 'x')).toBeNull();
    expect(matchRecog('ssh.banner', '\u0000\u0001')).toBeNull();
  });

  it('never throws on arbitrary text (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('ssh.banner', 'ftp.banner', 'smtp.banner', 'http_header.server'),
        fc.string(),
        (db, s) => {
          matchRecog(db, s);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('recog XML and regex translation', () => {
  it('parses a minimal database with constants, captures and interpolation', () => {
    const db = parseRecogXml(
      `<?xml version="1.0"?><fingerprints matches="x.banner" protocol="X">
        <fingerprint pattern="^Acme (\\d+)(?:-(\\w+))?$" flags="REG_ICASE">
          <description>Acme</description>
          <example service.version="2">ACME 2</example>
          <example _encoding="base64" service.version="3">QWNtZSAz</example>
          <param pos="0" name="service.product" value="Acme"/>
          <param pos="1" name="service.version"/>
          <param pos="2" name="service.edition"/>
          <param pos="0" name="service.cpe23" value="cpe:/a:acme:acme:{service.version}"/>
          <param pos="0" name="os.note" value="{service.edition}"/>
        </fingerprint></fingerprints>`,
      'x.xml',
    );
    const fp = db.fingerprints[0] as RecogFingerprint;
    expect(db.name).toBe('x.banner');
    expect(fp.examples.map((e) => e.text)).toEqual(['ACME 2', 'Acme 3']);
    expect(matchFingerprint(fp, 'acme 7', db.protocol)).toEqual({
      'service.product': 'Acme',
      'service.version': '7',
      'service.cpe23': 'cpe:/a:acme:acme:7',
      'service.protocol': 'x',
    });
  });

  it('rewrites Ruby-only syntax', () => {
    const t = (p: string, f: string[] = []) => {
      const r = translateRecogRegex(p, f);
      if (!r.ok) throw new Error(r.error);
      return r.regex;
    };
    expect(t('\\Alogin:\\s*\\z').test('login: ')).toBe(true);
    expect(t('\\Alogin:').test('x\nlogin:')).toBe(false);
    expect(t('^login:').test('x\nlogin:')).toBe(true);
    expect(t('(?i)^abc$').test('ABC')).toBe(true);
    expect(t('(?m)a.b').test('a\nb')).toBe(true);
    expect(t('a.b', ['REG_DOT_NEWLINE']).test('a\nb')).toBe(true);
    expect(t('^\\h+$').test('deadBEEF')).toBe(true);
    expect(t('^[[:alpha:]]+$').test('abcXYZ')).toBe(true);
    expect(t('^a{,2}$').test('aa')).toBe(true);
    expect(t('^(?>ab)c$').test('abc')).toBe(true);
    expect(t('^a++b$').test('aab')).toBe(true);
    expect(t('^x(?#comment)y$').test('xy')).toBe(true);
    expect(t('end\\Z').test('end\n')).toBe(true);
    expect(translateRecogRegex('(', []).ok).toBe(false);
    expect(translateRecogRegex('a', ['REG_WHATEVER']).ok).toBe(false);
  });

  it('never throws while translating arbitrary patterns (property)', () => {
    fc.assert(fc.property(fc.string(), (s) => void translateRecogRegex(s, [])));
  });
});
