// The course site's layout in headless Chromium, on a desktop and on a phone: display math stays inside its
// column, long heatmap labels are not clipped, figures fit a phone's screen and Plotly's mode bar covers no
// title, heading anchors add no line. Renders the student edition from this run's executed lessons and
// loads two pages, each checked at both widths.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../src/project';
// The built package, as `npm run site` runs it (its browser script exists only as compiled JS).
import { buildSite } from '../dist/site/build';

const ROOT = repoRoot(__dirname);
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'attnlab-site-layout-'));
const SITE = path.join(WORK, 'site');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
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
    for (const figure of figuresOf(fs.readFileSync(path.join(SITE, page), 'utf8'))) {
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

let browser: Browser;
let pages: string[] = [];

beforeAll(async () => {
  // The global setup executed every notebook once; this only renders them.
  const built = await buildSite({ root: ROOT, outDir: SITE, cacheDir: inject('executionCache') ?? false });
  pages = built.pages.filter((p) => /^\d\d-/.test(p));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}, 900_000);

afterAll(async () => {
  await browser?.close();
  fs.rmSync(WORK, { recursive: true, force: true });
});

describe('course site layout', () => {
  it('lesson 01 on a desktop and a phone: display math inside its column, figures inside the window, no title under the mode bar', async () => {
    const lesson01 = pages.find((p) => p.startsWith('01-'));
    expect(lesson01, 'lesson 01 page').toBeDefined();
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(pathToFileURL(path.join(SITE, lesson01!)).href);
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
    const { page: withLabels, length } = longestLabels(pages);
    // "query 0 (len 3)" in lesson 03 is 15 characters; the old fixed 70 px margin held about 10.
    expect(length, 'some heatmap has long row labels').toBeGreaterThanOrEqual(12);
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(pathToFileURL(path.join(SITE, withLabels)).href);
    expect(await settledProblems(page), `desktop ${DESKTOP.width} px`).toEqual([]);
    await page.setViewportSize(PHONE);
    expect(await settledProblems(page), `phone ${PHONE.width} px`).toEqual([]);
    await page.close();
  });
});
