import { layerNorm, transformerBlock } from '../../exercises/transformer-block';
import type { Mistake } from './mistake';

/** layerNorm over `axis`, with the variance, the normalisation and the output written as given. */
function norm(variant: { axis?: string; variance?: string; normalised?: string; output?: string }): string {
  const axis = variant.axis ?? '-1';
  return `${layerNorm.signature} {
  return tf.tidy(() => {
    const mean = x.mean(${axis}, true);
    const variance = ${variant.variance ?? `x.sub(mean).square().mean(${axis}, true)`};
    const normalised = ${variant.normalised ?? 'x.sub(mean).div(variance.add(eps).sqrt())'};
    return ${variant.output ?? 'normalised.mul(gamma).add(beta)'};
  });
}`;
}

const correctNorm = norm({});

const lnMistake = (id: string, what: string, fix: string, source: string, fixed = correctNorm): Mistake => ({
  id: `layernorm-${id}`,
  exercise: 'layerNorm',
  what,
  fix,
  source,
  fixed,
});

export const layerNormMistakes: Mistake[] = [
  lnMistake(
    'unbiased-variance',
    "the variance is divided by E − 1 (the unbiased estimate) instead of E: layer normalisation uses the mean of the squared deviations, as PyTorch's nn.LayerNorm does",
    'take the variance as the mean of (x − mean)² over the last axis: .square().mean(-1, true)',
    norm({ variance: 'x.sub(mean).square().sum(-1, true).div(x.shape[x.rank - 1] - 1)' }),
  ),
  lnMistake(
    'batch-axis',
    "each feature is normalised over the batch (axis 0), as batch normalisation does; layer normalisation normalises each token's own features, over the last axis",
    'compute the mean and the variance over the last axis (-1), with keepDims so they broadcast',
    norm({ axis: '0' }),
  ),
  lnMistake(
    'eps-outside-sqrt',
    'eps is added to the standard deviation, (x − mean) / (√variance + eps), instead of to the variance under the square root',
    'divide by √(variance + eps): variance.add(eps).sqrt()',
    norm({ normalised: 'x.sub(mean).div(variance.sqrt().add(eps))' }),
  ),
  lnMistake(
    'eps-ignored',
    'the eps argument is ignored (a fixed 1e-5 is used), so a caller who asks for another eps does not get it',
    'use the eps argument: variance.add(eps).sqrt()',
    norm({ normalised: 'x.sub(mean).div(variance.add(1e-5).sqrt())' }),
  ),
  lnMistake(
    'no-gain-bias',
    'gamma and beta are not applied: the output is normalised but never scaled by gamma or shifted by beta, so the layer cannot learn what scale and offset each feature should have',
    'multiply the normalised x by gamma and add beta: normalised.mul(gamma).add(beta)',
    norm({ output: 'normalised' }),
  ),
  lnMistake(
    'identity',
    'x is returned unchanged: nothing is normalised',
    'subtract the mean over the last axis, divide by √(variance + eps), then scale by gamma and add beta',
    norm({ output: 'x.clone()' }),
  ),
];

/** transformerBlock with the attention's mask and options, the feed-forward activation and the body (using norm, attention and ffn) as given. */
function block(variant: { mask?: string; options?: string; activation?: string; body?: string }): string {
  return `${transformerBlock.signature} {
  return tf.tidy(() => {
    const norm = (z: tf.Tensor, p: { gamma: tf.Tensor; beta: tf.Tensor }) => {
      const mean = z.mean(-1, true);
      const variance = z.sub(mean).square().mean(-1, true);
      return z.sub(mean).div(variance.add(1e-5).sqrt()).mul(p.gamma).add(p.beta);
    };
    const proj = (z: tf.Tensor, W: tf.Tensor, b: tf.Tensor) => tf.matMul(z.reshape([-1, W.shape[0]]), W).reshape([...z.shape.slice(0, -1), W.shape[1]]).add(b);
    const attention = (z: tf.Tensor) => {
      const [b, l, e] = z.shape;
      const split = (t: tf.Tensor) => t.reshape([b, l, numHeads, e / numHeads]).transpose([0, 2, 1, 3]);
      const a = params.attn;
      const headMask = ${variant.mask ?? 'mask && mask.rank === 3 ? mask.expandDims(1) : mask'};
      const heads = core.scaledDotProductAttention(split(proj(z, a.Wq, a.bq)), split(proj(z, a.Wk, a.bk)), split(proj(z, a.Wv, a.bv)), ${variant.options ?? '{ mask: headMask }'});
      return proj(heads.output.transpose([0, 2, 1, 3]).reshape([b, l, e]), a.Wo, a.bo);
    };
    const ffn = (z: tf.Tensor) => {
      const hidden = proj(z, params.ffn.W1, params.ffn.b1);
      return proj(${variant.activation ?? 'hidden.relu()'}, params.ffn.W2, params.ffn.b2);
    };
    ${variant.body ?? CORRECT_BODY}
  });
}`;
}

const CORRECT_BODY = `const h = x.add(attention(norm(x, params.ln1)));
    return h.add(ffn(norm(h, params.ln2)));`;
const correctBlock = block({});

const blockMistake = (id: string, what: string, fix: string, source: string): Mistake => ({
  id: `block-${id}`,
  exercise: 'transformerBlock',
  what,
  fix,
  source,
  fixed: correctBlock,
});

export const transformerBlockMistakes: Mistake[] = [
  blockMistake(
    'post-ln',
    'the block is post-LN (LN1(x + MHA(x)), then LN2(h + FFN(h)), the original Transformer): this exercise asks for pre-LN, where each sub-layer reads a normalised copy and the residual path stays un-normalised',
    'normalise the input of each sub-layer and add its output to the un-normalised stream: h = x + MHA(LN1(x)), output = h + FFN(LN2(h))',
    block({ body: 'const h = norm(x.add(attention(x)), params.ln1);\n    return norm(h.add(ffn(h)), params.ln2);' }),
  ),
  blockMistake(
    'no-attention-residual',
    'the residual connection around the attention is missing (h = MHA(LN1(x))): the token itself is lost, the block passes on only what it attended to',
    'add the input back: h = x + MHA(LN1(x))',
    block({ body: 'const h = attention(norm(x, params.ln1));\n    return h.add(ffn(norm(h, params.ln2)));' }),
  ),
  blockMistake(
    'no-ffn-residual',
    'the residual connection around the feed-forward network is missing (output = FFN(LN2(h))): the output is only the FFN of h, without h',
    'add h back: output = h + FFN(LN2(h))',
    block({ body: 'const h = x.add(attention(norm(x, params.ln1)));\n    return ffn(norm(h, params.ln2));' }),
  ),
  blockMistake(
    'residual-from-normalised',
    'the residual path starts from the normalised input (h = LN1(x) + MHA(LN1(x))): in pre-LN the stream that is added to is x itself, never normalised',
    'add the attention output to x, not to LN1(x): h = x + MHA(LN1(x))',
    block({ body: 'const n = norm(x, params.ln1);\n    const h = n.add(attention(n));\n    return h.add(ffn(norm(h, params.ln2)));' }),
  ),
  blockMistake(
    'ln2-missing',
    'layer normalisation is applied once, before the attention only: the feed-forward network reads h without LN2',
    'normalise h with params.ln2 before the feed-forward network: output = h + FFN(LN2(h))',
    block({ body: 'const h = x.add(attention(norm(x, params.ln1)));\n    return h.add(ffn(h));' }),
  ),
  blockMistake(
    'ln1-twice',
    "the feed-forward network's normalisation uses ln1's gamma and beta; params.ln2 is never used",
    'normalise h with params.ln2 (its own gamma and beta) before the feed-forward network',
    block({ body: 'const h = x.add(attention(norm(x, params.ln1)));\n    return h.add(ffn(norm(h, params.ln1)));' }),
  ),
  blockMistake(
    'mask-ignored',
    'the mask is ignored: a token attends to the tokens after it (in a language model, to the answer it must predict) and to padding',
    'pass the keep-mask to the attention, as a rank-3 mask with a head axis: mask.expandDims(1)',
    block({ mask: 'undefined' }),
  ),
  blockMistake(
    'gelu',
    "the feed-forward network uses GELU; this lesson's FFN (Vaswani et al. 2017) uses ReLU",
    'apply relu between the two layers of the feed-forward network: relu(z·W1 + b1)·W2 + b2',
    block({ activation: 'hidden.mul(0.5).mul(tf.tanh(hidden.add(hidden.pow(3).mul(0.044715)).mul(Math.sqrt(2 / Math.PI))).add(1))' }),
  ),
  blockMistake(
    'scale-model-width',
    'the scores are scaled by 1/√E, the model width, instead of 1/√d with d = E / numHeads, the width of a head',
    "leave the scale to core.scaledDotProductAttention's default, 1/√d of the per-head queries",
    block({ options: '{ mask: headMask, scale: 1 / Math.sqrt(e) }' }),
  ),
  blockMistake('identity', 'x is returned unchanged: the block does nothing', 'compute h = x + MHA(LN1(x)) and return h + FFN(LN2(h))', block({ body: 'return x.clone();' })),
];
