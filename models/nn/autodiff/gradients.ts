/**
 * Reverse-mode differentiation over a built graph. The engine owns the shared concerns: the order
 * (nodes are recorded in topological order, so it walks them backwards), which inputs need a
 * gradient, summing every contribution to a value (never overwriting), and un-broadcasting each
 * gradient to its input's shape. Ops contribute only their local rule (OpDef.grad).
 */
import { AutodiffError } from '../errors/autodiff-error.ts';
import { isFloatDType } from '../onnx/dtype.ts';
import { formatShape } from '../graph/shape.ts';
import type { Tensor } from '../graph/tensor.ts';
import { accumulate } from './accumulate.ts';
import { sumToShape } from './sum-to-shape.ts';

export interface GradientsOptions {
  /** The gradient of the output (dL/dy); defaults to 1 for a scalar output. */
  readonly seed?: Tensor;
}

/**
 * d y / d wrt for each tensor in `wrt`, appended to y's graph as new nodes; null where y does not
 * depend on that tensor.
 */
export function gradients(y: Tensor, wrt: readonly Tensor[], options: GradientsOptions = {}): (Tensor | null)[] {
  const graph = y.graph;
  if (!isFloatDType(y.dtype)) throw new AutodiffError(`nn/autodiff: cannot differentiate ${y.name} of dtype ${y.dtype}`);
  if (!options.seed && y.rank !== 0) throw new AutodiffError(`nn/autodiff: ${y.name} has shape ${formatShape(y.shape)}; pass a seed gradient for non-scalar outputs`);
  for (const t of wrt) if (t.graph !== graph) throw new AutodiffError(`nn/autodiff: ${t.name} belongs to another graph`);
  const nodes = graph.nodes.slice();

  // Values that depend on some wrt tensor through float data.
  const dependent = new Set(wrt.filter((t) => isFloatDType(t.dtype)).map((t) => t.name));
  for (const node of nodes) {
    if (!node.inputs.some((t) => t !== null && dependent.has(t.name))) continue;
    for (const o of node.outputs) if (isFloatDType(o.dtype)) dependent.add(o.name);
  }

  const parts = new Map<string, Tensor[]>();
  const totals = new Map<string, Tensor | null>();
  const total = (t: Tensor): Tensor | null => {
    if (totals.has(t.name)) return totals.get(t.name)!;
    const list = parts.get(t.name);
    const value = list && list.length > 0 ? accumulate(list) : null;
    totals.set(t.name, value);
    return value;
  };
  const contribute = (t: Tensor, g: Tensor): void => {
    if (totals.has(t.name)) throw new AutodiffError(`nn/autodiff: gradient for ${t.name} arrived after it was summed (graph not in topological order)`);
    if (g.dtype !== t.dtype) throw new AutodiffError(`nn/autodiff: gradient ${g.name} (${g.dtype}) for ${t.name} (${t.dtype})`);
    const list = parts.get(t.name);
    if (list) list.push(g);
    else parts.set(t.name, [g]);
  };

  contribute(y, options.seed ?? graph.scalar(1, y.dtype));
  for (let k = nodes.length - 1; k >= 0; k--) {
    const node = nodes[k]!;
    const needs = node.inputs.map((t) => t !== null && dependent.has(t.name));
    if (!needs.some(Boolean)) continue;
    const gOut = node.outputs.map((o) => (parts.has(o.name) ? total(o) : null));
    if (gOut.every((g) => g === null)) continue;
    const rule = node.op.grad;
    if (!rule) throw new AutodiffError(`nn/autodiff: op ${node.op.type} (node ${node.name}) has no gradient rule`);
    const gIn = rule(gOut, node, needs);
    if (gIn.length !== node.inputs.length) {
      throw new AutodiffError(`nn/autodiff: rule for ${node.op.type} returned ${gIn.length} gradients for ${node.inputs.length} inputs`);
    }
    gIn.forEach((g, i) => {
      const input = node.inputs[i];
      if (g && input && needs[i]) contribute(input, sumToShape(g, input));
    });
  }
  return wrt.map((t) => total(t));
}
