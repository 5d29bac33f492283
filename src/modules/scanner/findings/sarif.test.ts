import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkById, checks } from '../checks/index.js';
import { buildFinding } from './finding.build.js';
import type { FindingSpec } from './finding.build.js';
import type { CheckDefinition, Finding } from './finding.types.js';
import { ruleName, sarifLevel, targetUri, toSarif } from './sarif.js';
import type { SarifLog, SarifScanInput } from './sarif.js';
import { SEVERITIES } from './severity.js';

// No package in node_modules ships the official SARIF 2.1.0 schema, so this is a focused subset of it:
// the objects and properties toSarif emits, with the official constraints (required properties, enums,
// formats, and `additionalProperties: false`, which the official schema sets on every SARIF object).
const text = {
  type: 'object',
  required: ['text'],
  additionalProperties: false,
  properties: { text: { type: 'string' } },
};
const propertyBag = {
  type: 'object',
  properties: { tags: { type: 'array', uniqueItems: true, items: { type: 'string' } } },
};
const level = { enum: ['none', 'note', 'warning', 'error'] };
const closed = (properties: object, required: string[] = []): object => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
});
const sarifSubsetSchema = {
  ...closed(
    {
      $schema: { type: 'string', format: 'uri' },
      version: { enum: ['2.1.0'] },
      runs: { type: 'array', items: { $ref: '#/$defs/run' } },
      properties: propertyBag,
    },
    ['version', 'runs'],
  ),
  $defs: {
    run: closed(
      {
        tool: closed({ driver: { $ref: '#/$defs/toolComponent' } }, ['driver']),
        language: { type: 'string', pattern: '^[a-zA-Z]{2}(-[a-zA-Z]{2})?$' },
        invocations: { type: 'array', items: { $ref: '#/$defs/invocation' } },
        results: { type: 'array', items: { $ref: '#/$defs/result' } },
        properties: propertyBag,
      },
      ['tool'],
    ),
    toolComponent: closed(
      {
        name: { type: 'string' },
        version: { type: 'string' },
        rules: { type: 'array', uniqueItems: true, items: { $ref: '#/$defs/reportingDescriptor' } },
      },
      ['name'],
    ),
    reportingDescriptor: closed(
      {
        id: { type: 'string' },
        name: { type: 'string' },
        shortDescription: text,
        fullDescription: text,
        help: text,
        helpUri: { type: 'string', format: 'uri' },
        defaultConfiguration: closed({ level }),
        properties: propertyBag,
      },
      ['id'],
    ),
    invocation: closed(
      {
        executionSuccessful: { type: 'boolean' },
        startTimeUtc: { type: 'string', format: 'date-time' },
        endTimeUtc: { type: 'string', format: 'date-time' },
        toolExecutionNotifications: { type: 'array', items: closed({ level, message: text }, ['message']) },
      },
      ['executionSuccessful'],
    ),
    result: closed(
      {
        ruleId: { type: 'string' },
        ruleIndex: { type: 'integer', minimum: -1 },
        level,
        message: text,
        locations: { type: 'array', items: { $ref: '#/$defs/location' } },
        partialFingerprints: { type: 'object', additionalProperties: { type: 'string' } },
        properties: propertyBag,
      },
      ['message'],
    ),
    location: closed({
      physicalLocation: closed(
        { artifactLocation: closed({ uri: { type: 'string', format: 'uri-reference' } }) },
        ['artifactLocation'],
      ),
      logicalLocations: {
        type: 'array',
        items: closed({
          name: { type: 'string' },
          fullyQualifiedName: { type: 'string' },
          kind: { type: 'string' },
        }),
      },
    }),
  },
};

// ajv-formats is CommonJS: under ESM its function is the default export's `default`.
type AddFormats = (ajv: Ajv2020) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ??
  addFormatsModule) as unknown as AddFormats;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validateSarif = ajv.compile(sarifSubsetSchema);

function sarifErrors(log: unknown): string[] {
  if (validateSarif(log)) return [];
  return (validateSarif.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'invalid'}`);
}

/** SARIF's cross-references: each result's ruleIndex points at the rule of its ruleId. */
function ruleReferenceErrors(log: SarifLog): string[] {
  const [run] = log.runs;
  return run.results
    .filter((r) => run.tool.driver.rules[r.ruleIndex]?.id !== r.ruleId)
    .map((r) => `result of ${r.ruleId} points at rule ${r.ruleIndex}`);
}

function definitionOf(id: string): CheckDefinition {
  const check = checkById(id);
  if (!check) throw new Error(`no check ${id} in the catalogue`);
  return check.definition;
}

const finding = (check: string, spec: FindingSpec): Finding => buildFinding(definitionOf(check), spec);

/** A check this build's catalogue does not know (a result written by a newer Hygie). */
const unknownCheck: CheckDefinition = {
  id: 'lab.future-check',
  category: 'misconfiguration',
  severity: 'low',
  title: { fr: 'Contrôle futur', en: 'Future check' },
  description: { fr: 'Décrit en français', en: 'Described in English' },
  recommendation: { fr: 'Corriger', en: 'Fix it' },
  references: ['RFC 9999', 'https://example.org/future-check'],
};

const rdp = finding('service.rdp-exposed', {
  target: { address: '192.0.2.10', port: 3389, hostname: 'tse.chu-lab.test' },
  evidence: 'RDP negotiation answered',
});
const knownCve = finding('software.known-cve', {
  target: { address: '2001:db8::7', port: 22 },
  evidence: 'OpenSSH 9.2p1',
  discriminator: 'CVE-2024-6387',
  severity: 'critical',
  cve: ['CVE-2024-6387'],
  cvss: 8.1,
  cvssVector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H',
  kev: true,
});
const gitExposed = finding('http.git-exposed', {
  target: { address: '192.0.2.20', port: 443, url: 'https://intranet.chu-lab.test/.git/HEAD' },
  evidence: 'ref: refs/heads/main',
});
const spfMissing = finding('mail.spf-missing', { target: { domain: 'chu-lab.test' }, evidence: '' });
const future = buildFinding(unknownCheck, { target: { domain: 'chu-lab.test' }, evidence: 'seen' });

function scanOf(findings: readonly unknown[], scan: Partial<SarifScanInput['scan']> = {}): SarifScanInput {
  return {
    scan: {
      id: '01900000-0000-7000-8000-000000000003',
      startedAt: '2026-11-29T09:00:01.000Z',
      finishedAt: '2026-11-29T09:01:00.000Z',
      targets: ['chu-lab.test', '192.0.2.0/28'],
      status: 'completed',
      ...scan,
    },
    findings,
  };
}

describe('toSarif', () => {
  const log = toSarif(scanOf([rdp, knownCve, gitExposed, spfMissing, future]), { toolVersion: '0.9.0' });
  const [run] = log.runs;
  const resultOf = (f: Finding) =>
    run.results.find((r) => r.partialFingerprints['hygieFindingId/v1'] === f.id);

  it('is a SARIF 2.1.0 log (focused schema) whose results point at their rules', () => {
    expect(sarifErrors(log)).toEqual([]);
    expect(ruleReferenceErrors(log)).toEqual([]);
    // The subset schema is not vacuous: a stray property or a level SARIF does not know is refused.
    const stray = {
      ...log,
      runs: [{ ...run, results: [{ ...run.results[0], level: 'critical', severity: 1 }] }],
    };
    expect(sarifErrors(stray)).toHaveLength(2);
    expect(log).toMatchObject({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0' });
    expect(run.tool.driver).toMatchObject({ name: 'Hygie scanner', version: '0.9.0' });
    expect(run.properties).toEqual({
      scanId: '01900000-0000-7000-8000-000000000003',
      targets: ['chu-lab.test', '192.0.2.0/28'],
      status: 'completed',
    });
    expect(run.invocations[0]).toEqual({
      executionSuccessful: true,
      startTimeUtc: '2026-11-29T09:00:01.000Z',
      endTimeUtc: '2026-11-29T09:01:00.000Z',
    });
  });

  it('describes each check once, from the catalogue, in the chosen language', () => {
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual([
      'http.git-exposed',
      'lab.future-check',
      'mail.spf-missing',
      'service.rdp-exposed',
      'software.known-cve',
    ]);
    const rdpDefinition = definitionOf('service.rdp-exposed');
    expect(run.tool.driver.rules.find((r) => r.id === 'service.rdp-exposed')).toMatchObject({
      name: 'ServiceRdpExposed',
      shortDescription: { text: rdpDefinition.title.fr },
      fullDescription: { text: rdpDefinition.description.fr },
      help: { text: rdpDefinition.recommendation.fr },
      defaultConfiguration: { level: 'error' },
      properties: { category: 'exposed-service', tags: ['security', 'exposed-service'] },
    });
    // A CVE's severity comes from its score: the rule defaults to what buildFinding assumes.
    expect(run.tool.driver.rules.find((r) => r.id === 'software.known-cve')?.defaultConfiguration).toEqual({
      level: 'warning',
    });
    const english = toSarif(scanOf([rdp]), { language: 'en' }).runs[0];
    expect(english.language).toBe('en');
    expect(english.tool.driver.rules[0]?.shortDescription.text).toBe(rdpDefinition.title.en);
    expect(english.results[0]?.message.text).toBe(`${rdp.titleEn}: RDP negotiation answered`);
  });

  it('falls back on the findings for a check the catalogue does not know, helpUri on the first web URL', () => {
    expect(run.tool.driver.rules.find((r) => r.id === 'lab.future-check')).toMatchObject({
      shortDescription: { text: 'Contrôle futur' },
      fullDescription: { text: 'Décrit en français' },
      help: { text: 'Corriger' },
      helpUri: 'https://example.org/future-check',
      defaultConfiguration: { level: 'note' },
    });
  });

  it('maps severities to levels and keeps the finding facts in the properties', () => {
    expect(SEVERITIES.map(sarifLevel)).toEqual(['error', 'error', 'warning', 'note', 'note']);
    expect(resultOf(knownCve)).toMatchObject({
      ruleId: 'software.known-cve',
      level: 'error',
      message: { text: `${knownCve.titleFr}: OpenSSH 9.2p1` },
      properties: {
        severity: 'critical',
        category: 'known-vulnerability',
        cve: ['CVE-2024-6387'],
        cvss: 8.1,
        cvssVector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H',
        kev: true,
      },
    });
    expect(resultOf(spfMissing)?.message.text).toBe(spfMissing.titleFr);
    expect(run.results.map((r) => r.partialFingerprints['hygieFindingId/v1'])).toEqual(
      [rdp, knownCve, gitExposed, spfMissing, future].map((f) => f.id),
    );
  });

  it('locates results by URL, tcp://host:port or dns:domain, with logical locations', () => {
    expect(resultOf(gitExposed)?.locations?.[0]?.physicalLocation?.artifactLocation.uri).toBe(
      'https://intranet.chu-lab.test/.git/HEAD',
    );
    expect(resultOf(rdp)?.locations?.[0]).toEqual({
      physicalLocation: { artifactLocation: { uri: 'tcp://192.0.2.10:3389' } },
      logicalLocations: [
        { name: 'tse.chu-lab.test', fullyQualifiedName: 'tse.chu-lab.test:3389', kind: 'hostname' },
        { name: '192.0.2.10', fullyQualifiedName: '192.0.2.10:3389', kind: 'address' },
      ],
    });
    expect(resultOf(knownCve)?.locations?.[0]?.physicalLocation?.artifactLocation.uri).toBe(
      'tcp://[2001:db8::7]:22',
    );
    expect(resultOf(spfMissing)?.locations?.[0]).toEqual({
      physicalLocation: { artifactLocation: { uri: 'dns:chu-lab.test' } },
      logicalLocations: [{ name: 'chu-lab.test', fullyQualifiedName: 'chu-lab.test', kind: 'domain' }],
    });
    expect(targetUri({ url: 'not a url', address: '192.0.2.1', port: 80 })).toBe('tcp://192.0.2.1:80');
    expect(targetUri({ address: '192.0.2.1' })).toBe('tcp://192.0.2.1');
    expect(targetUri({})).toBeUndefined();
    expect(ruleName('service.smb1-enabled')).toBe('ServiceSmb1Enabled');
  });

  it('reports what it cannot export instead of failing, and a failed or undated scan', () => {
    const odd = toSarif(
      scanOf([rdp, { id: 'broken' }, null], { status: 'failed', startedAt: 'yesterday', finishedAt: '' }),
    );
    expect(sarifErrors(odd)).toEqual([]);
    expect(odd.runs[0].results).toHaveLength(1);
    expect(odd.runs[0].invocations[0]).toEqual({
      executionSuccessful: false,
      toolExecutionNotifications: [
        { level: 'warning', message: { text: '2 findings not exported: not in the shape of hygie.scan/1' } },
      ],
    });
    const empty = toSarif(scanOf([]));
    expect(sarifErrors(empty)).toEqual([]);
    expect(empty.runs[0].results).toEqual([]);
    expect(empty.runs[0].tool.driver.rules).toEqual([]);
    expect(empty.runs[0].tool.driver).not.toHaveProperty('version');
  });

  it('exports every finding, each under a described rule, as JSON that round-trips (property)', () => {
    const definitions = [...checks.map((c) => c.definition), unknownCheck];
    const port = fc.integer({ min: 1, max: 65535 });
    const arbitraryFinding = fc
      .record({
        definition: fc.constantFrom(...definitions),
        severity: fc.constantFrom(...SEVERITIES),
        target: fc.oneof(
          fc.record({ domain: fc.domain() }),
          fc.record({ address: fc.ipV4(), port, hostname: fc.domain() }),
          fc.record({ address: fc.ipV6(), port }),
          fc.record({
            address: fc.ipV4(),
            port,
            url: fc.webUrl({ withQueryParameters: true, withFragments: true }),
          }),
          fc.record({ hostname: fc.domain() }, { requiredKeys: [] }),
        ),
        evidence: fc.string({ maxLength: 100 }),
        discriminator: fc.string({ maxLength: 20 }),
        cvss: fc.option(fc.double({ min: 0, max: 10, noNaN: true }), { nil: null }),
        kev: fc.boolean(),
      })
      .map(({ definition, ...spec }) => buildFinding(definition, spec));
    fc.assert(
      fc.property(
        fc.array(arbitraryFinding, { maxLength: 25 }),
        fc.constantFrom('fr' as const, 'en' as const),
        (findings, language) => {
          const sarif = toSarif(scanOf(findings), { language });
          const [only] = sarif.runs;
          expect(only.results).toHaveLength(findings.length);
          const ruleIds = new Set(only.tool.driver.rules.map((r) => r.id));
          for (const r of only.results) expect(ruleIds.has(r.ruleId)).toBe(true);
          expect(ruleIds.size).toBe(only.tool.driver.rules.length);
          expect(ruleReferenceErrors(sarif)).toEqual([]);
          expect(sarifErrors(sarif)).toEqual([]);
          expect(JSON.parse(JSON.stringify(sarif))).toEqual(sarif);
        },
      ),
    );
  });
});
