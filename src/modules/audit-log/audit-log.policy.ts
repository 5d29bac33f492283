import type { Actor } from '../../platform/auth/actor.js';
import { hasRole } from '../../platform/auth/actor.js';

/** Only administrators read the audit log: it names every user and every change. */
export function canReadAuditLog(actor: Actor): boolean {
  return hasRole(actor, 'admin');
}
