import { CommonErrors, HygieError } from '../../lib/errors.js';
import type { Actor } from './actor.js';

/**
 * Enforces a policy decision: anonymous callers get "log in" (401), others "forbidden" (403).
 * Services call it first thing, with the answer of their `*.policy.ts`.
 */
export function authorize(actor: Actor, allowed: boolean): void {
  if (allowed) return;
  if (actor.kind === 'anonymous') throw new HygieError(CommonErrors.COMMON_UNAUTHENTICATED);
  throw new HygieError(CommonErrors.COMMON_FORBIDDEN);
}
