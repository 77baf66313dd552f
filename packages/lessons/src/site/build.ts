import * as fs from 'node:fs';
import * as path from 'node:path';
import { executeNotebook } from '../execute';
import type { Notebook } from '../notebook';
import { lessons as lessonRegistry, type LessonInfo } from '../registry';
import { writeAssets } from './assets';
import { ExecutionCache, environmentFingerprint } from './cache';
import { downloadable, studentView, type Edition } from './edition';
import { createMarkdown } from './markdown';
import { landingMain } from './pages/landing';
import { page, type NavLesson } from './pages/layout';
import { lessonPage } from './pages/lesson';
import { notFoundMain } from './pages/not-found';
import { lessonSearchDocs, searchIndexScript, type SearchDoc } from './search';

export interface BuildOptions {
  /** Repository root (holds notebooks/ and packages/). */
  root: string;
  /** Where the site goes; emptied first. Default `<root>/dist/site`. */
  outDir?: string;
  /** Instructor edition: exercise cells keep their solutions. Default: student edition. */
  withSolutions?: boolean;
  /** URL path the site is served under, e.g. `/course/`; only 404.html needs it (it is served at any path). */
  base?: string;
  /** Executed-notebook cache. Default `<root>/dist/.cache/site`; `false` executes every notebook. */
  cacheDir?: string | false;
  /** Per-cell execution limit, in seconds. */
  timeoutSec?: number;
  /** Receives one line per step (the CLI prints them on stderr). */
  progress?: (line: string) => void;
}

export interface LessonBuild {
  slug: string;
  page: string;
  /** 'cache' when the executed notebook came from the cache. */
  source: 'cache' | 'executed';
  executeSeconds: number;
  figures: number;
}

export interface BuildResult {
  outDir: string;
  edition: Edition;
  lessons: LessonBuild[];
  /** Every HTML page written, relative to outDir. */
  pages: string[];
  warnings: string[];
  seconds: number;
}

function pageOf(slug: string): string {
  return `${slug}.html`;
}

function notebookPath(slug: string): string {
  return `notebooks/${slug}.ipynb`;
}

function normalizeBase(base: string): string {
  const trimmed = base.trim();
  if (!trimmed.startsWith('/')) throw new Error(`--base must be an absolute URL path such as /course/, got "${base}"`);
  return trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
}

function assertSafeOutDir(root: string, outDir: string): void {
  const rel = path.relative(outDir, root);
  // Emptying outDir must never delete the repository (outDir is the root or one of its ancestors).
  if (rel === '' || !rel.startsWith('..')) throw new Error(`refusing to empty ${outDir}: it contains the repository ${root}; choose an output folder inside dist/`);
}

// tslab reports compile errors (a missing module, a type error) on stderr rather than as error outputs.
function failedCells(nb: Notebook): number {
  return nb.cells.filter((c) => (c.outputs ?? []).some((o) => o.output_type === 'error' || (o.output_type === 'stream' && o.name === 'stderr'))).length;
}

/** Links like `02-additive.ipynb#masks` in a lesson's markdown point at that lesson's page. */
function linkRewriter(known: Set<string>): (href: string) => string | undefined {
  return (href) => {
    const m = /^(?:\.\/|(?:\.\.\/)?notebooks\/)?([\w.-]+)\.ipynb(#.*)?$/.exec(href);
    return m && known.has(m[1]) ? pageOf(m[1]) + (m[2] ?? '') : undefined;
  };
}

async function executed(lesson: LessonInfo, i: number, total: number, cache: ExecutionCache | null, opts: BuildOptions, warnings: string[]): Promise<{ text: string; nb: Notebook; source: 'cache' | 'executed'; seconds: number }> {
  const log = opts.progress ?? (() => undefined);
  const text = fs.readFileSync(lesson.file, 'utf8');
  const step = `[${i + 1}/${total}]`;
  const hit = cache?.get(lesson.slug, text);
  if (hit) {
    log(`${step} ${lesson.slug}: outputs from cache`);
    return { text, nb: hit, source: 'cache', seconds: 0 };
  }
  log(`${step} ${lesson.slug}: executing in Jupyter (tslab)…`);
  const start = performance.now();
  const nb = await executeNotebook(lesson.file, { timeoutSec: opts.timeoutSec ?? 300 });
  const seconds = (performance.now() - start) / 1000;
  const failed = failedCells(nb);
  if (nb.executionError) warnings.push(`${lesson.slug}: execution stopped early (${nb.executionError}); not cached, so the next build runs it again`);
  if (failed) warnings.push(`${lesson.slug}: ${failed} cell${failed === 1 ? '' : 's'} failed or wrote to stderr; the page shows what they printed`);
  if (cache && !nb.executionError) cache.set(lesson.slug, text, nb);
  log(`${step} ${lesson.slug}: executed in ${seconds.toFixed(1)} s${failed ? ` (${failed} failing cell${failed === 1 ? '' : 's'})` : ''}`);
  return { text, nb, source: 'executed', seconds };
}

/**
 * Builds the static course site: executes the lesson notebooks (or takes their outputs from the cache),
 * renders a page per lesson plus the landing page, search index and assets. All links are relative, so
 * the site works from file:// and under any sub-path.
 */
export async function buildSite(opts: BuildOptions): Promise<BuildResult> {
  const start = performance.now();
  const log = opts.progress ?? (() => undefined);
  const root = path.resolve(opts.root);
  const outDir = path.resolve(opts.outDir ?? path.join(root, 'dist', 'site'));
  const edition: Edition = opts.withSolutions ? 'instructor' : 'student';
  const base = opts.base === undefined ? undefined : normalizeBase(opts.base);
  const warnings: string[] = [];

  const registry = lessonRegistry(root);
  if (!registry.length) throw new Error(`no lesson notebooks (NN-slug.ipynb) in ${path.join(root, 'notebooks')}; add one before building the site`);
  log(`building the ${edition} edition of ${registry.length} lesson${registry.length === 1 ? '' : 's'} into ${outDir}`);

  const cacheDir = opts.cacheDir === false ? null : path.resolve(opts.cacheDir ?? path.join(root, 'dist', '.cache', 'site'));
  const cache = cacheDir ? new ExecutionCache(cacheDir, environmentFingerprint(root)) : null;
  const runs: Awaited<ReturnType<typeof executed>>[] = [];
  for (const [i, lesson] of registry.entries()) runs.push(await executed(lesson, i, registry.length, cache, opts, warnings));

  log('rendering pages…');
  const renderStart = performance.now();
  assertSafeOutDir(root, outDir);
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(outDir, 'notebooks'), { recursive: true });
  writeAssets(outDir);

  const md = createMarkdown();
  const nav: NavLesson[] = registry.map((l) => ({ lesson: l.lesson, title: l.title, page: pageOf(l.slug) }));
  const rewriteLink = linkRewriter(new Set(registry.map((l) => l.slug)));
  const shell = { root: '', edition, lessons: nav };
  const docs: SearchDoc[] = [];
  const built: LessonBuild[] = [];
  const pages: string[] = [];
  const write = (rel: string, html: string): void => {
    if (html.includes('katex-error')) warnings.push(`${rel}: KaTeX could not render some math (look for red text on the page)`);
    fs.writeFileSync(path.join(outDir, rel), html);
    pages.push(rel);
  };

  registry.forEach((lesson, i) => {
    // The text read before execution, so a notebook saved mid-build cannot mix two versions on one page.
    const source = JSON.parse(runs[i].text) as Notebook;
    const shown = edition === 'student' ? studentView(runs[i].nb) : runs[i].nb;
    fs.writeFileSync(path.join(outDir, notebookPath(lesson.slug)), `${JSON.stringify(downloadable(source, edition), null, 1)}\n`);
    const rendered = lessonPage(md, {
      lesson,
      notebook: shown,
      edition,
      download: notebookPath(lesson.slug),
      prev: nav[i - 1],
      next: nav[i + 1],
      rewriteLink,
    });
    docs.push(...lessonSearchDocs(lesson, pageOf(lesson.slug), rendered.sections));
    write(
      pageOf(lesson.slug),
      page({ ...shell, title: `${lesson.lesson} · ${lesson.title} — attnlab`, current: nav[i].page, main: rendered.main, toc: rendered.toc, plotly: rendered.figures > 0, description: lesson.objectives?.join(' ') }),
    );
    built.push({ slug: lesson.slug, page: pageOf(lesson.slug), source: runs[i].source, executeSeconds: runs[i].seconds, figures: rendered.figures });
  });

  const cards = registry.map((l) => ({ ...l, page: pageOf(l.slug) }));
  write('index.html', page({ ...shell, title: 'attnlab — attention mechanisms in TypeScript', main: landingMain(cards, edition), plotly: false, description: 'A course on attention mechanisms, taught as TypeScript notebooks.' }));
  // Served for any missing path, so its links resolve against <base href> when one is known.
  write('404.html', page({ ...shell, title: 'Page not found — attnlab', base, current: '', main: notFoundMain(), plotly: false }));
  fs.writeFileSync(path.join(outDir, 'assets', 'search-index.js'), searchIndexScript(docs));

  for (const w of warnings) log(`warning: ${w}`);
  const seconds = (performance.now() - start) / 1000;
  log(`wrote ${pages.length} pages in ${((performance.now() - renderStart) / 1000).toFixed(1)} s; whole build ${seconds.toFixed(1)} s → ${path.join(outDir, 'index.html')}`);
  return { outDir, edition, lessons: built, pages, warnings, seconds };
}
