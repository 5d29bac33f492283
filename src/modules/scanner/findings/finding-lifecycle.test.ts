import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffFindings, reconcileFindings, type KnownFinding } from './finding-lifecycle.js';
import type { FindingStatus } from './finding.types.js';

const known = (
  id: string,
  status: FindingStatus,
  statusEvidenceHash: string | null = null,
): KnownFinding => ({
  id,
  status,
  statusEvidenceHash,
});

describe('reconcileFindings', () => {
  it('opens a finding seen for the first time', () => {
    const r = reconcileFindings({
      seen: [{ id: 'a', evidenceHash: 'e' }],
      known: new Map(),
      previous: null,
      complete: true,
    });
    expect(r.transitions).toEqual([{ id: 'a', from: null, to: 'open', reason: 'first-seen' }]);
    expect(r.hidden.size).toBe(0);
  });

  it('reopens a resolved finding seen again, leaves analysts’ decisions alone', () => {
    const r = reconcileFindings({
      seen: ['a', 'b', 'c', 'd'].map((id) => ({ id, evidenceHash: 'e' })),
      known: new Map([
        ['a', known('a', 'resolved')],
        ['b', known('b', 'acknowledged')],
        ['c', known('c', 'accepted-risk', 'other')],
        ['d', known('d', 'open')],
      ]),
      previous: new Set(['a', 'b', 'c', 'd']),
      complete: true,
    });
    expect(r.transitions).toEqual([{ id: 'a', from: 'resolved', to: 'open', reason: 'seen-again' }]);
  });

  it('hides a false positive while its evidence is unchanged, reopens it when the evidence changes', () => {
    const fp = new Map([['a', known('a', 'false-positive', 'judged')]]);
    const same = reconcileFindings({
      seen: [{ id: 'a', evidenceHash: 'judged' }],
      known: fp,
      previous: null,
      complete: true,
    });
    expect(same.transitions).toEqual([]);
    expect([...same.hidden]).toEqual(['a']);
    const changed = reconcileFindings({
      seen: [{ id: 'a', evidenceHash: 'new' }],
      known: fp,
      previous: null,
      complete: true,
    });
    expect(changed.transitions).toEqual([
      { id: 'a', from: 'false-positive', to: 'open', reason: 'evidence-changed' },
    ]);
    expect(changed.hidden.size).toBe(0);
  });

  it('resolves open and acknowledged findings a complete scan of the scope no longer sees', () => {
    const input = {
      seen: [],
      known: new Map([
        ['a', known('a', 'open')],
        ['b', known('b', 'acknowledged')],
        ['c', known('c', 'false-positive', 'x')],
        ['d', known('d', 'accepted-risk', 'x')],
      ]),
      previous: new Set(['a', 'b', 'c', 'd']),
    };
    expect(reconcileFindings({ ...input, complete: true }).transitions).toEqual([
      { id: 'a', from: 'open', to: 'resolved', reason: 'not-seen' },
      { id: 'b', from: 'acknowledged', to: 'resolved', reason: 'not-seen' },
    ]);
    // A partial scan may not have reached them: nothing is resolved.
    expect(reconcileFindings({ ...input, complete: false }).transitions).toEqual([]);
  });
});

describe('diffFindings', () => {
  it('classifies new, still present and fixed, leaving hidden findings out', () => {
    const changes = diffFindings(
      [
        { id: 'gone', hidden: false },
        { id: 'kept', hidden: false },
        { id: 'fp-now', hidden: false },
        { id: 'fp-before', hidden: true },
      ],
      [
        { id: 'kept', hidden: false },
        { id: 'fresh', hidden: false },
        { id: 'fp-now', hidden: true },
      ],
    );
    expect(Object.fromEntries(changes)).toEqual({ kept: 'still', fresh: 'new', gone: 'fixed' });
  });

  it('partitions the visible findings of both scans (property)', () => {
    const refs = fc.array(
      fc.record({ id: fc.constantFrom<string>('a', 'b', 'c', 'd', 'e', 'f'), hidden: fc.boolean() }),
      {
        maxLength: 8,
      },
    );
    fc.assert(
      fc.property(refs, refs, (base, current) => {
        const changes = diffFindings(base, current);
        const visibleNow = new Set(current.filter((f) => !f.hidden).map((f) => f.id));
        const hiddenNow = new Set(current.filter((f) => f.hidden).map((f) => f.id));
        for (const id of visibleNow) expect(changes.get(id)).toMatch(/^(new|still)$/);
        for (const [id, change] of changes) {
          if (change === 'fixed') {
            expect(visibleNow.has(id)).toBe(false);
            expect(hiddenNow.has(id)).toBe(false);
            expect(base.some((f) => f.id === id && !f.hidden)).toBe(true);
          }
        }
      }),
    );
  });
});
