// What a sandbox may send: length-prefixed frames, capped, and replies whose every field is
// checked; anything else is an invalid reply (never a crash of the grader).
import { describe, expect, it } from 'vitest';
import { exerciseById } from '../src/exercises/catalog';
import { encodeFrame, FrameReader } from '../src/sandbox/frames';
import { checkReply, InvalidReply, MAX_MESSAGE } from '../src/sandbox/protocol';

const softmax = exerciseById('softmax')!;
const sdpa = exerciseById('scaledDotProductAttention')!;
const f32 = (values: number[]) => Buffer.from(new Float32Array(values).buffer).toString('base64');
const tensorRun = { outputs: { result: { shape: [2], f32: f32([0.25, Number.NaN]) } } };
const reply = (runs: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ type: 'runs', runs, shortcuts: [], ...extra });

describe('frames', () => {
  it('are split however the bytes arrive', () => {
    const bytes = Buffer.concat([encodeFrame(Buffer.from('one')), encodeFrame(Buffer.from('two'), Buffer.from('!'))]);
    const reader = new FrameReader({ maxFrame: 100, maxTotal: 1000 });
    const frames = [...bytes].flatMap((b) => reader.push(Buffer.from([b])));
    expect(frames.map(String)).toEqual(['one', 'two!']);
  });

  it('refuse a frame or a stream over its limit, for good', () => {
    const reader = new FrameReader({ maxFrame: 10, maxTotal: 1000 });
    expect(reader.push(Buffer.from([0xff, 0xff, 0xff, 0xff, 1, 2]))).toEqual([]);
    expect(reader.error).toMatch(/4294967295 bytes/);
    expect(reader.push(encodeFrame(Buffer.from('ok')))).toEqual([]);
    const flood = new FrameReader({ maxFrame: 10, maxTotal: 20 });
    for (let i = 0; i < 5; i++) flood.push(encodeFrame(Buffer.from('12345')));
    expect(flood.error).toMatch(/more than 20 bytes/);
  });
});

describe('replies', () => {
  it('are read back exactly: float32 data, NaN included, in order', () => {
    const checked = checkReply(reply([tensorRun, { error: 'threw: x', notImplemented: true }]), softmax, 2);
    expect(checked.type).toBe('runs');
    if (checked.type !== 'runs') return;
    const first = checked.runs[0] as { outputs: { result: { shape: number[]; data: Float32Array } } };
    expect(first.outputs.result.shape).toEqual([2]);
    expect(first.outputs.result.data[0]).toBe(0.25);
    expect(Number.isNaN(first.outputs.result.data[1])).toBe(true);
    expect(checked.runs[1]).toEqual({ error: 'threw: x', notImplemented: true });
  });

  const invalid: [string, string, typeof softmax, number][] = [
    ['not JSON', '{"type":', softmax, 1],
    ['an unknown type', JSON.stringify({ type: 'done' }), softmax, 1],
    ['a field too many', reply([tensorRun], { token: 7 }), softmax, 1],
    ['too few runs', reply([tensorRun]), softmax, 2],
    ['a NaN dimension', reply([{ outputs: { result: { shape: [Number.NaN], f32: '' } } }]), softmax, 1],
    ['a fractional dimension', reply([{ outputs: { result: { shape: [1.5], f32: f32([1, 2]) } } }]), softmax, 1],
    ['a huge shape', reply([{ outputs: { result: { shape: [1e6, 1e6], f32: '' } } }]), softmax, 1],
    ['data that does not fit the shape', reply([{ outputs: { result: { shape: [3], f32: f32([1, 2]) } } }]), softmax, 1],
    ['data that is not base64', reply([{ outputs: { result: { shape: [1], f32: '!!!!' } } }]), softmax, 1],
    ['outputs the exercise does not return', reply([tensorRun]), sdpa, 1],
    ['a message over the cap', reply([{ error: 'x'.repeat(MAX_MESSAGE + 1) }]), softmax, 1],
    ['a shortcut the exercise does not forbid', JSON.stringify({ type: 'runs', runs: [tensorRun], shortcuts: ['tf.matMul'] }), softmax, 1],
    ['a load error that is not text', JSON.stringify({ type: 'load-error', error: { text: 'x' } }), softmax, 1],
  ];
  it.each(invalid)('are invalid with %s', (_what, payload, spec, cases) => {
    expect(() => checkReply(payload, spec, cases)).toThrow(InvalidReply);
  });
});
