// The lesson registry: what lessons exist, read from each notebook's metadata.attnlab.
import * as fs from 'fs';
import * as path from 'path';
import { isLessonFile, type LessonMeta, lessonSlug, loadNotebook } from '@attnlab/grader/notebook';
import { notebooksDir, repoRoot } from './project';

export interface LessonInfo extends LessonMeta {
  /** File name without extension, e.g. `01-scaled-dot-product`; also the lesson's page name on the site. */
  slug: string;
  file: string;
}

/** Every lesson notebook under `<root>/notebooks`, in course order. */
export function lessons(root: string = repoRoot()): LessonInfo[] {
  const dir = notebooksDir(root);
  return fs
    .readdirSync(dir)
    .filter(isLessonFile)
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      const meta = loadNotebook(file).metadata?.attnlab;
      if (!meta || !meta.title) {
        throw new Error(`${file} has no metadata.attnlab {lesson, title, objectives, minutes}; every lesson notebook needs it`);
      }
      return { ...meta, slug: lessonSlug(name), file };
    });
}
