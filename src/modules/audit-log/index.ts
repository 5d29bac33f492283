import type { HygieModule } from '../../platform/module.js';
import { registerAuditLogCli } from './audit-log.cli.js';
import { registerAuditLogPages } from './audit-log.pages.js';
import { registerAuditLogRoutes } from './audit-log.routes.js';

export { recordAudit, browseAuditLog } from './audit-log.service.js';
export type { AuditEntry, AuditEvent, AuditFilter } from './audit-log.types.js';

/** The audit-log module: every state change, readable by administrators. */
export const auditLogModule: HygieModule = {
  name: 'audit-log',
  routes: (app) => {
    registerAuditLogRoutes(app);
    registerAuditLogPages(app);
  },
  nav: [
    {
      href: '/admin/audit-log',
      label: { fr: "Journal d'audit", en: 'Audit log' },
      audience: ['admin'],
      order: 90,
    },
  ],
  cli: registerAuditLogCli,
};
