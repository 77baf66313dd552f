import * as vm from 'node:vm';

/** What every exercise cell is compiled with: the two imports exercise cells may use. */
export const PRELUDE = "import * as tf from '@tensorflow/tfjs';\nimport * as core from '@attnlab/core';\n";

/** The name the compiled cell module exports the exercise function under. */
const EXPORT_NAME = '__attnlabExercise';

/** A cell as a TypeScript module: the prelude, the cell, and an export of its exercise function. */
export function cellModuleSource(source: string, functionName: string): string {
  return `${PRELUDE}${source}\nexport { ${functionName} as ${EXPORT_NAME} };\n`;
}

/**
 * Run a compiled (CommonJS) cell module with the given `require` and return its exercise
 * function; in `context` when given (a sandbox's fresh global for each exercise), else here.
 */
export function runCellModule(js: string, requireModule: (name: string) => unknown, context?: vm.Context): unknown {
  const module = { exports: {} as Record<string, unknown> };
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${js}\n})`, { filename: 'cell.js' });
  const factory = (context ? script.runInContext(context) : script.runInThisContext()) as (...args: unknown[]) => void;
  factory(module.exports, requireModule, module, 'cell.js', '.');
  return module.exports[EXPORT_NAME];
}
