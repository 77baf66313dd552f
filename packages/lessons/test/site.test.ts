// Builds the course site from the notebooks in notebooks/ (outputs from this test run's execution cache) and
// checks it in headless Chromium, served under a sub-path, and opened from file://; then its layout on a desktop
// and on a phone: display math stays inside its column, long heatmap labels are not clipped, figures fit a phone's
// screen and Plotly's mode bar covers no title, heading anchors add no line.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../src/project';
// The built package, as `npm run site` runs it (its browser script exists only as compiled JS).
import { buildSite, type BuildResult } from '../dist/site/build';

const ROOT = repoRoot(__dirname);
// Nothing is written into the repository: the sites go to a temp folder, the screenshots to
// $ATTNLAB_ARTIFACTS (kept for a person to look at) or to that temp folder.
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'attnlab-site-test-'));
const STUDENT_DIR = path.join(WORK, 'site');
const INSTRUCTOR_DIR = path.join(WORK, 'site-instructor');
const SCREENSHOTS = process.env.ATTNLAB_ARTIFACTS ? path.resolve(process.env.ATTNLAB_ARTIFACTS, 'screenshots') : path.join(WORK, 'screenshots');
const BASE = '/course/';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface SourceLesson {
  slug: string;
  lesson: string;
  markdown: string;
  code: string;
  solutionLines: string[];
}

const SOLUTION_CODE = /^[ \t]*\/\/ BEGIN SOLUTION[^\n]*\n([\s\S]*?)^[ \t]*\/\/ END SOLUTION/gm;
const SOLUTION_MD = /<!-- BEGIN SOLUTION -->([\s\S]*?)<!-- END SOLUTION -->/g;

function cellText(source: string | string[]): string {
  return Array.isArray(source) ? source.join('') : source;
}

/** What the tests expect, read straight from the notebooks rather than from the site builder. */
function sourceLessons(): SourceLesson[] {
  const dir = path.join(ROOT, 'notebooks');
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d\d-[a-z0-9-]+\.ipynb$/.test(f))
    .sort()
    .map((f) => {
      const nb = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
      const cells = nb.cells as { cell_type: string; source: string | string[] }[];
      const markdown = cells
        .filter((c) => c.cell_type === 'markdown')
        .map((c) => cellText(c.source))
        .join('\n');
      const code = cells
        .filter((c) => c.cell_type === 'code')
        .map((c) => cellText(c.source))
        .join('\n');
      const inSolutions = [...code.matchAll(SOLUTION_CODE)].map((m) => m[1]).join('\n') + [...markdown.matchAll(SOLUTION_MD)].map((m) => m[1]).join('\n');
      const outside = code.replace(SOLUTION_CODE, '') + markdown.replace(SOLUTION_MD, '');
      // Lines long enough to be distinctive that occur nowhere outside a solution region.
      const solutionLines = [...new Set(inSolutions.split('\n').map((l) => l.trim()))].filter((l) => l.length >= 16 && !outside.includes(l));
      return { slug: f.replace(/\.ipynb$/, ''), lesson: String(nb.metadata.attnlab.lesson), markdown, code, solutionLines };
    });
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", nbsp: ' ' };

function htmlText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, (_m, e: string) => ENTITY[e]);
}

/** Serves `dir` under `base` the way static hosts do: 404.html, with status 404, for any missing path. */
function serve(dir: string, base: string): Promise<http.Server> {
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.svg': 'image/svg+xml',
    '.woff2': 'font/woff2',
    '.woff': 'font/woff',
    '.ttf': 'font/ttf',
    '.ipynb': 'application/x-ipynb+json',
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let rel = decodeURIComponent(url.pathname);
    if (!rel.startsWith(base)) return void res.writeHead(404).end('outside the site');
    rel = rel.slice(base.length) || 'index.html';
    const file = path.join(dir, rel);
    const found = file.startsWith(dir) && fs.existsSync(file) && fs.statSync(file).isFile();
    const served = found ? file : path.join(dir, '404.html');
    // Cached for ten minutes, as GitHub Pages serves a site.
    res.writeHead(found ? 200 : 404, { 'content-type': types[path.extname(served)] ?? 'application/octet-stream', 'cache-control': 'max-age=600' });
    fs.createReadStream(served).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

interface PageProblems {
  errors: string[];
}

/** Records a page's console errors, uncaught exceptions, failed requests and HTTP errors from now on. */
function watch(page: Page): PageProblems {
  const problems: PageProblems = { errors: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') problems.errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.errors.push(`exception: ${e.message}`));
  page.on('requestfailed', (r) => problems.errors.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return problems;
}

/** Goes to `url` and waits until the site script has drawn every figure (after load) as an SVG. */
async function visit(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => Array.from(document.querySelectorAll('.plotly-figure')).every((f) => f.querySelector('svg.main-svg')), null, { timeout: 120_000 });
}

/**
 * A new tab, watched (see `watch`): in a fresh profile of its own (`browser`), or in the `reader`'s profile, whose
 * cache already holds the scripts and fonts.
 */
async function newTab(opener: Browser | BrowserContext, viewport = { width: 1440, height: 900 }): Promise<{ page: Page; problems: PageProblems }> {
  const page = await opener.newPage();
  await page.setViewportSize(viewport);
  return { page, problems: watch(page) };
}

/** A new tab (see `newTab`) at `url`, its figures drawn. */
async function open(opener: Browser | BrowserContext, url: string, viewport?: { width: number; height: number }): Promise<{ page: Page; problems: PageProblems }> {
  const tab = await newTab(opener, viewport);
  await visit(tab.page, url);
  return tab;
}

// The narrowest desktop layout that still shows the table of contents, and a phone.
const DESKTOP = { width: 1200, height: 800 };
const PHONE = { width: 390, height: 844 };
// Lesson 01 §5: the formula that used to be cut at `V ∈ ℝ^{L_k×`.
const LONG_FORMULA = 'V \\in \\mathbb{R}^{L_k \\times d_v}';

interface Figure {
  data?: { type?: string }[];
  layout?: { yaxis?: { ticktext?: string[] } };
}

/** Each figure a page carries, as the page's script reads it. */
function figuresOf(html: string): Figure[] {
  return [...html.matchAll(/<script type="application\/json" id="figure-\d+-data">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]) as Figure);
}

/** The page whose heatmaps have the longest row labels, and that length. */
function longestLabels(pages: string[]): { page: string; length: number } {
  let best = { page: '', length: 0 };
  for (const page of pages) {
    for (const figure of figuresOf(fs.readFileSync(path.join(STUDENT_DIR, page), 'utf8'))) {
      if (!figure.data?.some((t) => t.type === 'heatmap')) continue;
      for (const label of figure.layout?.yaxis?.ticktext ?? []) if (label.length > best.length) best = { page, length: label.length };
    }
  }
  return best;
}

/** Geometry problems on the page as it is laid out now, each naming what is wrong; [] when everything fits. */
function layoutProblems(page: Page, formula: string | null): Promise<string[]> {
  return page.evaluate((formula) => {
    const problems: string[] = [];
    const box = (e: Element) => e.getBoundingClientRect();
    const overlap = (a: DOMRect, b: DOMRect) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width) problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px wide in a ${width} px window`);

    // Display math: every formula inside its cell's column, none scrolling sideways.
    for (const block of Array.from(document.querySelectorAll('.markdown-cell .katex-block'))) {
      const column = box(block.closest('.markdown-cell')!);
      const tex = Array.from(block.querySelectorAll('annotation'))
        .map((a) => a.textContent)
        .join(' ')
        .slice(0, 60);
      for (const base of Array.from(block.querySelectorAll('.katex-html > .base'))) {
        const b = box(base);
        if (b.right > column.right + 0.5 || b.left < column.left - 0.5)
          problems.push(`formula "${tex}" reaches past its column (${Math.round(b.left)}–${Math.round(b.right)} in ${Math.round(column.left)}–${Math.round(column.right)})`);
      }
      for (const display of Array.from(block.querySelectorAll('.katex-display'))) {
        if (display.scrollWidth > display.clientWidth) problems.push(`formula "${tex}" scrolls sideways`);
      }
    }
    const annotations = Array.from(document.querySelectorAll('.katex-block annotation')).map((a) => a.textContent ?? '');
    if (formula && !annotations.some((t) => t.includes(formula))) problems.push(`no display formula with ${formula} on the page`);

    // Heading anchors: the hidden "#" takes no line of its own.
    for (const heading of Array.from(document.querySelectorAll<HTMLElement>('.lesson h2, .lesson h3'))) {
      const anchor = heading.querySelector<HTMLElement>('.header-anchor');
      if (!anchor) continue;
      const withAnchor = box(heading).height;
      anchor.style.display = 'none';
      const without = box(heading).height;
      anchor.style.display = '';
      if (withAnchor > without + 0.5) problems.push(`heading "${heading.textContent}" is ${Math.round(withAnchor - without)} px taller because of its anchor`);
    }

    // Figures: inside the window, legends inside the figure, titles clear of the mode bar, tick labels
    // inside the figure and clear of the axis titles.
    for (const output of Array.from(document.querySelectorAll('.output.plotly'))) {
      const name = output.getAttribute('aria-label') ?? 'a figure';
      const svg = output.querySelector('svg.main-svg');
      if (!svg) {
        problems.push(`${name}: not drawn`);
        continue;
      }
      const figure = box(svg);
      if (figure.left < -0.5 || figure.right > width + 0.5) problems.push(`${name}: drawn at ${Math.round(figure.left)}–${Math.round(figure.right)} in a ${width} px window`);
      const inside = (e: Element, what: string) => {
        const b = box(e);
        if (b.width === 0) return;
        if (b.left < figure.left - 0.5 || b.right > figure.right + 0.5 || b.top < figure.top - 0.5 || b.bottom > figure.bottom + 0.5)
          problems.push(`${name}: ${what} cut off by the figure's edge`);
      };
      for (const legend of Array.from(output.querySelectorAll('.legend'))) inside(legend, 'legend');
      // The page's title above the figure, or one Plotly draws inside it.
      const modebar = output.querySelector('.modebar');
      for (const title of Array.from(output.querySelectorAll('.figure-title, .gtitle'))) {
        if (modebar && overlap(box(title), box(modebar))) problems.push(`${name}: the mode bar covers the title`);
        if (box(title).left < -0.5 || box(title).right > width + 0.5) problems.push(`${name}: title outside the window`);
        if (title.classList.contains('gtitle')) inside(title, 'title');
      }
      for (const axis of ['x', 'y']) {
        const labels = Array.from(output.querySelectorAll(`.${axis}tick text`));
        labels.forEach((label) => inside(label, `${axis} tick label "${label.textContent}"`));
        const axisTitle = output.querySelector(`.${axis}title`);
        if (axisTitle && labels.some((l) => overlap(box(l), box(axisTitle)))) problems.push(`${name}: the ${axis} axis title overlaps its tick labels`);
      }
    }
    return problems;
  }, formula);
}

/**
 * The page's layout problems once its figures are drawn and have settled: Plotly redraws a responsive
 * figure a moment after the window changes size, so problems are looked for again until none are left
 * or a minute has passed, and the last ones found are returned.
 */
async function settledProblems(page: Page, formula: string | null = null): Promise<string[]> {
  await page.waitForFunction(() => Array.from(document.querySelectorAll('.plotly-figure')).every((e) => e.querySelector('svg.main-svg')));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const problems = await layoutProblems(page, formula);
    if (problems.length === 0 || Date.now() > deadline) return problems;
    await page.waitForTimeout(250);
  }
}

let student: BuildResult;
let instructor: BuildResult;
let server: http.Server;
let origin: string;
let browser: Browser;
/** One reader's profile, for the tests that leave no state behind (none of them changes the theme). */
let reader: BrowserContext;
let lessons: SourceLesson[] = [];
const progressLines: string[] = [];

beforeAll(async () => {
  lessons = sourceLessons();
  const progress = (line: string): void => {
    progressLines.push(line);
    process.stderr.write(`site: ${line}\n`);
  };
  // The global setup executed every notebook once; both editions are built from those runs.
  const cacheDir = inject('executionCache') ?? false;
  student = await buildSite({ root: ROOT, outDir: STUDENT_DIR, base: BASE, progress, cacheDir });
  instructor = await buildSite({ root: ROOT, outDir: INSTRUCTOR_DIR, withSolutions: true, progress, cacheDir });
  server = await serve(STUDENT_DIR, BASE);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  reader = await browser.newContext();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  fs.rmSync(WORK, { recursive: true, force: true });
});

describe('course site', () => {
  it('has a page per lesson notebook, a landing page and a 404 page', () => {
    expect(lessons.length).toBeGreaterThan(0);
    expect(student.lessons.map((l) => l.slug)).toEqual(lessons.map((l) => l.slug));
    expect([...student.pages].sort()).toEqual(['404.html', 'index.html', ...lessons.map((l) => `${l.slug}.html`)].sort());
    for (const rel of student.pages) expect(fs.existsSync(path.join(STUDENT_DIR, rel)), rel).toBe(true);
  });

  it('renders every notebook without failing cells and all math, in both editions', () => {
    expect(student.warnings).toEqual([]);
    expect(instructor.warnings).toEqual([]);
  });

  it('reports progress for every notebook while it builds', () => {
    for (const l of lessons)
      expect(
        progressLines.some((line) => line.includes(l.slug)),
        l.slug,
      ).toBe(true);
    expect(progressLines.some((line) => /whole build [\d.]+ s/.test(line))).toBe(true);
  });

  it("takes every notebook's outputs from the cache the test run filled, executing none again", () => {
    expect(student.lessons.map((l) => [l.slug, l.source])).toEqual(lessons.map((l) => [l.slug, 'cache']));
    expect(instructor.lessons.map((l) => [l.slug, l.source])).toEqual(lessons.map((l) => [l.slug, 'cache']));
  });

  // One visit per page (each load costs seconds): every page loads cleanly, and a lesson page also draws
  // its figures and renders its math.
  it("loads every page under a sub-path with no console errors or failed requests, drawing each lesson's heatmaps and KaTeX math", async () => {
    let heatmaps = 0;
    // One reader going from page to page in one tab, as a student does: the scripts and fonts come from the tab's
    // cache after the first page (a new tab per page costs Chromium more than twice the CPU time).
    const { page, problems } = await newTab(reader);
    for (const rel of student.pages) {
      problems.errors = [];
      await visit(page, `${origin}${BASE}${rel}`);
      const l = lessons.find((x) => `${x.slug}.html` === rel);
      if (l) {
        // Each figure: drawn by Plotly into an SVG, and each heatmap trace drawn as a heatmap layer.
        const drawn = await page.$$eval('.plotly-figure', (els) =>
          els.map((e) => {
            const fig = JSON.parse(document.getElementById(e.getAttribute('data-figure') ?? '')?.textContent ?? '{}');
            const heatmaps = (fig.data ?? []).filter((t: { type?: string }) => t.type === 'heatmap').length;
            return {
              svg: e.classList.contains('js-plotly-plot') && !!e.querySelector('svg.main-svg'),
              heatmaps,
              drawnHeatmaps: e.querySelectorAll('.heatmaplayer .hm image').length,
            };
          }),
        );
        if (/\bshow\(/.test(l.code)) expect(drawn.length, `${l.slug} shows figures`).toBeGreaterThan(0);
        for (const d of drawn) {
          expect(d.svg, `${l.slug}: figure drawn as SVG`).toBe(true);
          expect(d.drawnHeatmaps, `${l.slug}: heatmap traces drawn`).toBe(d.heatmaps);
        }
        heatmaps += drawn.reduce((n, d) => n + d.drawnHeatmaps, 0);
        if (/\$[^$\s][^$]*\$/.test(l.markdown)) expect(await page.locator('.katex').count(), `${l.slug} has KaTeX math`).toBeGreaterThan(0);
        expect(await page.locator('.katex-error').count(), `${l.slug} has no KaTeX errors`).toBe(0);
      }
      expect(problems.errors, rel).toEqual([]);
    }
    await page.close();
    expect(heatmaps, 'at least one heatmap on the site').toBeGreaterThan(0);
  });

  it('lists the lessons that teach softmax when searching for "softmax"', async () => {
    const teaches = lessons.filter((l) => /(^|[^\p{L}\p{N}])softmax/iu.test(l.markdown.replace(SOLUTION_MD, ''))).map((l) => l.lesson);
    expect(teaches.length, 'some lesson mentions softmax').toBeGreaterThan(0);
    const { page, problems } = await open(reader, `${origin}${BASE}index.html`);
    await page.fill('#search-input', 'softmax');
    await page.waitForSelector('#search-results .search-group');
    const found = await page.$$eval('#search-results .search-group', (els) => els.map((e) => e.getAttribute('data-lesson')));
    expect([...found].sort()).toEqual([...teaches].sort());
    const first = await page.$eval('#search-results a.search-hit', (a) => (a as HTMLAnchorElement).href);
    await page.click('#search-results a.search-hit');
    // The hit's page arrives with its heading; its figures (drawn on the page's other visits) are not waited for.
    await page.waitForURL(first, { waitUntil: 'commit' });
    await page.waitForSelector('h1');
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('has no broken links: every href, src and CSS url() resolves, every #fragment exists, all relative but outbound https links', async () => {
    const seen = new Set<string>();
    const queue = [`${origin}${BASE}index.html`];
    const broken: string[] = [];
    const ids = new Map<string, Set<string>>();
    const fragments: { from: string; url: string; id: string }[] = [];
    while (queue.length) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const res = await fetch(url);
      if (res.status !== 200) {
        broken.push(`${url}: HTTP ${res.status}`);
        continue;
      }
      const type = res.headers.get('content-type') ?? '';
      if (!type.startsWith('text/html') && !type.startsWith('text/css')) continue;
      const body = await res.text();
      const html = type.startsWith('text/html');
      // A link the reader follows out of the site (a citation's source) is fine offline; anything the page loads is not.
      const citations = html ? new Set([...body.matchAll(/<a\s[^>]*?href="(https:\/\/[^"]+)"/g)].map((m) => m[1])) : new Set<string>();
      const refs = html
        ? [...body.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'))
        : [...body.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)].map((m) => m[1]);
      if (html) ids.set(url, new Set([...body.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
      for (const ref of refs) {
        if (ref.startsWith('data:') || citations.has(ref)) continue;
        if (/^[a-z]+:/i.test(ref) || ref.startsWith('/')) {
          broken.push(`${url}: ${ref} is not a relative link (the site must work offline, from file:// and under any sub-path)`);
          continue;
        }
        const target = new URL(ref, url);
        const hash = decodeURIComponent(target.hash.slice(1));
        target.hash = '';
        if (hash) fragments.push({ from: url, url: target.href, id: hash });
        if (!target.href.startsWith(`${origin}${BASE}`)) broken.push(`${url}: ${ref} leaves the site`);
        else queue.push(target.href);
      }
    }
    for (const f of fragments) {
      if (!ids.get(f.url)?.has(f.id)) broken.push(`${f.from}: #${f.id} does not exist in ${f.url}`);
    }
    expect(broken).toEqual([]);
    // Every page is reachable by following links (404.html is served by the host, not linked).
    for (const rel of student.pages.filter((p) => p !== '404.html')) expect(seen.has(`${origin}${BASE}${rel}`), rel).toBe(true);
  });

  it('serves 404.html at unknown paths, however deep, with working assets and links', async () => {
    const missing = `${origin}${BASE}no/such/lesson.html`;
    const { page, problems } = await open(reader, missing);
    expect(await page.locator('h1').textContent()).toBe('Page not found');
    expect(await page.locator('.nav-lessons a').count()).toBe(lessons.length);
    // site.css loaded from the site root: the top bar is sticky.
    expect(await page.$eval('.topbar', (e) => getComputedStyle(e).position)).toBe('sticky');
    // The document itself is the expected 404; nothing it loads may fail.
    expect(problems.errors.filter((e) => !e.includes(missing) && !e.includes('status of 404'))).toEqual([]);
    await page.click(`.nav-lessons a >> nth=0`);
    await page.waitForURL(`${origin}${BASE}${lessons[0].slug}.html`, { waitUntil: 'commit' });
    await page.close();
  });

  it('keeps solutions out of the student edition and in the instructor edition', () => {
    const withSolutions = lessons.filter((l) => l.solutionLines.length);
    expect(withSolutions.length, 'some lesson has solution regions to check').toBeGreaterThan(0);
    for (const l of withSolutions) {
      // Checked per lesson: a later lesson may show an earlier lesson's solution on purpose.
      const studentText = htmlText(fs.readFileSync(path.join(STUDENT_DIR, `${l.slug}.html`), 'utf8'));
      const download = JSON.parse(fs.readFileSync(path.join(STUDENT_DIR, 'notebooks', `${l.slug}.ipynb`), 'utf8'));
      const studentNotebook = download.cells.map((c: { source: string | string[] }) => cellText(c.source)).join('\n');
      const instructorPage = htmlText(fs.readFileSync(path.join(INSTRUCTOR_DIR, `${l.slug}.html`), 'utf8'));
      const instructorNotebook = fs.readFileSync(path.join(INSTRUCTOR_DIR, 'notebooks', `${l.slug}.ipynb`), 'utf8');
      for (const line of l.solutionLines) {
        expect(studentText.includes(line), `student page ${l.slug} leaks "${line}"`).toBe(false);
        expect(studentNotebook.includes(line), `student notebook ${l.slug} leaks "${line}"`).toBe(false);
        expect(instructorPage.includes(line), `instructor page ${l.slug} shows "${line}"`).toBe(true);
        expect(
          JSON.parse(instructorNotebook).cells.some((c: { source: string | string[] }) => cellText(c.source).includes(line)),
          `instructor notebook ${l.slug} has "${line}"`,
        ).toBe(true);
      }
      expect(studentNotebook).toContain('YOUR CODE HERE');
    }
  });

  it('shows no check result under a stub in the student edition, only how to run the check; the instructor edition shows the result', () => {
    const passing = /✔ \w+: [\d.]+\/[\d.]+ points/;
    const withChecks = lessons.filter((l) => /\bcheck\(\s*'\w+'/.test(l.code));
    expect(withChecks.length, 'some lesson has check cells').toBeGreaterThan(0);
    for (const l of withChecks) {
      const checks = l.code.match(/\bcheck\(\s*'\w+'/g)!.length;
      const studentPage = fs.readFileSync(path.join(STUDENT_DIR, `${l.slug}.html`), 'utf8');
      expect(htmlText(studentPage), `student page ${l.slug}`).not.toMatch(passing);
      expect(studentPage.match(/class="cell-note check-note"/g)?.length ?? 0, `check notes on ${l.slug}`).toBe(checks);
      // The instructor edition runs the same check cells on the solutions, so the student pages hide real results.
      expect(htmlText(fs.readFileSync(path.join(INSTRUCTOR_DIR, `${l.slug}.html`), 'utf8')), `instructor page ${l.slug}`).toMatch(passing);
    }
  });

  it("names the backend that computed each lesson's outputs, and tells no reader to install one", () => {
    const reports = lessons.filter((x) => /\binitBackend\(/.test(x.code));
    expect(reports.length, 'some lesson picks a backend').toBeGreaterThan(0);
    for (const l of reports) {
      const html = fs.readFileSync(path.join(STUDENT_DIR, `${l.slug}.html`), 'utf8');
      const text = htmlText(html);
      // The site's note where the lesson printed why the backend was chosen, or the lesson's own short line.
      const noted = /computed with TensorFlow\.js's (tensorflow|wasm|cpu) backend/.test(text);
      const printed = /<pre class="output stream stdout">backend: (tensorflow|wasm|cpu)\n/.test(html);
      const setup = htmlText(html.slice(html.indexOf('initBackend'), html.indexOf('initBackend') + 1500));
      expect(noted || printed, `${l.slug} says which backend; after its set-up code the page says: ${setup}`).toBe(true);
      expect(text, l.slug).not.toMatch(/npm install @tensorflow\/tfjs-node|is not installed/);
    }
  });

  it('works from file:// (instructor edition)', async () => {
    const { page, problems } = await open(browser, pathToFileURL(path.join(INSTRUCTOR_DIR, `${lessons[0].slug}.html`)).href);
    expect(await page.locator('.edition-instructor').count()).toBe(1);
    // A word of each of two lessons' titles: the search index loads from file:// and finds the lesson.
    for (const l of lessons.slice(0, 2)) {
      const word = l.slug.split('-')[1];
      await page.fill('#search-input', word);
      await expect.poll(() => page.locator(`#search-results:not([hidden]) .search-group[data-lesson="${l.lesson}"]`).count(), { message: `search "${word}"` }).toBe(1);
    }
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('switches to the dark theme, restyles figures to match, and remembers the choice', async () => {
    const withFigure = lessons.find((l) => /\bshow\(/.test(l.code));
    expect(withFigure, 'some lesson shows a figure').toBeDefined();
    const { page, problems } = await open(browser, `${origin}${BASE}${withFigure!.slug}.html`);
    const background = (): Promise<string> => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const figureFont = (): Promise<string> => page.$eval('.plotly-figure', (e) => (e as unknown as { layout: { font: { color: string } } }).layout.font.color);
    const foreground = (): Promise<string> => page.evaluate(() => getComputedStyle(document.body).getPropertyValue('--fg').trim());
    expect(await page.getAttribute('html', 'data-theme')).toBe('light');
    const light = { background: await background(), font: await figureFont() };
    expect(light.font).toBe(await foreground());
    await page.click('#theme-toggle');
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
    expect(await page.getAttribute('#theme-toggle', 'aria-pressed')).toBe('true');
    expect(await background()).not.toBe(light.background);
    const dark = await foreground();
    expect(dark).not.toBe(light.font);
    await expect.poll(figureFont).toBe(dark);
    await page.goto(`${origin}${BASE}index.html`);
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
    expect(await page.getAttribute('#theme-toggle', 'aria-pressed')).toBe('true');
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('on a phone, opens the lesson list from the menu button and closes it with Escape', async () => {
    const { page, problems } = await open(reader, `${origin}${BASE}index.html`, { width: 390, height: 844 });
    expect(await page.locator('#sidebar').isVisible()).toBe(false);
    await page.click('.nav-toggle');
    expect(await page.locator('#sidebar').isVisible()).toBe(true);
    expect(await page.getAttribute('.nav-toggle', 'aria-expanded')).toBe('true');
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'phone-menu.png') });
    await page.keyboard.press('Escape');
    expect(await page.locator('#sidebar').isVisible()).toBe(false);
    expect(await page.getAttribute('.nav-toggle', 'aria-expanded')).toBe('false');
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('writes screenshots of a lesson page (top, at a heatmap, dark), the landing page and search', async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const withHeatmap = lessons.find((l) => /\bheatmapFigure\(/.test(l.code) && l.lesson !== '00') ?? lessons.find((l) => /\bheatmapFigure\(/.test(l.code));
    expect(withHeatmap, 'some lesson draws a heatmap').toBeDefined();
    const { page } = await open(browser, `${origin}${BASE}${withHeatmap!.slug}.html`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'lesson.png') });
    const figure = page.locator('.plotly-figure:has(.heatmaplayer .hm)').first();
    await figure.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -160));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'lesson-heatmap.png') });
    await page.click('#theme-toggle');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'lesson-dark.png') });
    await page.close();
    const landing = await open(browser, `${origin}${BASE}index.html`);
    await landing.page.screenshot({ path: path.join(SCREENSHOTS, 'landing.png') });
    await landing.page.fill('#search-input', 'softmax');
    await landing.page.waitForSelector('#search-results .search-group');
    await landing.page.screenshot({ path: path.join(SCREENSHOTS, 'search.png') });
    await landing.page.close();
    for (const shot of ['lesson.png', 'lesson-heatmap.png', 'lesson-dark.png', 'landing.png', 'search.png']) {
      expect(fs.statSync(path.join(SCREENSHOTS, shot)).size, shot).toBeGreaterThan(10_000);
    }
  });
});

describe('course site layout', () => {
  // Pages of the student edition under the sub-path, each in a tab of the reader's profile at a desktop width, then a phone's.
  const lessonPages = (): string[] => student.pages.filter((p) => /^\d\d-/.test(p));

  it('lesson 01 on a desktop and a phone: display math inside its column, figures inside the window, no title under the mode bar', async () => {
    const lesson01 = lessonPages().find((p) => p.startsWith('01-'));
    expect(lesson01, 'lesson 01 page').toBeDefined();
    const { page } = await open(reader, `${origin}${BASE}${lesson01}`, DESKTOP);
    expect(await settledProblems(page, LONG_FORMULA), `desktop ${DESKTOP.width} px`).toEqual([]);
    await page.setViewportSize(PHONE);
    expect(await settledProblems(page, LONG_FORMULA), `phone ${PHONE.width} px`).toEqual([]);
    // On the phone a figure's legend sits above its plot rather than beside it.
    expect(
      await page.$$eval('.plotly-figure', (els) => els.some((e) => (e as unknown as { layout: { legend?: { orientation?: string } } }).layout.legend?.orientation === 'h')),
    ).toBe(true);
    await page.close();
  });

  it('draws the longest heatmap labels whole and clear of the axis title, on a desktop and a phone', async () => {
    const { page: withLabels, length } = longestLabels(lessonPages());
    // "query 0 (len 3)" in lesson 03 is 15 characters; the old fixed 70 px margin held about 10.
    expect(length, 'some heatmap has long row labels').toBeGreaterThanOrEqual(12);
    const { page } = await open(reader, `${origin}${BASE}${withLabels}`, DESKTOP);
    expect(await settledProblems(page), `desktop ${DESKTOP.width} px`).toEqual([]);
    await page.setViewportSize(PHONE);
    expect(await settledProblems(page), `phone ${PHONE.width} px`).toEqual([]);
    await page.close();
  });
});
