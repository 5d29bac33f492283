import { describe, expect, it } from 'vitest';
import { EMPTY_END_OF_LIFE } from '../checks/end-of-life.js';
import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { OBSERVED_VERDICT_ONLY } from '../findings/trust-store.js';
import { EMPTY_ASSESSMENT, type AssessmentInput } from './assessment.types.js';
import { evaluateChecks, runChecks } from './assess.js';

const definition = (id: string): CheckDefinition => ({
  id,
  category: 'exposed-service',
  severity: 'high',
  title: { fr: `titre ${id}`, en: `title ${id}` },
  description: { fr: 'description', en: 'description' },
  recommendation: { fr: 'recommandation', en: 'recommendation' },
  references: ['https://example.org/'],
});

const input: AssessmentInput = {
  ...EMPTY_ASSESSMENT,
  hosts: [
    {
      address: '127.100.6.20',
      hostnames: ['automate.chu-lab.test'],
      services: [{ port: 23, transport: 'tcp', protocol: 'telnet' }],
    },
  ],
};

const context = {
  now: new Date('2026-11-29T00:00:00Z'),
  trustStore: OBSERVED_VERDICT_ONLY,
  endOfLife: EMPTY_END_OF_LIFE,
  vulnerabilities: new Map(),
};

const fixed = (id: string, severity: 'high' | 'info', times = 1): Check => ({
  definition: definition(id),
  evaluate: () =>
    Array.from({ length: times }, (_, i) =>
      buildFinding(definition(id), {
        target: { address: '127.100.6.20', port: 23 },
        evidence: `seen ${i}`,
        severity,
      }),
    ),
});

describe('evaluateChecks / runChecks', () => {
  it('deduplicates by id, sorts by severity then check, and survives a throwing check', () => {
    const broken: Check = {
      definition: definition('z.broken'),
      evaluate: () => {
        throw new Error('bug');
      },
    };
    const findings = evaluateChecks(input, context, [
      fixed('b.info', 'info'),
      broken,
      fixed('a.high', 'high', 3),
    ]);
    expect(findings.map((f) => [f.check, f.severity])).toEqual([
      ['a.high', 'high'],
      ['b.info', 'info'],
    ]);
  });

  it('runs the real catalogue on an observation and localises the texts', async () => {
    const fr = await runChecks(input, {
      now: context.now,
      trustStore: OBSERVED_VERDICT_ONLY,
      endOfLife: EMPTY_END_OF_LIFE,
    });
    expect(fr.map((f) => f.check)).toEqual(['service.telnet-exposed']);
    expect(fr[0]?.title).toBe(fr[0]?.titleFr);
    const en = await runChecks(input, {
      now: context.now,
      trustStore: OBSERVED_VERDICT_ONLY,
      endOfLife: EMPTY_END_OF_LIFE,
      language: 'en',
    });
    expect(en[0]?.title).toBe('Telnet service reachable from the Internet');
    expect(en[0]?.id).toBe(fr[0]?.id);
  });

  it('finds nothing in an empty input', async () => {
    expect(
      await runChecks(EMPTY_ASSESSMENT, {
        now: context.now,
        trustStore: OBSERVED_VERDICT_ONLY,
        endOfLife: EMPTY_END_OF_LIFE,
      }),
    ).toEqual([]);
  });
});
