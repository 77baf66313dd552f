import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { graderDir } from './submissions';

export interface CliRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Run the built `attnlab-grade` command and collect its output and exit code, whatever the code. */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  const cli = path.join(graderDir, 'dist', 'cli.js');
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd: options.cwd, env: options.env ?? process.env }, (error, stdout, stderr) => {
      resolve({ stdout, stderr, exitCode: error ? Number(error.code) : 0 });
    });
  });
}
