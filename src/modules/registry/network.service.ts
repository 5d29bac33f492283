import type { Page } from '../../lib/pagination.js';
import type { ServiceContext } from '../../platform/context.js';
import {
  countNetworks,
  findNetwork,
  findNetworkByCidr,
  insertNetworks,
  listNetworks,
  reviveNetwork,
  updateNetwork,
  updateNetworkArchivedAt,
} from './network.repository.js';
import { RegistryErrors } from './registry.errors.js';
import type { AssetFilter, Network, NetworkDraft, NetworkId, NetworkValues } from './registry.types.js';
import { validateNetwork } from './registry.validation.js';
import { structureAttachments } from './structure-attachment.service.js';

function networkValues(n: Network): NetworkValues {
  return { cidr: n.cidr, family: n.family, asn: n.asn, description: n.description };
}

const networks = structureAttachments<NetworkId, NetworkValues, NetworkDraft, 'cidr'>({
  objectType: 'network',
  actions: {
    create: 'registry.create-network',
    update: 'registry.update-network',
    archive: 'registry.archive-network',
  },
  label: { fr: 'Réseau', en: 'Network' },
  key: 'cidr',
  taken: RegistryErrors.REGISTRY_NETWORK_TAKEN,
  validate: validateNetwork,
  valuesOf: networkValues,
  repo: {
    find: findNetwork,
    findByKey: findNetworkByCidr,
    insert: insertNetworks,
    revive: reviveNetwork,
    update: updateNetwork,
    updateArchivedAt: updateNetworkArchivedAt,
    list: listNetworks,
    count: countNetworks,
  },
});

/** Lists the networks the actor may read. */
export async function searchNetworks(ctx: ServiceContext, filter: AssetFilter): Promise<Page<Network>> {
  return networks.search(ctx, filter);
}

/** One network. */
export async function getNetwork(ctx: ServiceContext, id: string): Promise<Network> {
  return networks.get(ctx, id);
}

/**
 * Registers a network (CIDR normalised to its network address) for a structure (CERT writers).
 * Nested blocks of different structures are allowed: the owner lookup picks the longest prefix.
 */
export async function createNetwork(
  ctx: ServiceContext,
  structureId: string,
  draft: NetworkDraft,
): Promise<Network> {
  return networks.create(ctx, structureId, draft);
}

/** Changes a network (block, ASN, description). */
export async function editNetwork(ctx: ServiceContext, id: string, patch: NetworkDraft): Promise<Network> {
  return networks.edit(ctx, id, patch);
}

/** Archives a network: it leaves the structure's perimeter and the owner lookup. */
export async function archiveNetwork(ctx: ServiceContext, id: string): Promise<Network> {
  return networks.archive(ctx, id);
}
