// A student's own copy of the course on a hub, refreshed at every server start the way nbgitpuller
// merges: the student's changes always win, and only what they have not touched follows the course.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** What the copy records about the course files it delivered (their content hashes), beside them. */
export const DELIVERED_FILE = '.attnlab-delivered.json';

/** Installs, builds and caches of the course: every student shares the course's, through node_modules. */
const NOT_COPIED = new Set(['node_modules', 'dist', '.jupyter', '.nx', '.git', '.ipynb_checkpoints']);

export interface CopyReport {
  /** course files the copy did not have (a first start, a new lesson, or a file the student deleted) */
  added: string[];
  /** files the student had not changed since they were delivered, replaced by the course's new version */
  updated: string[];
  /** files the student changed, left as they are although the course's version differs */
  kept: string[];
}

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function courseFiles(course: string, relative = ''): string[] {
  return fs.readdirSync(path.join(course, relative), { withFileTypes: true }).flatMap((entry) => {
    const rel = relative ? `${relative}/${entry.name}` : entry.name;
    if (NOT_COPIED.has(entry.name) || entry.name.endsWith('.tsbuildinfo')) return [];
    if (entry.isDirectory()) return courseFiles(course, rel);
    return entry.isFile() ? [rel] : [];
  });
}

function readDelivered(target: string): Record<string, string> {
  const file = path.join(target, DELIVERED_FILE);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>) : {};
}

/**
 * Brings the student's copy at `target` up to date with the course at `course`:
 * - a course file the copy lacks is copied (so deleting a file is how a student gets a fresh one);
 * - a file the student has not changed since it was delivered follows the course;
 * - a file the student changed, or made, is never touched.
 * The copy's node_modules links to the course's, so the notebooks load the course's built packages
 * (tslab resolves imports from the notebook's folder upwards).
 */
export function syncStudentCopy(course: string, target: string): CopyReport {
  const report: CopyReport = { added: [], updated: [], kept: [] };
  const delivered = readDelivered(target);
  const now: Record<string, string> = {};
  for (const rel of courseFiles(course)) {
    const from = path.join(course, rel);
    const to = path.join(target, rel);
    const latest = sha256(from);
    if (!fs.existsSync(to)) {
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.copyFileSync(from, to);
      report.added.push(rel);
      now[rel] = latest;
      continue;
    }
    const current = sha256(to);
    if (current === latest) {
      now[rel] = latest;
    } else if (current === delivered[rel]) {
      fs.copyFileSync(from, to);
      report.updated.push(rel);
      now[rel] = latest;
    } else {
      report.kept.push(rel);
      if (delivered[rel]) now[rel] = delivered[rel];
    }
  }
  fs.writeFileSync(path.join(target, DELIVERED_FILE), `${JSON.stringify(now, null, 1)}\n`);
  linkDependencies(course, target);
  return report;
}

function linkDependencies(course: string, target: string): void {
  const link = path.join(target, 'node_modules');
  const wanted = path.join(course, 'node_modules');
  const existing = fs.lstatSync(link, { throwIfNoEntry: false });
  if (existing?.isSymbolicLink() && fs.readlinkSync(link) === wanted) return;
  // A real folder there is the student's own install: theirs to keep.
  if (existing && !existing.isSymbolicLink()) return;
  if (existing) fs.unlinkSync(link);
  fs.symlinkSync(wanted, link);
}
