import type { Tensor } from '../graph/tensor.ts';
import { unaryOp } from './define-elementwise.ts';

/** y = sign x in {-1, 0, 1}. Piecewise constant: its rule passes no gradient (zero almost everywhere). */
export const Sign = unaryOp('Sign', () => null, { floatOnly: false });

export function sign(x: Tensor): Tensor {
  return x.graph.apply(Sign, [x], {})[0]!;
}
