import { escapeHtml } from './html';

/** What a page says about a code cell besides its code and outputs. */
export type CellNote =
  /** A check cell in the student edition: how to run the check, in place of the solution's result. */
  | { kind: 'check'; exercise: string }
  /** A cell whose outputs came from these exercises' solutions, which the student edition does not show. */
  | { kind: 'from-solutions'; exercises: string[] }
  /** The cell that picked the TensorFlow.js backend: which one computed the page's outputs. */
  | { kind: 'backend'; name: string; description: string };

function codeList(ids: string[]): string {
  const codes = ids.map((id) => `<code>${escapeHtml(id)}</code>`);
  return codes.length > 1 ? `${codes.slice(0, -1).join(', ')} and ${codes[codes.length - 1]}` : codes[0];
}

/** The note as HTML, shown with the cell's outputs. */
export function noteHtml(note: CellNote): string {
  switch (note.kind) {
    case 'check': {
      const id = `<code>${escapeHtml(note.exercise)}</code>`;
      return `<p class="cell-note check-note">Run this check in your notebook (<kbd>Shift</kbd>+<kbd>Enter</kbd>) once you have written ${id} above. It runs your ${id} on the exercise's public test cases and prints ✔ with your points, or the case that fails and the mistake it looks like. Before you write ${id}, it says that it is not implemented yet and how to start.</p>`;
    }
    case 'from-solutions': {
      const n = note.exercises.length;
      const ids = codeList(note.exercises);
      return `<p class="cell-note">Output of the course's solution${n > 1 ? 's' : ''} to ${ids}. In your notebook this cell runs your ${ids}: it stops with <code>not implemented</code> until you write ${n > 1 ? 'them' : 'it'}, and matches this output once ${n > 1 ? 'they are' : 'it is'} right.</p>`;
    }
    case 'backend':
      return `<p class="cell-note">The outputs on this page were computed with TensorFlow.js's <strong>${escapeHtml(note.name)}</strong> backend: ${escapeHtml(note.description)}. When you run this cell, it prints the backend your own machine uses.</p>`;
  }
}
