/**
 * Un-broadcasting: sums a gradient that has the shape of a broadcast result back to the shape of the
 * input that was broadcast. Rules never do this themselves; the engine applies it to every gradient.
 */
import { AutodiffError } from '../errors/autodiff-error.ts';
import { formatShape, shapesEqual } from '../graph/shape.ts';
import type { Tensor } from '../graph/tensor.ts';
import { equal, not } from '../ops/compare.ts';
import { concat } from '../ops/concat-split.ts';
import { nonZero } from '../ops/nonzero.ts';
import { reduceSum, reduceSumDynamic } from '../ops/reduce-sum.ts';
import { reshape, reshapeLike } from '../ops/reshape.ts';
import { shapeOf } from '../ops/shape.ts';
import { squeeze } from '../ops/squeeze.ts';

/**
 * g summed over the axes along which `like` was broadcast: the leading axes g has in excess, and the
 * axes where like has size 1 and g does not. When sizes are symbolic and differ (so the builder cannot
 * tell which side was broadcast) the axes are found at run time from the two shapes.
 */
export function sumToShape(g: Tensor, like: Tensor): Tensor {
  if (shapesEqual(g.shape, like.shape)) return g;
  const lead = g.rank - like.rank;
  if (lead < 0) throw new AutodiffError(`nn/autodiff: gradient ${formatShape(g.shape)} has lower rank than its input ${formatShape(like.shape)}`);
  const axes: number[] = [];
  for (let i = 0; i < lead; i++) axes.push(i);
  let dynamic = false;
  like.shape.forEach((d, j) => {
    const gd = g.shape[lead + j]!;
    if (gd === d) return;
    if (d === 1) axes.push(lead + j);
    else dynamic = true;
  });
  if (dynamic) return sumToShapeAtRunTime(g, like, lead);
  if (axes.length === 0) return g;
  const summed = reduceSum(g, axes, true);
  return lead > 0 ? squeeze(summed, axes.slice(0, lead)) : summed;
}

function sumToShapeAtRunTime(g: Tensor, like: Tensor, lead: number): Tensor {
  const likeShape = shapeOf(like);
  const padded = lead > 0 ? concat([g.graph.ints(new Array<number>(lead).fill(1)), likeShape], 0) : likeShape;
  const axes = reshape(nonZero(not(equal(shapeOf(g), padded))), [-1]);
  return reshapeLike(reduceSumDynamic(g, axes), like);
}
