import { hasRole, type Actor } from '../../platform/auth/actor.js';
import type { ScanReadScope } from './scan.repository.js';

/*
 * Who may do what with scans (pure; services enforce it).
 *
 * | role        | launch, resume, cancel | read scans and hosts            |
 * | ----------- | ---------------------- | ------------------------------- |
 * | admin       | yes                    | all                             |
 * | analyst     | yes                    | all                             |
 * | auditor     | yes                    | all                             |
 * | beneficiary | no                     | those of its own structures     |
 * | authority   | no                     | none (for now)                  |
 *
 * Findings follow the same reading rule (a finding belongs to the structure owning its host or
 * domain); only CERT staff change their status (acknowledge, resolve, false positive, accepted risk).
 * | anonymous   | no                     | none                            |
 *
 * The system actor (CLI, jobs) counts as admin. A beneficiary is never told that a scan or host
 * outside its structures exists: services answer "not found".
 */

/** CERT staff launch scans (and resume or cancel them). */
export function canLaunchScan(actor: Actor): boolean {
  return hasRole(actor, 'admin', 'analyst', 'auditor');
}

/** Scans and hosts the actor may read. */
export function scanReadScope(actor: Actor): ScanReadScope {
  if (hasRole(actor, 'admin', 'analyst', 'auditor')) return { kind: 'all' };
  if (actor.kind === 'user' && actor.role === 'beneficiary')
    return { kind: 'only', structureIds: actor.structureIds };
  return { kind: 'only', structureIds: [] };
}

/** True when the actor may list scans at all (an empty list for a beneficiary without structures). */
export function canListScans(actor: Actor): boolean {
  return hasRole(actor, 'admin', 'analyst', 'auditor', 'beneficiary');
}

/** True when the actor may read a scan or host belonging to `structureId` (null: no structure). */
export function canReadScanOf(actor: Actor, structureId: string | null): boolean {
  const scope = scanReadScope(actor);
  if (scope.kind === 'all') return true;
  return structureId !== null && scope.structureIds.includes(structureId);
}

/** CERT staff triage findings (status changes). */
export function canTriageFindings(actor: Actor): boolean {
  return hasRole(actor, 'admin', 'analyst', 'auditor');
}
