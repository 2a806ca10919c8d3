import type { OpDef } from '../graph/op.ts';
import type { Tensor } from '../graph/tensor.ts';
import { attr } from '../graph/attributes.ts';
import { AutodiffError } from '../errors/autodiff-error.ts';
import { convTranspose } from './conv.ts';
import { need, requireFloat, requireRank } from './infer.ts';
import { type PoolAttrs, type PoolOptions, poolAttributes, poolAttrs, poolShape } from './max-pool.ts';
import { reshape, reshapeLike } from './reshape.ts';

interface AveragePoolAttrs extends PoolAttrs {
  readonly countIncludePad: boolean;
}

/**
 * 2-D average pooling over NCHW. dx spreads each g / (kh kw) over its window: a ConvTranspose of g
 * viewed as [N*C, 1, OH, OW] with a constant 1/(kh kw) kernel. Exact when every window divides by
 * kh kw, i.e. without padding or with count_include_pad.
 */
export const AveragePool: OpDef<AveragePoolAttrs> = {
  type: 'AveragePool',
  infer(inputs, a, graph) {
    const x = need(inputs, 0, 'nn/ops/averagePool');
    requireFloat(x, 'nn/ops/averagePool');
    requireRank(x, 4, 'nn/ops/averagePool');
    return [{ dtype: x.dtype, shape: [x.shape[0]!, x.shape[1]!, ...poolShape(x, a, graph)] }];
  },
  attributes: (a) => ({ ...poolAttributes(a), count_include_pad: attr.int(a.countIncludePad ? 1 : 0) }),
  grad(gOut, node) {
    const x = node.inputs[0]!;
    const a = node.attrs;
    const padded = a.pads.some((p) => p !== 0);
    if ((padded && !a.countIncludePad) || a.ceilMode) {
      throw new AutodiffError('nn/autodiff: AveragePool gradient needs no padding (or count_include_pad) and no ceil_mode');
    }
    const [h, w, oh, ow] = [x.shape[2], x.shape[3], node.outputs[0]!.shape[2], node.outputs[0]!.shape[3]];
    if (typeof h !== 'number' || typeof w !== 'number' || typeof oh !== 'number' || typeof ow !== 'number') {
      throw new AutodiffError('nn/autodiff: AveragePool gradient needs static spatial sizes');
    }
    const [kh, kw] = a.kernel;
    const kernel = x.graph.constant(new (x.dtype === 'float64' ? Float64Array : Float32Array)(kh * kw).fill(1 / (kh * kw)), x.dtype, [1, 1, kh, kw]);
    const rest = (size: number, out: number, i: number) => size - (a.strides[i]! * (out - 1) + a.kernel[i]! - a.pads[i]! - a.pads[i + 2]!);
    const g = reshape(gOut[0]!, [-1, 1, oh, ow]);
    const dx = convTranspose(g, kernel, { strides: a.strides, pads: a.pads, outputPadding: [rest(h, oh, 0), rest(w, ow, 1)] });
    return [reshapeLike(dx, x)];
  },
};

/** Average pooling with a kh x kw window (stride defaults to the window). */
export function averagePool(x: Tensor, kernel: readonly number[], options: PoolOptions & { countIncludePad?: boolean } = {}): Tensor {
  const attrs = { ...poolAttrs(kernel, options), countIncludePad: options.countIncludePad ?? false };
  return x.graph.apply(AveragePool, [x], attrs)[0]!;
}
