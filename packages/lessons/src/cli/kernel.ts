// The Jupyter kernel the course registers (see installKernel): `node kernel.js kernel --config-path FILE`, as tslab.
import { startKernel } from '@attnlab/grader/tslab-kernel';
import { repoRoot } from '../project';

startKernel(repoRoot(__dirname));
