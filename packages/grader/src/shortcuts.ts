/**
 * The static half of "no shortcut": finds, in an exercise cell's source (TypeScript, or the
 * JavaScript tslab's fn.toString() gives), every use of a finished function the exercise's
 * spec forbids, and every construct that would hide one from this check. The run-time half
 * is restrictions.ts; both report through describeShortcuts.
 */
import ts from 'typescript';
import type { ExerciseSpec } from './exercises/spec';
import { isTensorEntry, reason, type Shortcut } from './shortcut-report';

export interface ShortcutOptions {
  /**
   * Names the code reaches as a bare identifier or as `exports.<name>` (tslab compiles a
   * notebook's top-level names to `exports.<name>`), with what they are: `tf`, `core`, or a
   * path such as `core.maskedSoftmax`. Default: the prelude's `tf` and `core`.
   */
  globals?: Readonly<Record<string, string>>;
}

const PRELUDE_GLOBALS: Readonly<Record<string, string>> = { tf: 'tf', core: 'core' };

/** Names that reach modules or code this check cannot see; an exercise never needs them. */
const UNCHECKABLE_NAMES = new Set(['require', 'module', 'process', 'globalThis', 'global', 'eval', 'Function', '__tslab__']);
const UNCHECKABLE_PROPERTIES = new Set(['constructor', 'mainModule']);

const MODULE_ROOTS: Readonly<Record<string, string>> = { '@attnlab/core': 'core', '@tensorflow/tfjs': 'tf' };

/** What a module specifier the cell imports stands for (`tf` for every TF.js package). */
function moduleRoot(specifier: string): string | undefined {
  return MODULE_ROOTS[specifier] ?? (specifier.startsWith('@tensorflow/tfjs') ? 'tf' : undefined);
}

/** The forbidden entry `path` falls under (itself, or a namespace that contains it). */
function forbiddenEntry(spec: ExerciseSpec, path: string): string | undefined {
  return spec.forbidden.find((f) => !isTensorEntry(f) && (path === f || path.startsWith(`${f}.`)));
}

/** Parentheses, type assertions and `!` change nothing at run time. */
function unwrap(node: ts.Expression): ts.Expression {
  let e = node;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isTypeAssertionExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) {
    e = e.expression;
  }
  return e;
}

/** The expression `node` is part of, seen through the wrappers unwrap() removes. */
function outer(node: ts.Node): ts.Node {
  let e = node;
  while (
    e.parent &&
    (ts.isParenthesizedExpression(e.parent) ||
      ts.isAsExpression(e.parent) ||
      ts.isTypeAssertionExpression(e.parent) ||
      ts.isNonNullExpression(e.parent) ||
      ts.isSatisfiesExpression(e.parent))
  ) {
    e = e.parent;
  }
  return e;
}

function isExportsObject(node: ts.Expression): boolean {
  const e = unwrap(node);
  return ts.isIdentifier(e) && e.text === 'exports';
}

/** Is `id` a name being read (not a declared name, a property name or a label)? */
function isRead(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if (ts.isQualifiedName(p) && p.right === id) return false;
  if (ts.isBindingElement(p) && p.propertyName === id) return false;
  if ((ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p)) && p.name === id) return false;
  if (ts.isBindingElement(p) || ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isFunctionDeclaration(p) || ts.isFunctionExpression(p) || ts.isClassDeclaration(p)) {
    return p.name !== id;
  }
  if (ts.isImportSpecifier(p) || ts.isImportClause(p) || ts.isNamespaceImport(p) || ts.isImportEqualsDeclaration(p)) return false;
  if (ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) return false;
  return true;
}

/** Is `id` the name a declaration introduces (a variable, parameter, function, class or import)? */
function isDeclaredName(id: ts.Identifier): boolean {
  const p = id.parent;
  const named =
    ts.isVariableDeclaration(p) ||
    ts.isParameter(p) ||
    ts.isFunctionDeclaration(p) ||
    ts.isClassDeclaration(p) ||
    ts.isImportClause(p) ||
    ts.isNamespaceImport(p) ||
    ts.isImportSpecifier(p);
  return (named || ts.isBindingElement(p)) && p.name === id;
}

class Scanner {
  private readonly found: Shortcut[] = [];
  /** local names bound to a module path: `const c = core`, `import * as c from '@attnlab/core'` */
  private readonly aliases = new Map<string, string>();
  /** local names bound to a constant string, so `core[name]` can still be read */
  private readonly strings = new Map<string, string>();
  /** names the code declares itself (a local `global` is not Node's) */
  private readonly declared = new Set<string>();
  private readonly tensorMethods: Set<string>;
  /** last name of each forbidden tf/core entry: `x.maskedSoftmax` is core's whatever `x` is called */
  private readonly leaves = new Map<string, string>();

  constructor(
    private readonly spec: ExerciseSpec,
    private readonly sf: ts.SourceFile,
    private readonly globals: Readonly<Record<string, string>>,
  ) {
    this.tensorMethods = new Set(spec.forbidden.filter(isTensorEntry).map((f) => f.slice('Tensor.'.length)));
    for (const f of spec.forbidden) if (!isTensorEntry(f)) this.leaves.set(f.slice(f.lastIndexOf('.') + 1), f);
  }

  scan(): Shortcut[] {
    // declared names, then bindings (to a fixed point, for aliases of aliases), then every use
    this.visit(this.sf, (n) => {
      if (ts.isIdentifier(n) && isDeclaredName(n)) this.declared.add(n.text);
    });
    for (let size = -1; size !== this.aliases.size + this.strings.size;) {
      size = this.aliases.size + this.strings.size;
      this.visit(this.sf, (n) => this.bind(n));
    }
    this.visit(this.sf, (n) => this.check(n));
    return this.found;
  }

  private visit(node: ts.Node, f: (n: ts.Node) => void): void {
    // types are erased; `class … extends core.X` is an expression, though it parses as a type node
    if ((ts.isTypeNode(node) && !ts.isExpressionWithTypeArguments(node)) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return;
    f(node);
    ts.forEachChild(node, (c) => this.visit(c, f));
  }

  private report(node: ts.Node, call: string, why = reason(this.spec, call)): void {
    const line = this.sf.getLineAndCharacterOfPosition(node.getStart(this.sf)).line + 1;
    if (!this.found.some((s) => s.call === call && s.line === line)) this.found.push({ call, line, why });
  }

  private constString(node: ts.Expression): string | undefined {
    const e = unwrap(node);
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isNumericLiteral(e)) return e.text;
    if (ts.isIdentifier(e)) return this.strings.get(e.text);
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const [l, r] = [this.constString(e.left), this.constString(e.right)];
      return l !== undefined && r !== undefined ? l + r : undefined;
    }
    if (ts.isTemplateExpression(e)) {
      let text = e.head.text;
      for (const span of e.templateSpans) {
        const value = this.constString(span.expression);
        if (value === undefined) return undefined;
        text += value + span.literal.text;
      }
      return text;
    }
    return undefined;
  }

  /** The property name an access reads, when it is known without running the code. */
  private accessName(node: ts.PropertyAccessExpression | ts.ElementAccessExpression): string | undefined {
    return ts.isPropertyAccessExpression(node) ? node.name.text : this.constString(node.argumentExpression);
  }

  /** The module path (`tf`, `core.maskedSoftmax`, …) an expression evaluates to, when it is one. */
  private resolve(node: ts.Expression): string | undefined {
    const e = unwrap(node);
    // a name the code declares itself is its own, not the notebook's (a local `tf` or `core` still counts as the module)
    if (ts.isIdentifier(e)) return this.aliases.get(e.text) ?? (this.declared.has(e.text) && !(e.text in PRELUDE_GLOBALS) ? undefined : this.globals[e.text]);
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
      const name = this.accessName(e);
      if (name === undefined) return undefined;
      if (isExportsObject(e.expression)) return this.globals[name];
      const base = this.resolve(e.expression);
      if (base === undefined) return undefined;
      // `import * as tf` gives a namespace whose `default` is the module itself
      return name === 'default' ? base : `${base}.${name}`;
    }
    return undefined;
  }

  /** Paths whose use as a plain value would hide a forbidden function: the modules, and namespaces holding one. */
  private guards(path: string): boolean {
    return !path.includes('.') || this.spec.forbidden.some((f) => f.startsWith(`${path}.`));
  }

  private bind(node: ts.Node): void {
    if (ts.isVariableDeclaration(node) && node.initializer) {
      if (ts.isIdentifier(node.name)) {
        const path = this.resolve(node.initializer);
        if (path !== undefined) this.aliases.set(node.name.text, path);
        const text = this.constString(node.initializer);
        if (text !== undefined && ts.isVariableDeclarationList(node.parent) && node.parent.flags & ts.NodeFlags.Const) this.strings.set(node.name.text, text);
      } else {
        this.bindPattern(node.name, this.resolve(node.initializer));
      }
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left)) {
      const path = this.resolve(node.right);
      if (path !== undefined) this.aliases.set(node.left.text, path);
    } else if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const root = moduleRoot(node.moduleSpecifier.text);
      const clause = node.importClause;
      if (root === undefined || !clause) return;
      if (clause.name) this.aliases.set(clause.name.text, root);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) this.aliases.set(bindings.name.text, root);
      if (bindings && ts.isNamedImports(bindings)) {
        for (const s of bindings.elements) this.aliases.set(s.name.text, `${root}.${(s.propertyName ?? s.name).text}`);
      }
    }
  }

  private bindPattern(pattern: ts.BindingName, path: string | undefined): void {
    if (path === undefined || ts.isIdentifier(pattern)) return;
    pattern.elements.forEach((element, index) => {
      if (ts.isOmittedExpression(element) || element.dotDotDotToken) return;
      const key = ts.isArrayBindingPattern(pattern) ? String(index) : this.bindingKey(element);
      if (key === undefined) return;
      if (ts.isIdentifier(element.name)) this.aliases.set(element.name.text, `${path}.${key}`);
      else this.bindPattern(element.name, `${path}.${key}`);
    });
  }

  private bindingKey(element: ts.BindingElement): string | undefined {
    const key = element.propertyName ?? element.name;
    if (ts.isIdentifier(key) || ts.isStringLiteral(key) || ts.isNumericLiteral(key)) return key.text;
    if (ts.isComputedPropertyName(key)) return this.constString(key.expression);
    return undefined;
  }

  private check(node: ts.Node): void {
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) this.checkAccess(node);
    else if (ts.isIdentifier(node) && isRead(node)) this.checkName(node);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
      this.report(node, 'import(…)', 'a cell may use only the prelude’s tf and core; import() loads a module past this check');
    else if (ts.isImportEqualsDeclaration(node)) this.report(node, 'import … = require(…)', 'a cell may use only the prelude’s tf and core');
    else if (ts.isVariableDeclaration(node) && node.initializer && !ts.isIdentifier(node.name)) this.checkPattern(node.name, this.resolve(node.initializer));
    else if (ts.isImportDeclaration(node)) this.checkImport(node);
    if (ts.isExpression(node)) this.checkValueUse(node);
  }

  private checkAccess(node: ts.PropertyAccessExpression | ts.ElementAccessExpression): void {
    const name = this.accessName(node);
    const objectPath = this.resolve(node.expression);
    if (name === undefined) {
      if (objectPath !== undefined && this.guards(objectPath)) {
        this.report(node, `${objectPath}[…]`, `computed access to ${objectPath} cannot be checked; name the function you use (${objectPath}.matMul, …)`);
      } else if (isExportsObject(node.expression)) {
        this.report(node, 'exports[…]', 'computed access to the notebook’s variables cannot be checked; name the function you use');
      }
      return;
    }
    if (UNCHECKABLE_PROPERTIES.has(name)) {
      this.report(node, `.${name}`, `.${name} reaches code outside the prelude, which cannot be checked`);
      return;
    }
    const path = this.resolve(node);
    const entry = path === undefined ? undefined : forbiddenEntry(this.spec, path);
    if (entry !== undefined) {
      // reported once, where the path first enters a forbidden name (`tf.layers`, not each `tf.layers.x`)
      if (objectPath === undefined || forbiddenEntry(this.spec, objectPath) === undefined) this.report(node, path!);
      return;
    }
    if (this.tensorMethods.has(name)) {
      this.report(node, `Tensor.${name}`);
      return;
    }
    // an object this check cannot name (a notebook variable, a parameter) read by a forbidden function's name
    const leaf = this.leaves.get(name);
    if (leaf !== undefined && path === undefined && !isExportsObject(node.expression)) this.report(node, leaf);
  }

  private checkName(id: ts.Identifier): void {
    if (UNCHECKABLE_NAMES.has(id.text) && !this.declared.has(id.text)) {
      const call = id.text === 'require' && ts.isCallExpression(id.parent) && id.parent.arguments.length > 0 ? `require(${id.parent.arguments[0].getText(this.sf)})` : id.text;
      this.report(id, call, `${id.text} reaches modules or code outside the prelude’s tf and core, which cannot be checked`);
      return;
    }
    // a local name bound straight to a forbidden function: `import { maskedSoftmax } from …` or tslab's globals
    const path = this.resolve(id);
    if (path !== undefined && forbiddenEntry(this.spec, path) !== undefined && !this.aliases.has(id.text)) this.report(id, path);
  }

  private checkPattern(pattern: ts.BindingName, path: string | undefined): void {
    if (ts.isIdentifier(pattern)) return;
    pattern.elements.forEach((element, index) => {
      if (ts.isOmittedExpression(element)) return;
      if (element.dotDotDotToken) {
        if (path !== undefined && this.guards(path)) this.report(element, `...${path}`, `copying ${path} cannot be checked; name the function you use`);
        return;
      }
      const key = ts.isArrayBindingPattern(pattern) ? String(index) : this.bindingKey(element);
      if (key === undefined) {
        if (path !== undefined && this.guards(path)) this.report(element, `${path}[…]`, `computed access to ${path} cannot be checked; name the function you use`);
        return;
      }
      const child = path === undefined ? undefined : `${path}.${key}`;
      const entry = child === undefined ? undefined : forbiddenEntry(this.spec, child);
      if (entry !== undefined) this.report(element, child!);
      else if (this.tensorMethods.has(key)) this.report(element, `Tensor.${key}`);
      else if (child === undefined && this.leaves.has(key)) this.report(element, this.leaves.get(key)!);
      else if (!ts.isIdentifier(element.name)) this.checkPattern(element.name, child);
    });
  }

  private checkImport(node: ts.ImportDeclaration): void {
    const bindings = node.importClause?.namedBindings;
    if (!ts.isStringLiteral(node.moduleSpecifier) || !bindings || !ts.isNamedImports(bindings)) return;
    const root = moduleRoot(node.moduleSpecifier.text);
    if (root === undefined) return;
    for (const s of bindings.elements) {
      const path = `${root}.${(s.propertyName ?? s.name).text}`;
      if (forbiddenEntry(this.spec, path) !== undefined) this.report(s, path);
    }
  }

  /** A module (or a namespace holding a forbidden function) used as a plain value: passed, spread, returned, … */
  private checkValueUse(node: ts.Expression): void {
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isTypeAssertionExpression(node) || ts.isNonNullExpression(node) || ts.isSatisfiesExpression(node))
      return;
    if (!ts.isIdentifier(node) && !ts.isPropertyAccessExpression(node) && !ts.isElementAccessExpression(node)) return;
    if (ts.isIdentifier(node) && !isRead(node)) return;
    const exportsItself = ts.isIdentifier(node) && node.text === 'exports' && this.globals.exports === undefined && !this.aliases.has('exports');
    const path = exportsItself ? 'exports' : this.resolve(node);
    if (path === undefined || (!exportsItself && !this.guards(path))) return;
    const use = outer(node);
    const parent = use.parent;
    const harmless =
      (ts.isPropertyAccessExpression(parent) && parent.expression === use) ||
      (ts.isElementAccessExpression(parent) && parent.expression === use) ||
      (ts.isVariableDeclaration(parent) && parent.initializer === use) ||
      (ts.isBinaryExpression(parent) && parent.right === use && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(parent.left)) ||
      ts.isTypeOfExpression(parent) ||
      ts.isExpressionStatement(parent);
    if (!harmless)
      this.report(
        node,
        path,
        `${path} is used as a value (passed, spread or copied), so what it is used for cannot be checked; call its functions by name (${path === 'exports' ? 'your own functions' : `${path}.matMul(…)`})`,
      );
  }
}

/** Every use of a forbidden function in `source` (the cell, or a function's text), with its line. */
export function findShortcuts(spec: ExerciseSpec, source: string, options: ShortcutOptions = {}): Shortcut[] {
  const sf = ts.createSourceFile('cell.ts', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  return new Scanner(spec, sf, { ...PRELUDE_GLOBALS, ...options.globals }).scan();
}
