import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Everything Hygie reads from `HYGIE_*` variables, validated once at start. */
export interface Config {
  readonly databaseUrl: string;
  readonly host: string;
  readonly port: number;
  /** Base URL used in e-mailed links (password reset, unsubscribe). */
  readonly publicUrl: string;
  /** Key for signed cookies and tokens; generated into var/ on first start when unset. */
  readonly secret: string;
  readonly smtpUrl: string | null;
  readonly mailFrom: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly sessionIdleMinutes: number;
  readonly sessionAbsoluteHours: number;
  readonly loginMaxFailures: number;
  readonly loginLockMinutes: number;
  /** Served over TLS (directly or behind a TLS proxy): cookies get `Secure`. */
  readonly secureCookies: boolean;
  readonly trustProxy: boolean;
  readonly netAllow: readonly string[];
  readonly netDeny: readonly string[];
}

/** A configuration value is missing or malformed; the message names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    expected: string,
    got: string | undefined,
  ) {
    super(`${variable} must be ${expected}${got === undefined ? '' : `, got "${got}"`}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `an integer between ${min} and ${max}`, raw);
  }
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, 'true or false', raw);
}

function cidrList(env: Env, name: string, fallback: string[]): string[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const item of items) {
    if (!/^[0-9a-fA-F:.]+\/\d{1,3}$/.test(item)) {
      throw new ConfigError(name, 'a comma-separated list of CIDRs such as 127.0.0.0/8', item);
    }
  }
  return items;
}

/** Reads the secret from HYGIE_SECRET, or from var/hygie.secret, creating it on first start. */
function loadSecret(env: Env): string {
  const raw = env.HYGIE_SECRET;
  if (raw !== undefined && raw !== '') {
    if (raw.length < 32) throw new ConfigError('HYGIE_SECRET', 'at least 32 characters', '(too short)');
    return raw;
  }
  const path = env.HYGIE_SECRET_FILE ?? 'var/hygie.secret';
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dirname(path), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(path, secret, { mode: 0o600 });
  return secret;
}

/** Validates the environment and returns the configuration, or throws a ConfigError. */
export function loadConfig(env: Env = process.env): Config {
  const databaseUrl = env.HYGIE_DATABASE_URL || 'sqlite:var/hygie.sqlite';
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    throw new ConfigError('HYGIE_DATABASE_URL', 'sqlite:PATH or postgres://USER@HOST:PORT/DB', databaseUrl);
  }
  const host = env.HYGIE_HOST || '127.0.0.1';
  const port = integer(env, 'HYGIE_PORT', 8080, 0, 65535);
  const publicUrl = env.HYGIE_PUBLIC_URL || `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  try {
    new URL(publicUrl);
  } catch {
    throw new ConfigError('HYGIE_PUBLIC_URL', 'an absolute URL such as https://hygie.example.org', publicUrl);
  }
  const smtpUrl = env.HYGIE_SMTP_URL || null;
  if (smtpUrl !== null && !/^smtps?:\/\//.test(smtpUrl)) {
    throw new ConfigError('HYGIE_SMTP_URL', 'smtp://HOST:PORT or smtps://USER:PASSWORD@HOST:PORT', '(hidden)');
  }
  const mailFrom = env.HYGIE_MAIL_FROM || 'Hygie <hygie@localhost>';
  const logLevel = (env.HYGIE_LOG_LEVEL || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('HYGIE_LOG_LEVEL', `one of ${LOG_LEVELS.join(', ')}`, logLevel);
  }
  return {
    databaseUrl,
    host,
    port,
    publicUrl: publicUrl.replace(/\/$/, ''),
    secret: loadSecret(env),
    smtpUrl,
    mailFrom,
    logLevel,
    sessionIdleMinutes: integer(env, 'HYGIE_SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteHours: integer(env, 'HYGIE_SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 30),
    loginMaxFailures: integer(env, 'HYGIE_LOGIN_MAX_FAILURES', 5, 1, 100),
    loginLockMinutes: integer(env, 'HYGIE_LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
    secureCookies: boolean(env, 'HYGIE_SECURE_COOKIES', publicUrl.startsWith('https://')),
    trustProxy: boolean(env, 'HYGIE_TRUST_PROXY', false),
    netAllow: cidrList(env, 'HYGIE_NET_ALLOW', []),
    netDeny: cidrList(env, 'HYGIE_NET_DENY', []),
  };
}
