// The kernel the course registers (npm run setup-kernel) is tslab with its compiler mended
// (@attnlab/grader/tslab-kernel): a notebook goes on running after a package changes under it.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { executeNotebook } from '../src/execute';
import { findJupyterPython } from '../src/jupyter';
import { repoRoot } from '../src/project';
import type { Notebook } from '@attnlab/grader/notebook';

const root = repoRoot(__dirname);

const cell = (id: string, source: string): Notebook['cells'][number] => ({ cell_type: 'code', id, metadata: {}, source, outputs: [], execution_count: null });

describe('the kernel the course registers', () => {
  const canRun = findJupyterPython() !== null || process.env.CI === 'true';
  it.runIf(canRun)('runs every cell after a package changes under a running notebook', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attnlab-course-kernel-'));
    try {
      const file = path.join(dir, 'probe.ipynb');
      const notebook: Notebook = {
        nbformat: 4,
        nbformat_minor: 5,
        metadata: { kernelspec: { name: 'tslab', display_name: 'TypeScript', language: 'typescript' } },
        cells: [
          // The package the notebook then uses: its manifest names a.d.ts (type A), and can be pointed at b.d.ts (type B).
          cell(
            'package',
            [
              "import { mkdirSync, writeFileSync } from 'fs';",
              "mkdirSync('node_modules/probe', { recursive: true });",
              "writeFileSync('node_modules/probe/package.json', JSON.stringify({ name: 'probe', version: '1.0.0', types: 'a.d.ts' }));",
              "writeFileSync('node_modules/probe/a.d.ts', 'export type A = number;');",
              "writeFileSync('node_modules/probe/b.d.ts', 'export type B = string;');",
            ].join('\n'),
          ),
          cell('before', "import type { A } from 'probe';\nconst a: A = 1;\nconsole.log(`a + 1 = ${a + 1}`);"),
          // Waits until this process has heard of the change; the compiler's watcher of the same file hears it in the same turn.
          cell(
            'change',
            [
              "import * as fs from 'fs';",
              "const manifest = 'node_modules/probe/package.json';",
              'await new Promise<void>((resolve) => {',
              '  const watcher = fs.watch(manifest, () => {',
              '    watcher.close();',
              '    setImmediate(resolve);',
              '  });',
              "  fs.writeFileSync(manifest, JSON.stringify({ name: 'probe', version: '1.0.1', types: 'b.d.ts' }));",
              '});',
            ].join('\n'),
          ),
          cell('after', "import type { B } from 'probe';\nconst b: B = 'two';\nconsole.log(`b = ${b.toUpperCase()}`);"),
        ],
      };
      fs.writeFileSync(file, JSON.stringify(notebook));
      const executed = await executeNotebook(file, { root });
      const outputs = executed.cells.map((c) => (c.outputs ?? []) as { output_type: string; name?: string; text?: string | string[] }[]);
      const text = (o: { text?: string | string[] }): string => [o.text ?? ''].flat().join('');
      expect(outputs.flat().filter((o) => o.output_type === 'error' || o.name === 'stderr')).toEqual([]);
      expect(
        outputs.map((cellOutputs) =>
          cellOutputs
            .filter((o) => o.name === 'stdout')
            .map(text)
            .join(''),
        ),
      ).toEqual(['', 'a + 1 = 2\n', '', 'b = TWO\n']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
