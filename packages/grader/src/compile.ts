import * as path from 'node:path';
import ts from 'typescript';
import { cellModuleSource, PRELUDE } from './cell-module';
import type { ExerciseSpec } from './exercises/spec';

const PRELUDE_LINES = PRELUDE.split('\n').length - 1;

export interface CellUnit {
  /** unique within one compile call: which submission's cell for which exercise */
  key: string;
  spec: ExerciseSpec;
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
  types: ['node'],
  noEmitOnError: false,
  sourceMap: false,
  declaration: false,
};

/** Parsed library files (tfjs, core, lib.*.d.ts) are shared by every compile in this process. */
const sourceCache = new Map<string, ts.SourceFile>();

/** node_modules/@types folders above `dir`, as tsc would find them from a project there (not from the cwd). */
function typeRoots(dir: string): string[] {
  const roots: string[] = [];
  for (let d = dir; ; d = path.dirname(d)) {
    const candidate = path.join(d, 'node_modules', '@types');
    if (ts.sys.directoryExists(candidate)) roots.push(candidate);
    if (path.dirname(d) === d) return roots;
  }
}

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
  // Identical cells (untouched stubs, shared solutions) are checked once.
  const virtual = new Map<string, { text: string; keys: string[] }>();
  const fileOf = new Map<string, string>();
  for (const { key, spec, source } of units) {
    if (!declaresFunction(source, spec.id)) {
      results.set(key, {
        ok: false,
        error: `the cell does not declare \`function ${spec.id}(...) { ... }\`; keep the function's name and declare it with the \`function\` keyword, as the student edition does: \`${spec.signature} { ... }\``,
      });
      continue;
    }
    const text = cellModuleSource(source, spec.id);
    let file = fileOf.get(text);
    if (!file) {
      file = path.join(resolveFrom, '__attnlab_cells__', String(virtual.size), `${spec.id}.ts`);
      fileOf.set(text, file);
      virtual.set(file, { text, keys: [] });
    }
    virtual.get(file)!.keys.push(key);
  }
  if (virtual.size === 0) return results;

  const compilerOptions = { ...options, typeRoots: typeRoots(resolveFrom) };
  const host = ts.createCompilerHost(compilerOptions);
  host.getCurrentDirectory = () => resolveFrom;
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
  const program = ts.createProgram([...virtual.keys()], compilerOptions, host);
  for (const [file, { keys }] of virtual) {
    const sf = program.getSourceFile(file)!;
    const set = (c: Compiled) => keys.forEach((k) => results.set(k, c));
    const syntactic = program.getSyntacticDiagnostics(sf);
    const diagnostics = [...syntactic, ...program.getSemanticDiagnostics(sf)];
    if (diagnostics.length > 0) {
      const kind = syntactic.length > 0 ? 'syntax error' : 'type error';
      const shown = diagnostics.slice(0, 5).map(formatDiagnostic);
      const more = diagnostics.length > 5 ? `\n(and ${diagnostics.length - 5} more)` : '';
      set({ ok: false, error: `${kind} in the cell:\n${shown.join('\n')}${more}` });
      continue;
    }
    let js = '';
    program.emit(sf, (name, text) => {
      if (name.endsWith('.js')) js = text;
    });
    set({ ok: true, js });
  }
  return results;
}
