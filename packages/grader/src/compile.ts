import * as fs from 'node:fs';
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

/** Past these sizes a cell is refused (a 4 KB cell can make the checker print megabytes of types). */
const MAX_CELL_CHARS = 200_000;
const MAX_JS_CHARS = 1_000_000;
const MAX_DIAGNOSTIC_CHARS = 600;

/**
 * The options tslab compiles notebook cells with (not strict; ES2022's lib without the DOM's,
 * as tslab has it in Node, and much less for the type checker to load), so a cell that
 * runs in the notebook also compiles here; emit is CommonJS for the sandbox.
 */
const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  esModuleInterop: true,
  skipLibCheck: true,
  lib: ['lib.es2022.d.ts'],
  types: ['node'],
  noEmitOnError: false,
  sourceMap: false,
  declaration: false,
};

/** Parsed library files (tfjs, core, lib.*.d.ts) are shared by every compile in this process. */
const sourceCache = new Map<string, ts.SourceFile>();
/**
 * The last program, handed to the next as its old program: TypeScript then reuses what did
 * not change (the library files' module resolutions, thousands of file lookups), never the
 * type checker, so nothing of one submission's cells reaches the next's checking.
 */
let previous: ts.Program | undefined;

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
  const full = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  const text = full.length > MAX_DIAGNOSTIC_CHARS ? `${full.slice(0, MAX_DIAGNOSTIC_CHARS)}…` : full;
  if (!d.file || d.start === undefined) return text;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  const cellLine = line - PRELUDE_LINES + 1;
  if (cellLine < 1) return `in the grader's prelude (${PRELUDE.trim().split('\n')[line]}): ${text} — build the packages first (npm run build)`;
  return `line ${cellLine}, column ${character + 1}: ${text}`;
}

/**
 * Files the checker may read for a cell: installed packages' declarations (TypeScript's lib,
 * TF.js, @types) and @attnlab/core's, never the grader's own sources, references or the
 * notebooks, whose contents a type error could quote.
 */
function readableBy(resolveFrom: string): (file: string) => boolean {
  const coreDirs: string[] = [];
  for (let d = resolveFrom; ; d = path.dirname(d)) {
    const core = path.join(d, 'node_modules', '@attnlab', 'core');
    if (fs.existsSync(core)) coreDirs.push(`${fs.realpathSync(core)}${path.sep}`);
    if (path.dirname(d) === d) break;
  }
  const nm = `${path.sep}node_modules${path.sep}`;
  return (file) => {
    const f = path.resolve(file);
    if (coreDirs.some((d) => f.startsWith(d))) return true;
    return f.includes(nm) && !f.includes(`${nm}@attnlab${path.sep}`);
  };
}

/**
 * Type-check and compile exercise cells, each on its own with the prelude, in one
 * program (the library declarations are loaded once for all of them). Modules resolve
 * from `resolveFrom` (the grader package), so the repository's node_modules and the
 * packages' dist .d.ts are used. One program holds one submission's cells: a cell's
 * `declare global` reaches only its own student's other cells.
 */
export function compileCells(units: CellUnit[], resolveFrom: string): Map<string, Compiled> {
  const results = new Map<string, Compiled>();
  // Identical cells (untouched stubs, shared solutions) are checked once.
  const virtual = new Map<string, { text: string; keys: string[] }>();
  const fileOf = new Map<string, string>();
  for (const { key, spec, source } of units) {
    if (source.length > MAX_CELL_CHARS) {
      results.set(key, { ok: false, error: `the cell is ${source.length} characters long, more than the ${MAX_CELL_CHARS} the grader reads; shorten it` });
      continue;
    }
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
  const readable = readableBy(resolveFrom);
  host.getSourceFile = (f, lang) => {
    const v = virtual.get(f);
    if (v) return ts.createSourceFile(f, v.text, lang, true);
    if (!readable(f)) return undefined;
    const cached = sourceCache.get(f);
    if (cached) return cached;
    const text = readFile(f);
    if (text === undefined) return undefined;
    const sf = ts.createSourceFile(f, text, lang, true);
    sourceCache.set(f, sf);
    return sf;
  };
  const program = ts.createProgram([...virtual.keys()], compilerOptions, host, previous);
  previous = program;
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
    set(js.length > MAX_JS_CHARS ? { ok: false, error: `the cell compiles to more than ${MAX_JS_CHARS} characters of JavaScript; shorten it` } : { ok: true, js });
  }
  return results;
}
