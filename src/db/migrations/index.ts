import type { Migration } from 'kysely';
import * as platform from './0001-platform.js';
import * as accounts from './0002-accounts.js';
import * as registry from './0003-registry.js';
import * as accountsTotpStepSearch from './0005-accounts-totp-step-search.js';

/**
 * Every migration, in order. Forward-only: never edit a migration that has shipped, add one.
 * Listed explicitly (no directory scan) so the compiled build and tests see the same set.
 */
export const migrations: Record<string, Migration> = {
  '0001-platform': platform,
  '0002-accounts': accounts,
  '0003-registry': registry,
  '0005-accounts-totp-step-search': accountsTotpStepSearch,
};
