// Attention weights as a Plotly heatmap: queries down the side, keys along the top.
import * as tf from '@tensorflow/tfjs';
import { formatShape } from './shapes';

export interface HeatmapOptions {
  /** one label per column (key); default 0, 1, ... */
  xLabels?: (string | number)[];
  /** one label per row (query); default 0, 1, ... */
  yLabels?: (string | number)[];
  title?: string;
  /** axis titles; default 'key' and 'query' */
  xTitle?: string;
  yTitle?: string;
}

/** The most tick labels drawn on one axis. */
const MAX_TICKS = 24;

/** Room above a title for Plotly's mode bar (its buttons are 25 px tall, 2 px from the top). */
const MODE_BAR_HEIGHT = 30;

export interface PlotlyFigure {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
}

/**
 * A Plotly figure (plain JSON: data + layout) for a 2-D weight matrix [Lq, Lk], given as a
 * tensor or nested array. Row 0 is drawn at the top, as the matrix is printed. The colour
 * scale spans [0, 1] for attention weights and widens for values outside it.
 */
export function heatmapFigure(weights: tf.Tensor | number[][], opts: HeatmapOptions = {}): PlotlyFigure {
  const fn = 'heatmapFigure';
  let z: number[][];
  if (weights instanceof tf.Tensor) {
    if (weights.rank !== 2) {
      throw new Error(`${fn}: weights must be 2-D [Lq, Lk], got ${formatShape(weights.shape)}; select one example/head first`);
    }
    z = weights.arraySync() as number[][];
  } else {
    if (!Array.isArray(weights) || weights.length === 0 || !weights.every((r) => Array.isArray(r) && r.length === weights[0].length)) {
      throw new Error(`${fn}: weights must be a non-empty rectangular number[][] or a 2-D tensor`);
    }
    z = weights.map((r) => [...r]);
  }
  const rows = z.length;
  const cols = z[0].length;
  const labels = (given: (string | number)[] | undefined, n: number, name: string, what: string) => {
    if (given && given.length !== n) {
      throw new Error(`${fn}: ${name} has ${given.length} labels but weights has ${n} ${what} (weights ${formatShape([rows, cols])})`);
    }
    return given ? given.map(String) : Array.from({ length: n }, (_, i) => String(i));
  };
  const x = labels(opts.xLabels, cols, 'xLabels', 'columns');
  const y = labels(opts.yLabels, rows, 'yLabels', 'rows');
  // A loop, not Math.min(...values): spreading a 512×512 matrix overflows the call stack.
  let zmin = 0;
  let zmax = 1;
  for (const row of z) {
    for (const value of row) {
      if (!Number.isFinite(value)) throw new Error(`${fn}: weights contain ${value}; a heatmap needs finite numbers`);
      zmin = Math.min(zmin, value);
      zmax = Math.max(zmax, value);
    }
  }
  // Numeric axes with the labels as tick text: a sentence may repeat a token ("the ... the"), and a
  // categorical axis would merge the repeats into one row. Past MAX_TICKS labels overprint each
  // other, so only every stride-th is drawn; the hover text still names every cell.
  const axis = (labels: string[], title: string) => {
    const stride = Math.ceil(labels.length / MAX_TICKS);
    const shown = labels.map((_, i) => i).filter((i) => i % stride === 0);
    return {
      title: { text: title },
      tickmode: 'array',
      tickvals: shown,
      ticktext: shown.map((i) => labels[i]),
      showgrid: false,
      zeroline: false,
    };
  };
  const hover = y.map((q) => x.map((k) => `query ${q}<br>key ${k}`));
  // Margins are sized from what is drawn in them: with automargin Plotly widens the left and top
  // margins to the measured tick labels and puts each axis title beyond them, so long labels such as
  // "query 0 (len 3)" are neither clipped nor overlapped. These are only the minimum margins.
  const layout: Record<string, unknown> = {
    xaxis: { ...axis(x, opts.xTitle ?? 'key'), side: 'top', automargin: true },
    yaxis: { ...axis(y, opts.yTitle ?? 'query'), autorange: 'reversed', automargin: true },
    margin: { t: 20, l: 20, r: 20, b: 20 },
  };
  // The key axis sits on top, so the title is pinned to the top edge and pushes the top margin down
  // (title automargin). Its padding keeps it below Plotly's mode bar, which floats over the top
  // right corner of the figure.
  if (opts.title) layout.title = { text: opts.title, automargin: true, y: 1, yref: 'container', yanchor: 'top', pad: { t: MODE_BAR_HEIGHT, b: 8 } };
  return {
    data: [
      {
        type: 'heatmap',
        z,
        text: hover,
        colorscale: 'Viridis',
        zmin,
        zmax,
        hovertemplate: '%{text}<br>weight %{z:.3f}<extra></extra>',
      },
    ],
    layout,
  };
}
