/** Identity, and StopGradient: the same ONNX Identity node whose rule passes no gradient. */
import type { OpDef } from '../graph/op.ts';
import type { Tensor } from '../graph/tensor.ts';
import { likeInput, need } from './infer.ts';

export const Identity: OpDef = {
  type: 'Identity',
  infer: (inputs) => likeInput(need(inputs, 0, 'nn/ops/Identity')),
  grad: (gOut) => [gOut[0]!],
};

export const StopGradient: OpDef = {
  type: 'Identity',
  infer: (inputs) => likeInput(need(inputs, 0, 'nn/ops/stopGradient')),
  grad: () => [null],
};

export function identity(x: Tensor): Tensor {
  return x.graph.apply(Identity, [x], {})[0]!;
}

/** The value of x, treated as a constant by autodiff. */
export function stopGradient(x: Tensor): Tensor {
  return x.graph.apply(StopGradient, [x], {})[0]!;
}
