import type { OpDef } from '../graph/op.ts';
import type { Tensor } from '../graph/tensor.ts';
import { attr } from '../graph/attributes.ts';
import { normalizeAxis } from '../graph/shape.ts';
import { add } from './add.ts';
import { likeInput, need, requireFloat, requireSameDType } from './infer.ts';
import { mul } from './mul.ts';
import { reduceMean } from './reduce-mean.ts';
import { sqrt } from './sqrt.ts';
import { reciprocal } from './reciprocal.ts';
import { sub } from './sub.ts';

interface LayerNormAttrs {
  /** First normalized axis; all axes from it to the last are normalized together. */
  readonly axis: number;
  readonly epsilon: number;
}

/**
 * y = (x - mean) / sqrt(var + eps) * scale + bias over axes [axis, rank). With xhat the normalized x,
 * r = 1/sqrt(var + eps) and gs = g * scale (means over the normalized axes):
 *   dx = r * (gs - mean(gs) - xhat * mean(gs * xhat)),  dscale = g * xhat,  dbias = g
 * (the engine sums dscale and dbias over the leading axes). Mean and r are recomputed in the backward
 * pass because ORT emits LayerNormalization's saved statistics only in float32.
 */
export const LayerNormalization: OpDef<LayerNormAttrs> = {
  type: 'LayerNormalization',
  infer(inputs) {
    const where = 'nn/ops/layerNorm';
    const x = need(inputs, 0, where);
    requireFloat(x, where);
    requireSameDType(x, need(inputs, 1, where), where);
    return likeInput(x);
  },
  attributes: (attrs) => ({ axis: attr.int(attrs.axis), epsilon: attr.float(attrs.epsilon) }),
  grad(gOut, node, needs) {
    const g = gOut[0]!;
    const [x, scale] = node.inputs as [Tensor, Tensor];
    const axes = x.shape.map((_, i) => i).filter((i) => i >= node.attrs.axis);
    const centered = sub(x, reduceMean(x, axes, true));
    const r = reciprocal(sqrt(add(reduceMean(mul(centered, centered), axes, true), node.attrs.epsilon)));
    const xhat = mul(centered, r);
    let dx: Tensor | null = null;
    if (needs[0]) {
      const gs = mul(g, scale);
      dx = mul(r, sub(sub(gs, reduceMean(gs, axes, true)), mul(xhat, reduceMean(mul(gs, xhat), axes, true))));
    }
    const dScale = needs[1] ? mul(g, xhat) : null;
    return node.inputs.length === 3 ? [dx, dScale, needs[2] ? g : null] : [dx, dScale];
  },
};

/** Layer normalization over axes [axis, rank); scale and bias have the normalized axes' shape. */
export function layerNorm(x: Tensor, scale: Tensor, bias: Tensor | null, axis = -1, epsilon = 1e-5): Tensor {
  const a = normalizeAxis(axis, x.rank, 'nn/ops/layerNorm');
  return x.graph.apply(LayerNormalization, bias ? [x, scale, bias] : [x, scale], { axis: a, epsilon })[0]!;
}
