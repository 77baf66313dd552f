/** What every exercise cell is compiled with: the two imports exercise cells may use. */
export const PRELUDE = "import * as tf from '@tensorflow/tfjs';\nimport * as core from '@attnlab/core';\n";

/** The name the compiled cell module exports the exercise function under. */
export const EXPORT_NAME = '__attnlabExercise';
