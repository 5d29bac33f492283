import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HygieError } from '../../lib/errors.js';
import { contextFor, type ServiceContext } from '../../platform/context.js';
import { systemActor, type Actor } from '../../platform/auth/actor.js';
import { testDialects } from '../../../test/support/test-db.js';
import { createTestPlatform, type TestPlatform } from '../../../test/support/test-platform.js';
import {
  archiveContact,
  createContact,
  editContact,
  getContact,
  listAlertRecipients,
  searchContacts,
} from './contact.service.js';
import { structureDraft, userActor } from './fixtures/test-kit.js';
import type { Structure } from './registry.types.js';
import { archiveStructure, createStructure } from './structure.service.js';

async function failure(promise: Promise<unknown>): Promise<HygieError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HygieError) return error;
    throw error;
  }
  throw new Error('expected a HygieError');
}

const officer = {
  role: 'security-officer',
  lastName: 'Morvan',
  firstName: 'Camille',
  email: 'camille.morvan@ch-test.test',
  phone: '06 00 00 01 01',
};

describe.each(testDialects())('registry contacts on %s', (dialect) => {
  let platform: TestPlatform;
  let cli: ServiceContext;
  let own: Structure;
  let other: Structure;
  const as = (actor: Actor) => contextFor(platform, actor);

  beforeAll(async () => {
    platform = await createTestPlatform(dialect);
    cli = contextFor(platform, systemActor('cli'));
    own = await createStructure(cli, structureDraft({ name: 'CH Propre' }));
    other = await createStructure(cli, structureDraft({ name: 'CH Autre' }));
  });
  afterAll(() => platform.close());

  it('creates a contact with a normalised phone and every alert kind by default', async () => {
    const c = await createContact(as(userActor('analyst')), own.id, officer);
    expect(c).toMatchObject({
      structureId: own.id,
      phone: '+33600000101',
      alertKinds: ['vulnerability', 'compromise', 'exposure', 'bulletin', 'incident', 'audit'],
    });
    const entry = await platform.db
      .selectFrom('audit_log')
      .selectAll()
      .where('object_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(entry.action).toBe('registry.create-contact');
    expect((JSON.parse(entry.details) as { changes: unknown[] }).changes).toContainEqual({
      field: 'phone',
      from: null,
      to: '+33600000101',
    });
    const dup = await failure(
      createContact(cli, own.id, { ...officer, email: 'CAMILLE.MORVAN@ch-test.test' }),
    );
    expect(dup.code).toBe('REGISTRY_CONTACT_TAKEN');
    expect(dup.details[0]?.field).toBe('email');
  });

  it('validates contacts field by field', async () => {
    const error = await failure(
      createContact(cli, own.id, {
        role: 'boss',
        lastName: '',
        firstName: '@SUM(A1)',
        email: 'nope',
        phone: '12',
        alertKinds: ['vulnerability', 'weather'],
      }),
    );
    expect(error.details.map((d) => d.field)).toEqual([
      'role',
      'lastName',
      'firstName',
      'email',
      'phone',
      'alertKinds',
    ]);
  });

  it('lets a beneficiary manage its own structures’ contacts only', async () => {
    const beneficiary = as(userActor('beneficiary', [own.id]));
    const mine = await createContact(beneficiary, own.id, {
      ...officer,
      role: 'deputy',
      email: 'adjoint@ch-test.test',
      alertKinds: ['incident'],
    });
    const edited = await editContact(beneficiary, mine.id, {
      phone: '+33 7 00 00 00 02',
      alertKinds: ['audit', 'incident'],
    });
    expect(edited).toMatchObject({ phone: '+33700000002', alertKinds: ['incident', 'audit'] });
    const theirs = await createContact(cli, other.id, { ...officer, email: 'rssi@ch-autre.test' });
    expect((await failure(createContact(beneficiary, other.id, officer))).status).toBe(404);
    expect((await failure(getContact(beneficiary, theirs.id))).status).toBe(404);
    expect((await failure(editContact(beneficiary, theirs.id, { lastName: 'X' }))).status).toBe(404);
    expect((await failure(archiveContact(beneficiary, theirs.id))).status).toBe(404);
    const listed = await searchContacts(beneficiary, {});
    expect(listed.items.every((c) => c.structureId === own.id)).toBe(true);
    expect(listed.total).toBe(2);
    expect((await searchContacts(cli, { q: 'ADJOINT' })).items.map((c) => c.id)).toEqual([mine.id]);
    expect((await searchContacts(cli, { structureId: other.id })).total).toBe(1);
  });

  it('keeps contacts away from authorities and anonymous callers', async () => {
    const c = await createContact(cli, other.id, {
      ...officer,
      email: 'dsi@ch-autre.test',
      role: 'it-director',
    });
    expect((await failure(getContact(as(userActor('authority')), c.id))).status).toBe(403);
    expect((await failure(searchContacts(as(userActor('authority')), {}))).status).toBe(403);
    expect((await failure(getContact(as({ kind: 'anonymous' }), c.id))).status).toBe(401);
    expect((await getContact(as(userActor('auditor')), c.id)).email).toBe('dsi@ch-autre.test');
    expect((await failure(editContact(as(userActor('auditor')), c.id, { lastName: 'X' }))).status).toBe(403);
  });

  it('lists alert recipients by kind and drops archived contacts', async () => {
    const s = await createStructure(cli, structureDraft());
    const a = await createContact(cli, s.id, {
      ...officer,
      email: 'a@x.test',
      alertKinds: ['vulnerability'],
    });
    await createContact(cli, s.id, { ...officer, email: 'b@x.test', alertKinds: ['bulletin'] });
    expect((await listAlertRecipients(platform.db, s.id, 'vulnerability')).map((c) => c.email)).toEqual([
      'a@x.test',
    ]);
    await archiveContact(cli, a.id);
    expect(await listAlertRecipients(platform.db, s.id, 'vulnerability')).toEqual([]);
    await archiveStructure(cli, s.id);
    expect((await failure(createContact(cli, s.id, { ...officer, email: 'c@x.test' }))).code).toBe(
      'REGISTRY_ARCHIVED',
    );
  });
});
