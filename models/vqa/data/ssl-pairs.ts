/**
 * The extra inputs of the SSL losses for a batch of view pairs (A, B):
 * - node level: pairs of matched object rows (views/match-nodes.ts, IoU in the image frame), plus every
 *   graph's scene-node pair (always a true correspondence), so there are always at least B >= 2 pairs;
 * - equivariant level: each graph's node rows (objects, then its scene node) padded to the batch's
 *   largest graph, with a mask.
 * Row numbers follow features/graph-inputs.ts (objects first, scene node of graph b at row N + b).
 */
import type { GraphInputs } from '../features/graph-inputs.ts';
import { matchGraphNodes } from '../views/match-nodes.ts';
import type { ViewedGraph } from './graph-source.ts';

export interface SslPairFeeds {
  match_a: { data: BigInt64Array; dims: number[] };
  match_b: { data: BigInt64Array; dims: number[] };
  pad_a: { data: BigInt64Array; dims: number[] };
  mask_a: { data: Float32Array; dims: number[] };
  pad_b: { data: BigInt64Array; dims: number[] };
  mask_b: { data: Float32Array; dims: number[] };
  /** Matched object pairs (scene pairs not counted). */
  matchedObjects: number;
}

function padded(inputs: GraphInputs): { pad: { data: BigInt64Array; dims: number[] }; mask: { data: Float32Array; dims: number[] } } {
  const B = inputs.graphCount;
  let M = 1;
  for (let b = 0; b < B; b++) M = Math.max(M, (inputs.objectOffsets[b + 1] as number) - (inputs.objectOffsets[b] as number) + 1);
  const pad = new BigInt64Array(B * M);
  const mask = new Float32Array(B * M);
  for (let b = 0; b < B; b++) {
    const start = inputs.objectOffsets[b] as number;
    const count = (inputs.objectOffsets[b + 1] as number) - start;
    for (let k = 0; k < count; k++) {
      pad[b * M + k] = BigInt(start + k);
      mask[b * M + k] = 1;
    }
    pad[b * M + count] = BigInt(inputs.objectCount + b);
    mask[b * M + count] = 1;
  }
  return { pad: { data: pad, dims: [B, M] }, mask: { data: mask, dims: [B, M] } };
}

export function sslPairFeeds(a: GraphInputs, b: GraphInputs, views: readonly (readonly [ViewedGraph, ViewedGraph])[], iouThreshold = 0.5): SslPairFeeds {
  const rowsA: number[] = [];
  const rowsB: number[] = [];
  views.forEach(([va, vb], g) => {
    for (const [i, j] of matchGraphNodes(va.graph, va.transform, vb.graph, vb.transform, iouThreshold)) {
      rowsA.push((a.objectOffsets[g] as number) + i);
      rowsB.push((b.objectOffsets[g] as number) + j);
    }
  });
  const matchedObjects = rowsA.length;
  for (let g = 0; g < views.length; g++) {
    rowsA.push(a.objectCount + g);
    rowsB.push(b.objectCount + g);
  }
  const pa = padded(a);
  const pb = padded(b);
  const ints = (rows: number[]) => ({ data: BigInt64Array.from(rows, (r) => BigInt(r)), dims: [rows.length] });
  return { match_a: ints(rowsA), match_b: ints(rowsB), pad_a: pa.pad, mask_a: pa.mask, pad_b: pb.pad, mask_b: pb.mask, matchedObjects };
}
