/**
 * The four indicator charts built from `Indicators` (pure): for each one its Vega-Lite spec,
 * its title (the SVG's title and the image's alternative text) and the same data as a table,
 * the text alternative shown under the chart.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Lang } from '../../../platform/i18n/i18n.js';
import { bulletinMessages, categoryLabel, SEVERITY_LABELS } from '../bulletin.messages.js';
import type { Indicators } from '../indicators.types.js';
import type { Severity } from '../vuln-watch.types.js';
import { SEVERITY_COLOURS, stackedBarSpec, type ChartPoint, type ChartTexts } from './chart-spec.js';

/** The charts of the indicators page, as file names of their SVG. */
export const CHART_IDS = ['cves', 'kev', 'bulletins', 'incidents'] as const;

/** One chart of the indicators page. */
export type ChartId = (typeof CHART_IDS)[number];

/** A chart's spec, title and data table. */
export interface IndicatorChart {
  readonly id: ChartId;
  readonly title: string;
  readonly spec: TopLevelSpec;
  readonly table: { readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[] };
}

const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'none', 'unscored'];

function texts(lang: Lang, title: string, yTitle: string, xTitle: string, legendTitle?: string): ChartTexts {
  return { title, xTitle, yTitle, empty: bulletinMessages.emptyChart[lang], ...(legendTitle ? { legendTitle } : {}) };
}

/** Builds one chart of the page. */
export function indicatorChart(indicators: Indicators, id: ChartId, lang: Lang): IndicatorChart {
  const m = bulletinMessages;
  const month = m.month[lang];
  const count = m.count[lang];
  switch (id) {
    case 'cves': {
      const title = m.chartCves[lang];
      const labels = SEVERITY_ORDER.map((s) => SEVERITY_LABELS[s][lang]);
      const points: ChartPoint[] = indicators.cvesBySeverity.flatMap((row) => SEVERITY_ORDER.map((s) => ({ x: row.month, series: SEVERITY_LABELS[s][lang], count: row.counts[s] })));
      return {
        id,
        title,
        spec: stackedBarSpec(points, texts(lang, title, m.cvesAxis[lang], month, m.severity[lang]), { xOrder: indicators.months, seriesOrder: labels, colours: SEVERITY_COLOURS }),
        table: {
          columns: [month, ...labels, m.total[lang]],
          rows: indicators.cvesBySeverity.map((row) => [row.month, ...SEVERITY_ORDER.map((s) => String(row.counts[s])), String(row.total)]),
        },
      };
    }
    case 'kev': {
      const title = m.chartKev[lang];
      return {
        id,
        title,
        spec: stackedBarSpec(
          indicators.kevAdditions.map((k) => ({ x: k.month, series: 'kev', count: k.count })),
          texts(lang, title, m.kevAxis[lang], month),
          { xOrder: indicators.months, colours: ['#7f0000'] },
        ),
        table: { columns: [month, count], rows: indicators.kevAdditions.map((k) => [k.month, String(k.count)]) },
      };
    }
    case 'bulletins': {
      const title = m.chartBulletins[lang];
      const rows = [...indicators.bulletinsByCategory].sort((a, b) => b.count - a.count || a.category.localeCompare(b.category));
      const names = rows.map((r) => categoryLabel(r.category, lang));
      return {
        id,
        title,
        spec: stackedBarSpec(
          rows.map((r, i) => ({ x: names[i] ?? r.category, series: 'bulletins', count: r.count })),
          texts(lang, title, m.bulletinsAxis[lang], m.category[lang]),
          { xOrder: names, colours: ['#0b4f6c'], xLabelAngle: -30 },
        ),
        table: { columns: [m.category[lang], count], rows: rows.map((r, i) => [names[i] ?? r.category, String(r.count)]) },
      };
    }
    case 'incidents': {
      const title = m.chartIncidents[lang];
      const categories = [...new Set(indicators.incidents.map((i) => i.category))].sort();
      const byMonth = new Map<string, Map<string, number>>();
      for (const i of indicators.incidents) {
        const row = byMonth.get(i.month) ?? new Map<string, number>();
        row.set(i.category, (row.get(i.category) ?? 0) + i.count);
        byMonth.set(i.month, row);
      }
      return {
        id,
        title,
        spec: stackedBarSpec(
          indicators.incidents.map((i) => ({ x: i.month, series: i.category, count: i.count })),
          texts(lang, title, m.incidentsAxis[lang], month, m.incidentCategory[lang]),
          { xOrder: indicators.months, seriesOrder: categories },
        ),
        table: {
          columns: [month, ...categories],
          rows: [...byMonth.keys()].sort().map((mo) => [mo, ...categories.map((c) => String(byMonth.get(mo)?.get(c) ?? 0))]),
        },
      };
    }
  }
}
