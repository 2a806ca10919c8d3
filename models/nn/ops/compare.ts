/**
 * Comparisons and boolean logic. They share one definition because they share everything that matters
 * here: boolean outputs and no gradient (so they stop autodiff without a rule).
 */
import type { OpDef } from '../graph/op.ts';
import type { Tensor, TensorLike } from '../graph/tensor.ts';
import { broadcastInfo, need, requireDType, requireSameDType } from './infer.ts';
import { operands } from './lift.ts';

function comparison(type: string, boolInputs = false): OpDef {
  const where = `nn/ops/${type}`;
  return {
    type,
    infer(inputs, _attrs, graph) {
      const ts = inputs.map((_, i) => need(inputs, i, where));
      if (ts.length === 2) requireSameDType(ts[0]!, ts[1]!, where);
      if (boolInputs) ts.forEach((t) => requireDType(t, ['bool'], where));
      return broadcastInfo(ts, graph, where, 'bool');
    },
  };
}

export const Equal = comparison('Equal');
export const Greater = comparison('Greater');
export const GreaterOrEqual = comparison('GreaterOrEqual');
export const Less = comparison('Less');
export const LessOrEqual = comparison('LessOrEqual');
export const And = comparison('And', true);
export const Or = comparison('Or', true);
export const Not = comparison('Not', true);

function compare(op: OpDef, a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands(a, b, `nn/ops/${op.type}`);
  return x.graph.apply(op, [x, y], {})[0]!;
}

export const equal = (a: TensorLike, b: TensorLike): Tensor => compare(Equal, a, b);
export const greater = (a: TensorLike, b: TensorLike): Tensor => compare(Greater, a, b);
export const greaterOrEqual = (a: TensorLike, b: TensorLike): Tensor => compare(GreaterOrEqual, a, b);
export const less = (a: TensorLike, b: TensorLike): Tensor => compare(Less, a, b);
export const lessOrEqual = (a: TensorLike, b: TensorLike): Tensor => compare(LessOrEqual, a, b);
export const and = (a: Tensor, b: Tensor): Tensor => a.graph.apply(And, [a, b], {})[0]!;
export const or = (a: Tensor, b: Tensor): Tensor => a.graph.apply(Or, [a, b], {})[0]!;
export const not = (a: Tensor): Tensor => a.graph.apply(Not, [a], {})[0]!;
