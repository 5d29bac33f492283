import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REGIONS, REGION_CODES, isRegionCode, parseRegion, regionName } from './region.catalogue.js';

describe('region catalogue', () => {
  it('has the 18 French regions, 5 of them overseas, with unique codes and INSEE numbers', () => {
    expect(REGIONS).toHaveLength(18);
    expect(REGIONS.filter((r) => r.overseas).map((r) => r.code)).toEqual(['GLP', 'MTQ', 'GUF', 'REU', 'MYT']);
    expect(new Set(REGIONS.map((r) => r.code)).size).toBe(18);
    expect(new Set(REGIONS.map((r) => r.insee)).size).toBe(18);
    expect(REGIONS.map((r) => r.code)).toEqual([...REGION_CODES]);
  });

  it('reads codes, names in any spelling and INSEE numbers', () => {
    expect(parseRegion('IDF')).toBe('IDF');
    expect(parseRegion('ile-de-france')).toBe('IDF');
    expect(parseRegion('  ÎLE DE FRANCE ')).toBe('IDF');
    expect(parseRegion("Provence-Alpes-Côte d'Azur")).toBe('PAC');
    expect(parseRegion('PACA')).toBe('PAC');
    expect(parseRegion('Brittany')).toBe('BRE');
    expect(parseRegion('53')).toBe('BRE');
    expect(parseRegion('1')).toBe('GLP');
    expect(parseRegion('04')).toBe('REU');
    expect(parseRegion('La Réunion')).toBe('REU');
    expect(parseRegion('FR-20R')).toBe('COR');
    expect(parseRegion('Atlantide')).toBeUndefined();
    expect(parseRegion('')).toBeUndefined();
    expect(regionName('GUF', 'fr')).toBe('Guyane');
    expect(regionName('GUF', 'en')).toBe('French Guiana');
  });

  it('round-trips every code and name, and never throws', () => {
    for (const r of REGIONS) {
      expect(parseRegion(r.code.toLowerCase())).toBe(r.code);
      expect(parseRegion(r.name.fr.toUpperCase())).toBe(r.code);
      expect(parseRegion(r.name.en)).toBe(r.code);
    }
    fc.assert(
      fc.property(fc.string(), (s) => {
        const code = parseRegion(s);
        expect(code === undefined || isRegionCode(code)).toBe(true);
      }),
    );
  });
});
