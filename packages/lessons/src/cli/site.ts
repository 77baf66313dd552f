#!/usr/bin/env node
// `npm run site [-- OPTIONS]`: writes the static course site (see USAGE).
import * as path from 'path';
import { repoRoot } from '../project';
import { buildSite } from '../site/build';

const USAGE = `usage: npm run site -- [--with-solutions] [--base /course/] [--repo URL] [--out DIR] [--no-cache] [--timeout SECONDS]
  --with-solutions  instructor edition: exercise cells keep their solutions (default: student edition)
  --base PATH       URL path the site will be served under (used by 404.html), e.g. /course/
  --repo URL        where students get the student repository (the pages link to it and show git clone URL)
  --out DIR         output folder, emptied first; relative to the repository root (default: dist/site)
  --no-cache        execute every notebook, without reading or writing the cache of executed notebooks
  --timeout SECONDS per-cell execution limit in whole seconds (default 300)`;

interface Options {
  withSolutions: boolean;
  base?: string;
  repository?: string;
  out?: string;
  cache: boolean;
  timeout?: number;
}

function parse(argv: string[]): Options {
  const opts: Options = { withSolutions: false, cache: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    if (flag === '--with-solutions') opts.withSolutions = true;
    else if (flag === '--no-cache') opts.cache = false;
    else if (flag === '--base') opts.base = value();
    else if (flag === '--repo') opts.repository = value();
    else if (flag === '--out') opts.out = value();
    else if (flag === '--timeout') {
      opts.timeout = Number(value());
      // Jupyter's nbclient takes whole seconds.
      if (!Number.isInteger(opts.timeout) || opts.timeout <= 0) throw new Error(`--timeout must be a positive whole number of seconds\n${USAGE}`);
    } else if (flag === '--help' || flag === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  return opts;
}

async function main(): Promise<void> {
  const opts = parse(process.argv.slice(2));
  // nx runs this from packages/lessons, so paths are taken relative to the repository root instead.
  const root = repoRoot(process.env.INIT_CWD ?? process.cwd());
  const result = await buildSite({
    root,
    outDir: opts.out ? path.resolve(root, opts.out) : undefined,
    withSolutions: opts.withSolutions,
    base: opts.base,
    repository: opts.repository,
    cacheDir: opts.cache ? undefined : false,
    timeoutSec: opts.timeout,
    progress: (line) => process.stderr.write(`site: ${line}\n`),
  });
  process.stdout.write(`${path.join(result.outDir, 'index.html')}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`site: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
