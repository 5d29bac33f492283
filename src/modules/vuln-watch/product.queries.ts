/** Catalogue lookups for trusted callers (`db` first, no authorisation). */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { HygieError } from '../../lib/errors.js';
import { findProduct } from './product.repository.js';
import { VulnWatchKbErrors } from './vuln-watch.errors.js';
import type { Product } from './vuln-watch.types.js';

/** One product of the catalogue, or a VULNWATCH_PRODUCT_NOT_FOUND error. */
export async function getProduct(db: Kysely<Database>, id: string): Promise<Product> {
  const product = await findProduct(db, id);
  if (!product) throw new HygieError(VulnWatchKbErrors.VULNWATCH_PRODUCT_NOT_FOUND);
  return product;
}
