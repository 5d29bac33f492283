import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HygieError } from '../../lib/errors.js';
import { contextFor, type ServiceContext } from '../../platform/context.js';
import { systemActor } from '../../platform/auth/actor.js';
import { testDialects } from '../../../test/support/test-db.js';
import { createTestPlatform, type TestPlatform } from '../../../test/support/test-platform.js';
import { archiveDomain, createDomain, editDomain, searchDomains } from './domain.service.js';
import { structureDraft, userActor } from './fixtures/test-kit.js';
import { findOwnerOfDomain, findOwnerOfIp, lookupOwner } from './lookup.service.js';
import { archiveNetwork, createNetwork, editNetwork, getNetwork } from './network.service.js';
import { registryCounts } from './registry.service.js';
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

describe.each(testDialects())('registry domains, networks and lookups on %s', (dialect) => {
  let platform: TestPlatform;
  let cli: ServiceContext;
  let group: Structure;
  let member: Structure;
  let lab: Structure;

  beforeAll(async () => {
    platform = await createTestPlatform(dialect);
    cli = contextFor(platform, systemActor('cli'));
    group = await createStructure(cli, structureDraft({ name: 'CHU Support', kind: 'group-support' }));
    member = await createStructure(cli, structureDraft({ name: 'CH Membre' }));
    lab = await createStructure(cli, structureDraft({ name: 'CH Laboratoire' }));
  });
  afterAll(() => platform.close());

  it('normalises networks and refuses duplicates, too-wide blocks and bad ASNs', async () => {
    const n = await createNetwork(cli, group.id, {
      cidr: '127.100.7.9/16',
      asn: 'AS2200',
      description: 'Réseau du GHT',
    });
    expect(n).toMatchObject({ cidr: '127.100.0.0/16', family: 4, asn: 2200 });
    expect((await getNetwork(cli, n.id)).asn).toBe(2200);
    expect((await failure(createNetwork(cli, member.id, { cidr: '127.100.0.0/16' }))).code).toBe(
      'REGISTRY_NETWORK_TAKEN',
    );
    expect((await failure(createNetwork(cli, member.id, { cidr: '0.0.0.0/0' }))).code).toBe(
      'REGISTRY_CIDR_TOO_WIDE',
    );
    expect((await failure(createNetwork(cli, member.id, { cidr: '127.100.300.0/24' }))).code).toBe(
      'REGISTRY_CIDR_INVALID',
    );
    expect((await failure(createNetwork(cli, member.id, { cidr: '127.101.0.0/24', asn: 'AS-1' }))).code).toBe(
      'REGISTRY_ASN_INVALID',
    );
    const v6 = await createNetwork(cli, group.id, { cidr: '2001:DB8:0:0::/32' });
    expect(v6).toMatchObject({ cidr: '2001:db8::/32', family: 6 });
  });

  it('finds the owner of an IP by longest prefix, IPv4 and IPv6, ignoring archived records', async () => {
    const sub = await createNetwork(cli, member.id, { cidr: '127.100.5.0/24' });
    const host = await createNetwork(cli, lab.id, { cidr: '127.100.5.77' });
    await createNetwork(cli, member.id, { cidr: '2001:db8:42::/48' });

    expect(await findOwnerOfIp(platform.db, '127.100.9.1')).toMatchObject({
      structureId: group.id,
      network: { cidr: '127.100.0.0/16' },
    });
    expect(await findOwnerOfIp(platform.db, '127.100.5.1')).toEqual({
      structureId: member.id,
      network: { id: sub.id, cidr: '127.100.5.0/24' },
    });
    expect(await findOwnerOfIp(platform.db, '127.100.5.77')).toMatchObject({
      structureId: lab.id,
      network: { id: host.id, cidr: '127.100.5.77/32' },
    });
    expect(await findOwnerOfIp(platform.db, '::ffff:127.100.5.2')).toMatchObject({ structureId: member.id });
    expect(await findOwnerOfIp(platform.db, '2001:db8:42::1')).toMatchObject({
      structureId: member.id,
      network: { cidr: '2001:db8:42::/48' },
    });
    expect(await findOwnerOfIp(platform.db, '2001:DB8:43::1')).toMatchObject({
      structureId: group.id,
      network: { cidr: '2001:db8::/32' },
    });
    expect(await findOwnerOfIp(platform.db, '127.99.0.1')).toBeUndefined();

    await archiveNetwork(cli, host.id);
    expect(await findOwnerOfIp(platform.db, '127.100.5.77')).toMatchObject({ structureId: member.id });
    // Registering an archived block again gives it back.
    const again = await createNetwork(cli, lab.id, { cidr: '127.100.5.77/32', description: 'retour' });
    expect(again.id).toBe(host.id);
    expect(await findOwnerOfIp(platform.db, '127.100.5.77')).toMatchObject({ structureId: lab.id });

    await expect(findOwnerOfIp(platform.db, 'not-an-ip')).rejects.toMatchObject({
      code: 'REGISTRY_IP_INVALID',
    });
    const moved = await editNetwork(cli, sub.id, { cidr: '127.100.6.0/24' });
    expect(moved.cidr).toBe('127.100.6.0/24');
    expect(await findOwnerOfIp(platform.db, '127.100.6.3')).toMatchObject({ structureId: member.id });
  });

  it('finds the owner of a name by longest suffix, ignoring archived records', async () => {
    await createDomain(cli, group.id, { name: 'ght-test.test' });
    const sub = await createDomain(cli, member.id, { name: 'Membre.GHT-Test.test.', ownership: 'dns-txt' });
    expect(sub.name).toBe('membre.ght-test.test');
    expect((await failure(createDomain(cli, lab.id, { name: 'ght-test.test' }))).code).toBe(
      'REGISTRY_DOMAIN_TAKEN',
    );
    expect((await failure(createDomain(cli, lab.id, { name: 'https://x.test/' }))).code).toBe(
      'REGISTRY_DOMAIN_INVALID',
    );
    expect((await failure(createDomain(cli, lab.id, { name: 'x.test', ownership: 'trust-me' }))).code).toBe(
      'REGISTRY_OWNERSHIP_UNKNOWN',
    );

    expect(await findOwnerOfDomain(platform.db, 'www.ght-test.test')).toMatchObject({
      structureId: group.id,
      domain: { name: 'ght-test.test' },
    });
    expect(await findOwnerOfDomain(platform.db, 'PACS.membre.ght-test.test.')).toMatchObject({
      structureId: member.id,
      domain: { id: sub.id },
    });
    expect(await findOwnerOfDomain(platform.db, 'membre.ght-test.test')).toMatchObject({
      structureId: member.id,
    });
    expect(await findOwnerOfDomain(platform.db, 'other-ght-test.test')).toBeUndefined();

    await archiveDomain(cli, sub.id);
    expect(await findOwnerOfDomain(platform.db, 'pacs.membre.ght-test.test')).toMatchObject({
      structureId: group.id,
    });
    expect((await editDomain(cli, sub.id, { notes: 'Ancien domaine' })).notes).toBe('Ancien domaine');
    expect((await searchDomains(cli, { q: 'membre' })).total).toBe(0);
    expect((await searchDomains(cli, { q: 'membre', includeArchived: true })).total).toBe(1);
  });

  it('hides everything of an archived structure from lookups', async () => {
    const gone = await createStructure(cli, structureDraft({ name: 'CH Fermé' }));
    await createNetwork(cli, gone.id, { cidr: '127.102.0.0/24' });
    await createDomain(cli, gone.id, { name: 'ch-ferme.test' });
    expect(await findOwnerOfIp(platform.db, '127.102.0.1')).toMatchObject({ structureId: gone.id });
    await archiveStructure(cli, gone.id);
    expect(await findOwnerOfIp(platform.db, '127.102.0.1')).toBeUndefined();
    expect(await findOwnerOfDomain(platform.db, 'www.ch-ferme.test')).toBeUndefined();
  });

  it('answers lookups for CERT staff only and counts what each role sees', async () => {
    const answer = await lookupOwner(contextFor(platform, userActor('auditor')), '127.100.6.10');
    expect(answer).toMatchObject({
      kind: 'ip',
      match: { structure: { id: member.id, name: 'CH Membre' }, network: { cidr: '127.100.6.0/24' } },
    });
    expect((await lookupOwner(cli, 'unknown.example.test')).match).toBeNull();
    expect(
      (
        await failure(
          lookupOwner(contextFor(platform, userActor('beneficiary', [member.id])), '127.100.6.10'),
        )
      ).status,
    ).toBe(403);
    expect(
      (await failure(lookupOwner(contextFor(platform, userActor('authority')), 'ght-test.test'))).status,
    ).toBe(403);

    const mine = await registryCounts(contextFor(platform, userActor('beneficiary', [member.id])));
    expect(mine).toEqual({ structures: 1, groups: 0, domains: 0, networks: 2 });
    const beneficiaryDomains = await failure(
      createDomain(contextFor(platform, userActor('beneficiary', [member.id])), member.id, {
        name: 'mine.test',
      }),
    );
    expect(beneficiaryDomains.status).toBe(403);
    const all = await registryCounts(cli);
    expect(all.networks).toBeGreaterThanOrEqual(5);
  });
});
