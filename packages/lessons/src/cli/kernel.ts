#!/usr/bin/env node
// The Jupyter kernel the course registers (see setup-kernel): `kernel.js kernel --config-path FILE`, as tslab.
import { startKernel } from '../tslab-kernel';

startKernel();
