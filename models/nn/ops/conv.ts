/**
 * Conv and ConvTranspose (2-D, NCHW) live together because each one's input gradient is the other,
 * and both share the weight-gradient formulation. ORT's ConvGrad is a training-only kernel missing
 * from onnxruntime-node, so the weight gradient is written with standard ops (see convWeightGrad).
 */
import type { OpDef } from '../graph/op.ts';
import type { Tensor } from '../graph/tensor.ts';
import { attr } from '../graph/attributes.ts';
import { AutodiffError } from '../errors/autodiff-error.ts';
import { ShapeError } from '../errors/shape-error.ts';
import { type Dim, formatShape } from '../graph/shape.ts';
import { need, requireFloat, requireRank, requireSameDType, windowOutput } from './infer.ts';
import { reduceSum } from './reduce-sum.ts';
import { slice } from './slice-pad.ts';
import { matmul } from './matmul.ts';
import { reshape } from './reshape.ts';
import { transpose } from './transpose.ts';

export interface ConvAttrs {
  readonly kernel: readonly [number, number];
  readonly strides: readonly [number, number];
  /** [top, left, bottom, right], the ONNX order. */
  readonly pads: readonly [number, number, number, number];
  readonly dilations: readonly [number, number];
  readonly group: number;
}

interface ConvTransposeAttrs extends ConvAttrs {
  readonly outputPadding: readonly [number, number];
}

function convAttributes(a: ConvAttrs) {
  return {
    kernel_shape: attr.ints(a.kernel),
    strides: attr.ints(a.strides),
    pads: attr.ints(a.pads),
    dilations: attr.ints(a.dilations),
    group: attr.int(a.group),
  };
}

function checkOperands(inputs: readonly (Tensor | null)[], where: string): [Tensor, Tensor, Tensor | null] {
  const x = need(inputs, 0, where);
  const w = need(inputs, 1, where);
  requireFloat(x, where);
  requireSameDType(x, w, where);
  requireRank(x, 4, where);
  requireRank(w, 4, where);
  return [x, w, inputs[2] ?? null];
}

/** Static spatial sizes, which the gradients need (output padding and kernel windows). */
function spatial(t: Tensor, where: string): [number, number] {
  const [h, w] = [t.shape[2], t.shape[3]];
  if (typeof h !== 'number' || typeof w !== 'number') throw new AutodiffError(`${where}: gradients need static spatial sizes, got ${formatShape(t.shape)}`);
  return [h, w];
}

/** How the weight gradient is formed; see convWeightGrad. */
export type WeightGradMethod = 'im2col-conv' | 'permuted-conv';

/**
 * The weight gradient of y = conv(x, W): dW[f, c, i, j] = sum over n, oh, ow of
 * g[n, f, oh, ow] * x[n, c, oh*s + i*d - pad, ow*s + j*d - pad]. Two formulations with standard ops
 * (bench/nn/conv-grad.ts times both on the benchmark CNN's layers; 'im2col-conv' measured 1.1-1.6x
 * faster on every layer, one thread, and is the default; slicing the kh kw windows out with strided
 * Slice ops measured 2-3x slower than either):
 * - 'im2col-conv': a depthwise convolution with one-hot kernels copies every window element into its
 *   own channel, [N, C, H, W] -> X [N, C kh kw, OH OW] (ordered c, i, j; padding, stride and dilation
 *   handled by the convolution), then one batched GEMM g [N, F, OH OW] @ X^T summed over the batch.
 * - 'permuted-conv': one convolution over permuted tensors: x as [C, N, H, W] (C images of N
 *   channels) convolved with g as [F, N, OH, OW] (F filters), stride d and dilation s swapped, giving
 *   [C, F, kh, kw] (input rows no window reaches are left out first), transposed to [F, C, kh, kw].
 */
export function convWeightGrad(x: Tensor, g: Tensor, a: ConvAttrs, method: WeightGradMethod = 'im2col-conv'): Tensor {
  if (a.group !== 1) throw new AutodiffError('nn/autodiff: Conv weight gradient supports group = 1 only');
  const [kh, kw] = a.kernel;
  const [h, w] = spatial(x, 'nn/autodiff (Conv)');
  const [oh, ow] = spatial(g, 'nn/autodiff (Conv)');
  if (method === 'permuted-conv') {
    const unused = [h, w].map((size, i) => size + a.pads[i]! + a.pads[i + 2]! - (a.strides[i]! * ([oh, ow][i]! - 1) + (a.kernel[i]! - 1) * a.dilations[i]! + 1));
    const padEnd = [0, 1].map((i) => Math.max(0, a.pads[i + 2]! - unused[i]!));
    const cut = [0, 1].map((i) => Math.max(0, unused[i]! - a.pads[i + 2]!));
    const source = cut.some((v) => v > 0) ? slice(x, [0, 0], [h - cut[0]!, w - cut[1]!], [2, 3]) : x;
    const r = conv(transpose(source, [1, 0, 2, 3]), transpose(g, [1, 0, 2, 3]), {
      strides: a.dilations,
      dilations: a.strides,
      pads: [a.pads[0], a.pads[1], padEnd[0]!, padEnd[1]!],
    });
    return transpose(r, [1, 0, 2, 3]);
  }
  const [f, c] = [g.shape[1], x.shape[1]];
  if (typeof f !== 'number' || typeof c !== 'number') throw new AutodiffError('nn/autodiff: Conv weight gradient needs static channel counts');
  const k = kh * kw;
  const eye = new (x.dtype === 'float64' ? Float64Array : Float32Array)(c * k * k);
  for (let ch = 0; ch < c; ch++) for (let t = 0; t < k; t++) eye[(ch * k + t) * k + t] = 1;
  const onehot = x.graph.constant(eye, x.dtype, [c * k, 1, kh, kw]);
  const cols = reshape(conv(x, onehot, { strides: a.strides, pads: a.pads, dilations: a.dilations, group: c }), [0, c * k, oh * ow]);
  const perImage = matmul(reshape(g, [0, f, oh * ow]), transpose(cols, [0, 2, 1]));
  return reshape(reduceSum(perImage, [0]), [f, c, kh, kw]);
}

/** y [N, F, OH, OW] = conv(x [N, C, H, W], W [F, C/group, kh, kw]) + B [F]. */
export const Conv: OpDef<ConvAttrs> = {
  type: 'Conv',
  infer(inputs, a, graph) {
    const where = 'nn/ops/conv';
    const [x, w, b] = checkOperands(inputs, where);
    const [c, f] = [x.shape[1]!, w.shape[0]!];
    if (typeof c === 'number' && typeof w.shape[1] === 'number' && w.shape[1] * a.group !== c) {
      throw new ShapeError(`${where}: ${formatShape(x.shape)} does not fit weights ${formatShape(w.shape)} with group ${a.group}`);
    }
    if (b) requireSameDType(x, b, where);
    const out: Dim[] = [0, 1].map((i) =>
      windowOutput(x.shape[2 + i]!, a.kernel[i]!, a.strides[i]!, a.pads[i]!, a.pads[i + 2]!, a.dilations[i]!, graph),
    );
    return [{ dtype: x.dtype, shape: [x.shape[0]!, f, ...out] }];
  },
  attributes: convAttributes,
  grad(gOut, node, needs) {
    const g = gOut[0]!;
    const [x, w] = node.inputs as [Tensor, Tensor];
    const a = node.attrs;
    let dx: Tensor | null = null;
    if (needs[0]) {
      const [h, wd] = spatial(x, 'nn/autodiff (Conv)');
      const [oh, ow] = spatial(g, 'nn/autodiff (Conv)');
      const rest = (size: number, out: number, i: number) =>
        size - (a.strides[i]! * (out - 1) + (a.kernel[i]! - 1) * a.dilations[i]! + 1 - a.pads[i]! - a.pads[i + 2]!);
      dx = convTranspose(g, w, { ...a, outputPadding: [rest(h, oh, 0), rest(wd, ow, 1)] });
    }
    const dw = needs[1] ? convWeightGrad(x, g, a) : null;
    const db = node.inputs[2] && needs[2] ? reduceSum(g, [0, 2, 3]) : null;
    return node.inputs[2] ? [dx, dw, db] : [dx, dw];
  },
};

/**
 * y [N, Cout, H', W'] = conv_transpose(x [N, Cin, H, W], W [Cin, Cout/group, kh, kw]) + B, with
 * H' = s (H - 1) + (kh - 1) d + 1 - pads + output_padding. dx = conv(g, W); dW is the conv weight
 * gradient with the roles of input and output swapped.
 */
export const ConvTranspose: OpDef<ConvTransposeAttrs> = {
  type: 'ConvTranspose',
  infer(inputs, a) {
    const where = 'nn/ops/convTranspose';
    const [x, w] = checkOperands(inputs, where);
    const outC = w.shape[1];
    const spatialOut = [0, 1].map((i) => {
      const d = x.shape[2 + i]!;
      if (typeof d !== 'number') return d;
      return a.strides[i]! * (d - 1) + (a.kernel[i]! - 1) * a.dilations[i]! + 1 - a.pads[i]! - a.pads[i + 2]! + a.outputPadding[i]!;
    });
    return [{ dtype: x.dtype, shape: [x.shape[0]!, typeof outC === 'number' ? outC * a.group : outC!, ...spatialOut] }];
  },
  attributes: (a) => ({ ...convAttributes(a), output_padding: attr.ints(a.outputPadding) }),
  grad(gOut, node, needs) {
    const g = gOut[0]!;
    const [x, w] = node.inputs as [Tensor, Tensor];
    const a = node.attrs;
    const conv2 = { kernel: a.kernel, strides: a.strides, pads: a.pads, dilations: a.dilations, group: a.group };
    const dx = needs[0] ? conv(g, w, conv2) : null;
    const dw = needs[1] ? convWeightGrad(g, x, conv2) : null;
    const db = node.inputs[2] && needs[2] ? reduceSum(g, [0, 2, 3]) : null;
    return node.inputs[2] ? [dx, dw, db] : [dx, dw];
  },
};

export interface ConvOptions {
  readonly strides?: readonly number[];
  readonly pads?: readonly number[];
  readonly dilations?: readonly number[];
  readonly group?: number;
}

function pair(v: readonly number[] | undefined, fallback: number): [number, number] {
  return [v?.[0] ?? fallback, v?.[1] ?? v?.[0] ?? fallback];
}

function resolve(w: Tensor, o: ConvOptions): ConvAttrs {
  const [kh, kw] = [w.shape[2], w.shape[3]];
  if (typeof kh !== 'number' || typeof kw !== 'number') throw new ShapeError('nn/ops/conv: the kernel size must be static');
  const p = o.pads ?? [0, 0, 0, 0];
  const pads: [number, number, number, number] = p.length === 2 ? [p[0]!, p[1]!, p[0]!, p[1]!] : [p[0]!, p[1]!, p[2]!, p[3]!];
  return { kernel: [kh, kw], strides: pair(o.strides, 1), pads, dilations: pair(o.dilations, 1), group: o.group ?? 1 };
}

/** 2-D convolution; pads are [top, left, bottom, right] or [vertical, horizontal]. */
export function conv(x: Tensor, w: Tensor, options: ConvOptions = {}, bias?: Tensor): Tensor {
  const attrs = resolve(w, options);
  return x.graph.apply(Conv, bias ? [x, w, bias] : [x, w], attrs)[0]!;
}

export function convTranspose(x: Tensor, w: Tensor, options: ConvOptions & { outputPadding?: readonly number[] } = {}, bias?: Tensor): Tensor {
  const attrs = { ...resolve(w, options), outputPadding: pair(options.outputPadding, 0) };
  return x.graph.apply(ConvTranspose, bias ? [x, w, bias] : [x, w], attrs)[0]!;
}
