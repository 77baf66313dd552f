// The site's rendering pieces on a small executed fixture notebook (no Jupyter, no browser).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import type { Cell, Notebook, Output } from '@attnlab/grader/notebook';
import { ExecutionCache, environmentFingerprint } from '../src/execution-cache';
import { withBackendNote } from '../src/site/backend-report';
import { studentView } from '../src/site/edition';
import { createMarkdown, displayMathParts, renderMarkdown, type PageEnv } from '../src/site/markdown';
import { renderOutputs, type OutputContext } from '../src/site/outputs';
import { lessonPage } from '../src/site/pages/lesson';
import { lessonSearchDocs, searchIndexScript } from '../src/site/search';

const FIXTURE = path.join(__dirname, 'fixtures', 'site', 'executed-lesson.ipynb');
const fixture = (): Notebook => JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
const md = createMarkdown();
const env = (rewriteLink?: PageEnv['rewriteLink']): PageEnv => ({ headings: [], sections: [], rewriteLink });
const ctx = (): OutputContext => ({ figures: 0, renderMarkdown: (s) => renderMarkdown(md, s, env()) });

describe('markdown cells', () => {
  it('renders inline and display math with KaTeX', () => {
    const html = renderMarkdown(md, 'Weights $\\alpha_{ij}$ sum to one:\n\n$$\n\\sum_j \\alpha_{ij} = 1\n$$\n', env());
    expect(html).toContain('class="katex"');
    expect(html).toContain('katex-display');
    expect(html).not.toContain('katex-error');
    expect(html).not.toContain('$$');
  });

  it('cuts display math into its parts at top-level quads only, each rendered on its own', () => {
    expect(displayMathParts('S = QK^\\top, \\qquad S_{ij} = q_i \\cdot k_j.')).toEqual({ parts: ['S = QK^\\top, ', ' S_{ij} = q_i \\cdot k_j.'], separator: 'qquad' });
    expect(displayMathParts('a \\ge 0,\\quad b = 1')).toEqual({ parts: ['a \\ge 0,', ' b = 1'], separator: 'quad' });
    for (const whole of ['\\left( a \\qquad b \\right)', '\\text{for \\quad all}', '\\begin{cases} a & \\quad b \\end{cases}', 'x \\qquad']) {
      expect(displayMathParts(whole), whole).toEqual({ parts: [whole], separator: null });
    }
    const html = renderMarkdown(md, '$$\nS = QK^\\top, \\qquad S_{ij} = q_i \\cdot k_j\n$$\n', env());
    expect(html).toContain('<span class="math-parts math-parts-qquad">');
    expect(html.match(/class="katex-display"/g)).toHaveLength(2);
    expect(html).not.toContain('katex-error');
  });

  it('gives headings ids that stay unique across the cells of one page, and collects them', () => {
    const page = env();
    const a = renderMarkdown(md, '## Summary\n\ntext', page);
    const b = renderMarkdown(md, '## Summary\n\n### Scaling by $\\sqrt{d_k}$', page);
    expect(a).toContain('id="summary"');
    expect(b).toContain('id="summary-1"');
    expect(page.headings.map((h) => [h.level, h.id])).toEqual([
      [2, 'summary'],
      [2, 'summary-1'],
      [3, 'scaling-by'],
    ]);
    expect(page.headings[2].html).toContain('katex');
    expect(page.headings[2].html).not.toContain('header-anchor');
  });

  it('renders ::: call-outs and GitHub alerts as admonitions', () => {
    const html = renderMarkdown(md, '::: tip Remember\nScale the scores.\n:::\n\n> [!WARNING]\n> Masks are keep-masks.\n\n> a plain quote', env());
    expect(html).toMatch(/<div class="admonition tip"><p class="admonition-title">Remember<\/p>\s*<p>Scale the scores.<\/p>\s*<\/div>/);
    expect(html).toMatch(/<div class="admonition warning">\s*<p class="admonition-title">Warning<\/p>\s*<p>Masks are keep-masks.<\/p>\s*<\/div>/);
    expect(html).toContain('<blockquote>\n<p>a plain quote</p>');
  });

  it('renders math with the KaTeX whose stylesheet the site ships', () => {
    // A negated relation overlays a slash on "=" with KaTeX's .rlap; the class names of that layout
    // changed between KaTeX versions, so HTML from another version draws "/ =" side by side.
    const html = renderMarkdown(md, '$d_q \\ne d_k$', env());
    const overlay = /<span class="rlap">(?:<span class="[\w-]*strut"[^>]*><\/span>)?<span class="([\w-]+)">/.exec(html)?.[1];
    const css = fs.readFileSync(path.join(path.dirname(require.resolve('katex')), 'katex.min.css'), 'utf8');
    expect(overlay).toBeDefined();
    expect(css).toContain(`.katex .rlap>.${overlay}{`);
  });

  it('points links to lesson notebooks at their pages and inlines attachments', () => {
    const page = env((href) => (href.startsWith('02-additive.ipynb') ? href.replace('.ipynb', '.html') : undefined));
    page.attachments = { 'dot.png': { 'image/png': 'iVBORw0KGgo=' } };
    const html = renderMarkdown(md, '[next](02-additive.ipynb#scores) [other](https://example.org/x.ipynb) ![dot](attachment:dot.png)', page);
    expect(html).toContain('href="02-additive.html#scores"');
    expect(html).toContain('href="https://example.org/x.ipynb"');
    expect(html).toContain('src="data:image/png;base64,iVBORw0KGgo="');
  });
});

describe('outputs', () => {
  const figure = { data: [{ type: 'heatmap', z: [[1, 2]], name: '</script><b>x' }], layout: {} };

  it('draws a Plotly figure from its JSON and drops the text/html fallback that loads plotly.js itself', () => {
    const c = ctx();
    const html = renderOutputs(
      [{ output_type: 'display_data', data: { 'application/vnd.plotly.v1+json': figure, 'text/html': '<script src="https://cdn.plot.ly/plotly.min.js"></script>' }, metadata: {} }],
      c,
    );
    expect(c.figures).toBe(1);
    expect(html).toContain('class="plotly-figure" id="figure-1" data-figure="figure-1-data"');
    expect(html).not.toContain('cdn.plot.ly');
    // The figure's own text cannot close the script element that carries it.
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    const json = /<script type="application\/json" id="figure-1-data">([\s\S]*?)<\/script>/.exec(html)![1];
    expect(JSON.parse(json).data).toEqual(figure.data);
  });

  it('accepts a figure sent as a JSON string (tslab display.raw)', () => {
    const html = renderOutputs([{ output_type: 'display_data', data: { 'application/vnd.plotly.v1+json': JSON.stringify(figure) } }], ctx());
    expect(JSON.parse(/id="figure-1-data">([\s\S]*?)<\/script>/.exec(html)![1]).data).toEqual(figure.data);
  });

  it("writes a figure's title as text above it, where it wraps, and keeps the figure's own margins", () => {
    const titled = { data: figure.data, layout: { title: { text: 'Weights <b>of</b><br>head 1' }, margin: { l: 40, t: 90 } } };
    const html = renderOutputs([{ output_type: 'display_data', data: { 'application/vnd.plotly.v1+json': titled } }], ctx());
    expect(html).toContain('<div class="figure-head"><p class="figure-title">Weights of head 1</p></div>');
    expect(html).toContain('aria-label="Weights of head 1"');
    const drawn = JSON.parse(/id="figure-1-data">([\s\S]*?)<\/script>/.exec(html)![1]);
    expect(drawn.layout.title).toBeUndefined();
    expect(drawn.layout.margin).toEqual({ l: 40, t: 90 });
  });

  it('merges consecutive writes to a stream, strips terminal codes and applies carriage returns', () => {
    const outputs: Output[] = [
      { output_type: 'stream', name: 'stdout', text: ['a <b>\n', 'progress 10%\rprogress 100%\n'] },
      { output_type: 'stream', name: 'stdout', text: '\u001b[32mok\u001b[0m\n' },
      { output_type: 'stream', name: 'stderr', text: 'warn\n' },
    ];
    const html = renderOutputs(outputs, ctx());
    expect(html).toBe('<pre class="output stream stdout">a &lt;b&gt;\nprogress 100%\nok\n</pre>\n<pre class="output stream stderr">warn\n</pre>');
  });

  it('styles errors with their name, message and a clean traceback', () => {
    const html = renderOutputs(
      [{ output_type: 'error', ename: 'TypeError', evalue: 'x is <undefined>', traceback: ['\u001b[31mTypeError: x is <undefined>\u001b[0m', '    at <Cell 3>'] }],
      ctx(),
    );
    expect(html).toContain('<div class="output error"><p class="error-name"><strong>TypeError</strong>: x is &lt;undefined&gt;</p>');
    expect(html).toContain('at &lt;Cell 3&gt;');
    expect(html).not.toContain('\u001b');
  });

  it('shows images as data URIs described by their text fallback, html as is, and plain text escaped', () => {
    const html = renderOutputs(
      [
        { output_type: 'display_data', data: { 'image/png': 'iVBORw0KGgo=\n', 'text/plain': '<Figure>' }, metadata: { 'image/png': { width: 200 } } },
        { output_type: 'execute_result', data: { 'text/html': '<table><tr><td>1</td></tr></table>', 'text/plain': 'table' }, execution_count: 2 },
        { output_type: 'execute_result', data: { 'text/plain': 'Tensor <float32>' }, execution_count: 3 },
      ],
      ctx(),
    );
    expect(html).toContain('<img alt="&lt;Figure&gt;" src="data:image/png;base64,iVBORw0KGgo=" width="200">');
    expect(html).toContain('<div class="output html"><table><tr><td>1</td></tr></table></div>');
    expect(html).toContain('<pre class="output text">Tensor &lt;float32&gt;</pre>');
  });
});

describe('lesson page', () => {
  it('renders the fixture: title, run instructions, exercise, figure, error, TOC and pager', () => {
    const nb = fixture();
    const page = lessonPage(md, {
      lesson: nb.metadata!.attnlab!,
      notebook: nb,
      edition: 'instructor',
      download: 'notebooks/01-fixture.ipynb',
      prev: { lesson: '00', title: 'Start', page: '00-start.html' },
      rewriteLink: () => undefined,
    });
    expect(page.figures).toBe(1);
    expect(page.main).toMatch(/<p class="eyebrow">.*20 min · 1 graded exercise<\/p>\n<h1 id="softmax-attention-a-fixture"/);
    expect(page.main).toContain('<a class="button" href="#open-in-jupyterlab">Run this lesson yourself</a>');
    expect(page.main).toContain('<a href="notebooks/01-fixture.ipynb" download>Download 01-fixture.ipynb</a>');
    expect(page.main).toContain('<p class="exercise-label">Exercise <code>softmax</code></p>');
    expect(page.main).toContain('class="output error"');
    expect(page.main).toContain('<div class="admonition tip">');
    expect(page.main).toContain('rel="prev" href="00-start.html"');
    expect(page.main).not.toContain('rel="next"');
    for (const id of ['the-formula', 'a-table', 'exercise-softmax', 'summary', 'open-in-jupyterlab']) {
      expect(page.toc).toContain(`href="#${id}"`);
      expect(page.main).toContain(`id="${id}"`);
    }
    expect(page.sections.find((s) => s.id === 'the-formula')?.text).toContain('saturate the softmax');
  });

  it('honours the Jupyter Book cell tags remove-cell, remove-input, hide-input and remove-output', () => {
    const cell = (id: string, tags: string[]): Cell => ({
      id,
      cell_type: 'code',
      source: `console.log('source ${id}')`,
      metadata: { tags },
      outputs: [{ output_type: 'stream', name: 'stdout', text: `output ${id}\n` }],
      execution_count: 1,
    });
    const nb = fixture();
    nb.cells = [cell('a', ['remove-cell']), cell('b', ['remove-input']), cell('c', ['hide-input']), cell('d', ['remove-output'])];
    const { main } = lessonPage(md, { lesson: nb.metadata!.attnlab!, notebook: nb, edition: 'student', download: 'notebooks/x.ipynb', rewriteLink: () => undefined });
    const text = main.replace(/<[^>]+>/g, '');
    expect(text).not.toContain('source a');
    expect(text).not.toContain('output a');
    expect(text).not.toContain('source b');
    expect(text).toContain('output b');
    expect(main).toMatch(/<details class="hidden-input"><summary>Show code<\/summary>[\s\S]*source c[\s\S]*<\/details>/);
    expect(text).toContain('output c');
    expect(text).toContain('source d');
    expect(text).not.toContain('output d');
  });

  it('tells a reader where to get the repository a lesson runs in, and the two commands to open it', () => {
    const nb = fixture();
    const page = (repository?: string) =>
      lessonPage(md, { lesson: nb.metadata!.attnlab!, notebook: nb, edition: 'student', download: 'notebooks/01-fixture.ipynb', repository, rewriteLink: () => undefined }).main;
    const section = (html: string) => html.slice(html.indexOf('<section class="open-notebook"'));
    const told = section(page('https://git.example.edu/course/attnlab-student'));
    expect(told).toContain('<code>git clone https://git.example.edu/course/attnlab-student</code>');
    expect(section(page())).toContain('your instructor gives you its address');
    for (const text of [told, section(page())]) {
      expect(text).toMatch(/<code>npm install<\/code>[\s\S]*<code>npm start<\/code>[\s\S]*<code>notebooks\/01-fixture\.ipynb<\/code>/);
      expect(text).toContain('does not run on its own');
    }
  });

  it('student view: solutions become stubs, unchanged cells keep their outputs, changed cells lose theirs', () => {
    const executed = fixture();
    executed.cells[4].outputs = [{ output_type: 'stream', name: 'stdout', text: 'computed by the solution\n' }];
    const { notebook: view } = studentView(executed);
    const text = JSON.stringify(view);
    expect(text).not.toContain('shifted.exp()');
    expect(text).not.toContain('Instructor note');
    expect(text).not.toContain('computed by the solution');
    expect(text).toContain('not implemented: softmax');
    const plot = view.cells.find((c) => c.id === 'c3')!;
    expect(Object.keys(plot.outputs?.[0].data ?? {})).toContain('application/vnd.plotly.v1+json');
    expect(view.cells.find((c) => c.id === 'c1')!.execution_count).toBe(1);
  });

  it("student view: a check cell shows how to run the check instead of the solution's result, and demos name the solution behind them", () => {
    const printed = (id: string, source: string, text: string): Cell => ({
      id,
      cell_type: 'code',
      source,
      metadata: {},
      outputs: text ? [{ output_type: 'stream', name: 'stdout', text }] : [],
      execution_count: 1,
    });
    const executed = fixture();
    const exercise = executed.cells.findIndex((c) => c.id === 'c2');
    executed.cells.splice(
      exercise + 1,
      0,
      printed('check', "await check('softmax', softmax);", '✔ softmax: 10/10 points — all 3 public cases pass\n'),
      printed('direct', 'softmax(tf.tensor1d([1, 2])).print();', 'Tensor [0.27, 0.73]\n'),
      printed('through', 'const w = softmax(scores);\nconst { output: o } = { output: w.mul(2) };', ''),
      printed('later', 'o.print();', 'Tensor [0.54, 1.46]\n'),
      printed('builtin', 'tf.softmax(scores).print();\nconst plain = { softmax: 1 };', 'Tensor [0.5, 0.5]\n'),
    );
    const { notebook, notes } = studentView(executed);
    const cell = (id: string) => notebook.cells.find((c) => c.id === id)!;
    expect(cell('check').outputs).toEqual([]);
    expect(notes.get('check')).toEqual({ kind: 'check', exercise: 'softmax' });
    for (const id of ['direct', 'later']) {
      expect(cell(id).outputs).toEqual(executed.cells.find((c) => c.id === id)!.outputs);
      expect(notes.get(id), id).toEqual({ kind: 'from-solutions', exercises: ['softmax'] });
    }
    // A cell without outputs needs no note; tf's own softmax and an object key are not the exercise.
    expect(notes.has('through')).toBe(false);
    expect(notes.has('builtin')).toBe(false);

    const { main } = lessonPage(md, { lesson: executed.metadata!.attnlab!, notebook, notes, edition: 'student', download: 'notebooks/x.ipynb', rewriteLink: () => undefined });
    const text = main.replace(/<[^>]+>/g, '');
    expect(text).not.toContain('10/10 points');
    expect(text).toContain('Run this check in your notebook');
    expect(text).toContain("Output of the course's solution to softmax");
    expect(text).toContain('Tensor [0.54, 1.46]');
  });

  it("names the backend that computed the outputs, without the build machine's advice to install another", () => {
    const reason =
      'WebAssembly (@tensorflow/tfjs-backend-wasm, SIMD, single thread) because @tensorflow/tfjs-node is not installed (an optional dependency: npm install @tensorflow/tfjs-node)';
    const setup = (id: string, outputs: Output[]): Cell => ({
      id,
      cell_type: 'code',
      source: 'const backend = await core.initBackend();',
      metadata: {},
      outputs,
      execution_count: 1,
    });
    const nb = fixture();
    nb.cells = [
      setup('as-value', [{ output_type: 'stream', name: 'stdout', text: `{\n  name: 'wasm',\n  reason: '${reason}'\n}\n` }]),
      // util.inspect switches to double quotes when the reason holds a single quote, as a load error naming a module does
      setup('as-double-quoted-value', [
        {
          output_type: 'stream',
          name: 'stdout',
          text: `{\n  name: 'wasm',\n  reason: "${reason.replace('is not installed', "could not be loaded (Cannot find module 'tfjs_binding.node')")}"\n}\n`,
        },
      ]),
      setup('as-line', [
        { output_type: 'stream', name: 'stdout', text: `backend: wasm (${reason})\n` },
        { output_type: 'stream', name: 'stdout', text: 'Node.js v20.20.2, TensorFlow.js 4.22.0\n' },
      ]),
    ];
    const { notebook, notes } = withBackendNote({ notebook: nb, notes: new Map() });
    for (const id of ['as-value', 'as-double-quoted-value', 'as-line']) {
      expect(notes.get(id)).toEqual({ kind: 'backend', name: 'wasm', description: 'WebAssembly (@tensorflow/tfjs-backend-wasm, SIMD, single thread)' });
    }
    const { main } = lessonPage(md, { lesson: nb.metadata!.attnlab!, notebook, notes, edition: 'student', download: 'notebooks/x.ipynb', rewriteLink: () => undefined });
    const text = main.replace(/<[^>]+>/g, '');
    expect(text).not.toContain('npm install @tensorflow/tfjs-node');
    expect(text).not.toContain('because');
    expect(text.match(/computed with TensorFlow\.js's wasm backend/g)).toHaveLength(3);
    // What the cell printed besides the report stays.
    expect(text).toContain('Node.js v20.20.2, TensorFlow.js 4.22.0');
  });
});

describe('execution cache', () => {
  /** A checkout in `<tmp>/repo` whose core package ships reference files. */
  function fakeRepo(): { root: string; dir: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attnlab-site-cache-'));
    for (const [file, text] of Object.entries({
      'repo/package-lock.json': '{}',
      'repo/packages/core/package.json': '{"name":"@attnlab/core"}',
      'repo/packages/core/dist/index.js': 'exports.a = 1;',
      'repo/packages/lessons/package.json': '{"name":"@attnlab/lessons"}',
      'repo/packages/lessons/dist/display.js': 'exports.show = 1;',
      'repo/packages/lessons/dist/site/build.js': 'site v1',
      'repo/packages/core/fixtures/pytorch/mha.json': '{"v":1}',
      'shared/fixtures/pytorch/mha.json': '{"v":1}',
    })) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    return { root: path.join(dir, 'repo'), dir };
  }

  it('fingerprints what notebooks run against, but not the site generator itself', () => {
    const { root, dir } = fakeRepo();
    const before = environmentFingerprint(root);
    fs.writeFileSync(path.join(root, 'packages/lessons/dist/site/build.js'), 'site v2');
    fs.writeFileSync(path.join(root, 'packages/core/dist/index.js.map'), '{}');
    expect(environmentFingerprint(root)).toBe(before);
    fs.writeFileSync(path.join(root, 'packages/core/dist/index.js'), 'exports.a = 2;');
    const changedCore = environmentFingerprint(root);
    expect(changedCore).not.toBe(before);
    // Nothing a lesson runs against lives outside the checkout.
    fs.writeFileSync(path.join(dir, 'shared/fixtures/pytorch/mha.json'), '{"v":2}');
    expect(environmentFingerprint(root)).toBe(changedCore);
    fs.writeFileSync(path.join(root, 'packages/core/fixtures/pytorch/mha.json'), '{"v":2}');
    expect(environmentFingerprint(root)).not.toBe(changedCore);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('returns outputs only for the same code, run mode and environment, keeping one entry per notebook', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attnlab-site-cache-'));
    const executed = fixture();
    const code = (nb: Notebook, text: string): Notebook => ({ ...nb, cells: nb.cells.map((c) => (c.id === 'c1' ? { ...c, source: text } : c)) });
    const blank = (nb: Notebook): Notebook => ({ ...nb, cells: nb.cells.map((c) => (c.cell_type === 'code' ? { ...c, outputs: [], execution_count: null } : c)) });
    const v1 = executed;
    const v2 = code(executed, 'const changed = 2;');
    const cache = new ExecutionCache(dir, 'env-1');
    expect(cache.get('01-x', blank(v1), true)).toBeNull();
    cache.set('01-x', v1, true);
    expect(cache.get('01-x', blank(v1), true)).toEqual(v1);
    expect(cache.get('01-x', blank(v1), false)).toBeNull();
    expect(cache.get('01-x', blank(v2), true)).toBeNull();
    expect(new ExecutionCache(dir, 'env-2').get('01-x', blank(v1), true)).toBeNull();
    // A markdown edit keeps the outputs (jupyter-cache's rule), and the page shows the new markdown.
    const edited = { ...blank(v1), cells: blank(v1).cells.map((c) => (c.cell_type === 'markdown' ? { ...c, source: 'new words' } : c)) };
    const hit = cache.get('01-x', edited, true)!;
    expect(hit.cells.filter((c) => c.cell_type === 'markdown').map((c) => c.source)).toEqual(edited.cells.filter((c) => c.cell_type === 'markdown').map(() => 'new words'));
    expect(hit.cells.filter((c) => c.cell_type === 'code').map((c) => c.outputs)).toEqual(v1.cells.filter((c) => c.cell_type === 'code').map((c) => c.outputs));
    cache.set('01-x', v2, true);
    cache.set('02-y', v1, true);
    // The v1 entry of 01-x was replaced by v2; 02-y's entry is its own.
    expect(cache.get('01-x', blank(v1), true)).toBeNull();
    expect(cache.get('01-x', blank(v2), true)).toEqual(v2);
    expect(cache.get('02-y', blank(v1), true)).toEqual(v1);
    const entries = fs.readdirSync(dir).sort();
    expect(entries.map((e) => e.replace(/\.[0-9a-f]{32}\.json$/, ''))).toEqual(['01-x', '02-y']);
    // A truncated entry is a miss, not a crash.
    fs.writeFileSync(path.join(dir, entries[0]), '{ truncated');
    expect(cache.get('01-x', blank(v2), true)).toBeNull();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('search index', () => {
  it('is a script that hands the browser a MiniSearch index of lesson sections', () => {
    const docs = [
      ...lessonSearchDocs({ lesson: '01', title: 'Scaled dot-product attention', slug: '01-sdp' }, '01-sdp.html', [
        { id: '', title: '', html: '', text: '' },
        { id: 'softmax', title: 'The softmax', html: 'The <em>softmax</em>', text: 'Turns scores into weights.' },
      ]),
      ...lessonSearchDocs({ lesson: '05', title: 'Positional encoding', slug: '05-pe' }, '05-pe.html', [
        { id: 'sines', title: 'Sines', html: '', text: 'Sinusoids of many frequencies.' },
      ]),
    ];
    expect(docs.map((d) => d.url)).toEqual(['01-sdp.html#softmax', '05-pe.html#sines']);
    const sandbox: { window: { ATTNLAB_SEARCH?: { options: object; index: object } } } = { window: {} };
    vm.runInNewContext(searchIndexScript(docs), sandbox);
    const { options, index } = sandbox.window.ATTNLAB_SEARCH!;
    const search = MiniSearch.loadJS(index as never, options as never);
    const hits = search.search('softmax', { prefix: true });
    expect(hits.map((h) => [h.lesson, h.url, h.titleHtml])).toEqual([['01', '01-sdp.html#softmax', 'The <em>softmax</em>']]);
    // Without rendered heading HTML, the plain title is shown.
    expect(search.search('sinusoids').map((h) => [h.lessonTitle, h.titleHtml])).toEqual([['Positional encoding', 'Sines']]);
  });
});
