// What a child process that died while starting said went wrong, in one line for a report.
//
// Node prints an uncaught error as the source location, the offending line, a caret and only then the error
// ("Error: Cannot find module …"); bubblewrap prints "bwrap: …" first. The first line that names an error
// wins, else the first line that says anything.
export function startupError(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  return lines.find((l) => /^([A-Z]\w*)?Error\b/.test(l)) ?? lines[0] ?? 'it printed nothing';
}
