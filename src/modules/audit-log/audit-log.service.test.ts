import { describe, expect, it } from 'vitest';
import { manualClock } from '../../lib/clock.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { ServiceContext } from '../../platform/context.js';
import { recordAudit } from './audit-log.service.js';

/** Captures the row recordAudit would insert, without a database. */
function capturingDb(rows: Record<string, unknown>[]): Kysely<Database> {
  return {
    insertInto: () => ({
      values: (row: Record<string, unknown>) => ({ execute: () => Promise.resolve(rows.push(row)) }),
    }),
  } as unknown as Kysely<Database>;
}

describe('recordAudit', () => {
  it('scrubs secrets by key and keeps ordinary fields', async () => {
    const rows: Record<string, unknown>[] = [];
    const ctx = {
      actor: { kind: 'system', label: 'cli' },
      clock: manualClock(new Date('2026-01-01T00:00:00Z')),
      ip: null,
    } as unknown as ServiceContext;
    await recordAudit(
      ctx,
      {
        action: 'test.change',
        objectType: 'thing',
        objectId: '1',
        details: {
          password: 'p',
          newPassword: 'n',
          passwordHash: 'h',
          token: 't',
          totpSecret: 's',
          code: '123456',
          postalCode: '75001',
          nested: { secret: 'x', city: 'Paris' },
        },
      },
      capturingDb(rows),
    );
    const details = JSON.parse(String(rows[0]?.details)) as Record<string, unknown>;
    expect(details).toEqual({
      password: '[redacted]',
      newPassword: '[redacted]',
      passwordHash: '[redacted]',
      token: '[redacted]',
      totpSecret: '[redacted]',
      code: '[redacted]',
      postalCode: '75001',
      nested: { secret: '[redacted]', city: 'Paris' },
    });
  });
});
