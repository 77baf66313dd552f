// A student's copy of the course on a hub: delivered on the first start, refreshed on later starts
// without ever touching what the student changed.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncStudentCopy } from '../src/hub/student-copy';

let tmp: string;
let course: string;
let copy: string;

function write(dir: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), text);
}
const read = (rel: string) => fs.readFileSync(path.join(copy, rel), 'utf8');

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'attnlab-copy-'));
  course = path.join(tmp, 'course');
  copy = path.join(tmp, 'home', 'attnlab');
  write(course, 'notebooks/01-a.ipynb', 'lesson 1');
  write(course, 'notebooks/02-b.ipynb', 'lesson 2');
  write(course, 'README.md', 'readme');
  write(course, 'node_modules/pkg/index.js', 'installed');
  write(course, 'packages/core/dist/index.js', 'built');
  write(course, 'packages/core/src/index.ts', 'source');
  write(course, '.jupyter/share/jupyter/kernels/tslab/kernel.json', '{}');
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('syncStudentCopy', () => {
  it("delivers the course's files on the first start, and links its installed packages instead of copying them", () => {
    const report = syncStudentCopy(course, copy);
    expect(report.added.sort()).toEqual(['README.md', 'notebooks/01-a.ipynb', 'notebooks/02-b.ipynb', 'packages/core/src/index.ts']);
    expect(read('notebooks/01-a.ipynb')).toBe('lesson 1');
    expect(fs.existsSync(path.join(copy, 'packages/core/dist'))).toBe(false);
    expect(fs.existsSync(path.join(copy, '.jupyter'))).toBe(false);
    expect(fs.lstatSync(path.join(copy, 'node_modules')).isSymbolicLink()).toBe(true);
    expect(read('node_modules/pkg/index.js')).toBe('installed');
  });

  it('never overwrites what the student changed or made, and brings in what the course changed or added', () => {
    syncStudentCopy(course, copy);
    write(copy, 'notebooks/01-a.ipynb', "lesson 1 with the student's answers");
    write(copy, 'notebooks/my-notes.ipynb', 'notes');
    write(course, 'notebooks/01-a.ipynb', 'lesson 1, typo fixed');
    write(course, 'notebooks/02-b.ipynb', 'lesson 2, typo fixed');
    write(course, 'notebooks/03-c.ipynb', 'lesson 3');

    const report = syncStudentCopy(course, copy);
    expect(report).toEqual({ added: ['notebooks/03-c.ipynb'], updated: ['notebooks/02-b.ipynb'], kept: ['notebooks/01-a.ipynb'] });
    expect(read('notebooks/01-a.ipynb')).toBe("lesson 1 with the student's answers");
    expect(read('notebooks/02-b.ipynb')).toBe('lesson 2, typo fixed');
    expect(read('notebooks/03-c.ipynb')).toBe('lesson 3');
    expect(read('notebooks/my-notes.ipynb')).toBe('notes');
  });

  it('keeps a changed file the student kept through several course updates, and restores one they deleted', () => {
    syncStudentCopy(course, copy);
    write(copy, 'README.md', 'my readme');
    write(course, 'README.md', 'readme v2');
    syncStudentCopy(course, copy);
    write(course, 'README.md', 'readme v3');
    expect(syncStudentCopy(course, copy).kept).toEqual(['README.md']);
    expect(read('README.md')).toBe('my readme');

    fs.rmSync(path.join(copy, 'notebooks/02-b.ipynb'));
    expect(syncStudentCopy(course, copy).added).toEqual(['notebooks/02-b.ipynb']);
    expect(read('notebooks/02-b.ipynb')).toBe('lesson 2');
  });

  it("leaves a student's own node_modules folder alone", () => {
    write(copy, 'node_modules/mine/index.js', 'mine');
    syncStudentCopy(course, copy);
    expect(fs.lstatSync(path.join(copy, 'node_modules')).isSymbolicLink()).toBe(false);
    expect(read('node_modules/mine/index.js')).toBe('mine');
  });
});
