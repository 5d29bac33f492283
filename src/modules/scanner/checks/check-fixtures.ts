/**
 * Test-only: runs a check against its fixtures (`fixtures/<id>/*.json`), each a raw assessment
 * input and the findings expected from it (an empty list for a negative case). Fixture fields:
 * `description`, `source` (provenance), `now` (ISO date), `trust` (`lab`: the lab CA of
 * `probes/tls/fixtures/lab-ca.crt`; `none`: no anchor and no observed verdict; default: observed
 * verdict only), `input` (a partial `AssessmentInput`), `expect` (check-relevant finding fields and
 * an `evidence` substring). Not imported by production code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { EMPTY_ASSESSMENT, type AssessmentInput } from '../assess/assessment.types.js';
import type {
  Check,
  CheckContext,
  Finding,
  FindingSeverity,
  FindingTarget,
} from '../findings/finding.types.js';
import { buildTrustStore, OBSERVED_VERDICT_ONLY, type TrustStore } from '../findings/trust-store.js';
import type { VulnerabilityRecord } from '../findings/vulnerability-lookup.js';
import { loadEndOfLifeCatalogue } from './end-of-life.load.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));

/** One expected finding. */
export interface ExpectedFinding {
  readonly severity: FindingSeverity;
  readonly target: FindingTarget;
  /** A substring the evidence must contain. */
  readonly evidence?: string;
}

/** One fixture file. */
export interface CheckFixture {
  readonly description: string;
  readonly source: string;
  readonly now?: string;
  readonly trust?: 'lab' | 'none' | 'observed';
  readonly vulnerabilities?: Readonly<Record<string, readonly VulnerabilityRecord[]>>;
  readonly input: Partial<AssessmentInput>;
  readonly expect: readonly ExpectedFinding[];
}

/** The lab CA used by the `lab` trust setting. */
export function labTrustStore(): TrustStore {
  return buildTrustStore([readFileSync(join(HERE, '../probes/tls/fixtures/lab-ca.crt'), 'utf8')]);
}

/** The fixtures of a check, by file name. */
export function loadCheckFixtures(id: string): { file: string; fixture: CheckFixture }[] {
  const dir = join(HERE, 'fixtures', id);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, fixture: JSON.parse(readFileSync(join(dir, file), 'utf8')) as CheckFixture }));
}

/** The input and context a fixture describes. */
export function fixtureCase(fixture: CheckFixture): { input: AssessmentInput; context: CheckContext } {
  const trustStore =
    fixture.trust === 'lab'
      ? labTrustStore()
      : fixture.trust === 'none'
        ? { anchors: [], trustObservedVerdict: false }
        : OBSERVED_VERDICT_ONLY;
  return {
    input: { ...EMPTY_ASSESSMENT, ...fixture.input },
    context: {
      now: new Date(fixture.now ?? '2026-11-29T06:00:00Z'),
      trustStore,
      endOfLife: loadEndOfLifeCatalogue(),
      vulnerabilities: new Map(Object.entries(fixture.vulnerabilities ?? {})),
    },
  };
}

function sameTarget(found: FindingTarget, wanted: FindingTarget): boolean {
  return (Object.keys(wanted) as (keyof FindingTarget)[]).every((k) => found[k] === wanted[k]);
}

/** Registers one `it` per fixture of the check: positive cases find exactly what is expected, negative ones nothing. */
export function runCheckFixtures(check: Check): void {
  const fixtures = loadCheckFixtures(check.definition.id);
  it('has at least one positive and one negative fixture', () => {
    expect(fixtures.some((f) => f.fixture.expect.length > 0)).toBe(true);
    expect(fixtures.some((f) => f.fixture.expect.length === 0)).toBe(true);
    for (const { fixture } of fixtures) expect(fixture.source.length).toBeGreaterThan(10);
  });
  for (const { file, fixture } of fixtures) {
    it(`${file}: ${fixture.description}`, () => {
      const { input, context } = fixtureCase(fixture);
      const findings: Finding[] = check.evaluate(input, context);
      expect(findings).toHaveLength(fixture.expect.length);
      const unused = [...findings];
      for (const wanted of fixture.expect) {
        const at = unused.findIndex(
          (f) =>
            sameTarget(f.target, wanted.target) &&
            f.severity === wanted.severity &&
            (wanted.evidence === undefined || f.evidence.includes(wanted.evidence)),
        );
        expect(
          at,
          `no ${wanted.severity} finding on ${JSON.stringify(wanted.target)} with "${wanted.evidence ?? ''}" in ${JSON.stringify(unused.map((f) => [f.severity, f.target, f.evidence]))}`,
        ).toBeGreaterThanOrEqual(0);
        unused.splice(at, 1);
      }
      for (const f of findings) {
        expect(f.check).toBe(check.definition.id);
        expect(f.category).toBe(check.definition.category);
        expect(f.id).toMatch(/^[0-9a-f]{64}$/);
        expect(
          f.titleFr.length * f.titleEn.length * f.recommendationFr.length * f.recommendationEn.length,
        ).toBeGreaterThan(0);
      }
      // Judgement is pure: the same input gives the same findings.
      expect(check.evaluate(input, context)).toEqual(findings);
    });
  }
}
