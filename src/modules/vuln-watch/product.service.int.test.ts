import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/ids.js';
import { systemActor, type Actor, type Role } from '../../platform/auth/actor.js';
import { contextFor, type ServiceContext } from '../../platform/context.js';
import { testDialects } from '../../../test/support/test-db.js';
import { createTestPlatform, type TestPlatform } from '../../../test/support/test-platform.js';
import { cvesAffectingProduct, listDeployments } from './kb.js';
import { importCves } from './import.service.js';
import {
  addProduct,
  declareDeployment,
  editProduct,
  listCatalogue,
  listStructureDeployments,
  removeDeployment,
} from './product.service.js';
import { FIXTURES } from './sources/fixtures.js';

/** A structure row, inserted directly (the registry's services are another module's internals). */
async function structure(platform: TestPlatform, name: string): Promise<string> {
  const id = newId();
  const at = platform.clock.now().toISOString();
  await platform.db
    .insertInto('structures')
    .values({
      id,
      name,
      finess: null,
      siret: null,
      kind: 'health-establishment',
      legal_status: 'public',
      region: 'BRE',
      address: null,
      postal_code: null,
      city: null,
      is_oiv: 0,
      is_ose: 0,
      group_id: null,
      search_text: name.toLowerCase(),
      archived_at: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}

describe.each(testDialects())('product catalogue and deployments on %s', (dialect) => {
  let platform: TestPlatform;
  let A: string;
  let B: string;
  const as = (actor: Actor): ServiceContext => contextFor(platform, actor, { lang: 'en' });
  const user = (role: Role, structureIds: string[] = []): Actor => ({
    kind: 'user',
    userId: `u-${role}`,
    role,
    structureIds,
    label: `${role}@test`,
  });

  beforeAll(async () => {
    platform = await createTestPlatform(dialect);
    A = await structure(platform, 'CH A');
    B = await structure(platform, 'CH B');
  });
  afterAll(() => platform.close());

  it('lets analysts curate the catalogue, with audit entries and clear errors', async () => {
    const analyst = as(user('analyst'));
    const fortios = await addProduct(analyst, {
      vendor: 'Fortinet',
      product: 'FortiOS',
      displayName: 'Fortinet FortiOS',
      category: 'firewall',
    });
    expect(fortios).toMatchObject({ vendor: 'fortinet', product: 'fortios', category: 'firewall' });
    await expect(addProduct(analyst, { vendor: 'fortinet', product: 'fortios' })).rejects.toMatchObject({
      code: 'VULNWATCH_PRODUCT_TAKEN',
    });
    await expect(addProduct(analyst, { vendor: 'forti net!', product: 'x' })).rejects.toMatchObject({
      code: 'VULNWATCH_PRODUCT_NAME_INVALID',
    });
    await expect(
      addProduct(analyst, { vendor: 'a', product: 'b', category: 'toaster' }),
    ).rejects.toMatchObject({ code: 'VULNWATCH_PRODUCT_CATEGORY_UNKNOWN' });
    await expect(
      addProduct(as(user('beneficiary', [A])), { vendor: 'a', product: 'b' }),
    ).rejects.toMatchObject({ code: 'COMMON_FORBIDDEN' });
    await expect(listCatalogue(as({ kind: 'anonymous' }))).rejects.toMatchObject({
      code: 'COMMON_UNAUTHENTICATED',
    });
    const edited = await editProduct(analyst, fortios.id, { displayName: 'FortiOS (FortiGate)' });
    expect(edited.displayName).toBe('FortiOS (FortiGate)');
    const audit = await platform.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('object_id', '=', fortios.id)
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['vuln-watch.add-product', 'vuln-watch.edit-product']);
    expect(await listCatalogue(as(user('authority')))).toHaveLength(1);
  });

  it('lets a structure declare what it runs, and only for itself', async () => {
    const [product] = await listCatalogue(as(user('analyst')));
    if (!product) throw new Error('catalogue');
    const ben = as(user('beneficiary', [A]));
    const d = await declareDeployment(ben, A, { productId: product.id, version: ' 7.0.13 ' });
    expect(d).toMatchObject({
      structureId: A,
      version: '7.0.13',
      declaredBy: 'structure',
      product: { vendor: 'fortinet' },
    });
    await declareDeployment(ben, A, { productId: product.id, version: '7.0.13' });
    expect(await listStructureDeployments(ben, A)).toHaveLength(1);
    await expect(declareDeployment(ben, B, { productId: product.id })).rejects.toMatchObject({
      code: 'COMMON_NOT_FOUND',
    });
    await expect(listStructureDeployments(ben, B)).rejects.toMatchObject({ code: 'COMMON_NOT_FOUND' });
    await expect(listStructureDeployments(as(user('authority')), A)).rejects.toMatchObject({
      code: 'COMMON_FORBIDDEN',
    });
    await expect(declareDeployment(as(user('auditor')), B, { productId: product.id })).rejects.toMatchObject({
      code: 'COMMON_FORBIDDEN',
    });
    const byAnalyst = await declareDeployment(as(user('analyst')), B, {
      productId: product.id,
      version: null,
    });
    expect(byAnalyst).toMatchObject({ declaredBy: 'analyst', version: null });
    expect(await listStructureDeployments(as(user('auditor')), B)).toHaveLength(1);
    expect((await listDeployments(platform.db)).map((x) => [x.structureId, x.version])).toEqual(
      expect.arrayContaining([
        [A, '7.0.13'],
        [B, null],
      ]),
    );
    expect(await listDeployments(platform.db, { structureIds: [A] })).toHaveLength(1);
    const audit = await platform.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'vuln-watch.declare-deployment')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('finds the CVEs that concern a deployed product version', async () => {
    await importCves(as(systemActor('cli')), [FIXTURES.nvdFkie]);
    const [product] = await listCatalogue(as(user('analyst')));
    if (!product) throw new Error('catalogue');
    expect((await cvesAffectingProduct(platform.db, product.id, '7.0.13')).map((m) => m.cve.id)).toEqual([
      'CVE-2024-21762',
    ]);
    expect(await cvesAffectingProduct(platform.db, product.id, '7.0.14')).toEqual([]);
    expect((await cvesAffectingProduct(platform.db, product.id)).map((m) => m.match.certainty)).toEqual([
      'version-not-checked',
    ]);
  });

  it('withdraws a declaration, once', async () => {
    const [product] = await listCatalogue(as(user('analyst')));
    if (!product) throw new Error('catalogue');
    const ben = as(user('beneficiary', [A]));
    expect(await removeDeployment(ben, A, product.id, '7.0.13')).toBe(1);
    await expect(removeDeployment(ben, A, product.id, '7.0.13')).rejects.toMatchObject({
      code: 'VULNWATCH_DEPLOYMENT_NOT_FOUND',
    });
    await expect(removeDeployment(ben, B, product.id)).rejects.toMatchObject({ code: 'COMMON_NOT_FOUND' });
  });
});
