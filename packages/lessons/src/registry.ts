// The lesson registry: what lessons exist, read from each notebook's metadata.attnlab.
import * as fs from 'fs';
import * as path from 'path';
import type { LessonMeta, Notebook } from './notebook';
import { notebooksDir, repoRoot } from './project';

export interface LessonInfo extends LessonMeta {
  /** File name without extension, e.g. `01-scaled-dot-product`; also the lesson's page name on the site. */
  slug: string;
  file: string;
}

const LESSON_FILE = /^\d\d-[a-z0-9-]+\.ipynb$/;

/** Every lesson notebook under `<root>/notebooks`, in course order. */
export function lessons(root: string = repoRoot()): LessonInfo[] {
  const dir = notebooksDir(root);
  return fs
    .readdirSync(dir)
    .filter((name) => LESSON_FILE.test(name))
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      let nb: Notebook;
      try {
        nb = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (e) {
        throw new Error(`${file} is not valid notebook JSON (${(e as Error).message}); open it in Jupyter or restore it from git`);
      }
      const meta = nb.metadata?.attnlab;
      if (!meta || !meta.title) {
        throw new Error(`${file} has no metadata.attnlab {lesson, title, objectives, minutes}; every lesson notebook needs it`);
      }
      return { ...meta, slug: name.replace(/\.ipynb$/, ''), file };
    });
}
