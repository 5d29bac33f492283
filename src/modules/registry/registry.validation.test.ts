import { domainToASCII } from 'node:url';
import { describe, expect, it } from 'vitest';
import { demoFiness, demoSiret } from './registry.demo.js';
import {
  issueDetail,
  validateContact,
  validateDomain,
  validateGroup,
  validateNetwork,
  validateStructure,
  validationFailure,
  type Checked,
} from './registry.validation.js';

const codes = <T>(c: Checked<T>): string[] => (c.ok ? [] : c.issues.map((i) => `${i.field}:${i.code}`));
const value = <T>(c: Checked<T>): T => {
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  return c.value;
};

const structure = {
  name: 'CH',
  finess: demoFiness('35000001'),
  kind: 'health-establishment',
  legalStatus: 'public',
  region: 'BRE',
};

describe('validateStructure', () => {
  it('normalises identifiers, region and texts', () => {
    const v = value(
      validateStructure({
        ...structure,
        name: '  CH de Test  ',
        finess: ' 2a 000017 0 ',
        siret: demoSiret('26350001', '0001').replace(/(\d{3})/g, '$1 '),
        region: 'bretagne',
        postalCode: '35 000',
        isOiv: true,
      }),
    );
    expect(v).toMatchObject({
      name: 'CH de Test',
      finess: '2A0000170',
      region: 'BRE',
      postalCode: '35000',
      isOiv: true,
      isOse: false,
      groupId: null,
      address: null,
    });
    expect(v.siret).toMatch(/^\d{14}$/);
  });

  it('reports every problem with its field', () => {
    expect(
      codes(
        validateStructure({
          name: '',
          finess: '12',
          siret: 'abc',
          kind: 'ship',
          legalStatus: '',
          region: 'Mars',
          postalCode: '1',
          city: 'x'.repeat(101),
        }),
      ),
    ).toEqual([
      'name:REGISTRY_FIELD_REQUIRED',
      'finess:REGISTRY_FINESS_INVALID',
      'siret:REGISTRY_SIRET_INVALID',
      'kind:REGISTRY_KIND_UNKNOWN',
      'legalStatus:REGISTRY_FIELD_REQUIRED',
      'region:REGISTRY_REGION_UNKNOWN',
      'postalCode:REGISTRY_POSTAL_CODE_INVALID',
      'city:REGISTRY_FIELD_TOO_LONG',
    ]);
    expect(codes(validateStructure({ ...structure, finess: '', siret: '' }))).toEqual([
      'finess:REGISTRY_IDENTIFIER_REQUIRED',
    ]);
    expect(
      codes(validateStructure({ ...structure, siret: demoSiret('26350001', '0001'), finess: null })),
    ).toEqual([]);
  });

  it('refuses formula payloads and control characters in free text', () => {
    for (const payload of ['=1+1', '@SUM(A1)', '+cmd', '-2+3', "=cmd|' /C calc'!A0"]) {
      expect(codes(validateStructure({ ...structure, name: payload }))).toEqual([
        'name:REGISTRY_FORMULA_INJECTION',
      ]);
    }
    expect(codes(validateStructure({ ...structure, city: 'Saint\u0000Malo' }))).toEqual([
      'city:REGISTRY_FIELD_CONTROL_CHARS',
    ]);
    expect(value(validateStructure({ ...structure, name: '<b>HTML</b> & co' })).name).toBe(
      '<b>HTML</b> & co',
    );
  });
});

describe('other validators', () => {
  it('validates groups', () => {
    expect(value(validateGroup({ name: 'GHT', code: ' ght-bre-01 ', region: 'BRE' })).code).toBe(
      'GHT-BRE-01',
    );
    expect(codes(validateGroup({ name: 'GHT', code: 'a b', region: '' }))).toEqual([
      'code:REGISTRY_GROUP_CODE_INVALID',
      'region:REGISTRY_FIELD_REQUIRED',
    ]);
  });

  it('validates contacts: E.164 phone, default and ordered alert kinds', () => {
    const c = value(
      validateContact({
        role: 'deputy',
        lastName: 'Le Goff',
        firstName: 'Anne',
        email: 'Anne.LeGoff@CH-Test.FR',
        phone: '06.00.00.01.02',
      }),
    );
    expect(c).toMatchObject({ email: 'Anne.LeGoff@ch-test.fr', phone: '+33600000102' });
    expect(c.alertKinds).toHaveLength(6);
    expect(
      value(
        validateContact({
          role: 'deputy',
          lastName: 'A',
          firstName: 'B',
          email: 'a@b.fr',
          alertKinds: ['audit', 'vulnerability', 'audit'],
        }),
      ).alertKinds,
    ).toEqual(['vulnerability', 'audit']);
    expect(
      value(
        validateContact({ role: 'deputy', lastName: 'A', firstName: 'B', email: 'a@b.fr', alertKinds: [] }),
      ).alertKinds,
    ).toEqual([]);
    expect(
      codes(
        validateContact({
          role: 'deputy',
          lastName: 'A',
          firstName: 'B',
          email: 'a@b.fr',
          phone: '+1 555 0100',
        }),
      ),
    ).toEqual(['phone:REGISTRY_PHONE_INVALID']);
  });

  it('validates domains and networks', () => {
    expect(value(validateDomain({ name: 'Hôpital-Test.FR.' }))).toEqual({
      name: domainToASCII('hôpital-test.fr'),
      ownership: 'declared',
      notes: null,
    });
    expect(codes(validateDomain({ name: 'http://x.fr', ownership: 'maybe' }))).toEqual([
      'name:REGISTRY_DOMAIN_INVALID',
      'ownership:REGISTRY_OWNERSHIP_UNKNOWN',
    ]);
    expect(value(validateNetwork({ cidr: '192.0.2.77/24', asn: 'as 64500' }))).toEqual({
      cidr: '192.0.2.0/24',
      family: 4,
      asn: 64500,
      description: null,
    });
    expect(value(validateNetwork({ cidr: '2001:DB8::1' }))).toMatchObject({
      cidr: '2001:db8::1/128',
      family: 6,
    });
    expect(codes(validateNetwork({ cidr: '10.0.0.0/7' }))).toEqual(['cidr:REGISTRY_CIDR_TOO_WIDE']);
    expect(codes(validateNetwork({ cidr: '2001::/15' }))).toEqual(['cidr:REGISTRY_CIDR_TOO_WIDE']);
    expect(codes(validateNetwork({ cidr: '10.0.0.0/8', asn: 4294967296 }))).toEqual([
      'asn:REGISTRY_ASN_INVALID',
    ]);
  });
});

describe('validation errors', () => {
  it('uses the issue’s own code for one issue, REGISTRY_VALIDATION for several, in the reader’s language', () => {
    const one = validationFailure(
      [
        {
          field: 'finess',
          code: 'REGISTRY_FINESS_INVALID',
          reason: 'The FINESS check digit does not match.',
        },
      ],
      'fr',
    );
    expect(one.code).toBe('REGISTRY_FINESS_INVALID');
    expect(one.details[0]?.message).toMatch(/^Numéro FINESS invalide/);
    expect(
      issueDetail(
        {
          field: 'finess',
          code: 'REGISTRY_FINESS_INVALID',
          reason: 'The FINESS check digit does not match.',
        },
        'en',
        7,
      ),
    ).toEqual({
      field: 'finess',
      line: 7,
      message: 'The FINESS check digit does not match.',
    });
    const many = validationFailure(
      [
        { field: 'name', code: 'REGISTRY_FIELD_REQUIRED' },
        { field: 'city', code: 'REGISTRY_FIELD_TOO_LONG', params: { max: 100 } },
      ],
      'en',
    );
    expect(many.code).toBe('REGISTRY_VALIDATION');
    expect(many.details[1]?.message).toBe('Value too long (at most 100 characters): shorten it.');
  });
});
