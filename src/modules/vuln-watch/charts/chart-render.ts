/**
 * Server-side SVG of a Vega-Lite spec: vega-lite compiles it, a vega `View` with the `none`
 * renderer lays it out (no canvas, no DOM) and `toSVG()` writes it. The result is checked for the
 * strict CSP: no `style` attribute or element, no script, nothing fetched (the loader refuses
 * everything); a `<title>` is added for assistive technologies.
 */
import { parse, View, type Loader } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** A loader that loads nothing: chart data is always inline. */
const refuseEverything = {
  load: () => Promise.reject(new Error('charts load no external data')),
  sanitize: () => Promise.reject(new Error('charts load no external data')),
  http: () => Promise.reject(new Error('charts load no external data')),
  file: () => Promise.reject(new Error('charts load no external data')),
} as unknown as Loader;

/** Escapes text for XML content and attributes. */
function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/**
 * Makes vega's SVG fit the CSP and adds a title: `style` attributes (vega writes them only for
 * blend modes and pixelated images, which we do not use) are dropped rather than trusted.
 */
export function finishSvg(svg: string, title: string): string {
  const cleaned = svg.replace(/\sstyle="[^"]*"/g, '').replace(/<style[\s\S]*?<\/style>/g, '').replace(/<script[\s\S]*?<\/script>/g, '');
  return cleaned.replace(/^<svg([^>]*)>/, (_all, attributes: string) => `<svg${attributes} role="img" aria-label="${escapeXml(title)}"><title>${escapeXml(title)}</title>`);
}

/** Renders a Vega-Lite spec to a standalone SVG document. */
export async function renderChartSvg(spec: TopLevelSpec, title: string): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none', loader: refuseEverything });
  try {
    return finishSvg(await view.toSVG(), title);
  } finally {
    view.finalize();
  }
}
