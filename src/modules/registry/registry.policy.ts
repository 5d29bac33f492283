import { hasRole, type Actor } from '../../platform/auth/actor.js';
import type { StructureScope } from './registry.types.js';

/*
 * Who may do what in the registry (pure; services enforce it).
 *
 * | role        | structures, groups | contacts             | domains, networks | write                          |
 * | ----------- | ------------------ | -------------------- | ----------------- | ------------------------------ |
 * | admin       | all                | all                  | all               | everything, CSV import         |
 * | analyst     | all                | all                  | all               | everything, CSV import         |
 * | auditor     | all                | all                  | all               | nothing                        |
 * | authority   | all                | none                 | none              | nothing                        |
 * | beneficiary | its own structures | its own structures'  | its own           | its own structures' contacts   |
 * | anonymous   | none               | none                 | none              | nothing                        |
 *
 * The system actor (CLI, jobs) counts as admin. A beneficiary is never told that a structure
 * outside its list exists: services answer "not found" rather than "forbidden".
 */

/** Structures the actor may read: everyone for CERT staff and authorities, its own for a beneficiary. */
export function structureScope(actor: Actor): StructureScope {
  if (actor.kind === 'anonymous') return { kind: 'only', ids: [] };
  if (actor.kind === 'system' || actor.role !== 'beneficiary') return { kind: 'all' };
  return { kind: 'only', ids: actor.structureIds };
}

/** True when the scope contains the structure. */
export function scopeIncludes(scope: StructureScope, structureId: string): boolean {
  return scope.kind === 'all' || scope.ids.includes(structureId);
}

/** Any logged-in user may list structures (a beneficiary sees only its own). */
export function canListStructures(actor: Actor): boolean {
  return actor.kind !== 'anonymous';
}

/** True when the actor may read this structure's record. */
export function canReadStructure(actor: Actor, structureId: string): boolean {
  return canListStructures(actor) && scopeIncludes(structureScope(actor), structureId);
}

/** CERT operators and analysts register and edit structures, groups, domains and networks. */
export function canWriteRegistry(actor: Actor): boolean {
  return hasRole(actor, 'admin', 'analyst');
}

/** Groups (GHT) are read by CERT staff and authorities, not by beneficiaries. */
export function canReadGroups(actor: Actor): boolean {
  return hasRole(actor, 'admin', 'analyst', 'auditor', 'authority');
}

/** Contacts (names, e-mails, phones) of a structure: CERT staff, and the structure's own users. */
export function canReadContacts(actor: Actor, structureId: string): boolean {
  if (hasRole(actor, 'admin', 'analyst', 'auditor')) return true;
  return isOwnStructure(actor, structureId);
}

/** A beneficiary keeps its own structures' contact list up to date; CERT writers edit all. */
export function canWriteContacts(actor: Actor, structureId: string): boolean {
  return canWriteRegistry(actor) || isOwnStructure(actor, structureId);
}

/** Domains and networks of a structure: CERT staff, and the structure's own users. */
export function canReadAssets(actor: Actor, structureId: string): boolean {
  return canReadContacts(actor, structureId);
}

/** Lists spanning every structure's contacts, domains or networks: roles that read them all, or a beneficiary (own only). */
export function canListAssets(actor: Actor): boolean {
  return hasRole(actor, 'admin', 'analyst', 'auditor', 'beneficiary');
}

/** Who may ask "which structure owns this address or domain" across the whole constituency. */
export function canLookupOwners(actor: Actor): boolean {
  return hasRole(actor, 'admin', 'analyst', 'auditor');
}

/** Bulk CSV import: CERT writers only. */
export function canImportRegistry(actor: Actor): boolean {
  return canWriteRegistry(actor);
}

function isOwnStructure(actor: Actor, structureId: string): boolean {
  return actor.kind === 'user' && actor.role === 'beneficiary' && actor.structureIds.includes(structureId);
}
