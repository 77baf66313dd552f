// The Jupyter kernel the course registers (see installKernel): `node kernel.js kernel --config-path FILE`, as tslab.
import { startKernel } from '../tslab-kernel';

startKernel();
