// `npm run train -- <lesson>` refuses what it cannot train before it loads any data.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = path.join(__dirname, '..', 'dist', 'cli', 'train.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

describe('the train command', () => {
  it('without a lesson, says how to call it and which lessons it trains (exit 2)', () => {
    const r = run();
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage: npm run train -- <lesson>');
    expect(r.stderr).toContain('06-information-filter');
    expect(r.stderr).toContain('09-date-translation');
  });

  it('names a lesson it has no model for (exit 2)', () => {
    const r = run('05');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no trained model for 05; lessons that train one: .*06-information-filter/);
  });
});
