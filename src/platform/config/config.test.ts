import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const base = { HYGIE_SECRET: 'x'.repeat(40) };

describe('loadConfig', () => {
  it('defaults to SQLite on 127.0.0.1:8080', () => {
    const config = loadConfig(base);
    expect(config.databaseUrl).toBe('sqlite:var/hygie.sqlite');
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(8080);
    expect(config.publicUrl).toBe('http://127.0.0.1:8080');
    expect(config.secureCookies).toBe(false);
  });

  it('names the variable and the expected form on a bad value', () => {
    expect(() => loadConfig({ ...base, HYGIE_PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, HYGIE_PORT: 'eighty' })).toThrow(/HYGIE_PORT must be an integer between 0 and 65535, got "eighty"/);
    expect(() => loadConfig({ ...base, HYGIE_DATABASE_URL: 'mysql://x' })).toThrow(/HYGIE_DATABASE_URL/);
    expect(() => loadConfig({ ...base, HYGIE_NET_ALLOW: '127.0.0.0/8,nope' })).toThrow(/HYGIE_NET_ALLOW/);
    expect(() => loadConfig({ ...base, HYGIE_LOG_LEVEL: 'loud' })).toThrow(/HYGIE_LOG_LEVEL/);
    expect(() => loadConfig({ HYGIE_SECRET: 'short' })).toThrow(/HYGIE_SECRET must be at least 32 characters/);
  });

  it('never echoes an SMTP URL, which may hold credentials', () => {
    try {
      loadConfig({ ...base, HYGIE_SMTP_URL: 'ftp://user:hunter2@mail' });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toMatch(/HYGIE_SMTP_URL/);
      expect((error as Error).message).not.toContain('hunter2');
    }
  });

  it('turns on Secure cookies when the public URL is https', () => {
    expect(loadConfig({ ...base, HYGIE_PUBLIC_URL: 'https://hygie.example.org' }).secureCookies).toBe(true);
  });
});
