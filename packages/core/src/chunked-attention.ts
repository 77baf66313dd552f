// Attention without the [Lq, Lk] score matrix: the online softmax (Milakov & Gimelshein, 2018,
// "Online normalizer calculation for softmax") over tiles of queries and keys, as FlashAttention
// does (Dao et al., 2022, "FlashAttention: Fast and Memory-Efficient Exact Attention with
// IO-Awareness"). Each query tile keeps a running row maximum m, normaliser l and weighted sum
// acc; a new key tile raises m where it holds a larger score, rescales l and acc by
// exp(m_old - m_new), and adds its own terms. The output acc / l equals softmax(q kᵀ · scale) v.
import * as tf from '@tensorflow/tfjs';
import { batchEntries, broadcastEntries } from './batch-entries';
import { BLOCKED, assertKeepMask, prepareMask } from './masked-softmax';
import { assertQueryKeyValue, CausalAttentionOptions, scoresShape } from './scaled-dot-product';
import { assertBroadcastsTo, dim } from './shapes';

export interface ChunkedAttentionOptions extends CausalAttentionOptions {
  /** queries and keys per tile (default 512): the extra memory is a few blockSize² tiles */
  blockSize?: number;
  /** multiplies the scores; 1/√dk unless given */
  scale?: number;
}

const DEFAULT_BLOCK = 512;

/** The running state of the online softmax for one tile of queries (a type, so tf.tidy takes it). */
type OnlineState = {
  /** [Bq, 1] largest score seen per query */
  m: tf.Tensor;
  /** [Bq, 1] sum of exp(score - m) */
  l: tf.Tensor;
  /** [Bq, dv] sum of exp(score - m) · value */
  acc: tf.Tensor;
};

/** Folds one tile of (penalised) scores [Bq, Bk] and its values [Bk, dv] into the state. */
function fold(state: OnlineState | undefined, scores: tf.Tensor, values: tf.Tensor): OnlineState {
  return tf.tidy(() => {
    const tileMax = tf.max(scores, -1, true);
    const m = state ? tf.maximum(state.m, tileMax) : tileMax;
    const p = tf.exp(tf.sub(scores, m));
    const rowSum = tf.sum(p, -1, true);
    const weighted = tf.matMul(p, values);
    if (!state) return { m, l: rowSum, acc: weighted };
    const rescale = tf.exp(tf.sub(state.m, m));
    return { m, l: tf.add(tf.mul(state.l, rescale), rowSum), acc: tf.add(tf.mul(state.acc, rescale), weighted) };
  });
}

/** Row tiles [block, c] of x [r, c], its rows padded with zeros to a multiple of `block`. */
function rowTiles(x: tf.Tensor, block: number): (i: number) => tf.Tensor2D {
  const [r, c] = x.shape;
  const tiles = Math.ceil(r / block);
  const padded =
    tiles * block === r
      ? x
      : tf.pad(x, [
          [0, tiles * block - r],
          [0, 0],
        ]);
  return batchEntries(tf.reshape(padded, [tiles, block, c]) as tf.Tensor3D);
}

/**
 * Tiles of a penalty [mq, Lk] (mq = 1 or Lq; 0 = kept, BLOCKED = blocked) for query tile qi
 * and key tile kj, [Bq or 1, Bk]; keys beyond Lk (padding) are blocked.
 */
function penaltyTiles(penalty: tf.Tensor, lq: number, lk: number, block: number): (qi: number, kj: number) => tf.Tensor2D {
  const [nq, nk] = [Math.ceil(lq / block), Math.ceil(lk / block)];
  const full = penalty.shape[1] === lk ? penalty : tf.add(penalty, tf.zeros([1, lk]));
  const padded = tf.pad(
    full,
    [
      [0, 0],
      [0, nk * block - lk],
    ],
    BLOCKED,
  );
  if (penalty.shape[0] === 1) {
    const tiles = batchEntries(tf.transpose(tf.reshape(padded, [1, nk, block]), [1, 0, 2]) as tf.Tensor3D);
    return (_qi, kj) => tiles(kj);
  }
  const rows = tf.pad(padded, [
    [0, nq * block - lq],
    [0, 0],
  ]);
  const tiles = batchEntries(tf.reshape(tf.transpose(tf.reshape(rows, [nq, block, nk, block]), [0, 2, 1, 3]), [nq * nk, block, block]) as tf.Tensor3D);
  return (qi, kj) => tiles(qi * nk + kj);
}

/** Attention for one batch entry: q [Lq, dk] (already scaled), k [Lk, dk], v [Lk, dv]. */
function attendInTiles(q: tf.Tensor2D, k: tf.Tensor2D, v: tf.Tensor2D, penalty: tf.Tensor2D | undefined, causal: boolean, block: number): tf.Tensor {
  const [lq, lk] = [q.shape[0], k.shape[0]];
  const [nq, nk] = [Math.ceil(lq / block), Math.ceil(lk / block)];
  const queries = rowTiles(q, block);
  // Every query tile meets every key tile, so the key tiles are taken once: [dk, Bk] (transposed,
  // so each product is an untransposed 2-D matMul) and [Bk, dv].
  const keyTiles = rowTiles(k, block);
  const keysT = Array.from({ length: nk }, (_, j) => tf.transpose(keyTiles(j)));
  const valueTiles = rowTiles(v, block);
  const values = Array.from({ length: nk }, (_, j) => valueTiles(j));
  // Keys past Lk in the last tile are padding and must be blocked like masked keys.
  const keyPenalty = penalty ?? (lk % block ? tf.zeros([1, lk]) : undefined);
  const penaltyOf = keyPenalty && penaltyTiles(keyPenalty, lq, lk, block);
  // With causal, tile (i, j) is fully blocked for j > i, fully kept for j < i, and the lower
  // triangle for j = i: tiles above the diagonal are skipped, half the work.
  const diagonal = causal ? prepareMask(undefined, [block, block])!.penalty : undefined;
  const outputs: tf.Tensor[] = [];
  for (let i = 0; i < nq; i++) {
    outputs.push(
      tf.tidy(() => {
        const qi = queries(i);
        let state: OnlineState | undefined;
        const last = causal ? Math.min(i, nk - 1) : nk - 1;
        for (let j = 0; j <= last; j++) {
          const next = tf.tidy(() => {
            let scores: tf.Tensor = tf.matMul(qi, keysT[j]);
            if (penaltyOf) scores = tf.sub(scores, penaltyOf(i, j));
            if (diagonal && i === j) scores = tf.sub(scores, diagonal);
            return fold(state, scores, values[j]);
          });
          if (state) tf.dispose([state.m, state.l, state.acc]);
          state = next;
        }
        const { m, l, acc } = state!;
        // A row whose keys are all blocked has m near -BLOCKED (scores are far smaller than
        // BLOCKED in magnitude); its output is zero, as in maskedSoftmax. l >= 1 always.
        return tf.mul(tf.div(acc, l), tf.cast(tf.greater(m, -BLOCKED / 2), 'float32'));
      }),
    );
  }
  const stacked = tf.concat(outputs);
  return lq % block ? tf.slice(stacked, [0, 0], [lq, -1]) : stacked;
}

/**
 * softmax(q kᵀ · scale, mask) v, like scaledDotProductAttention's output, computed tile by tile
 * so that no [Lq, Lk] matrix exists: extra memory O(blockSize² + L·d) instead of O(Lq·Lk). Same
 * conventions: q [..., Lq, dk], k [..., Lk, dk], v [..., Lk, dv]; `mask` a keep-mask
 * broadcasting to [..., Lq, Lk]; `causal` ANDs in causalMask(Lq, Lk); a row with every key
 * blocked outputs zeros. Returns [..., Lq, dv] (no weights: they are never formed).
 */
export function chunkedAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, opts: ChunkedAttentionOptions = {}): tf.Tensor {
  const fn = 'chunkedAttention';
  assertQueryKeyValue(fn, q, k, v, 'match');
  const block = opts.blockSize ?? DEFAULT_BLOCK;
  if (!Number.isInteger(block) || block < 1) throw new Error(`${fn}: blockSize must be a positive integer, got ${opts.blockSize}`);
  const scale = opts.scale ?? 1 / Math.sqrt(dim(q, -1));
  if (!Number.isFinite(scale)) throw new Error(`${fn}: scale must be a finite number, got ${opts.scale}`);
  if (opts.mask) {
    assertBroadcastsTo(fn, 'mask', opts.mask.shape, 'scores', scoresShape(q, k));
    assertKeepMask(fn, opts.mask);
  }
  const batch = q.shape.slice(0, -2);
  const count = batch.reduce((x, y) => x * y, 1);
  const [lq, lk, dk, dv] = [dim(q, -2), dim(k, -2), dim(q, -1), dim(v, -1)];
  // Tiles are padded to the block size, so short inputs get tiles no larger than themselves.
  const tile = Math.min(block, Math.max(lq, lk));
  return tf.tidy(() => {
    const qs = batchEntries(tf.reshape(q, [count, lq, dk]) as tf.Tensor3D, scale);
    const ks = batchEntries(tf.reshape(k, [count, lk, dk]) as tf.Tensor3D);
    const vs = batchEntries(tf.reshape(v, [count, lk, dv]) as tf.Tensor3D);
    const prepared = prepareMask(opts.mask);
    const penaltyOf = prepared && broadcastEntries(prepared.penalty, batch);
    const outputs: tf.Tensor[] = [];
    for (let i = 0; i < count; i++) {
      outputs.push(tf.tidy(() => attendInTiles(qs(i), ks(i), vs(i), penaltyOf?.(i), opts.causal === true, tile)));
    }
    return tf.reshape(count === 1 ? outputs[0] : tf.stack(outputs), [...batch, lq, dv]);
  });
}
