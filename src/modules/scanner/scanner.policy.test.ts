import { describe, expect, it } from 'vitest';
import { anonymousActor, systemActor, type Role, type UserActor } from '../../platform/auth/actor.js';
import { canLaunchScan, canListScans, canReadScanOf, scanReadScope } from './scanner.policy.js';

const user = (role: Role, structureIds: string[] = []): UserActor => ({
  kind: 'user',
  userId: `u-${role}`,
  role,
  structureIds,
  label: role,
});

describe('scanner policy', () => {
  it('lets CERT staff and the CLI launch and read every scan', () => {
    for (const actor of [user('admin'), user('analyst'), user('auditor'), systemActor('cli')]) {
      expect(canLaunchScan(actor)).toBe(true);
      expect(scanReadScope(actor)).toEqual({ kind: 'all' });
      expect(canReadScanOf(actor, null)).toBe(true);
    }
  });

  it('lets a beneficiary read the scans of its own structures only, never launch', () => {
    const b = user('beneficiary', ['s1']);
    expect(canLaunchScan(b)).toBe(false);
    expect(canListScans(b)).toBe(true);
    expect(scanReadScope(b)).toEqual({ kind: 'only', structureIds: ['s1'] });
    expect(canReadScanOf(b, 's1')).toBe(true);
    expect(canReadScanOf(b, 's2')).toBe(false);
    expect(canReadScanOf(b, null)).toBe(false);
  });

  it('gives authorities and anonymous visitors nothing', () => {
    for (const actor of [user('authority'), anonymousActor]) {
      expect(canLaunchScan(actor)).toBe(false);
      expect(canListScans(actor)).toBe(false);
      expect(canReadScanOf(actor, 's1')).toBe(false);
    }
  });
});
