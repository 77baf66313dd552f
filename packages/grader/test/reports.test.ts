import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mistakes } from '../src/authoring/mistakes/catalog';
import { exercises } from '../src/exercises/catalog';
import { type CliRun, runCli } from './helpers/cli';
import { fullMarks, tempDir, withCell, writeSubmission } from './helpers/submissions';
import { parseXml } from './helpers/xml';

// Gradescope's documented fields: https://gradescope-autograders.readthedocs.io/en/latest/specs/
const VISIBILITIES = ['hidden', 'after_due_date', 'after_published', 'visible'];

function validateGradescope(json: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const known = new Set(['score', 'max_score', 'execution_time', 'output', 'output_format', 'visibility', 'stdout_visibility', 'extra_data', 'tests', 'leaderboard']);
  for (const key of Object.keys(json)) if (!known.has(key)) problems.push(`unknown top-level field ${key}`);
  if (typeof json.score !== 'number') problems.push('score must be a number');
  if (json.max_score !== undefined && typeof json.max_score !== 'number') problems.push('max_score must be a number');
  if (typeof json.output !== 'string') problems.push('output must be a string');
  if (!VISIBILITIES.includes(json.visibility as string)) problems.push('visibility');
  if (!Array.isArray(json.tests)) return [...problems, 'tests must be an array'];
  const testFields = new Set(['score', 'max_score', 'status', 'name', 'name_format', 'number', 'output', 'output_format', 'tags', 'visibility', 'extra_data']);
  for (const t of json.tests as Record<string, unknown>[]) {
    for (const key of Object.keys(t)) if (!testFields.has(key)) problems.push(`unknown test field ${key}`);
    if (typeof t.name !== 'string') problems.push('test name');
    if (typeof t.score !== 'number' || typeof t.max_score !== 'number') problems.push(`${t.name}: score/max_score`);
    if (!['passed', 'failed'].includes(t.status as string)) problems.push(`${t.name}: status`);
    if (typeof t.output !== 'string') problems.push(`${t.name}: output`);
    if (!VISIBILITIES.includes(t.visibility as string)) problems.push(`${t.name}: visibility`);
  }
  return problems;
}

let root: string;
let run: CliRun;

beforeAll(async () => {
  root = tempDir('reports');
  const m = mistakes.find((x) => x.id === 'mask-after-softmax')!;
  const sub = writeSubmission(path.join(root, 'alice'), (_f, nb) => withCell(nb, m.exercise, m.source));
  const reports = ['--results', path.join(root, 'results.json'), '--junit', path.join(root, 'junit.xml'), '--classroom', path.join(root, 'classroom.json')];
  run = await runCli([sub, ...reports], { cwd: root, env: { ...process.env, GITHUB_OUTPUT: path.join(root, 'github_output') } });
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('reports for one submission', () => {
  it('prints feedback and a summary table, and exits 1 because an exercise failed', () => {
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/✘ maskedSoftmax: \d+(\.\d+)?\/10 points/);
    expect(run.stdout).toMatch(/likely mistake: the mask is applied after the softmax/);
    expect(run.stdout).toMatch(/^exercise\s+lesson\s+points\s+status/m);
    expect(run.stdout).toMatch(new RegExp(`^total\\s+\\d+(\\.\\d+)?/${fullMarks}`, 'm'));
  });

  it('writes a Gradescope results.json with the documented fields; test names start with the exercise id', () => {
    const json = JSON.parse(fs.readFileSync(path.join(root, 'results.json'), 'utf8'));
    expect(validateGradescope(json)).toEqual([]);
    expect(json.max_score).toBe(fullMarks);
    // a public and a hidden test per exercise, in exercise order
    expect(json.tests.map((t: { name: string }) => t.name.split(':')[0])).toEqual(exercises.flatMap((e) => [e.id, e.id]));
    const masked = json.tests.filter((t: { name: string }) => t.name.startsWith('maskedSoftmax'));
    expect(masked.map((t: { visibility: string }) => t.visibility).sort()).toEqual(['after_published', 'visible']);
    expect(masked.some((t: { status: string }) => t.status === 'failed')).toBe(true);
    expect(json.score).toBeLessThan(fullMarks);
    expect(json.score).toBeCloseTo(
      json.tests.reduce((a: number, t: { score: number }) => a + t.score, 0),
      1,
    );
  });

  it('writes JUnit XML that parses', () => {
    const xml = parseXml(fs.readFileSync(path.join(root, 'junit.xml'), 'utf8'));
    const suite = xml.children[0];
    expect(suite.attributes.name).toBe('alice');
    const failures = suite.children.filter((c) => c.children.some((x) => x.name === 'failure'));
    expect(Number(suite.attributes.failures)).toBe(failures.length);
    expect(Number(xml.attributes.failures)).toBe(failures.length);
    expect(Number(xml.attributes.errors)).toBe(0);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every((c) => c.attributes.name.startsWith('maskedSoftmax: '))).toBe(true);
    expect(failures[0].children[0].text).toMatch(/\nlikely mistake: the mask is applied after the softmax/);
  });

  it('writes the GitHub Classroom reporter JSON, and its base64 to $GITHUB_OUTPUT', () => {
    const json = JSON.parse(fs.readFileSync(path.join(root, 'classroom.json'), 'utf8'));
    expect(json.version).toBe(1);
    expect(json.status).toBe('fail');
    expect(json.max_score).toBe(fullMarks);
    expect(json.tests).toHaveLength(exercises.length);
    for (const t of json.tests) {
      expect(['pass', 'fail', 'error']).toContain(t.status);
      expect(typeof t.score).toBe('number');
      expect(typeof t.message).toBe('string');
    }
    const line = fs.readFileSync(path.join(root, 'github_output'), 'utf8').trim();
    expect(JSON.parse(Buffer.from(line.replace(/^result=/, ''), 'base64').toString('utf8'))).toEqual(json);
  });
});
