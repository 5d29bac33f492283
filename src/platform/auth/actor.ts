/** Who is acting. Services decide authorisation from this, never from the route. */
export type Role = 'admin' | 'analyst' | 'auditor' | 'beneficiary' | 'authority';

/** Every role, in the order pages list them. */
export const ROLES: readonly Role[] = ['admin', 'analyst', 'auditor', 'beneficiary', 'authority'];

/** Roles of CERT staff: a second factor is mandatory for them. */
export const CERT_ROLES: readonly Role[] = ['admin', 'analyst', 'auditor'];

/** A logged-in person (through a session) or an automation (through an API token). */
export interface UserActor {
  readonly kind: 'user';
  readonly userId: string;
  readonly role: Role;
  /** Structures a beneficiary acts for; empty for other roles. */
  readonly structureIds: readonly string[];
  readonly label: string;
  readonly apiTokenId?: string;
}

/** The platform itself: CLI commands run by the operator on the server, scheduled jobs. */
export interface SystemActor {
  readonly kind: 'system';
  readonly label: string;
}

/** Nobody logged in: public pages only. */
export interface AnonymousActor {
  readonly kind: 'anonymous';
}

/** The acting party of a use case. */
export type Actor = UserActor | SystemActor | AnonymousActor;

/** The anonymous actor. */
export const anonymousActor: AnonymousActor = { kind: 'anonymous' };

/** A system actor for the CLI or a job. */
export function systemActor(label: string): SystemActor {
  return { kind: 'system', label };
}

/** True when the actor is a user with one of the roles. System actors count as admin. */
export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  if (actor.kind === 'system') return true;
  return actor.kind === 'user' && roles.includes(actor.role);
}

/** A one-word label for audit entries and logs. */
export function actorLabel(actor: Actor): string {
  return actor.kind === 'anonymous' ? 'anonymous' : actor.label;
}
