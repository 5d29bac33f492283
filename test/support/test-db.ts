import { mkdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle, type Dialect } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';

/**
 * Integration tests that touch the database run once per dialect listed in
 * HYGIE_TEST_DIALECTS (default `sqlite`). Usage:
 *
 *   describe.each(testDialects())('registry repository on %s', (dialect) => {
 *     let handle: DatabaseHandle;
 *     beforeAll(async () => { handle = await createTestDatabase(dialect); });
 *     afterAll(() => handle.close());
 *   });
 */
export function testDialects(): Dialect[] {
  const raw = process.env.HYGIE_TEST_DIALECTS ?? 'sqlite';
  const list = raw
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);
  for (const d of list) {
    if (d !== 'sqlite' && d !== 'postgres') {
      throw new Error(`HYGIE_TEST_DIALECTS lists "${d}": use a comma-separated list of sqlite, postgres`);
    }
  }
  return list as Dialect[];
}

/** PostgreSQL server used by the postgres leg. */
export function testPostgresUrl(): string {
  return process.env.HYGIE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}

/** A fresh, migrated database: a new SQLite file, or a new schema on PostgreSQL. */
export async function createTestDatabase(dialect: Dialect): Promise<DatabaseHandle> {
  if (dialect === 'sqlite') {
    const dir = 'var/test';
    mkdirSync(dir, { recursive: true });
    const path = `${dir}/t-${process.pid}-${randomBytes(6).toString('hex')}.sqlite`;
    const handle = openDatabase(`sqlite:${path}`);
    await migrateToLatest(handle.db);
    return handle;
  }
  const url = testPostgresUrl();
  const schema = `t_${randomBytes(8).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `The postgres test leg needs PostgreSQL at ${url} (HYGIE_TEST_PG_URL): ${(error as Error).message}`,
      { cause: error },
    );
  }
  await admin.query(`create schema ${schema}`);
  await admin.end();
  markPostgresLegRan();
  const handle = openDatabase(url, { schema, poolSize: 4 });
  await migrateToLatest(handle.db, schema);
  return {
    db: handle.db,
    dialect: 'postgres',
    close: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`drop schema ${schema} cascade`);
      await dropper.end();
    },
  };
}

/** .ci/run checks this marker so that a silently skipped PostgreSQL leg fails CI. */
function markPostgresLegRan(): void {
  mkdirSync('var/test-markers', { recursive: true });
  writeFileSync(`var/test-markers/postgres-${process.pid}`, new Date().toISOString());
}
