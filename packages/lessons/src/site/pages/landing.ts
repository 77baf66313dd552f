import type { LessonMeta } from '@attnlab/grader/notebook';
import type { Edition } from '../edition';
import { escapeHtml } from '../html';
import { repositoryStep } from './repository';

export interface LessonCard extends LessonMeta {
  page: string;
}

function duration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? `${h} h${m ? ` ${m} min` : ''}` : `${m} min`;
}

function card(l: LessonCard): string {
  const objectives = l.objectives.map((o) => `<li>${escapeHtml(o)}</li>`).join('');
  return `<li class="card">
<p class="card-number">Lesson ${escapeHtml(l.lesson)}</p>
<h2 class="card-title"><a href="${l.page}">${escapeHtml(l.title)}</a></h2>
${objectives ? `<ul class="card-objectives">${objectives}</ul>` : ''}
<p class="card-time"><span aria-hidden="true">◷</span> ${duration(l.minutes)}</p>
</li>`;
}

/** The course overview: what the course is, how to follow it, and a card per lesson. */
export function landingMain(lessons: LessonCard[], edition: Edition, repository?: string): string {
  const total = lessons.reduce((sum, l) => sum + (Number(l.minutes) || 0), 0);
  const first = lessons[0];
  const instructor =
    edition === 'instructor'
      ? `<p class="notice">This is the <strong>instructor edition</strong>: exercise cells show their solutions. Publish the student edition (<code>npm run site</code>) to students.</p>`
      : '';
  return `<section class="hero">
<p class="eyebrow">attnlab course</p>
<h1>Attention mechanisms, built from scratch in TypeScript</h1>
<p class="lead">From a single softmax to multi-head attention: each lesson explains one idea, derives it, lets you implement it with TensorFlow.js in a Jupyter notebook, and shows the attention weights as heatmaps.</p>
<p class="hero-meta"><span>${lessons.length} lesson${lessons.length === 1 ? '' : 's'} · about ${duration(total)} in total</span>${first ? ` <a class="button" href="${first.page}">Start with lesson ${escapeHtml(first.lesson)}</a>` : ''}</p>
${instructor}
</section>
<section class="howto" aria-labelledby="howto-title">
<h2 id="howto-title">How to follow the course</h2>
<ol>
<li>Read a lesson here: the text, the maths, and the outputs of every cell.</li>
<li>Run it yourself. The lessons run inside the course repository, whose packages they import. ${repositoryStep(edition, repository)} In it, run <code>npm install</code> once, then <code>npm start</code>: Jupyter opens on <code>notebooks/</code>, where every lesson is.</li>
<li>Fill in the exercise cells; the check cell under each one tells you what is right or which mistake you made.</li>
</ol>
</section>
<ol class="cards" aria-label="Lessons">
${lessons.map(card).join('\n')}
</ol>`;
}
