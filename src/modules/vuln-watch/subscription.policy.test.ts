import { describe, expect, it } from 'vitest';
import { anonymousActor, systemActor, type Actor, type Role } from '../../platform/auth/actor.js';
import { canHaveSubscriptions, canManageSubscription, canSubscribeForStructure, canWatchDeployments } from './vuln-watch.policy.js';

const user = (role: Role, structureIds: string[] = []): Actor => ({ kind: 'user', userId: `u-${role}`, role, structureIds, label: role });

describe('subscription rules (vuln-watch.policy.ts)', () => {
  it.each<[string, Actor, boolean, boolean, boolean, boolean]>([
    // who, may have, manage own, structure A, watch deployments
    ['admin', user('admin'), true, true, true, true],
    ['analyst', user('analyst'), true, true, true, true],
    ['auditor', user('auditor'), true, true, true, true],
    ['beneficiary of A', user('beneficiary', ['A']), true, true, true, true],
    ['beneficiary of B', user('beneficiary', ['B']), true, true, false, true],
    ['beneficiary of nothing', user('beneficiary'), true, true, false, false],
    ['authority', user('authority'), true, true, false, false],
    ['anonymous', anonymousActor, false, false, false, false],
    ['system', systemActor('cli'), false, false, false, false],
  ])('%s', (_who, actor, may, own, structureA, deployments) => {
    expect(canHaveSubscriptions(actor)).toBe(may);
    expect(canManageSubscription(actor, actor.kind === 'user' ? actor.userId : 'x')).toBe(own);
    expect(canSubscribeForStructure(actor, 'A')).toBe(structureA);
    expect(canWatchDeployments(actor)).toBe(deployments);
  });

  it('never lets anyone manage another user’s subscription, whatever the role', () => {
    for (const role of ['admin', 'analyst', 'auditor', 'beneficiary', 'authority'] as const) expect(canManageSubscription(user(role, ['A']), 'someone-else')).toBe(false);
  });
});
