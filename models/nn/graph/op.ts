/**
 * The op contract. Each op file exports one `OpDef` and the functions users call. The def knows how to
 * infer its outputs' dtypes and shapes, how to write its ONNX attributes, and its gradient rule.
 */
import type { DType } from '../onnx/dtype.ts';
import type { OnnxAttributes } from './attributes.ts';
import type { Graph } from './graph.ts';
import type { Shape } from './shape.ts';
import type { Tensor } from './tensor.ts';

export interface OutputInfo {
  readonly dtype: DType;
  readonly shape: Shape;
}

/** One recorded node: an op applied to inputs (null = an omitted optional ONNX input). */
export interface NodeRecord<A extends object = object> {
  readonly id: number;
  readonly name: string;
  readonly op: OpDef<A>;
  readonly inputs: readonly (Tensor | null)[];
  readonly outputs: readonly Tensor[];
  readonly attrs: A;
}

/**
 * Gradient rule: given the gradients of the node's outputs (null for outputs that do not reach the
 * loss; at least one is non-null) and which inputs need a gradient, return exactly one entry per input:
 * a tensor shaped like the node's broadcast result (the engine sums it back to the input's shape) or
 * null for no gradient. Rules never accumulate or un-broadcast; the engine does.
 */
export type GradRule<A extends object> = (
  gOut: readonly (Tensor | null)[],
  node: NodeRecord<A>,
  needs: readonly boolean[],
) => readonly (Tensor | null)[];

export interface OpDef<A extends object = object> {
  /** ONNX op_type. */
  readonly type: string;
  /** ONNX domain; '' (the default) is ai.onnx. */
  readonly domain?: string;
  /** Output dtypes and shapes; throws ShapeError when the inputs do not fit. */
  infer(inputs: readonly (Tensor | null)[], attrs: A, graph: Graph): readonly OutputInfo[];
  /** The node's ONNX attributes. */
  attributes?(attrs: A): OnnxAttributes;
  /** Omitted for ops whose outputs carry no gradient (integer, boolean or shape results). */
  readonly grad?: GradRule<A>;
}
