/**
 * `npm run bench` (grader): how many students a minute the grader grades on this machine,
 * with every isolation it uses. A class of distinct honest submissions (the instructor
 * notebooks, each exercise cell changed by a comment so no compile is shared) is written to
 * a temporary folder and graded as `attnlab-grade` would.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gradeSubmissions } from '../grade';
import { isLessonFile, type Notebook, sourceText } from '../notebook';
import { detectIsolation } from '../sandbox/isolation';

const notebooksDir = path.resolve(__dirname, '..', '..', '..', '..', 'notebooks');

function writeClass(dir: string, students: number): string[] {
  const lessons = fs.readdirSync(notebooksDir).filter(isLessonFile).sort();
  return Array.from({ length: students }, (_, s) => {
    const student = path.join(dir, `student-${s + 1}`);
    fs.mkdirSync(student, { recursive: true });
    for (const name of lessons) {
      const nb = JSON.parse(fs.readFileSync(path.join(notebooksDir, name), 'utf8')) as Notebook;
      for (const cell of nb.cells) if (cell.metadata?.attnlab?.exercise) cell.source = `${sourceText(cell.source)}\n// student ${s + 1}\n`;
      fs.writeFileSync(path.join(student, name), JSON.stringify(nb));
    }
    return student;
  });
}

/** CPU seconds of this process and of the children it has waited for (Linux); undefined elsewhere. */
function cpuSeconds(): { own: number; children: number } | undefined {
  try {
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    // utime, stime, cutime, cstime are fields 14-17 of stat(5), counted from the state field (3), in ticks of 1/100 s
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]) / 100);
    return { own: utime + stime, children: cutime + cstime };
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const students = Number(process.env.ATTNLAB_BENCH_STUDENTS ?? 40);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attnlab-bench-'));
  try {
    const subs = writeClass(dir, students).map((p) => ({ student: path.basename(p), path: p }));
    console.log(detectIsolation().summary);
    const cpuBefore = cpuSeconds();
    const started = process.hrtime.bigint();
    const results = await gradeSubmissions(subs);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpuAfter = cpuSeconds();
    const full = results.filter((r) => r.score === r.maxScore).length;
    const exercisesEach = results[0]?.exercises.length ?? 0;
    const cores = os.availableParallelism();
    console.log(`grader: ${students} students × ${exercisesEach} exercises in ${seconds.toFixed(1)} s = ${((students / seconds) * 60).toFixed(0)} students/min on ${cores} cores`);
    if (cpuBefore !== undefined && cpuAfter !== undefined) {
      const own = (cpuAfter.own - cpuBefore.own) / students;
      const perStudent = own + (cpuAfter.children - cpuBefore.children) / students;
      console.log(`grader: ${own.toFixed(2)} CPU s per student in the grader's own process, the rest in compile workers and sandboxes`);
      // what an otherwise idle machine would manage: the work is CPU-bound
      console.log(`grader: ${perStudent.toFixed(2)} CPU s per student (all processes) = ${((cores * 60) / perStudent).toFixed(0)} students/min on ${cores} idle cores`);
    }
    if (full !== students) {
      console.error(`error: only ${full} of ${students} honest students got full marks`);
      process.exitCode = 1;
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
