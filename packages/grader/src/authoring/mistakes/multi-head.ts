import { mergeHeads, multiHeadAttention, splitHeads } from '../../exercises/multi-head';
import type { Mistake } from './mistake';

/** Blocked scores to -1e9 before the softmax, blocked weights to 0 after it (fully blocked rows included). */
const maskedWeights = "tf.softmax(tf.where(headMask.cast('bool'), scores, tf.fill(scores.shape, -1e9))).mul(headMask)";

/** A correct multi-head attention body with one step swapped out by `variant`. */
function mha(variant: { split?: string; merge?: string; scale?: string; mask?: string; output?: string }): string {
  return `${multiHeadAttention.signature} {
  return tf.tidy(() => {
    const proj = (x: tf.Tensor, w: tf.Tensor, b?: tf.Tensor) => (b ? tf.matMul(x, w).add(b) : tf.matMul(x, w));
    const split = (x: tf.Tensor) => {
      const [b, l, width] = x.shape;
      return ${variant.split ?? 'x.reshape([b, l, numHeads, width / numHeads]).transpose([0, 2, 1, 3])'};
    };
    const q = split(proj(query, params.Wq, params.bq));
    const k = split(proj(key, params.Wk, params.bk));
    const v = split(proj(value, params.Wv, params.bv));
    const scores = tf.matMul(q, k, false, true).div(${variant.scale ?? 'Math.sqrt(q.shape[3])'});
    const headMask = mask && mask.rank === 3 ? mask.expandDims(1) : mask;
    const weights = ${variant.mask ?? `headMask ? ${maskedWeights} : tf.softmax(scores)`};
    const heads = tf.matMul(weights, v);
    const [b, h, l, d] = heads.shape;
    const merged = ${variant.merge ?? 'heads.transpose([0, 2, 1, 3]).reshape([b, l, h * d])'};
    const output = ${variant.output ?? 'proj(merged, params.Wo, params.bo)'};
    return { output, weights };
  });
}`;
}

const correctSplit = `${splitHeads.signature} {
  return tf.tidy(() => {
    const [b, l, width] = x.shape;
    return x.reshape([b, l, numHeads, width / numHeads]).transpose([0, 2, 1, 3]);
  });
}`;

const correctMerge = `${mergeHeads.signature} {
  return tf.tidy(() => {
    const [b, h, l, d] = x.shape;
    return x.transpose([0, 2, 1, 3]).reshape([b, l, h * d]);
  });
}`;

export const splitHeadsMistakes: Mistake[] = [
  {
    id: 'split-without-transpose',
    exercise: 'splitHeads',
    what: 'the heads are split without the transpose: reshaping [B, L, H·d] straight to [B, H, L, d] mixes positions and heads',
    fix: 'reshape to [B, L, H, d] first, then transpose with perm [0, 2, 1, 3]',
    source: `${splitHeads.signature} {
  return tf.tidy(() => {
    const [b, l, width] = x.shape;
    return x.reshape([b, numHeads, l, width / numHeads]);
  });
}`,
    fixed: correctSplit,
  },
  {
    id: 'split-interleaved',
    exercise: 'splitHeads',
    what: 'the heads take interleaved columns (column c goes to head c mod H); each head must own a contiguous block of d columns',
    fix: 'reshape to [B, L, H, d] (head index before the per-head dimension), then transpose [0, 2, 1, 3]',
    source: `${splitHeads.signature} {
  return tf.tidy(() => {
    const [b, l, width] = x.shape;
    return x.reshape([b, l, width / numHeads, numHeads]).transpose([0, 3, 1, 2]);
  });
}`,
    fixed: correctSplit,
  },
];

export const mergeHeadsMistakes: Mistake[] = [
  {
    id: 'merge-without-transpose',
    exercise: 'mergeHeads',
    what: 'the heads are merged in the wrong order: reshaping [B, H, L, d] straight to [B, L, H·d] mixes positions and heads',
    fix: 'transpose to [B, L, H, d] (perm [0, 2, 1, 3]) before reshaping to [B, L, H·d]',
    source: `${mergeHeads.signature} {
  return tf.tidy(() => {
    const [b, h, l, d] = x.shape;
    return x.reshape([b, l, h * d]);
  });
}`,
    fixed: correctMerge,
  },
  {
    id: 'merge-interleaved',
    exercise: 'mergeHeads',
    what: "the heads are merged in the wrong order: the per-head dimension comes before the head index, so the heads' columns interleave",
    fix: 'transpose with perm [0, 2, 1, 3] (giving [B, L, H, d]), not [0, 2, 3, 1]',
    source: `${mergeHeads.signature} {
  return tf.tidy(() => {
    const [b, h, l, d] = x.shape;
    return x.transpose([0, 2, 3, 1]).reshape([b, l, h * d]);
  });
}`,
    fixed: correctMerge,
  },
];

export const multiHeadAttentionMistakes: Mistake[] = [
  {
    id: 'mha-no-scaling',
    exercise: 'multiHeadAttention',
    what: 'the per-head scores are not scaled by 1/√d_head',
    fix: 'divide q·kᵀ by Math.sqrt(d_head), the size of one head (H·d_head = projected width)',
    source: mha({ scale: '1' }),
    fixed: mha({}),
  },
  {
    id: 'mha-scale-by-model-dim',
    exercise: 'multiHeadAttention',
    what: "the scores are scaled by the full projected width (√(H·d_head)) instead of one head's size (√d_head)",
    fix: 'each head is its own scaled dot-product attention: divide by Math.sqrt(d_head)',
    source: mha({ scale: 'Math.sqrt(q.shape[3] * numHeads)' }),
    fixed: mha({}),
  },
  {
    id: 'mha-split-without-transpose',
    exercise: 'multiHeadAttention',
    what: 'the heads are split without the transpose: [B, L, H·d] was reshaped straight to [B, H, L, d]',
    fix: 'reshape to [B, L, H, d] and transpose with perm [0, 2, 1, 3]',
    source: mha({ split: 'x.reshape([b, numHeads, l, width / numHeads])' }),
    fixed: mha({}),
  },
  {
    id: 'mha-merge-without-transpose',
    exercise: 'multiHeadAttention',
    what: 'the heads are merged in the wrong order: [B, H, L, d] was reshaped straight to [B, L, H·d]',
    fix: 'transpose to [B, L, H, d] before reshaping to [B, L, H·d]',
    source: mha({ merge: 'heads.reshape([b, l, h * d])' }),
    fixed: mha({}),
  },
  {
    id: 'missing-output-projection',
    exercise: 'multiHeadAttention',
    what: 'the output projection is missing: the merged heads are returned without Wo (and bo)',
    fix: 'multiply the merged heads by params.Wo and add params.bo when given',
    source: mha({ output: 'merged' }),
    fixed: mha({}),
  },
  {
    id: 'mha-mask-ignored',
    exercise: 'multiHeadAttention',
    what: 'the mask is ignored: blocked keys still get weight',
    fix: `mask the per-head scores before the softmax and zero the blocked weights after it (so a fully blocked row gets zeros); a rank-3 mask [B, Lq, Lk] first needs a head axis, headMask = mask.expandDims(1): ${maskedWeights}`,
    source: mha({ mask: 'tf.softmax(scores)' }),
    fixed: mha({}),
  },
];
