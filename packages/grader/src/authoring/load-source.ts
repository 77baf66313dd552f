import ts from 'typescript';
import { EXPORT_NAME, PRELUDE } from '../cell-module';

/**
 * Turn the TypeScript source of an exercise function (trusted grader code: a known
 * mistake) into a callable, with the same prelude exercise cells get.
 */
export function loadFunction(source: string, name: string): unknown {
  const { outputText } = ts.transpileModule(`${PRELUDE}${source}\nexport { ${name} as ${EXPORT_NAME} };\n`, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  const module = { exports: {} as Record<string, unknown> };
  new Function('exports', 'require', 'module', outputText)(module.exports, require, module);
  return module.exports[EXPORT_NAME];
}
