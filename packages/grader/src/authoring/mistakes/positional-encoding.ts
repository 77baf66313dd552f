import { positionalEncoding } from '../../exercises/positional-encoding';
import type { Mistake } from './mistake';

export const positionalEncodingMistakes: Mistake[] = [
  {
    id: 'sin-cos-swapped',
    exercise: 'positionalEncoding',
    what: 'sin and cos are swapped: even columns must hold sin and odd columns cos',
    fix: 'PE[p, 2i] = sin(angle) and PE[p, 2i+1] = cos(angle)',
    source: `${positionalEncoding.signature} {
  return tf.tidy(() => {
    const angles = tf.range(0, length).reshape([length, 1]).div(tf.pow(10000, tf.range(0, dim, 2).div(dim)).reshape([1, -1]));
    return tf.stack([angles.cos(), angles.sin()], 2).reshape([length, dim]) as tf.Tensor2D;
  });
}`,
  },
  {
    id: 'pe-halves-not-interleaved',
    exercise: 'positionalEncoding',
    what: 'the sin and cos columns are concatenated in two halves instead of interleaved',
    fix: 'interleave them: column 2i is sin, column 2i+1 is cos of the same frequency (stack on a new last axis, then reshape)',
    source: `${positionalEncoding.signature} {
  return tf.tidy(() => {
    const angles = tf.range(0, length).reshape([length, 1]).div(tf.pow(10000, tf.range(0, dim, 2).div(dim)).reshape([1, -1]));
    return tf.concat([angles.sin(), angles.cos()], 1) as tf.Tensor2D;
  });
}`,
  },
  {
    id: 'pe-frequency-exponent',
    exercise: 'positionalEncoding',
    what: 'the frequency exponent uses the pair index i instead of 2i (10000^(i/dim)), so the wavelengths are wrong',
    fix: 'the angle for columns 2i and 2i+1 is p / 10000^(2i/dim)',
    source: `${positionalEncoding.signature} {
  return tf.tidy(() => {
    const angles = tf.range(0, length).reshape([length, 1]).div(tf.pow(10000, tf.range(0, dim / 2).div(dim)).reshape([1, -1]));
    return tf.stack([angles.sin(), angles.cos()], 2).reshape([length, dim]) as tf.Tensor2D;
  });
}`,
  },
];
