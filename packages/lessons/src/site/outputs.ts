import { escapeHtml, jsonForScript } from './html';
import { sourceText as text, type Output } from '@attnlab/grader/notebook';

const PLOTLY_MIME = 'application/vnd.plotly.v1+json';

/** Per-page state: figure ids must be unique on a page, and rich text outputs render like markdown cells. */
export interface OutputContext {
  figures: number;
  renderMarkdown(source: string): string;
}

// Richest first. A Plotly figure wins over the text/html fallback that `show()` also emits, because that
// fallback loads its own copy of plotly.js; the site loads plotly.js once per page instead.
const PREFERRED = [PLOTLY_MIME, 'text/html', 'image/svg+xml', 'image/png', 'image/jpeg', 'image/gif', 'text/markdown', 'text/latex', 'text/plain'];

// ESC [ … final byte: colour and cursor codes that kernels put in tracebacks and progress output.
// eslint-disable-next-line no-control-regex -- matching ESC is the point
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

/** What a terminal would show: a carriage return lets the rest of the line overwrite what came before. */
function terminalText(s: string): string {
  return s
    .replace(ANSI, '')
    .split('\n')
    .map((line) => line.slice(line.lastIndexOf('\r') + 1))
    .join('\n');
}

function renderStream(name: string, content: string): string {
  return `<pre class="output stream ${name === 'stderr' ? 'stderr' : 'stdout'}">${escapeHtml(terminalText(content))}</pre>`;
}

function renderError(output: Output): string {
  const traceback = terminalText((output.traceback ?? []).join('\n')).trim();
  const ename = output.ename ?? 'Error';
  const evalue = output.evalue ?? '';
  const head = `${ename}: ${evalue}`;
  const body = traceback && traceback !== head ? `<pre>${escapeHtml(traceback)}</pre>` : '';
  return `<div class="output error"><p class="error-name"><strong>${escapeHtml(ename)}</strong>: ${escapeHtml(evalue)}</p>${body}</div>`;
}

/** An image output; its text/plain fallback (what Jupyter shows without images) is its alt text. */
function renderImage(output: Output, mime: string, src: string): string {
  const size = output.metadata?.[mime] as { width?: number; height?: number } | undefined;
  const plain = output.data?.['text/plain'];
  const alt = plain === undefined ? 'figure' : text(plain as string | string[]).trim();
  const attrs = (size?.width ? ` width="${Number(size.width)}"` : '') + (size?.height ? ` height="${Number(size.height)}"` : '');
  return `<div class="output image"><img alt="${escapeHtml(alt)}" src="${src}"${attrs}></div>`;
}

interface Figure {
  data?: unknown[];
  layout?: { title?: string | { text?: string }; margin?: Record<string, unknown>; [key: string]: unknown };
  [key: string]: unknown;
}

/** A Plotly title as plain text: its `<br>` become spaces and its other tags (`<b>`, `<sup>`) are dropped. */
function titleText(title: string | { text?: string } | undefined): string {
  const raw = typeof title === 'string' ? title : (title?.text ?? '');
  return raw
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .trim();
}

/**
 * A Plotly figure, drawn by the page's script. The page writes the figure's title as text above it,
 * where it wraps on a narrow screen (Plotly cuts a long title off) and shares a row with Plotly's mode
 * bar instead of lying under it. Without the title the figure needs little room above the plot:
 * Plotly's default top margin (100 px) is room for a title.
 */
function renderPlotly(value: unknown, ctx: OutputContext): string {
  // nbformat stores JSON MIME data as objects, but some kernels (tslab's display.raw) send a JSON string.
  const figure = (typeof value === 'string' ? JSON.parse(value) : value) as Figure;
  const { title, ...layout } = figure.layout ?? {};
  const name = titleText(title);
  const drawn = { ...figure, layout: { ...layout, margin: { t: 24, ...layout.margin } } };
  const id = `figure-${++ctx.figures}`;
  return `<div class="output plotly" role="figure"${name ? ` aria-label="${escapeHtml(name)}"` : ''}><div class="figure-head">${name ? `<p class="figure-title">${escapeHtml(name)}</p>` : ''}</div><div class="plotly-figure" id="${id}" data-figure="${id}-data"></div><script type="application/json" id="${id}-data">${jsonForScript(drawn)}</script></div>`;
}

function renderData(output: Output, ctx: OutputContext): string {
  const data = output.data ?? {};
  const mime = PREFERRED.find((m) => data[m] !== undefined);
  if (!mime) return '';
  const value = data[mime];
  const str = (): string => text(value as string | string[]);
  switch (mime) {
    case PLOTLY_MIME:
      return renderPlotly(value, ctx);
    case 'text/html':
      return `<div class="output html">${str()}</div>`;
    case 'image/svg+xml':
      return renderImage(output, mime, `data:image/svg+xml;base64,${Buffer.from(str()).toString('base64')}`);
    case 'text/markdown':
    case 'text/latex':
      return `<div class="output markdown">${ctx.renderMarkdown(str())}</div>`;
    case 'text/plain':
      return `<pre class="output text">${escapeHtml(terminalText(str()))}</pre>`;
    default:
      return renderImage(output, mime, `data:${mime};base64,${str().replace(/\s/g, '')}`);
  }
}

/** HTML for a code cell's outputs, in order; consecutive writes to one stream are shown as one block. */
export function renderOutputs(outputs: Output[], ctx: OutputContext): string {
  const html: string[] = [];
  let stream: { name: string; content: string } | null = null;
  const flush = (): void => {
    if (stream) html.push(renderStream(stream.name, stream.content));
    stream = null;
  };
  for (const output of outputs) {
    if (output.output_type === 'stream') {
      const name = output.name ?? 'stdout';
      if (stream && stream.name === name) stream.content += text(output.text);
      else {
        flush();
        stream = { name, content: text(output.text) };
      }
      continue;
    }
    flush();
    if (output.output_type === 'error') html.push(renderError(output));
    else html.push(renderData(output, ctx));
  }
  flush();
  return html.join('\n');
}
