// The set-up cell prints which TensorFlow.js backend the kernel picked and why (core.initBackend):
// on the site that report describes the build machine, down to how to install a faster backend there,
// which is no advice for a reader. The page says which backend computed its outputs instead.
import { sourceText, type Notebook, type Output } from '@attnlab/grader/notebook';
import type { NotebookView } from './edition';

// `console.log(\`backend: ${name} (${reason})\`)`, or the value `{ name, reason }` printed by tslab. util.inspect quotes
// a string with ', or with " when it holds a ' (a load error naming a module does), or with ` when it holds both.
const AS_LINE = /^backend: (?<name>tensorflow|wasm|cpu) \((?<reason>.*)\)\n?/m;
const AS_VALUE = /\{\s*name: '(?<name>tensorflow|wasm|cpu)',\s*reason: (?<q>['"`])(?<reason>(?:(?!\k<q>)[^\\]|\\.)*)\k<q>\s*\}\n?/;

/** What the backend is, without the machine's story: "WebAssembly (…) because tfjs-node is not installed (…)". */
function description(reason: string): string {
  return reason.split(/ because | \(fastest available\)|, forced by /)[0].trim();
}

/** The view with each backend report taken out of the outputs of the cell that calls `initBackend`, and a note there. */
export function withBackendNote(view: NotebookView): NotebookView {
  const notes = new Map(view.notes);
  const cells = view.notebook.cells.map((cell) => {
    if (cell.cell_type !== 'code' || !cell.id || !/\binitBackend\s*\(/.test(sourceText(cell.source))) return cell;
    let found: { name: string; description: string } | undefined;
    const outputs = (cell.outputs ?? []).flatMap((output): Output[] => {
      if (output.output_type !== 'stream') return [output];
      const text = sourceText(output.text);
      const match = AS_LINE.exec(text) ?? AS_VALUE.exec(text);
      if (!match?.groups) return [output];
      found ??= { name: match.groups.name, description: description(match.groups.reason) };
      const rest = text.replace(match[0], '');
      return rest.trim() ? [{ ...output, text: rest }] : [];
    });
    if (!found) return cell;
    notes.set(cell.id, { kind: 'backend', ...found });
    return { ...cell, outputs };
  });
  return { notebook: { ...view.notebook, cells } as Notebook, notes };
}
