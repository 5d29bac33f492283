/** The SQL of the product catalogue and of deployments (products at structures). */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DeploymentTable, ProductTable } from '../../db/tables/vuln-watch-kb.js';
import type { Deployment, Product, ProductCategory } from './vuln-watch.types.js';

/** A deployment with its product. */
export type DeploymentWithProduct = Deployment & { readonly id: string; readonly product: Product };

function toProduct(row: Selectable<ProductTable>): Product {
  return {
    id: row.id,
    vendor: row.vendor,
    product: row.product,
    displayName: row.display_name,
    category: row.category as ProductCategory,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Stores a new product. */
export async function insertProduct(
  db: Kysely<Database>,
  product: Product,
  searchText: string,
): Promise<void> {
  await db
    .insertInto('products')
    .values({
      id: product.id,
      vendor: product.vendor,
      product: product.product,
      display_name: product.displayName,
      category: product.category,
      search_text: searchText,
      created_at: product.createdAt,
      updated_at: product.updatedAt,
    })
    .execute();
}

/** Replaces a product's editable fields. */
export async function updateProduct(
  db: Kysely<Database>,
  product: Product,
  searchText: string,
): Promise<void> {
  await db
    .updateTable('products')
    .set({
      vendor: product.vendor,
      product: product.product,
      display_name: product.displayName,
      category: product.category,
      search_text: searchText,
      updated_at: product.updatedAt,
    })
    .where('id', '=', product.id)
    .execute();
}

/** One product, or undefined. */
export async function findProduct(db: Kysely<Database>, id: string): Promise<Product | undefined> {
  const row = await db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toProduct(row) : undefined;
}

/** The product with these CPE names, or undefined. */
export async function findProductByNames(
  db: Kysely<Database>,
  vendor: string,
  product: string,
): Promise<Product | undefined> {
  const row = await db
    .selectFrom('products')
    .selectAll()
    .where('vendor', '=', vendor)
    .where('product', '=', product)
    .executeTakeFirst();
  return row ? toProduct(row) : undefined;
}

/** The whole catalogue, by display name. */
export async function listProducts(db: Kysely<Database>): Promise<Product[]> {
  const rows = await db.selectFrom('products').selectAll().orderBy('display_name').orderBy('id').execute();
  return rows.map(toProduct);
}

function toDeployment(
  row: Selectable<DeploymentTable> & {
    p_vendor: string;
    p_product: string;
    p_display_name: string;
    p_category: string;
    p_created_at: string;
    p_updated_at: string;
  },
): DeploymentWithProduct {
  return {
    id: row.id,
    structureId: row.structure_id,
    productId: row.product_id,
    version: row.version === '' ? null : row.version,
    declaredBy: row.declared_by as Deployment['declaredBy'],
    createdAt: row.created_at,
    product: {
      id: row.product_id,
      vendor: row.p_vendor,
      product: row.p_product,
      displayName: row.p_display_name,
      category: row.p_category as ProductCategory,
      createdAt: row.p_created_at,
      updatedAt: row.p_updated_at,
    },
  };
}

/** Deployments, optionally of some structures or of one product, by structure then product name. */
export async function listDeployments(
  db: Kysely<Database>,
  filter: { structureIds?: readonly string[]; productId?: string } = {},
): Promise<DeploymentWithProduct[]> {
  if (filter.structureIds && filter.structureIds.length === 0) return [];
  let query = db
    .selectFrom('deployments as d')
    .innerJoin('products as p', 'p.id', 'd.product_id')
    .selectAll('d')
    .select([
      'p.vendor as p_vendor',
      'p.product as p_product',
      'p.display_name as p_display_name',
      'p.category as p_category',
      'p.created_at as p_created_at',
      'p.updated_at as p_updated_at',
    ]);
  if (filter.structureIds) query = query.where('d.structure_id', 'in', [...filter.structureIds]);
  if (filter.productId) query = query.where('d.product_id', '=', filter.productId);
  const rows = await query.orderBy('d.structure_id').orderBy('p.display_name').orderBy('d.version').execute();
  return rows.map(toDeployment);
}

/** Stores a deployment; false when the same (structure, product, version) is already declared. */
export async function insertDeployment(
  db: Kysely<Database>,
  d: Deployment & { id: string },
  declaredByLabel: string,
): Promise<boolean> {
  const result = await db
    .insertInto('deployments')
    .values({
      id: d.id,
      structure_id: d.structureId,
      product_id: d.productId,
      version: d.version ?? '',
      declared_by: d.declaredBy,
      declared_by_label: declaredByLabel,
      created_at: d.createdAt,
    })
    .onConflict((oc) => oc.columns(['structure_id', 'product_id', 'version']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Removes a structure's deployments of a product (one version, or every version when null); returns how many. */
export async function deleteDeployments(
  db: Kysely<Database>,
  structureId: string,
  productId: string,
  version: string | null | undefined,
): Promise<number> {
  let query = db
    .deleteFrom('deployments')
    .where('structure_id', '=', structureId)
    .where('product_id', '=', productId);
  if (version !== undefined) query = query.where('version', '=', version ?? '');
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
