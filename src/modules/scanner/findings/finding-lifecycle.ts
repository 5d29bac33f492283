/**
 * The lifecycle of findings across scans, pure: what a new scan's findings do to the stored
 * statuses, and how two scans differ. Rules (docs/scanner.md, "Findings across scans"):
 *
 * - a finding seen for the first time is `open`; one marked `resolved` and seen again is reopened;
 * - a `false-positive` stays hidden while its evidence is the one the analyst judged; when the
 *   evidence changes it is reopened (the analyst judged something else);
 * - `acknowledged` and `accepted-risk` are analysts' decisions: a scan does not change them;
 * - a finding of the previous scan of the same scope that this scan no longer sees is `fixed`, and
 *   becomes `resolved` when it was `open` or `acknowledged` — only after a complete scan: a partial
 *   one may simply not have reached it.
 */
import type { FindingStatus } from './finding.types.js';

/** What the store knows of a finding before the scan. */
export interface KnownFinding {
  readonly id: string;
  readonly status: FindingStatus;
  /** Evidence hash when the status was set (false positive, accepted risk). */
  readonly statusEvidenceHash: string | null;
}

/** A finding of the new scan. */
export interface SeenFinding {
  readonly id: string;
  readonly evidenceHash: string;
}

/** A status change the scan makes. */
export interface StatusTransition {
  readonly id: string;
  readonly from: FindingStatus | null;
  readonly to: FindingStatus;
  readonly reason: 'first-seen' | 'seen-again' | 'evidence-changed' | 'not-seen';
}

/** What reconciling one scan decides. */
export interface Reconciliation {
  readonly transitions: readonly StatusTransition[];
  /** Findings of this scan hidden from its lists (false positives with unchanged evidence). */
  readonly hidden: ReadonlySet<string>;
}

/** Decides the status changes and hidden findings of a scan. */
export function reconcileFindings(input: {
  readonly seen: readonly SeenFinding[];
  readonly known: ReadonlyMap<string, KnownFinding>;
  /** Ids the previous scan of the same scope saw; null when there is none. */
  readonly previous: ReadonlySet<string> | null;
  /** The scan ended `completed` (nothing may be missing). */
  readonly complete: boolean;
}): Reconciliation {
  const transitions: StatusTransition[] = [];
  const hidden = new Set<string>();
  const seenIds = new Set<string>();
  for (const finding of input.seen) {
    seenIds.add(finding.id);
    const known = input.known.get(finding.id);
    if (!known) {
      transitions.push({ id: finding.id, from: null, to: 'open', reason: 'first-seen' });
    } else if (known.status === 'resolved') {
      transitions.push({ id: finding.id, from: 'resolved', to: 'open', reason: 'seen-again' });
    } else if (known.status === 'false-positive') {
      if (known.statusEvidenceHash === finding.evidenceHash) hidden.add(finding.id);
      else
        transitions.push({ id: finding.id, from: 'false-positive', to: 'open', reason: 'evidence-changed' });
    }
  }
  if (input.previous && input.complete) {
    for (const id of input.previous) {
      if (seenIds.has(id)) continue;
      const known = input.known.get(id);
      if (known && (known.status === 'open' || known.status === 'acknowledged'))
        transitions.push({ id, from: known.status, to: 'resolved', reason: 'not-seen' });
    }
  }
  return { transitions, hidden };
}

/** How a finding of a scan compares with the base scan. */
export type FindingChange = 'new' | 'still' | 'fixed';

/** A row of one scan for the diff: its id and whether it is hidden (false positive). */
export interface ScanFindingRef {
  readonly id: string;
  readonly hidden: boolean;
}

/**
 * New (only in `current`), still present (in both), fixed (only in `base`). Hidden findings stay out
 * on both sides: a false positive neither appears nor counts as fixed.
 */
export function diffFindings(
  base: readonly ScanFindingRef[],
  current: readonly ScanFindingRef[],
): Map<string, FindingChange> {
  const hiddenNow = new Set(current.filter((f) => f.hidden).map((f) => f.id));
  const before = new Set(base.filter((f) => !f.hidden && !hiddenNow.has(f.id)).map((f) => f.id));
  const changes = new Map<string, FindingChange>();
  for (const f of current) {
    if (f.hidden) continue;
    changes.set(f.id, before.has(f.id) ? 'still' : 'new');
  }
  for (const id of before) if (!changes.has(id)) changes.set(id, 'fixed');
  return changes;
}
