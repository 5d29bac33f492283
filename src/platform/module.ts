import type { Command } from 'commander';
import type { ErrorDefinition } from '../lib/errors.js';
import type { Platform, ServiceContext } from './context.js';
import type { RouteRegistrar } from './http/server.js';
import type { NavItem } from './http/navigation.js';
import type { RelatedLinkProvider } from './http/related-links.js';
import type { JobDefinition } from './jobs/job-queue.js';

/** What a CLI command gets: the platform opened on demand, acting as the system operator. */
export interface CliRuntime {
  readonly platform: Platform;
  /** A context acting as the operator on the server (system actor, audit-logged as `cli`). */
  readonly ctx: ServiceContext;
  close(): Promise<void>;
}

/** Opens the platform for one CLI command (config, database, migrations). */
export type OpenCliRuntime = () => Promise<CliRuntime>;

/**
 * A business module as the apps see it. Each module's `index.ts` exports one of these; the
 * explicit list in `src/modules/index.ts` is the only registry.
 */
export interface HygieModule {
  readonly name: string;
  readonly routes?: RouteRegistrar;
  readonly nav?: readonly NavItem[];
  /** Links to this module's data about objects other modules show (a structure's findings …). */
  readonly relatedLinks?: RelatedLinkProvider;
  readonly jobs?: (platform: Platform) => JobDefinition[];
  /** Adds `hygie <module> …` commands. */
  readonly cli?: (program: Command, open: OpenCliRuntime) => void;
  /** The module's error catalogue, for documentation and the uniqueness test. */
  readonly errors?: Readonly<Record<string, ErrorDefinition>>;
}
