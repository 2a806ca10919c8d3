/** Reshape, with static target shapes (0 = keep, -1 = infer) or a run-time int64 shape tensor. */
import type { OpDef } from '../graph/op.ts';
import type { Tensor } from '../graph/tensor.ts';
import { ShapeError } from '../errors/shape-error.ts';
import { type Dim, type Shape, dimProduct, dimQuotient, formatShape, shapesEqual } from '../graph/shape.ts';
import { need, requireDType } from './infer.ts';
import { shapeOf } from './shape.ts';

interface ReshapeAttrs {
  /** The output's symbolic shape, worked out by the functions below. */
  readonly outShape: Shape;
}

/** y = x viewed with a new shape; dx = g viewed with x's shape. */
export const Reshape: OpDef<ReshapeAttrs> = {
  type: 'Reshape',
  infer(inputs, attrs) {
    const x = need(inputs, 0, 'nn/ops/reshape');
    requireDType(need(inputs, 1, 'nn/ops/reshape'), ['int64'], 'nn/ops/reshape');
    return [{ dtype: x.dtype, shape: attrs.outShape }];
  },
  grad: (gOut, node) => [reshapeLike(gOut[0]!, node.inputs[0]!), null],
};

/** The shape a static reshape target gives (ONNX rules: 0 copies the input dim, one -1 is inferred). */
export function reshapedShape(input: Shape, target: readonly number[], fresh: () => string): Dim[] {
  const where = 'nn/ops/reshape';
  if (target.filter((d) => d === -1).length > 1) throw new ShapeError(`${where}: more than one -1 in [${target.join(', ')}]`);
  const dims: Dim[] = target.map((d, i) => {
    if (d === 0) {
      const copied = input[i];
      if (copied === undefined) throw new ShapeError(`${where}: 0 at axis ${i} but input is ${formatShape(input)}`);
      return copied;
    }
    if (d < -1 || !Number.isInteger(d)) throw new ShapeError(`${where}: bad target dim ${d}`);
    return d;
  });
  const free = dims.indexOf(-1);
  const known = dims.filter((_, i) => i !== free);
  if (free >= 0) dims[free] = dimQuotient(input, known) ?? fresh();
  else {
    const a = dimProduct(input);
    const b = dimProduct(dims);
    if (typeof a === 'number' && typeof b === 'number' && a !== b) {
      throw new ShapeError(`${where}: cannot view ${formatShape(input)} as ${formatShape(dims)}`);
    }
  }
  return dims;
}

/** x viewed as `target` (0 keeps an input dim, -1 infers one). */
export function reshape(x: Tensor, target: readonly number[]): Tensor {
  const outShape = reshapedShape(x.shape, target, () => x.graph.freshDim());
  if (shapesEqual(outShape, x.shape)) return x;
  return x.graph.apply(Reshape, [x, x.graph.ints(target)], { outShape })[0]!;
}

/** x viewed with the run-time shape `shape` (int64 1-D) whose symbolic value is `outShape`. */
export function reshapeTo(x: Tensor, shape: Tensor, outShape: Shape): Tensor {
  return x.graph.apply(Reshape, [x, shape], { outShape })[0]!;
}

/** x viewed with the shape of `like`. */
export function reshapeLike(x: Tensor, like: Tensor): Tensor {
  if (shapesEqual(x.shape, like.shape)) return x;
  return reshapeTo(x, shapeOf(like), like.shape);
}
