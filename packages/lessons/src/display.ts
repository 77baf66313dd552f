// Drawing Plotly figures in a notebook run by tslab, in JupyterLab and the classic Notebook alike.
import { randomBytes } from 'crypto';
import { plotlyBundleSource, undrawableMessage, undrawableTraceTypes } from './plotly-bundle';

export interface PlotlyFigure {
  data: unknown[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

interface DisplayData {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  transient: Record<string, unknown>;
}

// tslab's public `display` sends one MIME type per message; its jupyter module sends a whole bundle.
// Resolved lazily so that importing this package outside a kernel (tests, the site build) costs nothing.
function kernelWriter(): ((msg: DisplayData, update: boolean) => void) | null {
  try {
    return require('tslab/dist/jupyter').lastWriteDisplayData ?? null;
  } catch {
    return null;
  }
}

// plotly.js goes into the first figure's output only: there is no network to fetch it from and no
// server route that both front ends share, and one copy per kernel session keeps notebooks small.
let plotlyLoaded = false;

function plotlyLoader(): string {
  if (plotlyLoaded) return '';
  plotlyLoaded = true;
  const source = plotlyBundleSource();
  return `<script type="text/javascript">if (!window.Plotly) {${source}\n}</script>`;
}

/**
 * The figure as drawn in the notebook: a fixed layout width becomes the most the figure may take, so it
 * shrinks with a narrow notebook (a phone, a side panel) instead of overflowing it.
 */
function responsive(fig: PlotlyFigure): { figure: PlotlyFigure; maxWidth?: number } {
  const { width, ...layout } = fig.layout ?? {};
  const figure = { ...fig, layout: { ...layout, autosize: true } };
  return typeof width === 'number' ? { figure, maxWidth: width } : { figure };
}

function figureHtml(fig: PlotlyFigure, id: string): string {
  const { figure, maxWidth } = responsive(fig);
  const json = JSON.stringify(figure).replace(/</g, '\\u003c');
  const style = maxWidth === undefined ? '' : ` style="max-width: ${maxWidth}px"`;
  // Waits for Plotly, which the loader of an earlier output defines; says what to do if it never comes.
  // The mode bar keeps no button that would upload the figure to Plotly's cloud.
  return `<div id="${id}" class="attnlab-plot"${style}></div>
<script type="text/javascript">(function () {
  var fig = ${json}, tries = 0;
  function draw() {
    if (window.Plotly) return window.Plotly.newPlot('${id}', fig.data, fig.layout, Object.assign({ responsive: true, displaylogo: false, modeBarButtonsToRemove: ['sendChartToCloud'] }, fig.config));
    if (++tries < 200) return setTimeout(draw, 50);
    document.getElementById('${id}').textContent = 'plotly.js is not loaded in this page: restart the kernel and run the notebook from the top.';
  }
  draw();
})();</script>`;
}

/**
 * Shows a Plotly figure (e.g. `core.heatmapFigure(weights)`) below the cell. The output carries the figure
 * as `application/vnd.plotly.v1+json` (for front ends and the course site that render Plotly themselves)
 * and as `text/html` that draws it with plotly.js (for every other front end).
 */
export function show(fig: PlotlyFigure): void {
  const undrawable = undrawableTraceTypes(fig.data);
  if (undrawable.length) throw new Error(`show(): ${undrawableMessage(undrawable)}`);
  const write = kernelWriter();
  if (!write) {
    throw new Error('show() draws figures in a tslab notebook kernel; outside Jupyter, pass the figure to Plotly yourself');
  }
  const id = `attnlab-plot-${randomBytes(6).toString('hex')}`;
  write(
    {
      data: { 'application/vnd.plotly.v1+json': fig, 'text/html': plotlyLoader() + figureHtml(fig, id) },
      metadata: {},
      transient: {},
    },
    false,
  );
}
