// Which outputs of a lesson come from its exercises' solutions. In the student edition the exercise cells
// are stubs, so a page that showed these outputs unexplained would show what the student's own notebook
// cannot yet produce.
import ts from 'typescript';
import { cellExercise, sourceText, type Cell, type Notebook } from '@attnlab/grader/notebook';

function parse(cell: Cell): ts.SourceFile {
  return ts.createSourceFile('cell.ts', sourceText(cell.source), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

/** The exercise a check cell checks: `check('<id>', …)` with one of this notebook's exercise ids. */
export function checkedExercise(cell: Cell, exercises: ReadonlySet<string>): string | undefined {
  if (cell.cell_type !== 'code' || cellExercise(cell)) return undefined;
  let found: string | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      const [first] = node.arguments;
      if (name === 'check' && first && ts.isStringLiteralLike(first) && exercises.has(first.text)) found = first.text;
    }
    ts.forEachChild(node, visit);
  };
  visit(parse(cell));
  return found;
}

function bindingNames(name: ts.BindingName, into: string[]): void {
  if (ts.isIdentifier(name)) into.push(name.text);
  else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bindingNames(element.name, into);
}

/** Names a cell declares or assigns at its top level: what later cells can read from it. */
function writtenNames(sf: ts.SourceFile): string[] {
  const names: string[] = [];
  for (const statement of sf.statements) {
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) names.push(statement.name.text);
    else if (ts.isVariableStatement(statement)) for (const d of statement.declarationList.declarations) bindingNames(d.name, names);
    else if (ts.isExpressionStatement(statement)) {
      const e = statement.expression;
      if (ts.isBinaryExpression(e) && e.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && e.operatorToken.kind <= ts.SyntaxKind.LastAssignment && ts.isIdentifier(e.left)) {
        names.push(e.left.text);
      }
    }
  }
  return names;
}

/** Identifiers a cell reads: every identifier except property names, object keys and declared names. */
function readNames(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      const p = node.parent;
      const property = (ts.isPropertyAccessExpression(p) && p.name === node) || (ts.isPropertyAssignment(p) && p.name === node) || (ts.isQualifiedName(p) && p.right === node);
      const declared = (ts.isVariableDeclaration(p) || ts.isFunctionDeclaration(p) || ts.isClassDeclaration(p) || ts.isParameter(p) || ts.isBindingElement(p)) && p.name === node;
      if (!property && !declared) names.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return names;
}

/**
 * For each code cell (by id) whose code reads an exercise's function, directly or through names that
 * earlier such cells declared (`const w = softmax(s)` then `w.print()`), the exercises it depends on.
 * Exercise cells and check cells are left out: the page treats them on their own.
 */
export function solutionDependents(nb: Notebook): Map<string, string[]> {
  const exercises = new Set(nb.cells.map(cellExercise).filter((id): id is string => id !== undefined));
  // Which exercises each top-level name of the notebook's scope was computed from.
  const origins = new Map<string, Set<string>>();
  const dependents = new Map<string, string[]>();
  for (const cell of nb.cells) {
    if (cell.cell_type !== 'code') continue;
    const sf = parse(cell);
    const exercise = cellExercise(cell);
    if (exercise) {
      for (const name of [exercise, ...writtenNames(sf)]) origins.set(name, new Set([exercise]));
      continue;
    }
    const from = new Set<string>();
    for (const name of readNames(sf)) for (const id of origins.get(name) ?? []) from.add(id);
    for (const name of writtenNames(sf)) {
      if (from.size) origins.set(name, from);
      else origins.delete(name);
    }
    if (from.size && cell.id && !checkedExercise(cell, exercises))
      dependents.set(
        cell.id,
        [...exercises].filter((id) => from.has(id)),
      );
  }
  return dependents;
}
