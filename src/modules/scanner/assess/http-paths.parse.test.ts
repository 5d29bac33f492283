import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linkedDirectories, pathCandidates, soft404Similarity } from './http-paths.parse.js';

const notFound =
  '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n';

describe('HTTP path probes (pure parts)', () => {
  it('lists the secrets, backups and directories to ask, linked directories included, once each', () => {
    const html =
      '<ul><li><a href="/documents/">Documents</a></li><li><a href="/index.php">Connexion</a></li><a href="https://ailleurs.example/x/">x</a><a href="mailto:a@b/">m</a></ul>';
    const paths = pathCandidates(html, 'http://www.chu-lab.test/').map((c) => `${c.reason} ${c.path}`);
    expect(paths).toContain('secret-file /.git/HEAD');
    expect(paths).toContain('secret-file /.env');
    expect(paths).toContain('backup-file /index.php.bak');
    expect(paths).toContain('linked-directory /documents/');
    expect(paths.filter((p) => p.endsWith(' /documents/'))).toHaveLength(1);
    expect(linkedDirectories(html, 'http://www.chu-lab.test/')).toEqual(['/documents/']);
  });

  it('recognises the answer to a random path (soft 404), whatever path was asked', () => {
    const baseline = {
      path: '/hygie-0123',
      status: 200,
      length: 900,
      sample: '<html><body><h1>Page introuvable</h1><p>La page /hygie-0123 n’existe pas.</p></body></html>',
    };
    const same = {
      path: '/.env',
      status: 200,
      length: 893,
      sample: '<html><body><h1>Page introuvable</h1><p>La page /.env n’existe pas.</p></body></html>',
    };
    expect(soft404Similarity(same, baseline)).toBeGreaterThan(0.9);
    const env = {
      path: '/.env',
      status: 200,
      length: 323,
      sample: 'APP_ENV=production\nDB_HOST=db\nDB_PASSWORD=x\n',
    };
    expect(soft404Similarity(env, baseline)).toBeLessThan(0.2);
    expect(soft404Similarity({ ...same, status: 404 }, baseline)).toBe(0);
    expect(
      soft404Similarity(env, { path: '/r', status: 404, length: notFound.length, sample: notFound }),
    ).toBe(0);
    expect(soft404Similarity(env, null)).toBe(0);
  });

  it('gives a similarity between 0 and 1 and 1 for identical answers (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 300 }), fc.nat(5000), (a, b, n) => {
        const x = { path: '/a', status: 200, length: n, sample: a };
        const s = soft404Similarity(x, { path: '/b', status: 200, length: n, sample: b });
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(soft404Similarity(x, { ...x })).toBe(1);
      }),
    );
  });
});
