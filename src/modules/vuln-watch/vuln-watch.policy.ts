import { hasRole, type Actor } from '../../platform/auth/actor.js';

/*
 * Who may do what in the vulnerability watch (pure; services enforce it). Shared by every part
 * of the module (knowledge base, bulletins, portal, subscriptions): each part adds its rules here.
 *
 * Knowledge base (CVEs, CPE matching, product catalogue, deployments):
 *
 * | role        | read CVEs, match CPEs | import CVE data | product catalogue | deployments                       |
 * | ----------- | --------------------- | --------------- | ----------------- | --------------------------------- |
 * | admin       | yes                   | yes             | read, write       | read all, declare for any         |
 * | analyst     | yes                   | yes             | read, write       | read all, declare for any         |
 * | auditor     | yes                   | no              | read              | read all                          |
 * | authority   | yes                   | no              | read              | none                              |
 * | beneficiary | yes                   | no              | read              | read and declare its own only     |
 * | anonymous   | yes (public data)     | no              | none              | none                              |
 *
 * The system actor (CLI, jobs) counts as admin.
 */

/** CVE data (NVD, CVE records, KEV, EPSS) is public: everyone reads it, anonymous visitors included. */
export function canReadCves(_actor: Actor): boolean {
  return true;
}

/** Importing CVE data changes what every subscriber is told: CERT writers and the system only. */
export function canImportCves(actor: Actor): boolean {
  return hasRole(actor, 'admin', 'analyst');
}

/** Any logged-in user may read the product catalogue (it is what beneficiaries declare against). */
export function canReadProducts(actor: Actor): boolean {
  return actor.kind !== 'anonymous';
}

/** The product catalogue is curated by the CERT. */
export function canManageProducts(actor: Actor): boolean {
  return hasRole(actor, 'admin', 'analyst');
}

/** Deployments of a structure: CERT staff, and the structure's own users. */
export function canReadDeployments(actor: Actor, structureId: string): boolean {
  return hasRole(actor, 'admin', 'analyst', 'auditor') || isOwnStructure(actor, structureId);
}

/** A structure declares what it runs; CERT writers may declare for any structure. */
export function canDeclareDeployment(actor: Actor, structureId: string): boolean {
  return hasRole(actor, 'admin', 'analyst') || isOwnStructure(actor, structureId);
}

/** True for a beneficiary acting for this structure. */
export function isOwnStructure(actor: Actor, structureId: string): boolean {
  return actor.kind === 'user' && actor.role === 'beneficiary' && actor.structureIds.includes(structureId);
}

/*
 * Bulletins, public portal, indicators, news:
 *
 * | role        | published bulletins and news, CVE pages, feed, indicators | drafts, withdrawn, review queue | write, publish, withdraw |
 * | ----------- | ---------------------------------------------------------- | ------------------------------- | ------------------------ |
 * | admin       | yes                                                        | yes                             | yes                      |
 * | analyst     | yes                                                        | yes                             | yes                      |
 * | auditor     | yes                                                        | no (not found)                  | no                       |
 * | authority   | yes                                                        | no (not found)                  | no                       |
 * | beneficiary | yes                                                        | no (not found)                  | no                       |
 * | anonymous   | yes                                                        | no (not found)                  | no                       |
 *
 * The system actor (the proposal job, the CLI) counts as admin. An unpublished bulletin or news
 * item answers "not found" to those who may not read it, so that its existence does not leak.
 */

/** Bulletins, news items, the Atom feed and the indicators are the public face of the CERT. */
export function canReadPublishedBulletins(_actor: Actor): boolean {
  return true;
}

/** Drafts, withdrawn bulletins and the review queue: CERT writers only. */
export function canReadUnpublishedBulletins(actor: Actor): boolean {
  return hasRole(actor, 'admin', 'analyst');
}

/** Writing, publishing and withdrawing bulletins and news items: CERT writers only. */
export function canWriteBulletins(actor: Actor): boolean {
  return hasRole(actor, 'admin', 'analyst');
}

/** May this actor see a bulletin or news item in this status? */
export function canReadBulletin(actor: Actor, status: 'draft' | 'published' | 'withdrawn'): boolean {
  return status === 'published' ? canReadPublishedBulletins(actor) : canReadUnpublishedBulletins(actor);
}

/*
 * Subscriptions and digests (the private space):
 *
 * | role        | own subscriptions | tie one to a structure     | watch deployed products              | others' subscriptions |
 * | ----------- | ----------------- | -------------------------- | ------------------------------------ | --------------------- |
 * | admin       | read, write       | any structure              | any structure, or the constituency   | none (not found)      |
 * | analyst     | read, write       | any structure              | any structure, or the constituency   | none (not found)      |
 * | auditor     | read, write       | any structure              | any structure, or the constituency   | none (not found)      |
 * | beneficiary | read, write       | its own structures only    | its own structures only              | none (not found)      |
 * | authority   | read, write       | none                       | no                                   | none (not found)      |
 * | anonymous   | none (log in)     | —                          | —                                    | unsubscribe link only |
 *
 * The unsubscribe link (signed token) turns one subscription off without logging in.
 */

/** Any logged-in person may keep subscriptions of their own (CVE data is public). */
export function canHaveSubscriptions(actor: Actor): boolean {
  return actor.kind === 'user';
}

/** A subscription is its owner's only: nobody else reads or changes it. */
export function canManageSubscription(actor: Actor, ownerId: string): boolean {
  return actor.kind === 'user' && actor.userId === ownerId;
}

/** Which structure a subscription may be tied to: CERT staff any, a beneficiary its own. */
export function canSubscribeForStructure(actor: Actor, structureId: string): boolean {
  if (actor.kind !== 'user') return false;
  return hasRole(actor, 'admin', 'analyst', 'auditor') || isOwnStructure(actor, structureId);
}

/** Watching deployed products reveals what a structure runs: its users and CERT staff only. */
export function canWatchDeployments(actor: Actor): boolean {
  if (actor.kind !== 'user') return false;
  return (
    hasRole(actor, 'admin', 'analyst', 'auditor') ||
    (actor.role === 'beneficiary' && actor.structureIds.length > 0)
  );
}
