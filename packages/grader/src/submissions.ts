// Which command-line paths are submissions and which are classes (the rule is in the README, "Layouts").
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copiedLessonFile, isIgnoredFolder, isLessonFile, submissionFiles } from './notebook';

export interface SubmissionInput {
  student: string;
  path: string;
  /** what was skipped in it and why, for the student's report */
  notes?: string[];
  /** why it cannot be graded at all (it gets a row with 0 and this reason) */
  refused?: string;
}

/** The submissions found, and what was skipped outside any submission (files at a class root). */
export interface Discovery {
  submissions: SubmissionInput[];
  notes: string[];
}

/** How deep below a student's folder notebooks are looked for (as in submissionFiles: `<student>/<repo>/notebooks/NN-*.ipynb`). */
const WORK_DEPTH = 3;

function entries(dir: string): fs.Dirent[] {
  return fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
}

function hasLessonNotebook(dir: string): boolean {
  return entries(dir).some((e) => e.isFile() && (isLessonFile(e.name) || copiedLessonFile(e.name) !== undefined));
}

/** A student's own work: lesson notebooks in the folder, or in its `notebooks/` folder (the student edition's layout). */
function isStudentWork(dir: string): boolean {
  const notebooks = path.join(dir, 'notebooks');
  return hasLessonNotebook(dir) || (fs.existsSync(notebooks) && fs.lstatSync(notebooks).isDirectory() && hasLessonNotebook(notebooks));
}

/** Lesson notebooks anywhere up to `depth` folders down, links not followed. */
function holdsLessons(dir: string, depth: number): boolean {
  if (hasLessonNotebook(dir)) return true;
  return depth > 0 && entries(dir).some((e) => e.isDirectory() && !isIgnoredFolder(e.name) && holdsLessons(path.join(dir, e.name), depth - 1));
}

/**
 * A folder is a class when it is not a student's own work but has sub-folders, or when two or
 * more of its sub-folders (other than `notebooks/`) hold lesson notebooks: then notebooks at its
 * root are strays, not a student.
 */
function isClassFolder(dir: string): boolean {
  const folders = entries(dir).filter((e) => e.isDirectory() && !isIgnoredFolder(e.name));
  if (!isStudentWork(dir)) return folders.length > 0 || entries(dir).some((e) => e.isSymbolicLink());
  return folders.filter((e) => e.name !== 'notebooks' && holdsLessons(path.join(dir, e.name), WORK_DEPTH)).length >= 2;
}

/** A submission is named for its folder or notebook ("alice", "01-scaled-dot-product"), also when given as "." or "..". */
export function studentName(submissionPath: string): string {
  return path.basename(path.resolve(submissionPath)).replace(/\.ipynb$/, '');
}

function submission(student: string, p: string): SubmissionInput {
  return { student, path: p, notes: submissionFiles(p).notes };
}

function classMembers(dir: string, excluded: Set<string>, notes: string[]): SubmissionInput[] {
  const out: SubmissionInput[] = [];
  for (const entry of entries(dir)) {
    const full = path.join(dir, entry.name);
    if (excluded.has(path.resolve(full))) notes.push(`skipped ${entry.name} in ${dir}: it is where the reports are written (--out)`);
    else if (entry.isSymbolicLink()) {
      const refused = `${entry.name} is a symbolic link, which the grader does not follow; copy the student's folder itself into ${dir}`;
      out.push({ student: entry.name, path: full, notes: [], refused });
    } else if (entry.isDirectory()) {
      if (!isIgnoredFolder(entry.name)) out.push(submission(entry.name, full));
    } else notes.push(`skipped ${entry.name} at the class root ${dir}: not in a student folder`);
  }
  return out;
}

/**
 * Expand command-line paths into submissions: a notebook, a student's folder or repository,
 * or a class (a folder of student folders). `exclude` names folders that are never a student
 * (the --out folder).
 */
export function discoverSubmissions(paths: string[], opts: { exclude?: string[] } = {}): Discovery {
  const excluded = new Set((opts.exclude ?? []).map((p) => path.resolve(p)));
  const found: Discovery = { submissions: [], notes: [] };
  for (const p of paths) {
    if (!fs.existsSync(p)) throw new Error(`${p} does not exist: pass a notebook, a folder of notebooks, or a folder of student folders`);
    if (fs.statSync(p).isDirectory() && isClassFolder(p)) found.submissions.push(...classMembers(p, excluded, found.notes));
    else found.submissions.push(submission(studentName(p), p));
  }
  return found;
}
