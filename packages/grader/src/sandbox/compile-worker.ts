/**
 * A compile worker process: parses, type-checks and compiles one submission's exercise cells
 * per request, in a fresh TypeScript program each time (the parsed library declarations are
 * kept between submissions). It runs no student code, but a cell can still make the checker
 * overflow its stack or run out of memory: then only this process dies, and the pool fails
 * that one submission and starts another worker.
 */
import * as path from 'node:path';
import { compileCells } from '../compile';
import { withDependencies } from '../dependencies';
import { exerciseById, exercises } from '../exercises/catalog';
import { errorMessage } from '../errors';
import { describeShortcuts } from '../shortcut-report';
import { findShortcuts } from '../shortcuts';
import type { CellCompile, CompileReply, CompileRequest } from './compile-pool';
import { encodeFrame, readFrameSync, writeAllSync } from './frames';

const graderRoot = path.resolve(__dirname, '..', '..');
const MAX_REQUEST = 256 * 1024 * 1024;

/** Each exercise's cell, joined to the student's own dependency cells, compiled, then checked for shortcuts. */
function compileSubmission({ cells, exercises }: CompileRequest): Record<string, CellCompile> {
  const byId = new Map(Object.entries(cells));
  const results: Record<string, CellCompile> = {};
  const units = [];
  const dependencies = new Map<string, string[]>();
  for (const id of exercises) {
    const spec = exerciseById(id);
    const cell = byId.get(id);
    if (!spec || !cell?.ok) continue;
    const linked = withDependencies(spec, byId);
    if (!linked.ok) {
      results[id] = { ok: false, error: linked.error };
      continue;
    }
    dependencies.set(id, linked.dependencies);
    units.push({ key: id, spec, source: linked.source });
  }
  for (const [id, compiled] of compileCells(units, graderRoot)) {
    if (!compiled.ok) {
      results[id] = compiled;
      continue;
    }
    // the cell's own source: its dependencies are checked as their own exercises
    const spec = exerciseById(id)!;
    const shortcuts = findShortcuts(spec, (byId.get(id) as { source: string }).source);
    results[id] = shortcuts.length > 0 ? { ok: false, error: describeShortcuts(spec, shortcuts) } : { ...compiled, dependencies: dependencies.get(id) ?? [] };
  }
  return results;
}

/** Loads TypeScript and the library declarations before the first submission (compile-pool.ts waits for this). */
function warmUp(): void {
  const [spec] = exercises;
  compileCells([{ key: 'warm-up', spec, source: `${spec.signature} {\n  throw new Error('warm-up');\n}\n` }], graderRoot);
  writeAllSync(3, encodeFrame(Buffer.from(JSON.stringify({ ready: true }))));
}

warmUp();
for (;;) {
  const frame = readFrameSync(0, MAX_REQUEST);
  if (!frame) break;
  let reply: CompileReply;
  try {
    reply = { results: compileSubmission(JSON.parse(frame.toString('utf8')) as CompileRequest) };
  } catch (error) {
    // a RangeError from a stack overflow in the parser or checker: this submission only
    reply = { error: errorMessage(error).slice(0, 500) };
  }
  writeAllSync(3, encodeFrame(Buffer.from(JSON.stringify(reply))));
}
