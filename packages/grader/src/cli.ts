#!/usr/bin/env node
/** The `attnlab-grade` command (and `npx nx test grader`, which runs it with --nx-test); options in `usage`. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { errorMessage } from './errors';
import { formatExercise } from './feedback';
import { DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SEC } from './limits';
import { Progress } from './progress';
import { toClassroom } from './reports/classroom';
import { toGradebook } from './reports/gradebook';
import { toFeedbackMarkdown } from './reports/feedback-markdown';
import { toGradescope } from './reports/gradescope';
import { toJUnit } from './reports/junit';
import { classFailures, classTable, submissionTable } from './reports/table';
import { submissionPassed, type SubmissionResult } from './results';
import { discoverSubmissions } from './submissions';

const usage = `usage: attnlab-grade PATH... [options]
  PATH               a notebook, a folder of notebooks (one submission), or a folder of student folders (a class)
  --results FILE     write Gradescope results.json (one submission)
  --out DIR          write DIR/gradebook.csv, and DIR/<student>/results.json and feedback.md
  --junit FILE       write JUnit XML
  --classroom FILE   write the GitHub Classroom reporter JSON (and its base64 to $GITHUB_OUTPUT when set)
  --jobs N           submissions graded at once (default: number of cores)
  --timeout S        CPU seconds per exercise, for its public and again its hidden cases (default ${DEFAULT_TIMEOUT_SEC})
  --memory MB        memory cap of each grading sandbox and compile worker (default ${DEFAULT_MEMORY_MB})
  --unsafe-no-memory-limit
                     grade where the grader cannot measure a process's memory (not Linux or macOS): a cell may then use all of it
  --public-only      grade only the public cases
  --nx-test          grade <repo>/notebooks, or the file/folder in $ATTNLAB_SUBMISSION
exit code: 0 when every exercise passes, 1 when any fails, 2 on a usage error`;

interface Args {
  paths: string[];
  results?: string;
  out?: string;
  junit?: string;
  classroom?: string;
  jobs?: number;
  timeout?: number;
  memory?: number;
  unsafeNoMemoryLimit: boolean;
  publicOnly: boolean;
  nxTest: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { paths: [], publicOnly: false, nxTest: false, unsafeNoMemoryLimit: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const positive = (name: string) => {
      const n = Number(value());
      if (!(n > 0)) throw new Error(`${name} must be a positive number`);
      return n;
    };
    if (a === '--results') args.results = value();
    else if (a === '--out') args.out = value();
    else if (a === '--junit') args.junit = value();
    else if (a === '--classroom') args.classroom = value();
    else if (a === '--jobs') args.jobs = Math.floor(positive('--jobs'));
    else if (a === '--timeout') args.timeout = positive('--timeout');
    else if (a === '--memory') args.memory = positive('--memory');
    else if (a === '--public-only') args.publicOnly = true;
    else if (a === '--unsafe-no-memory-limit') args.unsafeNoMemoryLimit = true;
    else if (a === '--nx-test') args.nxTest = true;
    else if (a === '--help' || a === '-h') {
      console.log(usage);
      process.exit(0);
    } else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else args.paths.push(a);
  }
  if (args.nxTest && args.paths.length === 0) args.paths.push(nxTestTarget());
  if (args.paths.length === 0) throw new Error('give at least one PATH to grade');
  return args;
}

/**
 * What `npx nx test grader` grades: $ATTNLAB_SUBMISSION, else the course's notebooks.
 * Nx runs the task in packages/grader, not where `npx nx` was typed, so a relative
 * ATTNLAB_SUBMISSION is taken from the repository root (or, failing that, from here).
 */
function nxTestTarget(): string {
  const repo = path.resolve(__dirname, '..', '..', '..');
  const submission = process.env.ATTNLAB_SUBMISSION;
  if (!submission) return path.join(repo, 'notebooks');
  const candidates = [path.resolve(repo, submission), path.resolve(submission)];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found)
    throw new Error(
      `ATTNLAB_SUBMISSION=${submission} does not exist (looked for ${[...new Set(candidates)].join(' and ')}); give a notebook or a folder of notebooks, relative to the repository root or absolute`,
    );
  return found;
}

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, text);
}

/**
 * The folder names under --out, one per student: file-safe, never hidden or `..`, unique even
 * on a case-insensitive file system, and never the name of a class-level report there.
 */
function reportFolders(args: Args, results: SubmissionResult[]): string[] {
  const out = path.resolve(args.out!);
  const classFiles = ['gradebook.csv', args.junit, args.classroom, args.results].filter((f): f is string => f !== undefined && path.dirname(path.resolve(out, f)) === out);
  const used = new Set(classFiles.map((f) => path.basename(f).toLowerCase()));
  return results.map((s) => {
    let name = s.student.replace(/[^\w.-]+/g, '_').replace(/^\.*/, (dots) => '_'.repeat(dots.length)) || 'student';
    while (used.has(name.toLowerCase())) name += '_';
    used.add(name.toLowerCase());
    return name;
  });
}

/** Reports are written by this process after every sandbox has exited. */
function writeReports(args: Args, results: SubmissionResult[]): void {
  if (args.results) write(args.results, `${JSON.stringify(toGradescope(results[0]), null, 2)}\n`);
  if (args.out) {
    const folders = reportFolders(args, results);
    results.forEach((s, i) => {
      write(path.join(args.out!, folders[i], 'results.json'), `${JSON.stringify(toGradescope(s), null, 2)}\n`);
      write(path.join(args.out!, folders[i], 'feedback.md'), toFeedbackMarkdown(s));
    });
    write(path.join(args.out, 'gradebook.csv'), toGradebook(results));
  }
  if (args.junit) write(args.junit, toJUnit(results));
  if (args.classroom) {
    const json = JSON.stringify(toClassroom(results[0]));
    write(args.classroom, `${json}\n`);
    if (process.env.GITHUB_OUTPUT) fs.appendFileSync(process.env.GITHUB_OUTPUT, `result=${Buffer.from(json).toString('base64')}\n`);
  }
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`attnlab-grade: ${errorMessage(error)}\n\n${usage}`);
    return 2;
  }
  const { submissions: subs, notes } = discoverSubmissions(args.paths, { exclude: args.out ? [args.out] : [] });
  for (const note of notes) console.error(`attnlab-grade: ${note}`);
  if (subs.length === 0) {
    console.error(`attnlab-grade: no submissions found in ${args.paths.join(', ')}`);
    return 2;
  }
  const oneSubmissionOnly = [args.results && '--results', args.classroom && '--classroom'].filter(Boolean);
  if (subs.length > 1 && oneSubmissionOnly.length > 0) {
    console.error(
      `attnlab-grade: ${oneSubmissionOnly.join(' and ')} ${oneSubmissionOnly.length > 1 ? 'report' : 'reports'} one submission, but ${args.paths.join(', ')} holds ${subs.length}: use --out DIR (and --junit FILE) for a class`,
    );
    return 2;
  }
  // The grader (TypeScript, the sandbox) loads only once there is something to grade: a usage error answers at once.
  const { gradeSubmissions } = await import('./grade');
  const progress = subs.length > 1 ? new Progress(subs.length, 'grading') : undefined;
  const graded = await gradeSubmissions(subs, {
    jobs: args.jobs,
    timeoutSec: args.timeout,
    memoryMb: args.memory,
    unsafeNoMemoryLimit: args.unsafeNoMemoryLimit,
    hidden: !args.publicOnly,
    onProgress: (done, s) => progress?.update(done, `${s.student} ${s.score}/${s.maxScore}`),
  });
  const results = graded.map((s, i) => ({ ...s, notes: subs[i].notes ?? [] }));
  if (results.length === 1) {
    const [s] = results;
    console.log(`attnlab grader — ${s.path}\n`);
    for (const note of s.notes) console.log(`note: ${note}`);
    for (const e of s.exercises) console.log(formatExercise(e));
    console.log(`\n${submissionTable(s)}`);
  } else {
    console.log(`${classTable(results)}\n\n${classFailures(results)}`);
    for (const s of results) for (const note of s.notes) console.error(`attnlab-grade: ${s.student}: ${note}`);
  }
  writeReports(args, results);
  return results.every(submissionPassed) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`attnlab-grade: ${errorMessage(error)}`);
    process.exitCode = 2;
  },
);
