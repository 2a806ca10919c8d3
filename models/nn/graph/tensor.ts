import type { DType } from '../onnx/dtype.ts';
import type { Graph } from './graph.ts';
import { formatShape, type Shape } from './shape.ts';

/**
 * A symbolic tensor: one named value of one graph, with its element type and (partly symbolic)
 * shape. Tensors are immutable handles; ops create new ones through `graph.apply`.
 */
export class Tensor {
  constructor(
    readonly graph: Graph,
    readonly name: string,
    readonly dtype: DType,
    readonly shape: Shape,
  ) {}

  get rank(): number {
    return this.shape.length;
  }

  toString(): string {
    return `Tensor(${this.name}: ${this.dtype}${formatShape(this.shape)})`;
  }
}

/** A tensor or a plain number, which ops lift to a scalar constant of the other operand's dtype. */
export type TensorLike = Tensor | number;
