/**
 * Factories for elementwise ops: a unary op keeps its input's shape, a binary op broadcasts. The
 * gradient callbacks see the upstream gradient, the inputs and the output, and return gradients in
 * the output's (broadcast) shape; the engine sums them back to each input's shape.
 */
import type { Tensor } from '../graph/tensor.ts';
import type { GradRule, OpDef } from '../graph/op.ts';
import { broadcastInfo, likeInput, need, requireFloat, requireSameDType } from './infer.ts';

export type UnaryGrad = (g: Tensor, x: Tensor, y: Tensor) => Tensor | null;

export function unaryOp(type: string, grad: UnaryGrad | null, options: { floatOnly?: boolean } = {}): OpDef {
  const where = `nn/ops/${type}`;
  const rule: GradRule<object> | undefined =
    grad === null ? undefined : (gOut, node) => [grad(gOut[0]!, node.inputs[0]!, node.outputs[0]!)];
  return {
    type,
    infer(inputs) {
      const x = need(inputs, 0, where);
      if (options.floatOnly ?? true) requireFloat(x, where);
      return likeInput(x);
    },
    ...(rule ? { grad: rule } : {}),
  };
}

export type BinaryGrad = (
  g: Tensor,
  a: Tensor,
  b: Tensor,
  y: Tensor,
  needs: readonly boolean[],
) => readonly [Tensor | null, Tensor | null];

export function binaryOp(type: string, grad: BinaryGrad | null): OpDef {
  const where = `nn/ops/${type}`;
  const rule: GradRule<object> | undefined =
    grad === null
      ? undefined
      : (gOut, node, needs) => grad(gOut[0]!, node.inputs[0]!, node.inputs[1]!, node.outputs[0]!, needs);
  return {
    type,
    infer(inputs, _attrs, graph) {
      const a = need(inputs, 0, where);
      const b = need(inputs, 1, where);
      requireSameDType(a, b, where);
      return broadcastInfo([a, b], graph, where);
    },
    ...(rule ? { grad: rule } : {}),
  };
}
