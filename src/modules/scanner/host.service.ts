/** Asset hosts (what scans found across runs): the host page and API. Authorisation as for scans. */
import { authorize } from '../../platform/auth/authorize.js';
import type { ServiceContext } from '../../platform/context.js';
import { findAssetHost, listAssetServices } from './asset.repository.js';
import { hostNotFound } from './scanner.errors.js';
import { canListScans, canReadScanOf } from './scanner.policy.js';
import type { AssetHostDetails } from './scanner.types.js';

/** One host with its services and technologies, first and last seen ("not found" outside the actor's structures). */
export async function getHost(ctx: ServiceContext, id: string): Promise<AssetHostDetails> {
  authorize(ctx.actor, canListScans(ctx.actor));
  const host = await findAssetHost(ctx.db, id);
  if (!host || !canReadScanOf(ctx.actor, host.structureId)) throw hostNotFound(ctx.lang);
  return { ...host, services: await listAssetServices(ctx.db, host.id) };
}
