/** Slice and Pad (constant mode) live together because each is the other's gradient. */
import type { OpDef } from '../graph/op.ts';
import type { Tensor } from '../graph/tensor.ts';
import { attr } from '../graph/attributes.ts';
import { AutodiffError } from '../errors/autodiff-error.ts';
import { ShapeError } from '../errors/shape-error.ts';
import { type Dim, normalizeAxis } from '../graph/shape.ts';
import { need } from './infer.ts';

/** "To the end" for Slice ends. */
export const SLICE_END = Number.MAX_SAFE_INTEGER;

interface SliceAttrs {
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  readonly axes: readonly number[];
  readonly steps: readonly number[];
}

/** The sliced size of one axis, or undefined when it depends on an unknown size. */
function slicedDim(d: Dim, start: number, end: number, step: number): Dim | undefined {
  if (typeof d === 'number') {
    const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
    const norm = (v: number) => (v < 0 ? v + d : v);
    const s = step > 0 ? clamp(norm(start), 0, d) : clamp(norm(start), -1, d - 1);
    const e = step > 0 ? clamp(norm(end), 0, d) : clamp(norm(end), -1, d - 1);
    return Math.max(0, Math.ceil((e - s) / step));
  }
  if (step !== 1) return undefined;
  if (start === 0 && end >= SLICE_END) return d;
  if (start >= 0 && end >= 0 && end < SLICE_END) return end - start;
  if (start < 0 && end >= SLICE_END) return -start;
  return undefined;
}

/**
 * y = x[starts:ends:steps] along `axes`. dx = g zero-padded back to x's shape (unit steps only; the
 * pad widths must be known from static sizes or from non-negative starts and negative/open ends).
 */
export const Slice: OpDef<SliceAttrs> = {
  type: 'Slice',
  infer(inputs, attrs, graph) {
    const x = need(inputs, 0, 'nn/ops/slice');
    const shape = [...x.shape];
    attrs.axes.forEach((a, k) => {
      shape[a] = slicedDim(x.shape[a]!, attrs.starts[k]!, attrs.ends[k]!, attrs.steps[k]!) ?? graph.freshDim();
    });
    return [{ dtype: x.dtype, shape }];
  },
  grad(gOut, node) {
    const x = node.inputs[0]!;
    const { starts, ends, axes, steps } = node.attrs;
    const before = x.shape.map(() => 0);
    const after = x.shape.map(() => 0);
    axes.forEach((a, k) => {
      const d = x.shape[a]!;
      const [s, e] = [starts[k]!, ends[k]!];
      if (steps[k] !== 1) throw new AutodiffError('nn/autodiff: Slice with a step other than 1 has no gradient rule');
      if (typeof d === 'number') {
        const norm = (v: number) => Math.min(Math.max(v < 0 ? v + d : v, 0), d);
        before[a] = norm(s);
        after[a] = d - Math.max(norm(e), norm(s));
      } else if (s >= 0 && (e >= SLICE_END || e < 0)) {
        before[a] = s;
        after[a] = e >= SLICE_END ? 0 : -e;
      } else {
        throw new AutodiffError(`nn/autodiff: Slice of symbolic axis ${a} with start ${s}, end ${e} has no static pad widths`);
      }
    });
    return [pad(gOut[0]!, before, after), null, null, null, null];
  },
};

interface PadAttrs {
  readonly before: readonly number[];
  readonly after: readonly number[];
  readonly value: number;
}

/** y = x with `before`/`after` constant padding per axis; dx = the un-padded window of g. */
export const Pad: OpDef<PadAttrs> = {
  type: 'Pad',
  infer(inputs, attrs, graph) {
    const x = need(inputs, 0, 'nn/ops/pad');
    const shape = x.shape.map((d, i) => {
      const p = attrs.before[i]! + attrs.after[i]!;
      if (p === 0) return d;
      return typeof d === 'number' ? d + p : graph.freshDim();
    });
    return [{ dtype: x.dtype, shape }];
  },
  attributes: () => ({ mode: attr.string('constant') }),
  grad(gOut, node) {
    const x = node.inputs[0]!;
    const { before, after } = node.attrs;
    const axes = x.shape.map((_, i) => i).filter((i) => before[i]! !== 0 || after[i]! !== 0);
    const starts = axes.map((i) => before[i]!);
    const ends = axes.map((i) => (after[i]! > 0 ? -after[i]! : SLICE_END));
    return [slice(gOut[0]!, starts, ends, axes), null, null];
  },
};

/** x[starts:ends:steps] along `axes` (static bounds; negative values count from the end). */
export function slice(x: Tensor, starts: readonly number[], ends: readonly number[], axes?: readonly number[], steps?: readonly number[]): Tensor {
  const ax = (axes ?? starts.map((_, i) => i)).map((a) => normalizeAxis(a, x.rank, 'nn/ops/slice'));
  const st = steps ?? ax.map(() => 1);
  if (starts.length !== ax.length || ends.length !== ax.length || st.length !== ax.length) {
    throw new ShapeError('nn/ops/slice: starts, ends, axes and steps must have the same length');
  }
  const g = x.graph;
  return g.apply(Slice, [x, g.ints(starts), g.ints(ends), g.ints(ax), g.ints(st)], { starts, ends, axes: ax, steps: st })[0]!;
}

/** x padded with `value` by before[i] / after[i] elements on axis i (non-negative widths). */
export function pad(x: Tensor, before: readonly number[], after: readonly number[], value = 0): Tensor {
  if (before.length !== x.rank || after.length !== x.rank || [...before, ...after].some((p) => p < 0 || !Number.isInteger(p))) {
    throw new ShapeError(`nn/ops/pad: need ${x.rank} non-negative integer widths before and after`);
  }
  if ([...before, ...after].every((p) => p === 0)) return x;
  const g = x.graph;
  return g.apply(Pad, [x, g.ints([...before, ...after]), g.scalar(value, x.dtype)], { before, after, value })[0]!;
}
