import type { HygieModule } from '../../platform/module.js';
import { registerFindingPages } from './finding.pages.js';
import { registerFindingRoutes } from './finding.routes.js';
import { registerHostPages } from './host.pages.js';
import { registerScanPages } from './scan.pages.js';
import { registerScannerCli } from './scanner.cli.js';
import { ScannerErrors } from './scanner.errors.js';
import { createRunScanJob } from './scanner.jobs.js';
import { registerScannerRoutes } from './scanner.routes.js';

// What other modules may use: use cases, the result document and its types, assets.
export { countFindingsToHandle, listFindings, getFinding } from './finding.service.js';
import { structureFindingLinks } from './finding.service.js';
export { getHost } from './host.service.js';
export {
  buildScanResult,
  cancelScan,
  getScan,
  getScanResult,
  getScanView,
  launchScan,
  listScans,
  resumeScan,
  runScan,
  RUN_SCAN_JOB,
  type ScanSummary,
  type ScanView,
} from './scan.service.js';
export type { ScanHooks } from './scan-execution.service.js';
export type { ScanRequest } from './scan-request.js';
export { createScanRuntime, type ScanRuntime } from './scan-runtime.js';
export { createRunScanJob } from './scanner.jobs.js';
export { ScannerErrors } from './scanner.errors.js';
export type {
  AssetHost,
  AssetHostDetails,
  AssetService,
  AssetTechnology,
  CertificateObservation,
  DomainObservation,
  HostObservation,
  RefusedTarget,
  ScanOptions,
  ScanResult,
  ScanRun,
  ScanStatus,
  ServiceObservation,
  TechnologyObservation,
} from './scanner.types.js';

/** The scanner module: what is exposed, and what it is. */
export const scannerModule: HygieModule = {
  name: 'scanner',
  routes: (app) => {
    registerScannerRoutes(app);
    registerFindingRoutes(app);
    registerScanPages(app);
    registerFindingPages(app);
    registerHostPages(app);
  },
  nav: [
    {
      href: '/scans',
      label: { fr: 'Scans', en: 'Scans' },
      audience: ['admin', 'analyst', 'auditor', 'beneficiary'],
      order: 30,
    },
    {
      href: '/findings',
      label: { fr: 'Constats', en: 'Findings' },
      audience: ['admin', 'analyst', 'auditor', 'beneficiary'],
      order: 31,
    },
  ],
  relatedLinks: structureFindingLinks,
  jobs: (platform) => [createRunScanJob(platform)],
  cli: registerScannerCli,
  errors: ScannerErrors,
};
