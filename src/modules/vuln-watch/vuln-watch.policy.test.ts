import { describe, expect, it } from 'vitest';
import { systemActor, type Actor, type Role } from '../../platform/auth/actor.js';
import {
  canDeclareDeployment,
  canImportCves,
  canManageProducts,
  canReadCves,
  canReadDeployments,
  canReadProducts,
} from './vuln-watch.policy.js';

const user = (role: Role, structureIds: string[] = []): Actor => ({
  kind: 'user',
  userId: role,
  role,
  structureIds,
  label: role,
});
const anonymous: Actor = { kind: 'anonymous' };
const system = systemActor('cli');

describe('vuln-watch knowledge-base policy', () => {
  it.each([
    ['canReadCves', (a: Actor) => canReadCves(a), [true, true, true, true, true, true, true]],
    ['canImportCves', (a: Actor) => canImportCves(a), [false, true, true, false, false, false, true]],
    ['canReadProducts', (a: Actor) => canReadProducts(a), [false, true, true, true, true, true, true]],
    ['canManageProducts', (a: Actor) => canManageProducts(a), [false, true, true, false, false, false, true]],
    [
      'canReadDeployments(A)',
      (a: Actor) => canReadDeployments(a, 'A'),
      [false, true, true, true, false, true, true],
    ],
    [
      'canDeclareDeployment(A)',
      (a: Actor) => canDeclareDeployment(a, 'A'),
      [false, true, true, false, false, true, true],
    ],
    [
      'canDeclareDeployment(B)',
      (a: Actor) => canDeclareDeployment(a, 'B'),
      [false, true, true, false, false, false, true],
    ],
  ] as const)(
    '%s: anonymous, admin, analyst, auditor, authority, beneficiary of A, system',
    (_name, rule, expected) => {
      const actors = [
        anonymous,
        user('admin'),
        user('analyst'),
        user('auditor'),
        user('authority'),
        user('beneficiary', ['A']),
        system,
      ];
      expect(actors.map(rule)).toEqual(expected);
    },
  );
});
