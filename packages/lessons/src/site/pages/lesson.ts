import type MarkdownIt from 'markdown-it';
import { cellExercise, sourceText, type Cell, type LessonMeta, type Notebook } from '@attnlab/grader/notebook';
import { noteHtml, type CellNote } from '../cell-notes';
import type { Edition } from '../edition';
import { codeBlock } from '../highlight';
import { escapeHtml } from '../html';
import { renderMarkdown, type Heading, type PageEnv, type Section } from '../markdown';
import { renderOutputs, type OutputContext } from '../outputs';
import type { NavLesson } from './layout';
import { repositoryStep } from './repository';

export interface LessonPageInput {
  lesson: LessonMeta;
  notebook: Notebook;
  edition: Edition;
  /** What the page says about some code cells (by cell id), with or in place of their outputs. */
  notes?: ReadonlyMap<string, CellNote>;
  /** Site path of the downloadable notebook. */
  download: string;
  /** Where students get the student repository (a URL), when the site was told. */
  repository?: string;
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

function codeCell(cell: Cell, ctx: OutputContext, language: string, note: CellNote | undefined): string {
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
  // A note on where outputs came from goes with them; the others stand in for what the page left out.
  const shownNote = note && (outputs || note.kind !== 'from-solutions') ? noteHtml(note) : '';
  const classes = ['cell', 'code-cell', ...(exercise ? ['exercise'] : [])].join(' ');
  return `<div class="${classes}">${label}${input}${shownNote || outputs ? `<div class="outputs">${shownNote}${outputs}</div>` : ''}</div>`;
}

function toc(headings: Heading[]): string {
  // The page title (h1) is the page itself; list the sections below it.
  const items = headings.filter((h) => h.level === 2 || h.level === 3).map((h) => `<li class="toc-level-${h.level}"><a href="#${encodeURIComponent(h.id)}">${h.html}</a></li>`);
  items.push(`<li class="toc-level-2"><a href="#${OPEN_ID}">Run it yourself</a></li>`);
  return `<p class="toc-heading">On this page</p>\n<ol class="toc-list">\n${items.join('\n')}\n</ol>`;
}

function openInstructions(input: LessonPageInput): string {
  const file = input.download.split('/').pop() ?? input.download;
  const name = `<code>notebooks/${escapeHtml(file)}</code>`;
  const copy =
    input.edition === 'instructor'
      ? `<a href="${input.download}" download>Download ${escapeHtml(file)}</a>: the instructor's notebook, with the solutions in its exercise cells.`
      : `<a href="${input.download}" download>Download ${escapeHtml(file)}</a>: a fresh copy of ${name} as the student repository has it. Put it in that folder (it imports the course's packages, so it does not run on its own).`;
  return `<section class="open-notebook" aria-labelledby="${OPEN_ID}">
<h2 id="${OPEN_ID}">Run this lesson yourself</h2>
<p>A lesson runs inside the course repository, whose packages it imports (<code>@attnlab/core</code> and the exercise checks). You need Node.js 20 or newer and Jupyter.</p>
<ol>
<li>${repositoryStep(input.edition, input.repository)}</li>
<li>In the repository, run <code>npm install</code> once: it installs and builds the packages and registers the TypeScript (tslab) kernel for that folder.</li>
<li>Run <code>npm start</code>: Jupyter opens on <code>notebooks/</code>. Open ${name} and check that the kernel (top right) is <strong>TypeScript</strong>.</li>
<li>Run the cells from the top (<kbd>Shift</kbd>+<kbd>Enter</kbd>). Under each exercise, the check cell reports whether your function is right and, if not, which mistake it looks like.</li>
</ol>
<p>${copy}</p>
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
      cells.push(codeCell(cell, ctx, language, cell.id ? input.notes?.get(cell.id) : undefined));
    }
  }
  const l = input.lesson;
  // The notebook's title already names the lesson; the eyebrow adds what a student plans by: time and exercises.
  const exerciseCount = input.notebook.cells.filter((c) => cellExercise(c)).length;
  const exerciseNote = exerciseCount ? ` · ${exerciseCount} graded exercise${exerciseCount > 1 ? 's' : ''}` : '';
  const eyebrow = `<p class="eyebrow"><span aria-hidden="true">◷</span> ${Number(l.minutes) || 0} min${exerciseNote}</p>`;
  const actions = `<p class="lesson-actions"><a class="button" href="#${OPEN_ID}">Run this lesson yourself</a></p>`;
  // The eyebrow goes above the notebook's own title, the button to the run instructions right below it.
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
