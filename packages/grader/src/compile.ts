import * as path from 'node:path';
import ts from 'typescript';

/** What every exercise cell is compiled with: the two imports exercise cells may use. */
export const PRELUDE = "import * as tf from '@tensorflow/tfjs';\nimport * as core from '@attnlab/core';\n";
const PRELUDE_LINES = PRELUDE.split('\n').length - 1;

/** The name the compiled module exports the exercise function under. */
export const EXPORT_NAME = '__attnlabExercise';

export interface CellUnit {
  /** unique within one compile call, e.g. "<student>/<exercise>" */
  key: string;
  exercise: string;
  source: string;
}

export type Compiled = { ok: true; js: string } | { ok: false; error: string };

/**
 * The options tslab compiles notebook cells with (not strict), so a cell that runs in
 * the notebook also compiles here; emit is CommonJS for the sandbox.
 */
const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  esModuleInterop: true,
  skipLibCheck: true,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  types: [],
  noEmitOnError: false,
  sourceMap: false,
  declaration: false,
};

/** Parsed library files (tfjs, core, lib.*.d.ts) are shared by every compile in this process. */
const sourceCache = new Map<string, ts.SourceFile>();

function declaresFunction(source: string, name: string): boolean {
  const sf = ts.createSourceFile('cell.ts', source, ts.ScriptTarget.ES2022, false);
  return sf.statements.some((s) => ts.isFunctionDeclaration(s) && s.name?.text === name && s.body !== undefined);
}

function formatDiagnostic(d: ts.Diagnostic): string {
  const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  if (!d.file || d.start === undefined) return text;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  const cellLine = line - PRELUDE_LINES + 1;
  if (cellLine < 1) return `in the grader's prelude (${PRELUDE.trim().split('\n')[line]}): ${text} — build the packages first (npm run build)`;
  return `line ${cellLine}, column ${character + 1}: ${text}`;
}

/**
 * Type-check and compile exercise cells, each on its own with the prelude, in one
 * program (the library declarations are loaded once for all of them). Modules resolve
 * from `resolveFrom` (the grader package), so the repository's node_modules and the
 * packages' dist .d.ts are used.
 */
export function compileCells(units: CellUnit[], resolveFrom: string): Map<string, Compiled> {
  const results = new Map<string, Compiled>();
  const virtual = new Map<string, { unit: CellUnit; text: string }>();
  units.forEach((unit, i) => {
    if (!declaresFunction(unit.source, unit.exercise)) {
      results.set(unit.key, { ok: false, error: `the cell does not declare \`function ${unit.exercise}(...) { ... }\`; keep the function's name and declare it with the \`function\` keyword` });
      return;
    }
    const file = path.join(resolveFrom, '__attnlab_cells__', String(i), `${unit.exercise}.ts`);
    virtual.set(file, { unit, text: `${PRELUDE}${unit.source}\nexport { ${unit.exercise} as ${EXPORT_NAME} };\n` });
  });
  if (virtual.size === 0) return results;

  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (f) => virtual.has(f) || fileExists(f);
  host.readFile = (f) => virtual.get(f)?.text ?? readFile(f);
  host.getSourceFile = (f, lang) => {
    const v = virtual.get(f);
    if (v) return ts.createSourceFile(f, v.text, lang, true);
    const cached = sourceCache.get(f);
    if (cached) return cached;
    const text = readFile(f);
    if (text === undefined) return undefined;
    const sf = ts.createSourceFile(f, text, lang, true);
    sourceCache.set(f, sf);
    return sf;
  };
  const program = ts.createProgram([...virtual.keys()], options, host);
  for (const [file, { unit }] of virtual) {
    const sf = program.getSourceFile(file)!;
    const diagnostics = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
    if (diagnostics.length > 0) {
      const kind = program.getSyntacticDiagnostics(sf).length > 0 ? 'syntax error' : 'type error';
      const shown = diagnostics.slice(0, 5).map(formatDiagnostic);
      const more = diagnostics.length > 5 ? `\n(and ${diagnostics.length - 5} more)` : '';
      results.set(unit.key, { ok: false, error: `${kind} in the cell:\n${shown.join('\n')}${more}` });
      continue;
    }
    let js = '';
    program.emit(sf, (_name, text) => {
      if (_name.endsWith('.js')) js = text;
    });
    results.set(unit.key, { ok: true, js });
  }
  return results;
}
