import type { AccountsTables } from './tables/accounts.js';
import type { PlatformTables } from './tables/platform.js';
import type { RegistryTables } from './tables/registry.js';

/** Every table Hygie stores, one interface per owning module (see `tables/`). */
export interface Database extends PlatformTables, AccountsTables, RegistryTables {}

export type { Kysely, Transaction } from 'kysely';
