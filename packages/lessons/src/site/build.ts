import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Notebook } from '@attnlab/grader/notebook';
import type { ExecutedNotebook } from '../execute';
import { ExecutionCache, environmentFingerprint, runLesson } from '../execution-cache';
import { runProblems } from '../run-problems';
import { lessons as lessonRegistry, type LessonInfo } from '../registry';
import { writeAssets } from './assets';
import { withBackendNote } from './backend-report';
import { downloadable, studentView, type Edition, type NotebookView } from './edition';
import { createMarkdown } from './markdown';
import { landingMain } from './pages/landing';
import { page, type NavLesson, type PageShell } from './pages/layout';
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
  /** Where students get the student repository (a URL the pages link to); without it they are told to ask the instructor. */
  repository?: string;
  /** Executed-notebook cache. Default `<root>/dist/.cache/site`; `false` executes every notebook. */
  cacheDir?: string | false;
  /** Per-cell execution limit, in seconds. */
  timeoutSec?: number;
  /** Receives one line per step (the CLI prints them on stderr). */
  progress?: (line: string) => void;
}

export interface LessonBuild {
  slug: string;
  /** 'cache' when the executed notebook came from the cache. */
  source: 'cache' | 'executed';
}

export interface BuildResult {
  outDir: string;
  lessons: LessonBuild[];
  /** Every HTML page written, relative to outDir. */
  pages: string[];
  /** Failing cells and unrenderable math, also reported through `progress`. */
  warnings: string[];
  seconds: number;
}

interface Run extends LessonBuild {
  /** The notebook as read before execution. */
  notebook: Notebook;
  executed: ExecutedNotebook;
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

/** Why a lesson's page may show broken output, checked on cached runs too so a rebuild repeats the warning. */
function runWarnings(slug: string, nb: ExecutedNotebook): string[] {
  const uncached = nb.executionError ? ['(not cached, so the next build runs it again)'] : [];
  return [...runProblems(nb), ...uncached].map((problem) => `${slug}: ${problem}`);
}

/** Links like `02-additive.ipynb#masks` in a lesson's markdown point at that lesson's page. */
function linkRewriter(known: Set<string>): (href: string) => string | undefined {
  return (href) => {
    const m = /^(?:\.\/|(?:\.\.\/)?notebooks\/)?([\w.-]+)\.ipynb(#.*)?$/.exec(href);
    return m && known.has(m[1]) ? pageOf(m[1]) + (m[2] ?? '') : undefined;
  };
}

/** The lesson's executed notebook, from the cache or from running it in Jupyter. */
async function run(lesson: LessonInfo, step: string, cache: ExecutionCache | null, timeoutSec: number, log: (line: string) => void): Promise<Run> {
  const { source, notebook, executed } = await runLesson(lesson.file, { cache, timeoutSec, log: (line) => log(`${step} ${line}`) });
  return { slug: lesson.slug, source, notebook, executed };
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

  // Checked before executing anything, so a bad --out fails in a second rather than after every notebook ran.
  assertSafeOutDir(root, outDir);
  const cacheDir = opts.cacheDir === false ? null : path.resolve(opts.cacheDir ?? path.join(root, 'dist', '.cache', 'site'));
  const cache = cacheDir ? new ExecutionCache(cacheDir, environmentFingerprint(root)) : null;
  const runs: Run[] = [];
  for (const [i, lesson] of registry.entries()) runs.push(await run(lesson, `[${i + 1}/${registry.length}]`, cache, opts.timeoutSec ?? 300, log));

  log('rendering pages…');
  const renderStart = performance.now();
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(outDir, 'notebooks'), { recursive: true });
  writeAssets(outDir);

  const md = createMarkdown();
  const nav: NavLesson[] = registry.map((l) => ({ lesson: l.lesson, title: l.title, page: pageOf(l.slug) }));
  const rewriteLink = linkRewriter(new Set(registry.map((l) => l.slug)));
  const docs: SearchDoc[] = [];
  const pages: string[] = [];
  const write = (rel: string, shell: Omit<PageShell, 'edition' | 'lessons'>): void => {
    const html = page({ ...shell, edition, lessons: nav });
    if (html.includes('katex-error')) warnings.push(`${rel}: KaTeX could not render some math (look for red text on the page)`);
    fs.writeFileSync(path.join(outDir, rel), html);
    pages.push(rel);
  };

  registry.forEach((lesson, i) => {
    const { notebook, executed } = runs[i];
    warnings.push(...runWarnings(lesson.slug, executed));
    fs.writeFileSync(path.join(outDir, notebookPath(lesson.slug)), `${JSON.stringify(downloadable(notebook, edition), null, 1)}\n`);
    const view: NotebookView = edition === 'student' ? studentView(executed) : { notebook: executed, notes: new Map() };
    const shown = withBackendNote(view);
    const rendered = lessonPage(md, {
      lesson,
      notebook: shown.notebook,
      notes: shown.notes,
      edition,
      download: notebookPath(lesson.slug),
      repository: opts.repository,
      prev: nav[i - 1],
      next: nav[i + 1],
      rewriteLink,
    });
    docs.push(...lessonSearchDocs(lesson, pageOf(lesson.slug), rendered.sections));
    write(pageOf(lesson.slug), {
      title: `${lesson.lesson} · ${lesson.title} — attnlab`,
      current: nav[i].page,
      main: rendered.main,
      toc: rendered.toc,
      plotly: rendered.figures > 0,
      description: lesson.objectives.join(' '),
    });
  });

  const cards = registry.map((l) => ({ ...l, page: pageOf(l.slug) }));
  write('index.html', {
    title: 'attnlab — attention mechanisms in TypeScript',
    current: 'index.html',
    main: landingMain(cards, edition, opts.repository),
    plotly: false,
    description: 'A course on attention mechanisms, taught as TypeScript notebooks.',
  });
  // Served for any missing path, so its links resolve against <base href> when one is known.
  write('404.html', { title: 'Page not found — attnlab', base, main: notFoundMain(), plotly: false });
  fs.writeFileSync(path.join(outDir, 'assets', 'search-index.js'), searchIndexScript(docs));

  for (const w of warnings) log(`warning: ${w}`);
  const seconds = (performance.now() - start) / 1000;
  log(`wrote ${pages.length} pages in ${((performance.now() - renderStart) / 1000).toFixed(1)} s; whole build ${seconds.toFixed(1)} s → ${path.join(outDir, 'index.html')}`);
  return { outDir, lessons: runs.map(({ slug, source }) => ({ slug, source })), pages, warnings, seconds };
}
