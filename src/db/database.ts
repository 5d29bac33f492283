import type { AccountsTables } from './tables/accounts.js';
import type { PlatformTables } from './tables/platform.js';
import type { RegistryTables } from './tables/registry.js';
import type { ScannerTables } from './tables/scanner.js';
import type { VulnWatchBulletinTables } from './tables/vuln-watch-bulletins.js';
import type { VulnWatchKbTables } from './tables/vuln-watch-kb.js';
import type { VulnWatchSubscriptionTables } from './tables/vuln-watch-subscriptions.js';

/** Every table Hygie stores, one interface per owning module (see `tables/`). */
export interface Database extends PlatformTables, AccountsTables, RegistryTables, ScannerTables, VulnWatchKbTables, VulnWatchBulletinTables, VulnWatchSubscriptionTables {}

export type { Kysely, Transaction } from 'kysely';
