import { escapeHtml, jsonForScript } from './html';
import { sourceText as text, type Output } from '../notebook';

export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';

/** Per-page state: figure ids must be unique on a page, and rich text outputs render like markdown cells. */
export interface OutputContext {
  figures: number;
  renderMarkdown(source: string): string;
}

// Richest first. A Plotly figure wins over the text/html fallback that `show()` also emits, because that
// fallback loads its own copy of plotly.js; the site loads plotly.js once per page instead.
const PREFERRED = [PLOTLY_MIME, 'text/html', 'image/svg+xml', 'image/png', 'image/jpeg', 'image/gif', 'text/markdown', 'text/latex', 'text/plain'];

// ESC [ … final byte: colour and cursor codes that kernels put in tracebacks and progress output.
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}

/** What a terminal would show: a carriage return lets the rest of the line overwrite what came before. */
function terminalText(s: string): string {
  return stripAnsi(s)
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
  return `<div class="output error" role="alert"><p class="error-name"><strong>${escapeHtml(ename)}</strong>: ${escapeHtml(evalue)}</p>${body}</div>`;
}

function imageSize(metadata: Record<string, unknown> | undefined, mime: string): string {
  const m = metadata?.[mime] as { width?: number; height?: number } | undefined;
  return (m?.width ? ` width="${Number(m.width)}"` : '') + (m?.height ? ` height="${Number(m.height)}"` : '');
}

function renderPlotly(value: unknown, ctx: OutputContext): string {
  // nbformat stores JSON MIME data as objects, but some kernels (tslab's display.raw) send a JSON string.
  const figure = typeof value === 'string' ? JSON.parse(value) : value;
  const id = `figure-${++ctx.figures}`;
  return `<div class="output plotly"><div class="plotly-figure" id="${id}" data-figure="${id}-data"></div><script type="application/json" id="${id}-data">${jsonForScript(figure)}</script></div>`;
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
      return `<div class="output image"><img alt="figure" src="data:image/svg+xml;base64,${Buffer.from(str()).toString('base64')}"${imageSize(output.metadata, mime)}></div>`;
    case 'text/markdown':
    case 'text/latex':
      return `<div class="output markdown">${ctx.renderMarkdown(str())}</div>`;
    case 'text/plain':
      return `<pre class="output text">${escapeHtml(terminalText(str()))}</pre>`;
    default:
      return `<div class="output image"><img alt="figure" src="data:${mime};base64,${str().replace(/\s/g, '')}"${imageSize(output.metadata, mime)}></div>`;
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
