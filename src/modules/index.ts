import type { HygieModule } from '../platform/module.js';
import { accountsModule } from './accounts/index.js';
import { auditLogModule } from './audit-log/index.js';
import { registryModule } from './registry/index.js';
import { vulnWatchModule } from './vuln-watch/index.js';
import { scannerModule } from './scanner/index.js';

/**
 * Every business module, explicitly. Order matters only for navigation ties and CLI help.
 * Adding a module: create `src/modules/<name>/index.ts` exporting a HygieModule, list it here.
 */
export const modules: readonly HygieModule[] = [accountsModule, auditLogModule, registryModule, scannerModule, vulnWatchModule];
