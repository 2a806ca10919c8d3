import type { Tensor } from '../graph/tensor.ts';
import { unaryOp } from './define-elementwise.ts';
import { div } from './div.ts';

/** y = ln x; dx = g / x. */
export const Log = unaryOp('Log', (g, x) => div(g, x));

export function log(x: Tensor): Tensor {
  return x.graph.apply(Log, [x], {})[0]!;
}
