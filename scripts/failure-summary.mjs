// A Vitest reporter for `npm test`: each package's failed tests, with the start of each error, written to
// a file of their own. Nx prints every task's output in turn, so a failure in an early task ends up in the
// middle of a long log; scripts/test.sh prints these files last, where a reader (or a CI page showing only
// the log's tail) sees them. Writes nothing unless ATTNLAB_FAILURES_DIR names the folder.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stripVTControlCharacters } from 'node:util';

const MESSAGE_LINES = 8;
const DIFF_LINES = 12;

/** @typedef {{ message?: string; name?: string; diff?: string; stacks?: { file: string; line: number }[] }} TestError */

/**
 * @param {string} heading where the errors happened
 * @param {ReadonlyArray<TestError>} errors
 * @param {string} root the package, which locations are given relative to
 */
function entry(heading, errors, root) {
  const lines = [`  ${heading}`];
  for (const error of errors) {
    const said = `${error.name ?? 'Error'}: ${error.message ?? ''}`.split('\n').slice(0, MESSAGE_LINES);
    const diff = error.diff ? stripVTControlCharacters(error.diff).split('\n').slice(0, DIFF_LINES) : [];
    const frame = error.stacks?.[0];
    const at = frame ? [`at ${path.relative(root, frame.file)}:${frame.line}`] : [];
    lines.push(...[...said, ...diff, ...at].map((line) => `      ${line}`));
  }
  return lines.join('\n');
}

export default class FailureSummary {
  /** @param {import('vitest/node').Vitest} vitest */
  onInit(vitest) {
    this.root = vitest.config.root;
  }

  /**
   * @param {ReadonlyArray<import('vitest/node').TestModule>} testModules
   * @param {ReadonlyArray<TestError>} unhandledErrors
   */
  onTestRunEnd(testModules, unhandledErrors) {
    const dir = process.env.ATTNLAB_FAILURES_DIR;
    if (!dir) return;
    const entries = [];
    for (const testModule of testModules) {
      const file = path.relative(this.root, testModule.moduleId);
      const where = `${testModule.project.name ? `[${testModule.project.name}] ` : ''}${file}`;
      if (testModule.errors().length > 0) entries.push(entry(`${where} (the file itself)`, testModule.errors(), this.root));
      for (const test of testModule.children.allTests('failed')) {
        entries.push(entry(`${where} > ${test.fullName}`, test.result().errors ?? [], this.root));
      }
    }
    if (unhandledErrors.length > 0) entries.push(entry('errors outside any test', unhandledErrors, this.root));
    if (entries.length === 0) return;
    const name = path.basename(this.root);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${name}-${process.pid}.txt`), `${name}: ${entries.length} failed\n${entries.join('\n')}\n`);
  }
}
