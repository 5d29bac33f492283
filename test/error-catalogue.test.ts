import { describe, expect, it } from 'vitest';
import { CommonErrors } from '../src/lib/errors.js';
import { modules } from '../src/modules/index.js';

describe('error catalogue', () => {
  const all = [...Object.values(CommonErrors), ...modules.flatMap((m) => Object.values(m.errors ?? {}))];

  it('has unique <MODULE>_<WHAT> codes', () => {
    const codes = all.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[A-Z]+(_[A-Z0-9]+)+$/);
  });

  it('gives every code an HTTP status and a French and English message', () => {
    for (const e of all) {
      expect(e.status, e.code).toBeGreaterThanOrEqual(400);
      expect(e.status, e.code).toBeLessThan(600);
      expect(e.fr.length, e.code).toBeGreaterThan(10);
      expect(e.en.length, e.code).toBeGreaterThan(10);
      expect(e.fr, e.code).not.toBe(e.en);
    }
  });

  it('prefixes module codes with the module name', () => {
    for (const m of modules) {
      const prefix = m.name.replace(/-/g, '').toUpperCase();
      for (const e of Object.values(m.errors ?? {})) expect(e.code.replace(/_/g, '').startsWith(prefix) || e.code.startsWith(m.name.toUpperCase().replace(/-/g, '_')), e.code).toBe(true);
    }
  });
});

describe('docs/errors.md', () => {
  it('is up to date with the code (run `npm run docs:errors`)', async () => {
    const { readFileSync } = await import('node:fs');
    const { errorCatalogueMarkdown } = await import('../src/apps/error-catalogue.js');
    expect(readFileSync('docs/errors.md', 'utf8')).toBe(errorCatalogueMarkdown());
  });
});
