import type { HygieModule } from '../../platform/module.js';
import { registerContactRoutes } from './contact.routes.js';
import { registerCsvImportPages } from './csv-import.pages.js';
import { registerCsvImportRoutes } from './csv-import.routes.js';
import { registerDomainRoutes } from './domain.routes.js';
import { registerGroupFormPages } from './group-form.pages.js';
import { registerGroupPages } from './group.pages.js';
import { registerGroupRoutes } from './group.routes.js';
import { registerLookupRoutes } from './lookup.routes.js';
import { registerNetworkRoutes } from './network.routes.js';
import { registerRegistryCli } from './registry.cli.js';
import { RegistryErrors } from './registry.errors.js';
import { registerStructureAssetPages } from './structure-assets.pages.js';
import { registerStructureFormPages } from './structure-form.pages.js';
import { registerStructurePages } from './structure.pages.js';
import { registerStructureRoutes } from './structure.routes.js';

// What other modules may use. Lookups and recipients take `db` (trusted callers: jobs, scanner);
// everything else takes a ServiceContext and applies the registry policy.
export { findOwnerOfDomain, findOwnerOfIp, lookupOwner, type LookupAnswer } from './lookup.service.js';
export { getStructureSummaries, registryCounts } from './registry.service.js';
export {
  getStructure,
  getStructureByReference,
  getStructureDetails,
  searchStructures,
} from './structure.service.js';
export { listAlertRecipients, searchContacts } from './contact.service.js';
export { searchDomains } from './domain.service.js';
export { searchNetworks } from './network.service.js';
export { getGroup, searchGroups } from './group.service.js';
export { importRegistryCsv, type ImportReport } from './csv-import.service.js';
export { seedDemoConstituency, type DemoConstituency } from './registry.demo.js';
export { REGIONS, regionName, parseRegion, type Region } from './region.catalogue.js';
export { structureScope, canReadStructure } from './registry.policy.js';
export { RegistryErrors } from './registry.errors.js';
export type {
  AlertKind,
  Contact,
  ContactId,
  Domain,
  DomainId,
  DomainOwner,
  Group,
  GroupId,
  IpOwner,
  Network,
  NetworkId,
  RegionCode,
  RegistryCounts,
  Structure,
  StructureDetails,
  StructureId,
  StructureKind,
  StructureScope,
  StructureSummary,
} from './registry.types.js';

/** The registry module: the constituency every other service hangs on. */
export const registryModule: HygieModule = {
  name: 'registry',
  routes: async (app) => {
    registerStructureRoutes(app);
    registerGroupRoutes(app);
    registerContactRoutes(app);
    registerDomainRoutes(app);
    registerNetworkRoutes(app);
    registerLookupRoutes(app);
    await registerCsvImportRoutes(app);
    registerCsvImportPages(app);
    registerStructureFormPages(app);
    registerStructureAssetPages(app);
    registerStructurePages(app);
    registerGroupFormPages(app);
    registerGroupPages(app);
  },
  nav: [
    {
      href: '/structures',
      label: { fr: 'Structures', en: 'Structures' },
      audience: ['admin', 'analyst', 'auditor', 'authority', 'beneficiary'],
      order: 20,
    },
    {
      href: '/groups',
      label: { fr: 'GHT', en: 'GHT' },
      audience: ['admin', 'analyst', 'auditor', 'authority'],
      order: 21,
    },
  ],
  cli: (program, open) => registerRegistryCli(program, open),
  errors: RegistryErrors,
};
