/** Shared checks and shape rules used by the ops' `infer` functions. */
import { ShapeError } from '../errors/shape-error.ts';
import { type DType, isFloatDType } from '../onnx/dtype.ts';
import type { Graph } from '../graph/graph.ts';
import type { OutputInfo } from '../graph/op.ts';
import { type Dim, type Shape, broadcastShapes, formatShape, normalizeAxis } from '../graph/shape.ts';
import type { Tensor } from '../graph/tensor.ts';

/** The i-th input, which the op requires. */
export function need(inputs: readonly (Tensor | null)[], i: number, where: string): Tensor {
  const t = inputs[i];
  if (!t) throw new ShapeError(`${where}: input ${i} is required`);
  return t;
}

export function requireFloat(t: Tensor, where: string): void {
  if (!isFloatDType(t.dtype)) throw new ShapeError(`${where}: ${t.name} must be float32 or float64, got ${t.dtype}`);
}

export function requireDType(t: Tensor, dtypes: readonly DType[], where: string): void {
  if (!dtypes.includes(t.dtype)) throw new ShapeError(`${where}: ${t.name} must be ${dtypes.join(' or ')}, got ${t.dtype}`);
}

export function requireSameDType(a: Tensor, b: Tensor, where: string): void {
  if (a.dtype !== b.dtype) throw new ShapeError(`${where}: dtypes differ (${a.name}: ${a.dtype}, ${b.name}: ${b.dtype})`);
}

export function requireRank(t: Tensor, rank: number, where: string): void {
  if (t.rank !== rank) throw new ShapeError(`${where}: ${t.name} must have rank ${rank}, got ${formatShape(t.shape)}`);
}

/** Output = the same dtype and shape as the input. */
export function likeInput(t: Tensor): OutputInfo[] {
  return [{ dtype: t.dtype, shape: t.shape }];
}

/** Output of a broadcasting elementwise op over all given inputs. */
export function broadcastInfo(ts: readonly Tensor[], graph: Graph, where: string, dtype?: DType): OutputInfo[] {
  let shape: Shape = [];
  for (const t of ts) shape = broadcastShapes(shape, t.shape, () => graph.freshDim(), where);
  return [{ dtype: dtype ?? ts[0]!.dtype, shape }];
}

/** Sorted, normalized, duplicate-free axes. */
export function normalizeAxes(axes: readonly number[], rank: number, where: string): number[] {
  const out = [...new Set(axes.map((a) => normalizeAxis(a, rank, where)))].sort((a, b) => a - b);
  if (out.length !== axes.length) throw new ShapeError(`${where}: repeated axis in [${axes.join(', ')}]`);
  return out;
}

/** Shape after reducing `axes` (sorted, normalized). */
export function reducedShape(shape: Shape, axes: readonly number[], keepdims: boolean): Dim[] {
  const out: Dim[] = [];
  shape.forEach((d, i) => {
    if (!axes.includes(i)) out.push(d);
    else if (keepdims) out.push(1);
  });
  return out;
}

/** Spatial output size of a convolution or pooling window along one axis, or a fresh symbol when unknown. */
export function windowOutput(
  size: Dim,
  kernel: number,
  stride: number,
  padBegin: number,
  padEnd: number,
  dilation: number,
  graph: Graph,
  ceil = false,
): Dim {
  if (typeof size !== 'number') return graph.freshDim();
  const span = (kernel - 1) * dilation + 1;
  const q = (size + padBegin + padEnd - span) / stride;
  const out = (ceil ? Math.ceil(q) : Math.floor(q)) + 1;
  if (out <= 0) throw new ShapeError(`nn/ops: window of ${span} with padding ${padBegin}+${padEnd} does not fit size ${size}`);
  return out;
}
