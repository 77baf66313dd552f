// `node student-copy.js COURSE TARGET`: run by deploy/jupyterhub/attnlab-user-start before each student's
// server starts; brings the student's own copy of the course at TARGET up to date without touching their work.
import * as fs from 'fs';
import { syncStudentCopy } from '../hub/student-copy';

const [course, target] = process.argv.slice(2);
if (!course || !target) {
  console.error('usage: student-copy COURSE TARGET');
  process.exit(2);
}
try {
  fs.mkdirSync(target, { recursive: true });
  const { added, updated, kept } = syncStudentCopy(course, target);
  console.error(`attnlab: ${target}: ${added.length} course files added, ${updated.length} updated, ${kept.length} changed by the student and kept`);
} catch (error) {
  console.error(`attnlab: could not copy the course to ${target}: ${(error as Error).message}`);
  process.exit(1);
}
