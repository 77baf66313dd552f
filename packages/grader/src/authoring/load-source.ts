import ts from 'typescript';
import { cellModuleSource, runCellModule } from '../cell-module';

/**
 * Turn the TypeScript source of an exercise function (trusted grader code: a known
 * mistake) into a callable, with the same prelude exercise cells get.
 */
export function loadFunction(source: string, name: string): unknown {
  const { outputText } = ts.transpileModule(cellModuleSource(source, name), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  return runCellModule(outputText, require);
}
