import type MarkdownIt from 'markdown-it';
import { cellExercise, sourceText, type Cell, type LessonMeta, type Notebook } from '@attnlab/grader/notebook';
import type { Edition } from '../edition';
import { codeBlock } from '../highlight';
import { escapeHtml } from '../html';
import { renderMarkdown, type Heading, type PageEnv, type Section } from '../markdown';
import { renderOutputs, type OutputContext } from '../outputs';
import type { NavLesson } from './layout';

export interface LessonPageInput {
  lesson: LessonMeta;
  notebook: Notebook;
  edition: Edition;
  /** Site path of the downloadable notebook. */
  download: string;
  prev?: NavLesson;
  next?: NavLesson;
  rewriteLink: (href: string) => string | undefined;
}

export interface LessonPage {
  main: string;
  toc: string;
  sections: Section[];
  figures: number;
}

const OPEN_ID = 'open-in-jupyterlab';

function tags(cell: Cell): string[] {
  const t = cell.metadata?.tags;
  return Array.isArray(t) ? (t as string[]) : [];
}

function codeCell(cell: Cell, ctx: OutputContext, language: string): string {
  const t = tags(cell);
  const exercise = cellExercise(cell);
  const count = cell.execution_count ? String(cell.execution_count) : ' ';
  const label = exercise ? `<p class="exercise-label">Exercise <code>${escapeHtml(exercise)}</code></p>` : '';
  let input = '';
  if (!t.includes('remove-input')) {
    const body = `<div class="input"><span class="prompt" aria-hidden="true">[${count}]</span>${codeBlock(sourceText(cell.source).replace(/\n+$/, ''), language)}</div>`;
    input = t.includes('hide-input') ? `<details class="hidden-input"><summary>Show code</summary>${body}</details>` : body;
  }
  const outputs = t.includes('remove-output') ? '' : renderOutputs(cell.outputs ?? [], ctx);
  const classes = ['cell', 'code-cell', ...(exercise ? ['exercise'] : [])].join(' ');
  return `<div class="${classes}">${label}${input}${outputs ? `<div class="outputs">${outputs}</div>` : ''}</div>`;
}

function toc(headings: Heading[]): string {
  // The page title (h1) is the page itself; list the sections below it.
  const items = headings.filter((h) => h.level === 2 || h.level === 3).map((h) => `<li class="toc-level-${h.level}"><a href="#${encodeURIComponent(h.id)}">${h.html}</a></li>`);
  items.push(`<li class="toc-level-2"><a href="#${OPEN_ID}">Run it in JupyterLab</a></li>`);
  return `<p class="toc-heading">On this page</p>\n<ol class="toc-list">\n${items.join('\n')}\n</ol>`;
}

function openInstructions(input: LessonPageInput): string {
  const file = input.download.split('/').pop() ?? input.download;
  const solutions =
    input.edition === 'instructor'
      ? 'This is the instructor edition of the notebook: its exercise cells contain the solutions.'
      : 'The exercise cells in this notebook are stubs that throw <code>not implemented</code> until you fill them in.';
  return `<section class="open-notebook" aria-labelledby="${OPEN_ID}">
<h2 id="${OPEN_ID}">Run this lesson in JupyterLab</h2>
<p><a class="button" href="${input.download}" download>Download ${escapeHtml(file)}</a> ${solutions}</p>
<ol>
<li>In your attnlab checkout, run <code>npm install</code> once: it builds the packages and registers the TypeScript (tslab) kernel.</li>
<li>Put <code>${escapeHtml(file)}</code> in the checkout's <code>notebooks/</code> folder, next to the other lessons, so that <code>import * as core from '@attnlab/core'</code> finds the course packages.</li>
<li>Run <code>npm start</code>: JupyterLab opens on <code>notebooks/</code>. Open the notebook and check that the kernel (top right) is <strong>TypeScript</strong>.</li>
<li>Run the cells from the top (<kbd>Shift</kbd>+<kbd>Enter</kbd>). Under each exercise, the check cell reports whether your function is right and, if not, which mistake it looks like.</li>
</ol>
</section>`;
}

function pager(prev?: NavLesson, next?: NavLesson): string {
  const link = (l: NavLesson, rel: 'prev' | 'next'): string =>
    `<a class="pager-${rel}" rel="${rel}" href="${l.page}"><span class="pager-label">${rel === 'prev' ? '← Previous' : 'Next →'}</span><span class="pager-title">${escapeHtml(l.lesson)} · ${escapeHtml(l.title)}</span></a>`;
  return `<nav class="pager" aria-label="Previous and next lesson">${prev ? link(prev, 'prev') : ''}${next ? link(next, 'next') : ''}</nav>`;
}

/** The body of one lesson page: its notebook's cells with outputs, a TOC, download and run instructions. */
export function lessonPage(md: MarkdownIt.MarkdownIt, input: LessonPageInput): LessonPage {
  const env: PageEnv = { headings: [], sections: [], rewriteLink: input.rewriteLink };
  const ctx: OutputContext = {
    figures: 0,
    renderMarkdown: (src) => renderMarkdown(md, src, { headings: [], sections: [], rewriteLink: input.rewriteLink }),
  };
  const language = String((input.notebook.metadata?.language_info as { name?: string } | undefined)?.name ?? 'typescript');
  const cells: string[] = [];
  // The cell that holds the notebook's own title (its first h1), if any.
  let titleCell = -1;
  for (const cell of input.notebook.cells) {
    if (tags(cell).includes('remove-cell')) continue;
    if (cell.cell_type === 'markdown') {
      env.attachments = (cell as Cell & { attachments?: PageEnv['attachments'] }).attachments;
      cells.push(`<div class="cell markdown-cell">${renderMarkdown(md, sourceText(cell.source), env)}</div>`);
      if (titleCell < 0 && env.headings.some((h) => h.level === 1)) titleCell = cells.length - 1;
    } else if (cell.cell_type === 'code') {
      cells.push(codeCell(cell, ctx, language));
    }
  }
  const l = input.lesson;
  // The notebook's title already names the lesson; the eyebrow adds what a student plans by: time and exercises.
  const exerciseCount = input.notebook.cells.filter((c) => cellExercise(c)).length;
  const exerciseNote = exerciseCount ? ` · ${exerciseCount} graded exercise${exerciseCount > 1 ? 's' : ''}` : '';
  const eyebrow = `<p class="eyebrow"><span aria-hidden="true">◷</span> ${Number(l.minutes) || 0} min${exerciseNote}</p>`;
  const actions = `<p class="lesson-actions"><a class="button" href="${input.download}" download>Download notebook</a> <a href="#${OPEN_ID}">How to open it in JupyterLab</a></p>`;
  // The eyebrow goes above the notebook's own title, the download button right below it.
  let body: string[];
  if (titleCell >= 0) {
    body = [...cells];
    body[titleCell] = body[titleCell].replace(/<h1[\s>]/, (m) => `${eyebrow}\n${m}`).replace('</h1>', () => `</h1>\n${actions}`);
  } else {
    body = [`<header class="lesson-header">${eyebrow}<h1>${escapeHtml(l.title)}</h1>${actions}</header>`, ...cells];
  }
  const main = `<article class="lesson">
${body.join('\n')}
${openInstructions(input)}
</article>
${pager(input.prev, input.next)}`;
  return { main, toc: toc(env.headings), sections: env.sections, figures: ctx.figures };
}
