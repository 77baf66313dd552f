/**
 * Calls between a student's own exercises: a cell may call the earlier exercises its spec
 * lists in `dependsOn`, and then the student's own cells for them are compiled with it, as
 * the notebook (one tslab scope per notebook) runs them.
 */
import ts from 'typescript';
import { exerciseById } from './exercises/catalog';
import type { ExerciseSpec } from './exercises/spec';

export type DependencyCell = { ok: true; source: string } | { ok: false; error: string };

export type WithDependencies = { ok: true; source: string; dependencies: string[] } | { ok: false; error: string };

/** Names the cell declares at its top level (its own helper named like an exercise wins). */
function topLevelNames(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const s of sf.statements) {
    if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name) names.add(s.name.text);
    if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
  }
  return names;
}

/**
 * The dependencies of `spec` that `source` calls: as a name (the cell) or as `exports.<name>`
 * (a function's text from tslab), and not declared by the cell itself.
 */
export function calledDependencies(spec: ExerciseSpec, source: string): string[] {
  const wanted = new Set(spec.dependsOn ?? []);
  if (wanted.size === 0) return [];
  const sf = ts.createSourceFile('cell.ts', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const own = topLevelNames(sf);
  const called = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && wanted.has(node.text) && !own.has(node.text)) {
      const p = node.parent;
      const asProperty = ts.isPropertyAccessExpression(p) && p.name === node;
      const fromExports = asProperty && ts.isIdentifier(p.expression) && p.expression.text === 'exports';
      const declared = (ts.isFunctionDeclaration(p) || ts.isVariableDeclaration(p) || ts.isParameter(p)) && p.name === node;
      if ((!asProperty || fromExports) && !declared) called.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return (spec.dependsOn ?? []).filter((d) => called.has(d));
}

function hasModuleSyntax(source: string): boolean {
  const sf = ts.createSourceFile('cell.ts', source, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  return sf.statements.some((s) => ts.isImportDeclaration(s) || ts.isImportEqualsDeclaration(s) || ts.isExportDeclaration(s) || ts.isExportAssignment(s));
}

/** `dependency`'s cell in a scope of its own (its helpers cannot clash with the cell's), as one constant. */
function wrapped(dependent: string, dependency: string, source: string): string {
  return `\n// your ${dependency}, which ${dependent} calls\nconst ${dependency} = (() => {\n${source}\nreturn ${dependency};\n})();\n`;
}

/**
 * The cell's source with the student's own cells for the dependencies it calls (transitively,
 * each once, a dependency before what calls it), or why that is not possible. They follow
 * the cell, so the cell's line numbers in compiler messages stay its own.
 */
export function withDependencies(spec: ExerciseSpec, cells: ReadonlyMap<string, DependencyCell>, cellSource?: string): WithDependencies {
  const own = cellSource ?? cells.get(spec.id);
  const source = typeof own === 'string' ? own : own?.ok ? own.source : undefined;
  if (source === undefined) return { ok: false, error: `no cell for ${spec.id}` };
  const order: string[] = [];
  const visiting: string[] = [];
  const add = (current: ExerciseSpec, text: string): string | undefined => {
    for (const dep of calledDependencies(current, text)) {
      if (order.includes(dep) || dep === spec.id) continue;
      if (visiting.includes(dep)) return `${current.id} and ${dep} call each other; one of them must stand on its own`;
      const cell = cells.get(dep);
      const depSpec = exerciseById(dep);
      const lesson = depSpec ? ` (lesson ${depSpec.lesson})` : '';
      if (!cell) return `${current.id} calls your ${dep}${lesson}, which is not in this submission: hand in its notebook too, or write the code inside ${current.id}`;
      if (!cell.ok) return `${current.id} calls your ${dep}${lesson}, which could not be used (${cell.error.split('\n')[0]}): fix ${dep} first`;
      if (hasModuleSyntax(cell.source))
        return `${current.id} calls your ${dep}, whose cell has import or export statements: remove them from the ${dep} cell (tf and core are there already)`;
      visiting.push(dep);
      const problem = depSpec ? add(depSpec, cell.source) : undefined;
      visiting.pop();
      if (problem) return problem;
      order.push(dep);
    }
    return undefined;
  };
  const problem = add(spec, source);
  if (problem) return { ok: false, error: problem };
  const parts = order.map((dep) => wrapped(spec.id, dep, (cells.get(dep) as { source: string }).source));
  return { ok: true, source: source + parts.join(''), dependencies: order };
}

/** A dependency that failed its own cases: its id, or its id with how many of its cases failed. */
export type FailedDependency = string | { id: string; failed: number; cases: number };

/** Says that a failure may come from the student's own dependencies, and to fix those first. */
export function dependencyNote(spec: ExerciseSpec, failedDependencies: readonly FailedDependency[]): string {
  if (failedDependencies.length === 0) return '';
  const parts = failedDependencies.map((d) => (typeof d === 'string' ? `${d}, which fails its own cases` : `${d.id}, which fails ${d.failed} of ${d.cases} cases`));
  const names = failedDependencies.map((d) => (typeof d === 'string' ? d : d.id));
  return `${spec.id} calls your ${parts.join(', and your ')}: fix ${names.join(' and ')} first`;
}
