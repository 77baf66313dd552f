// The plotly.js that notebooks inline and the site serves: the cartesian bundle (scatter, bar, heatmap and
// their 2-D kin), a third of the full bundle's 4.8 MB and about half its start-up time in a browser. A
// figure whose trace type the bundle lacks would draw nothing, so it is refused by name instead.
import * as fs from 'fs';

/** The bundle's trace types (its `moduleType: "trace"` registrations). */
export const PLOTLY_TRACE_TYPES = [
  'bar',
  'box',
  'contour',
  'heatmap',
  'histogram',
  'histogram2d',
  'histogram2dcontour',
  'image',
  'pie',
  'scatter',
  'scatterternary',
  'violin',
] as const;

export const PLOTLY_BUNDLE_FILE = 'plotly-cartesian.min.js';

export function plotlyBundleSource(): string {
  return fs.readFileSync(require.resolve(`plotly.js-cartesian-dist-min/${PLOTLY_BUNDLE_FILE}`), 'utf8');
}

/** The trace types of `data` that the bundle cannot draw (Plotly's default type is scatter). */
export function undrawableTraceTypes(data: unknown): string[] {
  if (!Array.isArray(data)) return [];
  const known: readonly string[] = PLOTLY_TRACE_TYPES;
  const types = data.map((trace) => (trace && typeof trace === 'object' && 'type' in trace ? String(trace.type) : 'scatter'));
  return [...new Set(types.filter((t) => !known.includes(t)))];
}

/** Why a figure with these trace types cannot be drawn, and what to use instead. */
export function undrawableMessage(types: string[]): string {
  return `trace type ${types.map((t) => `'${t}'`).join(', ')} is not in the course's Plotly bundle (cartesian: ${PLOTLY_TRACE_TYPES.join(', ')}); draw it with one of those`;
}
