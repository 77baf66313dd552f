import * as fs from 'node:fs';
import * as path from 'node:path';

export interface SubmissionInput {
  student: string;
  path: string;
}

function visibleDirs(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.') && d.name !== 'node_modules')
    .map((d) => d.name)
    .sort();
}

/** A class is a folder of student folders: it holds no notebooks itself, only folders. */
function isClassFolder(dir: string): boolean {
  if (!fs.statSync(dir).isDirectory()) return false;
  const hasNotebooks = fs.readdirSync(dir).some((n) => n.endsWith('.ipynb'));
  return !hasNotebooks && visibleDirs(dir).length > 0;
}

/** A submission is named for its folder or notebook ("alice", "01-scaled-dot-product"), also when given as "." or "..". */
export function studentName(submissionPath: string): string {
  return path.basename(path.resolve(submissionPath)).replace(/\.ipynb$/, '');
}

/** Expand command-line paths into submissions: a notebook, a folder of notebooks, or a class. */
export function discoverSubmissions(paths: string[]): SubmissionInput[] {
  const out: SubmissionInput[] = [];
  for (const p of paths) {
    if (!fs.existsSync(p)) throw new Error(`${p} does not exist: pass a notebook, a folder of notebooks, or a folder of student folders`);
    if (isClassFolder(p)) {
      for (const name of visibleDirs(p)) out.push({ student: name, path: path.join(p, name) });
    } else {
      out.push({ student: studentName(p), path: p });
    }
  }
  return out;
}
