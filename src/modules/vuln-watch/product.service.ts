/**
 * The product catalogue (what the CERT watches: vendor/product as CPE names, display name,
 * category) and deployments (which structure runs which product, in which version), with
 * authorisation and audit entries.
 */
import { searchKey } from '../../db/portable.js';
import { CommonErrors, HygieError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { authorize } from '../../platform/auth/authorize.js';
import type { ServiceContext } from '../../platform/context.js';
import { recordAudit } from '../audit-log/index.js';
import { getStructure } from '../registry/index.js';
import {
  deleteDeployments,
  findProduct,
  findProductByNames,
  insertDeployment,
  insertProduct,
  listDeployments,
  listProducts,
  updateProduct,
  type DeploymentWithProduct,
} from './product.repository.js';
import { VulnWatchKbErrors } from './vuln-watch.errors.js';
import {
  canDeclareDeployment,
  canManageProducts,
  canReadDeployments,
  canReadProducts,
} from './vuln-watch.policy.js';
import type { Deployment, Product, ProductCategory } from './vuln-watch.types.js';

/** Every product category, in the order forms list them. */
export const PRODUCT_CATEGORIES: readonly ProductCategory[] = [
  'vpn',
  'firewall',
  'hypervisor',
  'mail',
  'web-server',
  'pacs-imaging',
  'ehr',
  'remote-access',
  'operating-system',
  'database',
  'network-device',
  'medical-device',
  'library',
  'other',
];

/** What an analyst gives to add a product (or changes of one). */
export interface ProductDraft {
  readonly vendor?: string;
  readonly product?: string;
  readonly displayName?: string;
  readonly category?: string;
}

const CPE_NAME = /^[a-z0-9][a-z0-9_.\-~]{0,99}$/;

function cpeName(value: string | undefined, field: string): string {
  const v = (value ?? '').trim().toLowerCase().replace(/\s+/g, '_');
  if (!CPE_NAME.test(v))
    throw new HygieError(VulnWatchKbErrors.VULNWATCH_PRODUCT_NAME_INVALID, { value: value ?? '' }, [
      { field, message: `"${value ?? ''}"` },
    ]);
  return v;
}

function category(value: string | undefined): ProductCategory {
  const v = (value ?? 'other') as ProductCategory;
  if (!PRODUCT_CATEGORIES.includes(v)) {
    throw new HygieError(
      VulnWatchKbErrors.VULNWATCH_PRODUCT_CATEGORY_UNKNOWN,
      { value: String(value), allowed: PRODUCT_CATEGORIES.join(', ') },
      [{ field: 'category', message: String(value) }],
    );
  }
  return v;
}

function hasControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

function displayName(value: string | undefined, fallback: string): string {
  const v = (value ?? '').trim() || fallback;
  if (v.length > 200 || hasControlCharacters(v))
    throw new HygieError(CommonErrors.COMMON_VALIDATION, {}, [
      { field: 'displayName', message: '1 to 200 characters, no control characters' },
    ]);
  return v;
}

function productSearchText(p: Product): string {
  return searchKey(`${p.vendor} ${p.product} ${p.displayName}`);
}

async function requireProduct(ctx: ServiceContext, id: string): Promise<Product> {
  const product = await findProduct(ctx.db, id);
  if (!product) throw new HygieError(VulnWatchKbErrors.VULNWATCH_PRODUCT_NOT_FOUND);
  return product;
}

/** The catalogue (any logged-in user). */
export async function listCatalogue(ctx: ServiceContext): Promise<Product[]> {
  authorize(ctx.actor, canReadProducts(ctx.actor));
  return listProducts(ctx.db);
}

/** One product of the catalogue. */
export async function getCatalogueProduct(ctx: ServiceContext, id: string): Promise<Product> {
  authorize(ctx.actor, canReadProducts(ctx.actor));
  return requireProduct(ctx, id);
}

/** Adds a product to the catalogue (analysts); vendor:product must be new. */
export async function addProduct(ctx: ServiceContext, draft: ProductDraft): Promise<Product> {
  authorize(ctx.actor, canManageProducts(ctx.actor));
  const vendor = cpeName(draft.vendor, 'vendor');
  const name = cpeName(draft.product, 'product');
  const at = ctx.clock.now().toISOString();
  const product: Product = {
    id: newId(),
    vendor,
    product: name,
    displayName: displayName(draft.displayName, `${vendor} ${name}`),
    category: category(draft.category),
    createdAt: at,
    updatedAt: at,
  };
  return ctx.db.transaction().execute(async (trx) => {
    if (await findProductByNames(trx, vendor, name))
      throw new HygieError(VulnWatchKbErrors.VULNWATCH_PRODUCT_TAKEN, { vendor, product: name });
    await insertProduct(trx, product, productSearchText(product));
    await recordAudit(
      ctx,
      {
        action: 'vuln-watch.add-product',
        objectType: 'product',
        objectId: product.id,
        details: { vendor, product: name, displayName: product.displayName, category: product.category },
      },
      trx,
    );
    return product;
  });
}

/** Changes a product of the catalogue (analysts); fields left undefined keep their value. */
export async function editProduct(ctx: ServiceContext, id: string, patch: ProductDraft): Promise<Product> {
  authorize(ctx.actor, canManageProducts(ctx.actor));
  const current = await requireProduct(ctx, id);
  const next: Product = {
    ...current,
    vendor: patch.vendor !== undefined ? cpeName(patch.vendor, 'vendor') : current.vendor,
    product: patch.product !== undefined ? cpeName(patch.product, 'product') : current.product,
    displayName:
      patch.displayName !== undefined
        ? displayName(patch.displayName, current.displayName)
        : current.displayName,
    category: patch.category !== undefined ? category(patch.category) : current.category,
    updatedAt: ctx.clock.now().toISOString(),
  };
  const changes = (['vendor', 'product', 'displayName', 'category'] as const)
    .filter((f) => next[f] !== current[f])
    .map((f) => ({ field: f, from: current[f], to: next[f] }));
  if (changes.length === 0) return current;
  return ctx.db.transaction().execute(async (trx) => {
    const holder = await findProductByNames(trx, next.vendor, next.product);
    if (holder && holder.id !== id)
      throw new HygieError(VulnWatchKbErrors.VULNWATCH_PRODUCT_TAKEN, {
        vendor: next.vendor,
        product: next.product,
      });
    await updateProduct(trx, next, productSearchText(next));
    await recordAudit(
      ctx,
      { action: 'vuln-watch.edit-product', objectType: 'product', objectId: id, details: { changes } },
      trx,
    );
    return next;
  });
}

/** The products a structure declared (CERT staff, or the structure's own users; others: not found). */
export async function listStructureDeployments(
  ctx: ServiceContext,
  structureId: string,
): Promise<DeploymentWithProduct[]> {
  const structure = await getStructure(ctx, structureId);
  authorize(ctx.actor, canReadDeployments(ctx.actor, structure.id));
  return listDeployments(ctx.db, { structureIds: [structure.id] });
}

function cleanVersion(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const v = value.trim();
  if (v.length > 100 || hasControlCharacters(v))
    throw new HygieError(VulnWatchKbErrors.VULNWATCH_VERSION_INVALID, { value: v.slice(0, 40) }, [
      { field: 'version', message: v.slice(0, 40) },
    ]);
  return v === '' ? null : v;
}

/** Declares that a structure runs a product (in a version, when known); declaring it twice is harmless. */
export async function declareDeployment(
  ctx: ServiceContext,
  structureId: string,
  input: { productId: string; version?: string | null },
): Promise<DeploymentWithProduct> {
  const structure = await getStructure(ctx, structureId);
  authorize(ctx.actor, canDeclareDeployment(ctx.actor, structure.id));
  const product = await requireProduct(ctx, input.productId);
  const version = cleanVersion(input.version);
  const declaredBy: Deployment['declaredBy'] =
    ctx.actor.kind === 'user' && ctx.actor.role === 'beneficiary' ? 'structure' : 'analyst';
  const deployment = {
    id: newId(),
    structureId: structure.id,
    productId: product.id,
    version,
    declaredBy,
    createdAt: ctx.clock.now().toISOString(),
  };
  return ctx.db.transaction().execute(async (trx) => {
    const label = ctx.actor.kind === 'anonymous' ? 'anonymous' : ctx.actor.label;
    if (await insertDeployment(trx, deployment, label)) {
      await recordAudit(
        ctx,
        {
          action: 'vuln-watch.declare-deployment',
          objectType: 'structure',
          objectId: structure.id,
          details: {
            productId: product.id,
            product: `${product.vendor}:${product.product}`,
            version,
            declaredBy,
          },
        },
        trx,
      );
    }
    const all = await listDeployments(trx, { structureIds: [structure.id], productId: product.id });
    return all.find((d) => d.version === version) ?? { ...deployment, product };
  });
}

/** Withdraws a structure's deployment of a product (one version, or all when `version` is undefined). */
export async function removeDeployment(
  ctx: ServiceContext,
  structureId: string,
  productId: string,
  version?: string | null,
): Promise<number> {
  const structure = await getStructure(ctx, structureId);
  authorize(ctx.actor, canDeclareDeployment(ctx.actor, structure.id));
  const v = version === undefined ? undefined : cleanVersion(version);
  return ctx.db.transaction().execute(async (trx) => {
    const removed = await deleteDeployments(trx, structure.id, productId, v);
    if (removed === 0) throw new HygieError(VulnWatchKbErrors.VULNWATCH_DEPLOYMENT_NOT_FOUND);
    await recordAudit(
      ctx,
      {
        action: 'vuln-watch.remove-deployment',
        objectType: 'structure',
        objectId: structure.id,
        details: { productId, version: v ?? null, removed },
      },
      trx,
    );
    return removed;
  });
}
