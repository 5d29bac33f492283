import type { Page } from '../../lib/pagination.js';
import type { ServiceContext } from '../../platform/context.js';
import {
  countDomains,
  findDomain,
  findDomainByName,
  insertDomains,
  listDomains,
  reviveDomain,
  updateDomain,
  updateDomainArchivedAt,
} from './domain.repository.js';
import { RegistryErrors } from './registry.errors.js';
import type { AssetFilter, Domain, DomainDraft, DomainId, DomainValues } from './registry.types.js';
import { validateDomain } from './registry.validation.js';
import { structureAttachments } from './structure-attachment.service.js';

function domainValues(d: Domain): DomainValues {
  return { name: d.name, ownership: d.ownership, notes: d.notes };
}

const domains = structureAttachments<DomainId, DomainValues, DomainDraft, 'name'>({
  objectType: 'domain',
  actions: {
    create: 'registry.create-domain',
    update: 'registry.update-domain',
    archive: 'registry.archive-domain',
  },
  label: { fr: 'Domaine', en: 'Domain' },
  key: 'name',
  taken: RegistryErrors.REGISTRY_DOMAIN_TAKEN,
  validate: validateDomain,
  valuesOf: domainValues,
  repo: {
    find: findDomain,
    findByKey: findDomainByName,
    insert: insertDomains,
    revive: reviveDomain,
    update: updateDomain,
    updateArchivedAt: updateDomainArchivedAt,
    list: listDomains,
    count: countDomains,
  },
});

/** Lists the domains the actor may read. */
export async function searchDomains(ctx: ServiceContext, filter: AssetFilter): Promise<Page<Domain>> {
  return domains.search(ctx, filter);
}

/** One domain. */
export async function getDomain(ctx: ServiceContext, id: string): Promise<Domain> {
  return domains.get(ctx, id);
}

/**
 * Registers a domain for a structure (CERT writers). A name held by an active record is refused;
 * an archived record of the same name is given to the structure again.
 */
export async function createDomain(
  ctx: ServiceContext,
  structureId: string,
  draft: DomainDraft,
): Promise<Domain> {
  return domains.create(ctx, structureId, draft);
}

/** Changes a domain (name, ownership proof, notes). */
export async function editDomain(ctx: ServiceContext, id: string, patch: DomainDraft): Promise<Domain> {
  return domains.edit(ctx, id, patch);
}

/** Archives a domain: it leaves the structure's perimeter and the owner lookup. */
export async function archiveDomain(ctx: ServiceContext, id: string): Promise<Domain> {
  return domains.archive(ctx, id);
}
