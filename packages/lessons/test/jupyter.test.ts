// Which Python attnlab runs Jupyter with: ATTNLAB_PYTHON first, then the PATH's, then Debian's, each only if it can
// import what is asked for (a pyenv python3 first on PATH usually cannot import Debian's Jupyter).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findHubPython } from '../src/hub/hub-process';
import { findJupyterPython, findPython, INSTALL_JUPYTER_HINT } from '../src/jupyter';

const DEBIAN = '/usr/bin/python3';
const hasDebianJupyter = spawnSync(DEBIAN, ['-c', 'import nbclient, jupyterhub, notebook'], { stdio: 'ignore' }).status === 0;
if (!hasDebianJupyter && process.env.CI === 'true') throw new Error(INSTALL_JUPYTER_HINT);

describe.skipIf(!hasDebianJupyter)('finding the Python that has Jupyter', () => {
  const saved = { PATH: process.env.PATH, ATTNLAB_PYTHON: process.env.ATTNLAB_PYTHON };
  // bin: a python3 and a python without Jupyter (what a pyenv shim does with `-c 'import nbclient'`: fails);
  // withJupyter: a python3 and a course-python that run Debian's.
  let bin: string;
  let withJupyter: string;

  beforeAll(() => {
    bin = fs.mkdtempSync(path.join(os.tmpdir(), 'attnlab-python-'));
    withJupyter = path.join(bin, 'with-jupyter');
    fs.mkdirSync(withJupyter);
    for (const name of ['python3', 'python']) fs.writeFileSync(path.join(bin, name), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    for (const name of ['python3', 'course-python']) fs.writeFileSync(path.join(withJupyter, name), `#!/bin/sh\nexec ${DEBIAN} "$@"\n`, { mode: 0o755 });
  });

  afterEach(() => {
    process.env.PATH = saved.PATH;
    if (saved.ATTNLAB_PYTHON === undefined) delete process.env.ATTNLAB_PYTHON;
    else process.env.ATTNLAB_PYTHON = saved.ATTNLAB_PYTHON;
  });

  afterAll(() => fs.rmSync(bin, { recursive: true, force: true }));

  it("passes over a python3 first on PATH that cannot import Jupyter, and finds Debian's", () => {
    delete process.env.ATTNLAB_PYTHON;
    process.env.PATH = `${bin}${path.delimiter}${saved.PATH}`;
    expect(findJupyterPython()).toBe(DEBIAN);
    expect(findHubPython()).toBe(DEBIAN);
  });

  it('takes ATTNLAB_PYTHON before a python3 on PATH that has Jupyter too', () => {
    process.env.PATH = `${withJupyter}${path.delimiter}${saved.PATH}`;
    delete process.env.ATTNLAB_PYTHON;
    expect(findJupyterPython()).toBe('python3');
    process.env.ATTNLAB_PYTHON = path.join(withJupyter, 'course-python');
    expect(findJupyterPython()).toBe(path.join(withJupyter, 'course-python'));
  });

  it('finds none when no Python can import the modules', () => {
    process.env.PATH = bin;
    delete process.env.ATTNLAB_PYTHON;
    expect(findPython('attnlab_no_such_module')).toBeNull();
  });
});
