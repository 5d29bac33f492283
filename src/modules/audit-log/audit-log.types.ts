/** One state change as recorded: who, what, on which object, when, from where. */
export interface AuditEntry {
  readonly id: string;
  readonly at: string;
  readonly actorKind: 'user' | 'api-token' | 'system' | 'anonymous';
  readonly actorId: string | null;
  readonly actorLabel: string;
  readonly action: string;
  readonly objectType: string;
  readonly objectId: string | null;
  readonly ip: string | null;
  readonly details: Record<string, unknown>;
}

/** What a service records; the actor, time and address come from the context. */
export interface AuditEvent {
  /** `<module>.<verb>`, e.g. `registry.create-structure`. */
  readonly action: string;
  readonly objectType: string;
  readonly objectId: string | null;
  /** Changed fields and other facts; never secrets. */
  readonly details?: Record<string, unknown>;
}

/** Filters of the audit-log list. */
export interface AuditFilter {
  readonly action?: string;
  readonly actor?: string;
  readonly objectType?: string;
  readonly objectId?: string;
  readonly from?: string;
  readonly to?: string;
  readonly page?: number;
  readonly pageSize?: number;
}

/** One page of results. */
export interface AuditPage {
  readonly entries: AuditEntry[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}
