import { positionalEncoding, shiftMatrix } from '../../exercises/positional-encoding';
import type { Mistake } from './mistake';

/** positionalEncoding from the angles [length, dim/2] at the given pair indices, laid out by `layout`. */
function encodingSource(pairs: string, layout: string): string {
  return `${positionalEncoding.signature} {
  return tf.tidy(() => {
    const angles = tf.range(0, length).reshape([length, 1]).div(tf.pow(10000, ${pairs}.div(dim)).reshape([1, -1]));
    return ${layout} as tf.Tensor2D;
  });
}`;
}

const evenColumns = 'tf.range(0, dim, 2)';
const interleaved = 'tf.stack([angles.sin(), angles.cos()], 2).reshape([length, dim])';
const correctEncoding = encodingSource(evenColumns, interleaved);

export const positionalEncodingMistakes: Mistake[] = [
  {
    id: 'sin-cos-swapped',
    exercise: 'positionalEncoding',
    what: 'sin and cos are swapped: even columns must hold sin and odd columns cos',
    fix: 'PE[p, 2i] = sin(angle) and PE[p, 2i+1] = cos(angle)',
    source: encodingSource(evenColumns, 'tf.stack([angles.cos(), angles.sin()], 2).reshape([length, dim])'),
    fixed: correctEncoding,
  },
  {
    id: 'pe-halves-not-interleaved',
    exercise: 'positionalEncoding',
    what: 'the sin and cos columns are concatenated in two halves instead of interleaved',
    fix: 'interleave them: column 2i is sin, column 2i+1 is cos of the same frequency (stack on a new last axis, then reshape)',
    source: encodingSource(evenColumns, 'tf.concat([angles.sin(), angles.cos()], 1)'),
    fixed: correctEncoding,
  },
  {
    id: 'pe-frequency-exponent',
    exercise: 'positionalEncoding',
    what: 'the frequency exponent uses the pair index i instead of 2i (10000^(i/dim)), so the wavelengths are wrong',
    fix: 'the angle for columns 2i and 2i+1 is p / 10000^(2i/dim)',
    source: encodingSource('tf.range(0, dim / 2)', interleaved),
    fixed: correctEncoding,
  },
];

/** A shiftMatrix whose 2×2 block for pair i is built by `block(cos, sin)` at the given angle exponent. */
function shiftSource(exponent: string, block: string): string {
  return `${shiftMatrix.signature} {
  const m = tf.buffer([dim, dim]);
  for (let i = 0; i < dim / 2; i++) {
    const angle = k / Math.pow(10000, ${exponent});
    const [c, s] = [Math.cos(angle), Math.sin(angle)];
    const block = ${block};
    for (let r = 0; r < 2; r++) for (let col = 0; col < 2; col++) m.set(block[r][col], 2 * i + r, 2 * i + col);
  }
  return m.toTensor() as tf.Tensor2D;
}`;
}

const correctShift = shiftSource('(2 * i) / dim', '[[c, -s], [s, c]]');

export const shiftMatrixMistakes: Mistake[] = [
  {
    id: 'shift-rotation-transposed',
    exercise: 'shiftMatrix',
    what: 'each 2×2 block is transposed ([[cos, sin], [-sin, cos]]), which rotates the other way: PE(p) · M gives PE(p - k), not PE(p + k)',
    fix: 'with row vectors the block is [[cos, -sin], [sin, cos]]: -sin at (2i, 2i+1) and +sin at (2i+1, 2i)',
    source: shiftSource('(2 * i) / dim', '[[c, s], [-s, c]]'),
    fixed: correctShift,
  },
  {
    id: 'shift-frequency-exponent',
    exercise: 'shiftMatrix',
    what: 'the frequency exponent uses the pair index i instead of 2i (10000^(i/dim)), so the rotation angles do not match the encoding',
    fix: 'pair i rotates by k / 10000^(2i/dim), the frequency of columns 2i and 2i+1 of the encoding',
    source: shiftSource('i / dim', '[[c, -s], [s, c]]'),
    fixed: correctShift,
  },
  {
    id: 'shift-sin-cos-swapped',
    exercise: 'shiftMatrix',
    what: 'sin and cos are swapped inside each block ([[sin, -cos], [cos, sin]]): that is not a rotation by the angle',
    fix: 'cos on the block diagonal, -sin above it and +sin below it',
    source: shiftSource('(2 * i) / dim', '[[s, -c], [c, s]]'),
    fixed: correctShift,
  },
  {
    id: 'shift-identity',
    exercise: 'shiftMatrix',
    what: 'the matrix is the identity, which shifts by k = 0 only: PE(p) · I is PE(p), not PE(p + k)',
    fix: 'rotate each pair of columns (2i, 2i+1) by the angle k / 10000^(2i/dim): put the 2×2 block [[cos, -sin], [sin, cos]] of that angle on the diagonal',
    source: `${shiftMatrix.signature} {
  return tf.eye(dim) as tf.Tensor2D;
}`,
    fixed: correctShift,
  },
];
