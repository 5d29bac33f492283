import type { Role } from '../../platform/auth/actor.js';
import type { Lang } from '../../platform/i18n/i18n.js';

export type { Role } from '../../platform/auth/actor.js';

/** Whether a user may log in at all. */
export type UserStatus = 'active' | 'disabled';

/** A person with a role, as pages and the API show it (no secret ever leaves the module). */
export interface User {
  readonly id: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly phone: string | null;
  readonly role: Role;
  readonly status: UserStatus;
  readonly lang: Lang;
  /** The password was set by someone else (one-time password): it must be changed at login. */
  readonly passwordExpired: boolean;
  readonly totpEnabled: boolean;
  /** Set while the account is locked out after too many failed logins. */
  readonly lockedUntil: string | null;
  /** Structures a beneficiary acts for; empty for other roles. */
  readonly structureIds: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly lastLoginAt: string | null;
}

/** A user with the stored credentials; only the services of this module see it. */
export interface UserRecord extends Omit<User, 'structureIds'> {
  readonly passwordHash: string | null;
  /** AES-256-GCM ciphertext of the base32 secret (see `totp.crypto.ts`); pending until enabled. */
  readonly totpSecret: string | null;
  readonly totpEnabledAt: string | null;
  readonly totpLastStep: number | null;
  readonly failedLogins: number;
}

/** What an administrator (or the CLI) gives to create an account. */
export interface CreateUserInput {
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly role: Role;
  readonly phone?: string | null;
  readonly structureIds?: readonly string[];
  readonly lang?: Lang;
}

/** What an administrator may change on an account. */
export interface UpdateUserInput {
  readonly firstName?: string;
  readonly lastName?: string;
  readonly phone?: string | null;
  readonly role?: Role;
  readonly structureIds?: readonly string[];
  readonly status?: UserStatus;
  readonly lang?: Lang;
}

/** What a user may change on their own profile. */
export interface UpdateProfileInput {
  readonly firstName?: string;
  readonly lastName?: string;
  readonly phone?: string | null;
  readonly lang?: Lang;
}

/** Filters of the user list. */
export interface UserFilter {
  readonly role?: Role;
  readonly status?: UserStatus;
  /** Words searched in e-mail, first and last name (accents and case ignored). */
  readonly q?: string;
  readonly page?: number;
  readonly pageSize?: number;
}

/** A login session; `id` is the SHA-256 of the cookie token, the token itself is never stored. */
export interface Session {
  readonly id: string;
  readonly userId: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  /** Absolute end of the session, whatever the activity. */
  readonly expiresAt: string;
  /** When the second factor (TOTP) was checked in this session; null before or without one. */
  readonly secondFactorAt: string | null;
  readonly ip: string | null;
  readonly userAgent: string | null;
}

/**
 * What a session still lacks before it is fully authenticated, in the order the steps come:
 * the TOTP code, a new password (after a one-time password), the TOTP enrolment (CERT roles).
 */
export type SessionState = 'complete' | 'second-factor' | 'password-change' | 'totp-enrolment';

/** A live session with its user and what it still lacks. */
export interface AuthenticatedSession {
  readonly session: Session;
  readonly user: User;
  readonly state: SessionState;
}

/** Client facts stored with a session, shown to the user in the list of their sessions. */
export interface ClientInfo {
  readonly ip: string | null;
  readonly userAgent: string | null;
}

/** The result of a login step: the (new) session cookie token and what is left to do. */
export interface LoginStep {
  readonly sessionToken: string;
  readonly state: SessionState;
  readonly userId: string;
}

/** An API token as listed; its secret is shown once at creation and never stored. */
export interface ApiToken {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly role: Role;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

/** What a user gives to create an API token. */
export interface CreateApiTokenInput {
  readonly name: string;
  /** Defaults to the user's role; only an administrator may pick another one. */
  readonly role?: Role;
  /** ISO date or date-time; null or absent for a token that does not expire. */
  readonly expiresAt?: string | null;
}

/** What a TOTP enrolment page shows: the secret for manual entry and the otpauth URI for the QR code. */
export interface TotpEnrolment {
  readonly secret: string;
  readonly uri: string;
}
