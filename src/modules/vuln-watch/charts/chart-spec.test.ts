import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Indicators } from '../indicators.types.js';
import { defaultFrom, monthsBetween } from '../indicators.service.js';
import { finishSvg, renderChartSvg } from './chart-render.js';
import { emptySpec, stackedBarSpec } from './chart-spec.js';
import { CHART_IDS, indicatorChart } from './indicator-charts.js';

const texts = { title: 'CVE publiées par mois', xTitle: 'Mois', yTitle: 'CVE', legendTitle: 'Sévérité', empty: 'Aucune donnée' };

const indicators: Indicators = {
  from: '2024-01',
  months: ['2024-01', '2024-02', '2024-03'],
  cvesBySeverity: [
    { month: '2024-01', counts: { critical: 2, high: 3, medium: 1, low: 0, none: 0, unscored: 1 }, total: 7 },
    { month: '2024-02', counts: { critical: 0, high: 0, medium: 0, low: 0, none: 0, unscored: 0 }, total: 0 },
    { month: '2024-03', counts: { critical: 1, high: 0, medium: 0, low: 0, none: 0, unscored: 0 }, total: 1 },
  ],
  kevAdditions: [
    { month: '2024-01', count: 4 },
    { month: '2024-02', count: 0 },
    { month: '2024-03', count: 1 },
  ],
  bulletinsByCategory: [
    { category: 'vpn', count: 2 },
    { category: 'firewall', count: 5 },
    { category: 'none', count: 1 },
  ],
  incidents: [],
  incidentsAvailable: false,
};

describe('chart specs', () => {
  it('stacks bars in the given order, leaves zero counts out and fixes the severity colours', () => {
    const spec = stackedBarSpec(
      [
        { x: '2024-01', series: 'Critique', count: 2 },
        { x: '2024-01', series: 'Élevée', count: 0 },
        { x: '2024-02', series: 'Élevée', count: 3 },
      ],
      texts,
      { xOrder: ['2024-01', '2024-02'], seriesOrder: ['Critique', 'Élevée'], colours: ['#7f0000', '#d95f02'] },
    ) as unknown as { data: { values: unknown[] }; mark: { type: string }; encoding: { x: { sort: string[] }; color: { scale: { domain: string[]; range: string[] } } } };
    expect(spec.mark.type).toBe('bar');
    expect(spec.data.values).toEqual([
      { x: '2024-01', series: 'Critique', count: 2, order: 0 },
      { x: '2024-02', series: 'Élevée', count: 3, order: 1 },
    ]);
    expect(spec.encoding.x.sort).toEqual(['2024-01', '2024-02']);
    expect(spec.encoding.color.scale).toEqual({ domain: ['Critique', 'Élevée'], range: ['#7f0000', '#d95f02'] });
  });

  it('draws the "no data" text when every count is zero', () => {
    expect(stackedBarSpec([{ x: '2024-01', series: 'a', count: 0 }], texts, { xOrder: ['2024-01'] })).toEqual(emptySpec(texts));
  });

  it('builds each indicator chart with its data table (the text alternative)', () => {
    const cves = indicatorChart(indicators, 'cves', 'fr');
    expect(cves.title).toBe('CVE publiées par mois, par sévérité');
    expect(cves.table.columns).toEqual(['Mois', 'Critique', 'Élevée', 'Moyenne', 'Faible', 'Nulle', 'Non évaluée', 'Total']);
    expect(cves.table.rows[0]).toEqual(['2024-01', '2', '3', '1', '0', '0', '1', '7']);
    const kev = indicatorChart(indicators, 'kev', 'en');
    expect(kev.table).toEqual({ columns: ['Month', 'Count'], rows: [['2024-01', '4'], ['2024-02', '0'], ['2024-03', '1']] });
    const bulletins = indicatorChart(indicators, 'bulletins', 'fr');
    expect(bulletins.table.rows).toEqual([['Pare-feu', '5'], ['VPN', '2'], ['sans produit du catalogue', '1']]);
    const incidents = indicatorChart(indicators, 'incidents', 'fr');
    expect(incidents.table.rows).toEqual([]);
    expect(incidents.spec).toEqual(emptySpec({ title: incidents.title, xTitle: 'Mois', yTitle: 'Incidents', legendTitle: 'Catégorie d’incident', empty: 'Aucune donnée pour cette période' }));
  });

  it('counts months for the default window', () => {
    expect(defaultFrom(new Date('2026-11-29T09:00:00Z'))).toBe('2024-12');
    expect(defaultFrom(new Date('2026-01-15T00:00:00Z'), 3)).toBe('2025-11');
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03', '2026-02')).toEqual([]);
  });
});

describe('SVG rendering', () => {
  it('renders every chart to a standalone SVG that fits the strict CSP', async () => {
    for (const id of CHART_IDS) {
      const chart = indicatorChart(indicators, id, 'fr');
      const svg = await renderChartSvg(chart.spec, chart.title);
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(XMLValidator.validate(svg)).toBe(true);
      expect(svg).toContain(`<title>${chart.title}</title>`);
      expect(svg).toContain('role="img"');
      expect(svg).not.toMatch(/\sstyle=|<style|<script|\son[a-z]+=|href="http/);
    }
  });

  it('shows the bars’ labels and the empty text', async () => {
    const svg = await renderChartSvg(indicatorChart(indicators, 'bulletins', 'fr').spec, 'x');
    expect(svg).toContain('Pare-feu');
    const empty = await renderChartSvg(indicatorChart(indicators, 'incidents', 'fr').spec, 'x');
    expect(empty).toContain('Aucune donnée pour cette période');
  });

  it('drops style attributes and escapes the title', () => {
    expect(finishSvg('<svg width="1"><rect style="mix-blend-mode: multiply;" fill="red"/></svg>', 'a < b & "c"')).toBe(
      '<svg width="1" role="img" aria-label="a &lt; b &amp; &quot;c&quot;"><title>a &lt; b &amp; &quot;c&quot;</title><rect fill="red"/></svg>',
    );
  });
});
