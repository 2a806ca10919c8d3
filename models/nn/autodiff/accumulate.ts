/**
 * Summing the gradient contributions of one value. Plain contributions are added (one Sum node for
 * three or more). A contribution that is a scatter-add into fresh zeros (the gradient of a Gather,
 * e.g. a node read by several edges) is folded into the sum: ScatterND(zeros, i, u) + r is rewritten
 * as ScatterND(r, i, u), which saves a zero fill and a full addition pass; the unused scatter node
 * is dropped when the graph is written.
 */
import { shapesEqual } from '../graph/shape.ts';
import type { Tensor } from '../graph/tensor.ts';
import { ConstantOfShape } from '../ops/constant-of-shape.ts';
import { ScatterND, scatterND } from '../ops/gather-scatter.ts';
import { sum } from '../ops/sum.ts';

interface ZeroScatter {
  readonly indices: Tensor;
  readonly updates: Tensor;
}

function asZeroScatter(t: Tensor): ZeroScatter | null {
  const node = t.graph.producer(t);
  if (!node || node.op !== ScatterND || (node.attrs as { reduction: string }).reduction !== 'add') return null;
  const base = node.inputs[0]!;
  const fill = t.graph.producer(base);
  if (!fill || fill.op !== ConstantOfShape || (fill.attrs as { value: number }).value !== 0) return null;
  return { indices: node.inputs[1]!, updates: node.inputs[2]! };
}

export function accumulate(parts: readonly Tensor[]): Tensor {
  if (parts.length === 1) return parts[0]!;
  const first = parts[0]!;
  if (!parts.every((p) => shapesEqual(p.shape, first.shape) && p.dtype === first.dtype)) return sum(parts);
  const scatters: ZeroScatter[] = [];
  const plain: Tensor[] = [];
  for (const p of parts) {
    const z = asZeroScatter(p);
    if (z) scatters.push(z);
    else plain.push(p);
  }
  if (scatters.length === 0) return sum(plain);
  let acc = plain.length > 0 ? sum(plain) : parts.find((p) => asZeroScatter(p))!;
  const pending = plain.length > 0 ? scatters : scatters.slice(1);
  for (const s of pending) acc = scatterND(acc, s.indices, s.updates, 'add');
  return acc;
}
