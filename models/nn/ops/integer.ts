/**
 * Integer arithmetic for the in-graph hash that draws dropout masks (Mod, BitwiseXor). Integer values
 * carry no gradient, so these ops have no rules.
 */
import type { OpDef } from '../graph/op.ts';
import type { Tensor, TensorLike } from '../graph/tensor.ts';
import { type OnnxAttributes, attr } from '../graph/attributes.ts';
import { broadcastInfo, need, requireDType, requireSameDType } from './infer.ts';
import { operands } from './lift.ts';

function integerBinary(type: string): OpDef<{ readonly fmod?: number }> {
  const where = `nn/ops/${type}`;
  return {
    type,
    infer(inputs, _attrs, graph) {
      const a = need(inputs, 0, where);
      const b = need(inputs, 1, where);
      requireSameDType(a, b, where);
      requireDType(a, ['int64', 'int32'], where);
      return broadcastInfo([a, b], graph, where);
    },
    attributes: (attrs): OnnxAttributes => (attrs.fmod !== undefined ? { fmod: attr.int(attrs.fmod) } : {}),
  };
}

export const Mod = integerBinary('Mod');
export const BitwiseXor = integerBinary('BitwiseXor');

/** Integer remainder with the sign of the divisor (ONNX Mod, fmod = 0). */
export function mod(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands(a, b, 'nn/ops/mod');
  return x.graph.apply(Mod, [x, y], {})[0]!;
}

export function bitwiseXor(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands(a, b, 'nn/ops/bitwiseXor');
  return x.graph.apply(BitwiseXor, [x, y], {})[0]!;
}
