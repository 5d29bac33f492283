import type { Migration } from 'kysely';
import * as platform from './0001-platform.js';
import * as accounts from './0002-accounts.js';
import * as registry from './0003-registry.js';
import * as accountsTotpStepSearch from './0005-accounts-totp-step-search.js';
import * as scanner from './0006-scanner.js';
import * as vulnWatchKb from './0007-vuln-watch-kb.js';
import * as vulnWatchBulletins from './0008-vuln-watch-bulletins.js';
import * as vulnWatchSubscriptions from './0009-vuln-watch-subscriptions.js';
import * as scannerFindings from './0010-scanner-findings.js';

/**
 * Every migration, in order. Forward-only: never edit a migration that has shipped, add one.
 * Listed explicitly (no directory scan) so the compiled build and tests see the same set.
 */
export const migrations: Record<string, Migration> = {
  '0001-platform': platform,
  '0002-accounts': accounts,
  '0003-registry': registry,
  '0005-accounts-totp-step-search': accountsTotpStepSearch,
  '0006-scanner': scanner,
  '0007-vuln-watch-kb': vulnWatchKb,
  '0008-vuln-watch-bulletins': vulnWatchBulletins,
  '0009-vuln-watch-subscriptions': vulnWatchSubscriptions,
  '0010-scanner-findings': scannerFindings,
};
