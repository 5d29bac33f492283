/**
 * Vega-Lite specifications of the indicator charts (pure: data and texts in, spec out). Rendered
 * to SVG on the server by `chart-render.ts`. Fixed size (the SVG scales in its `<img>`), fixed
 * colour per severity, no interactivity, data inline (nothing is fetched).
 */
import type { TopLevelSpec } from 'vega-lite';

/** Texts of one chart in the reader's language. */
export interface ChartTexts {
  /** Short description, the SVG's `<title>` and the image's alternative text. */
  readonly title: string;
  readonly xTitle: string;
  readonly yTitle: string;
  readonly legendTitle?: string;
  /** Shown instead of the chart when there is nothing to draw. */
  readonly empty: string;
}

/** One bar segment: x value, series (colour) and count. */
export interface ChartPoint {
  readonly x: string;
  readonly series: string;
  readonly count: number;
}

const WIDTH = 640;
const HEIGHT = 240;

/** Colours of the severity series, from critical to unscored (colour-blind-distinguishable order). */
export const SEVERITY_COLOURS: readonly string[] = ['#7f0000', '#d95f02', '#e6ab02', '#1b9e77', '#999999', '#5b6b7a'];

const BASE = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  width: WIDTH,
  height: HEIGHT,
  background: 'white',
  config: { font: 'sans-serif', axis: { labelFontSize: 11, titleFontSize: 12 }, legend: { labelFontSize: 11, titleFontSize: 12 } },
} as const;

/** The spec drawn when there is no data: the `empty` text in the middle of the frame. */
export function emptySpec(texts: ChartTexts): TopLevelSpec {
  return {
    ...BASE,
    description: texts.title,
    data: { values: [{ text: texts.empty }] },
    mark: { type: 'text', fontSize: 14, color: '#444' },
    encoding: { text: { field: 'text', type: 'nominal' } },
  };
}

/**
 * A stacked bar chart: one bar per x value (months, categories, in the order given), stacked by
 * series (in `seriesOrder`, with `colours` when given). Zero counts are left out.
 */
export function stackedBarSpec(points: readonly ChartPoint[], texts: ChartTexts, options: { xOrder: readonly string[]; seriesOrder?: readonly string[]; colours?: readonly string[]; xLabelAngle?: number }): TopLevelSpec {
  const values = points.filter((p) => p.count > 0);
  if (values.length === 0) return emptySpec(texts);
  const series = options.seriesOrder ?? [...new Set(values.map((p) => p.series))];
  const single = series.length <= 1;
  return {
    ...BASE,
    description: texts.title,
    data: { values: values.map((p) => ({ x: p.x, series: p.series, count: p.count, order: series.indexOf(p.series) })) },
    mark: { type: 'bar', tooltip: false },
    encoding: {
      x: { field: 'x', type: 'ordinal', sort: [...options.xOrder], title: texts.xTitle, axis: { labelAngle: options.xLabelAngle ?? -45 } },
      y: { field: 'count', type: 'quantitative', stack: 'zero', title: texts.yTitle, axis: { tickMinStep: 1, format: 'd' } },
      color: single
        ? { value: options.colours?.[0] ?? '#0b4f6c' }
        : {
            field: 'series',
            type: 'nominal',
            title: texts.legendTitle ?? '',
            scale: { domain: [...series], ...(options.colours ? { range: options.colours.slice(0, series.length) } : {}) },
          },
      order: { field: 'order', type: 'quantitative' },
    },
  };
}
