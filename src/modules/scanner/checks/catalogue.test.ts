/**
 * The explicit list, the files and CATALOGUE.md agree: every catalogue row has its check with the
 * same category and default severity, every check has its row, its file and its fixtures, and the
 * texts exist in French and English.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checks, checkById } from './index.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));

interface Row {
  readonly id: string;
  readonly category: string;
  readonly severity: string;
  readonly added: boolean;
}

function catalogueRows(): Row[] {
  const text = readFileSync(join(HERE, 'CATALOGUE.md'), 'utf8');
  const section = text.slice(text.indexOf('## Catalogue'), text.indexOf('## Severity overrides'));
  return [...section.matchAll(/^\| `([a-z0-9.-]+)` \| ([a-z-]+) \| ([a-zA-Z ]+) \| (.*) \|$/gm)].map((m) => ({
    id: m[1] as string,
    category: m[2] as string,
    severity: (m[3] as string).trim() === 'from CVSS' ? 'from-cvss' : (m[3] as string).trim(),
    added: (m[4] as string).startsWith('**added**'),
  }));
}

describe('check catalogue', () => {
  const rows = catalogueRows();

  it('lists 41 checks of the shared catalogue and the additions, each once', () => {
    expect(rows.filter((r) => !r.added)).toHaveLength(41);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(new Set(checks.map((c) => c.definition.id)).size).toBe(checks.length);
    expect(checks.map((c) => c.definition.id).sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it("matches each check's category and default severity", () => {
    for (const row of rows) {
      const check = checkById(row.id);
      expect(check?.definition, row.id).toMatchObject({ category: row.category, severity: row.severity });
    }
  });

  it('has one file, one test and fixtures per check', () => {
    const files = readdirSync(HERE);
    for (const { definition } of checks) {
      expect(files, definition.id).toContain(`${definition.id}.check.ts`);
      expect(files, definition.id).toContain(`${definition.id}.check.test.ts`);
      expect(existsSync(join(HERE, 'fixtures', definition.id)), definition.id).toBe(true);
    }
  });

  it('gives French and English texts and references', () => {
    for (const { definition: d } of checks) {
      for (const text of [d.title, d.description, d.recommendation]) {
        expect(text.fr.length, d.id).toBeGreaterThan(15);
        expect(text.en.length, d.id).toBeGreaterThan(15);
        expect(text.fr, d.id).not.toBe(text.en);
      }
      expect(d.recommendation.fr + d.recommendation.en, d.id).toMatch(/Vérification|Verify/);
      expect(d.references.length, d.id).toBeGreaterThan(0);
      for (const url of d.references) expect(url, d.id).toMatch(/^https:\/\//);
    }
  });
});
