import { describe, expect, it } from 'vitest';
import { systemActor, type Actor, type Role } from '../../platform/auth/actor.js';
import {
  canImportRegistry,
  canListAssets,
  canListStructures,
  canLookupOwners,
  canReadAssets,
  canReadContacts,
  canReadGroups,
  canReadStructure,
  canWriteContacts,
  canWriteRegistry,
  structureScope,
} from './registry.policy.js';

const user = (role: Role, structureIds: string[] = []): Actor => ({
  kind: 'user',
  userId: 'u',
  role,
  structureIds,
  label: role,
});
const OWN = 's-own';
const OTHER = 's-other';

/** Expected answers per actor, in the order of the columns below. */
const matrix: [string, Actor, boolean[]][] = [
  //                                     list  readS readO groups contO contOwn wContO wContOwn assetsO write import lookup listAssets
  ['admin', user('admin'), [true, true, true, true, true, true, true, true, true, true, true, true, true]],
  [
    'analyst',
    user('analyst'),
    [true, true, true, true, true, true, true, true, true, true, true, true, true],
  ],
  [
    'auditor',
    user('auditor'),
    [true, true, true, true, true, true, false, false, true, false, false, true, true],
  ],
  [
    'authority',
    user('authority'),
    [true, true, true, true, false, false, false, false, false, false, false, false, false],
  ],
  [
    'beneficiary',
    user('beneficiary', [OWN]),
    [true, true, false, false, false, true, false, true, false, false, false, false, true],
  ],
  [
    'anonymous',
    { kind: 'anonymous' },
    [false, false, false, false, false, false, false, false, false, false, false, false, false],
  ],
  [
    'system',
    systemActor('cli'),
    [true, true, true, true, true, true, true, true, true, true, true, true, true],
  ],
];

describe('registry policy', () => {
  it.each(matrix)('%s', (_name, actor, expected) => {
    expect([
      canListStructures(actor),
      canReadStructure(actor, OWN),
      canReadStructure(actor, OTHER),
      canReadGroups(actor),
      canReadContacts(actor, OTHER),
      canReadContacts(actor, OWN),
      canWriteContacts(actor, OTHER),
      canWriteContacts(actor, OWN),
      canReadAssets(actor, OTHER),
      canWriteRegistry(actor),
      canImportRegistry(actor),
      canLookupOwners(actor),
      canListAssets(actor),
    ]).toEqual(expected);
  });

  it('scopes beneficiaries to their structures and anonymous callers to nothing', () => {
    expect(structureScope(user('beneficiary', [OWN]))).toEqual({ kind: 'only', ids: [OWN] });
    expect(structureScope(user('beneficiary'))).toEqual({ kind: 'only', ids: [] });
    expect(structureScope({ kind: 'anonymous' })).toEqual({ kind: 'only', ids: [] });
    expect(structureScope(user('authority'))).toEqual({ kind: 'all' });
    expect(structureScope(systemActor('job'))).toEqual({ kind: 'all' });
  });
});
