import { describe, expect, it } from 'vitest';
import { RegistryErrors } from './registry.errors.js';

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('registry error catalogue', () => {
  it.each(Object.values(RegistryErrors))('$code is well formed', (def) => {
    expect(def.code).toMatch(/^REGISTRY_[A-Z0-9_]+$/);
    expect([400, 404, 409]).toContain(def.status);
    expect(def.fr.length).toBeGreaterThan(20);
    expect(def.en.length).toBeGreaterThan(20);
    // Both languages fill the same parameters and tell the reader what to do (a colon introduces the fix).
    expect(placeholders(def.fr)).toEqual(placeholders(def.en));
    expect(def.fr).toContain(':');
    expect(def.en).toContain(':');
  });
});
