// Run by `npm install`: registers the tslab kernel in this checkout's own Jupyter data dir.
// Never fails the install: without Jupyter the library, tests of the library and the grader still work.
import { INSTALL_JUPYTER_HINT, findJupyterPython, installKernel } from '../jupyter';

const python = findJupyterPython();
if (!python) {
  console.log(`attnlab: skipped registering the tslab kernel.\n${INSTALL_JUPYTER_HINT}\nThen run: npm run setup-kernel`);
} else {
  try {
    const spec = installKernel(python);
    console.log(`attnlab: tslab kernel registered for ${python} at ${spec}`);
  } catch (e) {
    console.log(`attnlab: could not register the tslab kernel: ${(e as Error).message}`);
  }
}
