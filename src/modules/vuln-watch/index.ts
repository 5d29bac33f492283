import type { Command } from 'commander';
import type { Platform } from '../../platform/context.js';
import type { RouteRegistrar } from '../../platform/http/server.js';
import type { NavItem } from '../../platform/http/navigation.js';
import type { JobDefinition } from '../../platform/jobs/job-queue.js';
import type { HygieModule, OpenCliRuntime } from '../../platform/module.js';
import { registerCveRoutes } from './cve.routes.js';
import { registerProductPages } from './product.pages.js';
import { registerProductRoutes } from './product.routes.js';
import { registerCveCli } from './vuln-watch.cli.js';
import { VulnWatchKbErrors } from './vuln-watch.errors.js';
import { registerBulletinCli } from './bulletin.cli.js';
import { VulnWatchBulletinErrors } from './bulletin.errors.js';
import { createProposeBulletinsJob } from './bulletin.jobs.js';
import { registerBulletinPages } from './bulletin.pages.js';
import { registerBulletinRoutes } from './bulletin.routes.js';
import { registerIndicatorPages } from './indicators.pages.js';
import { registerNewsPages } from './news.pages.js';
import { registerNewsRoutes } from './news.routes.js';
import { registerPortalPages } from './portal.pages.js';
import { registerDigestCli } from './digest.cli.js';
import { createDigestJobs } from './digest.jobs.js';
import { VulnWatchSubscriptionErrors } from './subscription.errors.js';
import { registerSubscriptionPages } from './subscription.pages.js';
import { registerSubscriptionRoutes } from './subscription.routes.js';
import { registerUnsubscribePages } from './unsubscribe.pages.js';

// What other modules may use (proactive-watch matches detected products against CVEs).
export {
  getCve,
  findCves,
  matchCpe,
  cvesAffectingProduct,
  listCvesChangedSince,
  compareVersions,
  parseCpe,
  formatCpe,
  buildCpe,
} from './kb.js';
export type { CpeMatchResult, CveMatch, CpeName } from './kb.js';
// The scanner's tests load real records into the knowledge base its CVE check asks.
export { importCves } from './import.service.js';
export type * from './vuln-watch.types.js';

/*
 * The parts of the module, each contributing to these explicit lists. Every part appends its
 * own entries under its heading; nothing is discovered automatically.
 */

/** HTTP routes and pages. */
const routes: RouteRegistrar[] = [
  // ---- knowledge base: CVEs, CPE matching, product catalogue, deployments ----
  registerCveRoutes,
  registerProductRoutes,
  registerProductPages,
  // ---- bulletins, public portal, indicators, news: append here ----
  registerBulletinRoutes,
  registerBulletinPages,
  registerNewsRoutes,
  registerNewsPages,
  registerPortalPages,
  // The incidents module's statistics go here once it exists: (app) => registerIndicatorPages(app, { incidents }).
  (app) => registerIndicatorPages(app),
  // ---- subscriptions, digests: append here ----
  registerSubscriptionRoutes,
  registerSubscriptionPages,
  registerUnsubscribePages,
];

/** `hygie …` commands. */
const cli: ((program: Command, open: OpenCliRuntime) => void)[] = [
  // ---- knowledge base: `hygie cve …` ----
  (program, open) => registerCveCli(program, open),
  // ---- bulletins, portal: append here ----
  (program, open) => registerBulletinCli(program, open),
  // ---- subscriptions, digests: append here ----
  (program, open) => registerDigestCli(program, open),
];

/** Job definitions (`vuln-watch.propose-bulletins` belongs to the bulletins part). */
const jobs: ((platform: Platform) => JobDefinition[])[] = [
  // ---- knowledge base: none (imports run from the CLI) ----
  // ---- bulletins, portal: append here ----
  (platform) => [createProposeBulletinsJob(platform)],
  // ---- subscriptions, digests: append here ----
  createDigestJobs,
];

/** Header navigation. */
const nav: NavItem[] = [
  // ---- knowledge base ----
  {
    href: '/products',
    label: { fr: 'Produits', en: 'Products' },
    audience: ['admin', 'analyst', 'auditor', 'authority', 'beneficiary'],
    order: 40,
  },
  // ---- bulletins, portal: append here ----
  { href: '/bulletins', label: { fr: 'Veille', en: 'Watch' }, audience: 'public', order: 35 },
  { href: '/indicateurs', label: { fr: 'Indicateurs', en: 'Indicators' }, audience: 'public', order: 36 },
  {
    href: '/bulletins/a-valider',
    label: { fr: 'Bulletins à valider', en: 'Bulletins to review' },
    audience: ['admin', 'analyst'],
    order: 37,
  },
  // ---- subscriptions, digests: append here ----
  {
    href: '/espace/abonnements',
    label: { fr: 'Mes abonnements', en: 'My subscriptions' },
    audience: 'authenticated',
    order: 60,
  },
];

/** Error catalogues, one per part (codes VULNWATCH_…). */
const errors = {
  ...VulnWatchKbErrors,
  // ---- bulletins, portal: append here ----
  ...VulnWatchBulletinErrors,
  // ---- subscriptions, digests: append here ----
  ...VulnWatchSubscriptionErrors,
};

/** The vulnerability watch: CVE knowledge base, matching, catalogue, bulletins, portal, subscriptions. */
export const vulnWatchModule: HygieModule = {
  name: 'vuln-watch',
  routes: async (app) => {
    for (const register of routes) await register(app);
  },
  nav,
  jobs: (platform) => jobs.flatMap((make) => make(platform)),
  cli: (program, open) => {
    for (const register of cli) register(program, open);
  },
  errors,
};
