import { manualClock, type Clock } from '../../src/lib/clock.js';
import type { DatabaseHandle, Dialect } from '../../src/db/connection.js';
import { loadConfig, type Config } from '../../src/platform/config/config.js';
import type { Platform } from '../../src/platform/context.js';
import { createDatabaseJobQueue } from '../../src/platform/jobs/database-job-queue.js';
import { createLogger } from '../../src/platform/log/logger.js';
import { createTestDatabase } from './test-db.js';

/** A platform over a fresh test database, with a manual clock and a silent logger. */
export interface TestPlatform extends Platform {
  readonly handle: DatabaseHandle;
  readonly clock: Clock & { advance(ms: number): void; set(date: Date): void };
  close(): Promise<void>;
}

/** Test configuration: fixed secret, loopback-only network, no SMTP unless given. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    HYGIE_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    HYGIE_NET_ALLOW: '127.0.0.0/8',
    HYGIE_LOG_LEVEL: 'silent',
    HYGIE_PUBLIC_URL: 'http://127.0.0.1:8080',
    ...overrides,
  });
}

/** Builds a platform on a fresh database of the dialect. */
export async function createTestPlatform(dialect: Dialect, env: Record<string, string> = {}): Promise<TestPlatform> {
  const handle = await createTestDatabase(dialect);
  const clock = manualClock(new Date('2026-11-29T09:00:00.000Z'));
  const config = testConfig(env);
  return {
    handle,
    db: handle.db,
    dialect: handle.dialect,
    clock,
    log: createLogger('silent'),
    jobs: createDatabaseJobQueue(handle.db, clock, handle.dialect),
    config,
    close: () => handle.close(),
  };
}
