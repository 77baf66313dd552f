import MiniSearch, { type Options } from 'minisearch';
import { escapeHtml, jsonForScript } from './html';
import type { Section } from './markdown';

/** One searchable section of a lesson page. */
export interface SearchDoc {
  id: string;
  lesson: string;
  lessonTitle: string;
  title: string;
  /** The section heading as HTML (KaTeX math rendered), shown in the results list. */
  titleHtml: string;
  url: string;
  text: string;
}

// The browser loads the index with these same options (they travel inside the index file).
const OPTIONS: Options<SearchDoc> = {
  fields: ['lessonTitle', 'title', 'text'],
  storeFields: ['lesson', 'lessonTitle', 'title', 'titleHtml', 'url'],
};

/** Search documents for one lesson page: one per section, skipping sections with no text. */
export function lessonSearchDocs(lesson: { lesson: string; title: string; slug: string }, page: string, sections: Section[]): SearchDoc[] {
  return sections
    .filter((s) => s.text.trim() || s.title.trim())
    .map((s) => ({
      id: `${lesson.slug}#${s.id}`,
      lesson: lesson.lesson,
      lessonTitle: lesson.title,
      title: s.title || lesson.title,
      titleHtml: s.html || escapeHtml(s.title || lesson.title),
      url: s.id ? `${page}#${s.id}` : page,
      text: s.text,
    }));
}

/**
 * The index as a script that sets `window.ATTNLAB_SEARCH`, not a .json file: pages opened from file://
 * may load scripts but may not fetch files.
 */
export function searchIndexScript(docs: SearchDoc[]): string {
  const search = new MiniSearch<SearchDoc>(OPTIONS);
  search.addAll(docs);
  const payload = { options: { fields: OPTIONS.fields, storeFields: OPTIONS.storeFields }, index: search.toJSON() };
  return `window.ATTNLAB_SEARCH = ${jsonForScript(payload)};\n`;
}
