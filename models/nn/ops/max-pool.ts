import type { OpDef } from '../graph/op.ts';
import type { Tensor } from '../graph/tensor.ts';
import { attr } from '../graph/attributes.ts';
import { AutodiffError } from '../errors/autodiff-error.ts';
import { dimProduct } from '../graph/shape.ts';
import { fill } from './constant-of-shape.ts';
import { need, requireFloat, requireRank, windowOutput } from './infer.ts';
import { scatterElements } from './gather-scatter-elements.ts';
import { reshape, reshapeLike } from './reshape.ts';
import { sizeOf } from './shape.ts';

export interface PoolAttrs {
  readonly kernel: readonly [number, number];
  readonly strides: readonly [number, number];
  readonly pads: readonly [number, number, number, number];
  readonly ceilMode: boolean;
}

interface MaxPoolAttrs extends PoolAttrs {
  /** Also output Indices (needed by the gradient; training graphs only, as it costs a slower kernel). */
  readonly withIndices: boolean;
}

export function poolShape(x: Tensor, a: PoolAttrs, graph: Tensor['graph']) {
  return [0, 1].map((i) => windowOutput(x.shape[2 + i]!, a.kernel[i]!, a.strides[i]!, a.pads[i]!, a.pads[i + 2]!, 1, graph, a.ceilMode));
}

export function poolAttributes(a: PoolAttrs) {
  return {
    kernel_shape: attr.ints(a.kernel),
    strides: attr.ints(a.strides),
    pads: attr.ints(a.pads),
    ceil_mode: attr.int(a.ceilMode ? 1 : 0),
  };
}

/**
 * 2-D max pooling over NCHW. In training graphs the node also outputs Indices (flat positions in x of
 * each maximum, over the whole tensor), and the gradient scatters g to those positions:
 * dx = scatter_add(zeros, idx, g).
 */
export const MaxPool: OpDef<MaxPoolAttrs> = {
  type: 'MaxPool',
  infer(inputs, a, graph) {
    const x = need(inputs, 0, 'nn/ops/maxPool');
    requireFloat(x, 'nn/ops/maxPool');
    requireRank(x, 4, 'nn/ops/maxPool');
    const shape = [x.shape[0]!, x.shape[1]!, ...poolShape(x, a, graph)];
    return a.withIndices
      ? [
          { dtype: x.dtype, shape },
          { dtype: 'int64', shape },
        ]
      : [{ dtype: x.dtype, shape }];
  },
  attributes: poolAttributes,
  grad(gOut, node) {
    const x = node.inputs[0]!;
    const indices = node.outputs[1];
    if (!indices) throw new AutodiffError('nn/autodiff: MaxPool built in a graph with training = false has no Indices output to differentiate');
    const flatZeros = fill(reshape(sizeOf(x), [1]), [dimProduct(x.shape)], 0, x.dtype);
    const flat = scatterElements(flatZeros, reshape(indices, [-1]), reshape(gOut[0]!, [-1]), 0, 'add');
    return [reshapeLike(flat, x)];
  },
};

export interface PoolOptions {
  readonly strides?: readonly number[];
  /** [top, left, bottom, right] or [vertical, horizontal]. */
  readonly pads?: readonly number[];
  readonly ceilMode?: boolean;
}

export function poolAttrs(kernel: readonly number[], o: PoolOptions): PoolAttrs {
  const k: [number, number] = [kernel[0]!, kernel[1] ?? kernel[0]!];
  const s: [number, number] = [o.strides?.[0] ?? k[0], o.strides?.[1] ?? o.strides?.[0] ?? k[1]];
  const p = o.pads ?? [0, 0, 0, 0];
  const pads: [number, number, number, number] = p.length === 2 ? [p[0]!, p[1]!, p[0]!, p[1]!] : [p[0]!, p[1]!, p[2]!, p[3]!];
  return { kernel: k, strides: s, pads, ceilMode: o.ceilMode ?? false };
}

/** Max pooling with a kh x kw window (stride defaults to the window). */
export function maxPool(x: Tensor, kernel: readonly number[], options: PoolOptions = {}): Tensor {
  return x.graph.apply(MaxPool, [x], { ...poolAttrs(kernel, options), withIndices: x.graph.training })[0]!;
}
