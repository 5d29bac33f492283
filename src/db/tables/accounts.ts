/** Tables of the `accounts` and `audit-log` modules. */

/** One person with a role; created by the CERT, never by sign-up. */
export interface UserTable {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  phone: string | null;
  role: 'admin' | 'analyst' | 'auditor' | 'beneficiary' | 'authority';
  password_hash: string | null;
  /** 1 when the password was set by someone else (one-time password) and must be changed. */
  password_expired: number;
  totp_secret: string | null;
  totp_enabled_at: string | null;
  /** Last TOTP time step accepted, so a code cannot be replayed within its window. */
  totp_last_step: number | null;
  /** Lower-cased, accent-free names and e-mail, for portable search. */
  search_text: string;
  status: 'active' | 'disabled';
  failed_logins: number;
  locked_until: string | null;
  lang: 'fr' | 'en';
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

/** Which structures a beneficiary acts for. */
export interface UserStructureTable {
  user_id: string;
  structure_id: string;
}

/** A login session; the id is the SHA-256 of the cookie token. */
export interface SessionTable {
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  second_factor_at: string | null;
  ip: string | null;
  user_agent: string | null;
}

/** A single-use password-reset link; the id is the SHA-256 of the token. */
export interface PasswordResetTable {
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** A token for automation; only its hash is stored, scoped to a role. */
export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  role: 'admin' | 'analyst' | 'auditor' | 'beneficiary' | 'authority';
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** One state change: who, what, on which object, when, from where. */
export interface AuditLogTable {
  id: string;
  at: string;
  actor_kind: 'user' | 'api-token' | 'system' | 'anonymous';
  actor_id: string | null;
  actor_label: string;
  action: string;
  object_type: string;
  object_id: string | null;
  ip: string | null;
  details: string;
}

/** Tables owned by accounts and audit-log. */
export interface AccountsTables {
  users: UserTable;
  user_structures: UserStructureTable;
  sessions: SessionTable;
  password_resets: PasswordResetTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditLogTable;
}
